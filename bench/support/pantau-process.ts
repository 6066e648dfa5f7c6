// Pantau as a child process (`node --import tsx server/main.ts`), as in production: the
// benchmark's load generator and clients never share its event loop, and its CPU time is
// read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const INGEST_KEY = 'bench-ingest-key-0001';
export const OPERATOR_TOKEN = 'bench-operator-token';
export const EXECUTIVE_TOKEN = 'bench-executive-token';
export const DISPLAY_TOKEN = 'bench-display-token';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface PantauProcess {
  url: string;
  pid: number;
  /** User + system CPU time the process has used so far, in ms. */
  cpuMs(): number;
  /** Its last few thousand characters of output (pino JSON lines). */
  output(): string;
  stop(): Promise<void>;
}

export interface PantauProcessOptions {
  redisUrl: string;
  keyPrefix: string;
  port?: number;
  batchMs?: number;
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof'] to profile the server under a benchmark's load. */
  nodeArgs?: string[];
}

export function pantauEnv(o: PantauProcessOptions): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(o.port ?? 0),
    HOST: '127.0.0.1',
    REDIS_URL: o.redisUrl,
    PANTAU_KEY_PREFIX: o.keyPrefix,
    PANTAU_INGEST_KEYS: `bench:${INGEST_KEY}`,
    PANTAU_OPERATOR_TOKEN: OPERATOR_TOKEN,
    PANTAU_EXECUTIVE_TOKEN: EXECUTIVE_TOKEN,
    PANTAU_DISPLAY_TOKEN: DISPLAY_TOKEN,
    PANTAU_DEMO: 'off',
    // No daily report printed at start: a browser would share the machine with what is measured.
    PANTAU_REPORTS: 'off',
    PANTAU_BATCH_MS: String(o.batchMs ?? 200),
    // Info at least: the start is recognised by the "pantau listening" line.
    LOG_LEVEL: 'info',
    // The per-key limit stays in the path (its Redis round trip counts) but never bites here.
    PANTAU_INGEST_RATE_PER_MIN: '1000000',
    // A bench's crowd of screens connects from this one address.
    PANTAU_HANDSHAKES_PER_MIN: '1000000',
    ...o.env,
  };
}

/** Starts server/main.ts and resolves once it logs "pantau listening" (with its URL). */
export async function startPantauProcess(o: PantauProcessOptions): Promise<PantauProcess> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: pantauEnv(o),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the bench or test that started it (an interrupted run would leave it serving).
  const killOnExit = (): void => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  // The last output lines, so a server that dies mid-benchmark says why.
  let tail = '';
  const keep = (d: Buffer): void => { tail = (tail + d.toString()).slice(-4000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`pantau (pid ${child.pid}) exited unexpectedly (${code ?? signal}); its last output:\n${tail}\n`);
  });
  let url: string;
  try {
    url = await listeningUrl(child);
  } catch (err) {
    stopping = true;
    await stopChild(child);
    throw err;
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    cpuMs() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based).
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    output: () => tail,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

export function listeningUrl(child: ChildProcess, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`pantau did not start within ${timeoutMs} ms: ${err.slice(-500)}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      for (;;) {
        const nl = out.indexOf('\n');
        if (nl < 0) break;
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (!line.includes('pantau listening')) continue;
        try {
          const parsed = JSON.parse(line) as { url?: unknown };
          if (typeof parsed.url === 'string') {
            clearTimeout(timer);
            resolve(parsed.url);
          }
        } catch {
          // Not a log line of ours: keep reading.
        }
      }
    });
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pantau exited with ${code} before listening: ${err.slice(-500)}`));
    });
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}
