// Ships an Asterisk queue_log to Pantau, following it like `tail -F`:
//
//   node --import tsx server/cli/follow-queue-log.ts --file /var/log/asterisk/queue_log \
//     --url https://pantau.example.go.id --key-file /etc/pantau/pbx-112.key [--state FILE] [--from-start]
//
// Run it next to the PBX (systemd, restart=always). It remembers how far it got in --state,
// (default: follow-queue-log.<file name>.state.json in the working directory), so a restart resumes there; without a state it starts at the end of the file unless
// --from-start. Lines rotated away while it was not running are not recovered.
// --key works too, but a key on the command line is visible to every user in `ps`.
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '../log.ts';
import { FollowFatalError, followQueueLog, type FollowDeps, type FollowFs } from '../adapters/queue-log-follower.ts';

/** The follower's file system on node:fs (bigint stats: inodes can pass 2^53). */
export const nodeFollowFs: FollowFs = {
  async open(path) {
    const h = await open(path, 'r');
    return {
      async stat() {
        const st = await h.stat({ bigint: true });
        return { dev: String(st.dev), ino: String(st.ino), size: Number(st.size) };
      },
      async read(buf, position) {
        return (await h.read(buf, 0, buf.length, position)).bytesRead;
      },
      close: () => h.close(),
    };
  },
  async stat(path) {
    const st = await stat(path, { bigint: true });
    return { dev: String(st.dev), ino: String(st.ino), size: Number(st.size) };
  },
  readText: (path) => readFile(path, 'utf8'),
  async writeTextAtomic(path, text) {
    const tmp = `${path}.tmp`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  },
};

const USAGE = 'usage: follow-queue-log --file <queue_log> --url <pantau base url> (--key <key> | --key-file <path>) [--state <path>] [--from-start]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        file: { type: 'string' },
        url: { type: 'string' },
        key: { type: 'string' },
        'key-file': { type: 'string' },
        state: { type: 'string' },
        'from-start': { type: 'boolean', default: false },
        'batch-lines': { type: 'string' },
        'batch-ms': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const { file, url } = values;
  const keyFile = values['key-file'];
  const key = values.key ?? (keyFile === undefined ? undefined : (await readFile(keyFile, 'utf8')).trim());
  if (file === undefined || url === undefined || key === undefined || key === '') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!/^https?:\/\//.test(url)) {
    process.stderr.write(`--url must start with http:// or https://\n${USAGE}\n`);
    return 2;
  }
  const positive = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
    return n;
  };

  const log = createLogger('info').child({ mod: 'follow-queue-log' });
  const ctrl = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => ctrl.abort());
  const deps: FollowDeps = {
    fs: nodeFollowFs,
    fetch: (target, init) => fetch(target, { ...init, signal: AbortSignal.any([ctrl.signal, AbortSignal.timeout(30_000)]) }),
    sleep: async (ms, signal) => {
      await delay(ms, undefined, { signal }).catch(() => undefined);
    },
    now: () => Date.now(),
    log: (level, fields) => log[level](fields),
  };
  try {
    log.info({ file, url, fromStart: values['from-start'] }, 'following');
    await followQueueLog(
      {
        file,
        url,
        key,
        statePath: values.state ?? `follow-queue-log.${basename(file)}.state.json`,
        fromStart: values['from-start'],
        batchLines: positive('batch-lines', values['batch-lines'], 500),
        batchMs: positive('batch-ms', values['batch-ms'], 1000),
      },
      deps,
      ctrl.signal,
    );
    log.info('stopped');
    return 0;
  } catch (err) {
    if (err instanceof FollowFatalError) {
      log.error({ status: err.status, err: err.message }, 'server refused; not retrying');
      return 1;
    }
    throw err;
  }
}

// Run only as a program, so tests can import nodeFollowFs.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
