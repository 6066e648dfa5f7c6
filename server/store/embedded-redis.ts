// Starts Pantau's own redis-server when REDIS_URL is unset: a free local port, AOF on, files
// under PANTAU_DATA_DIR, stopped on exit. A pid file lets the next start stop an instance a
// crashed server left behind, so the data directory is never shared by two servers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Logger } from '../log.ts';
import { repairAofTail } from './aof-tail.ts';

export class RedisServerMissingError extends Error {
  override name = 'RedisServerMissingError';
  readonly code = 'REDIS_SERVER_MISSING';
  constructor() {
    super(
      'redis-server was not found on PATH. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) ' +
        'or set REDIS_URL to an existing Redis.',
    );
  }
}

export interface EmbeddedRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, which makes Redis flush its AOF) and waits for it to exit. */
  stop(): Promise<void>;
  process: ChildProcess;
}

export interface EmbeddedRedisOptions {
  dataDir: string;
  appendfsync: 'everysec' | 'always';
  log: Logger;
  port?: number;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function stopLeftover(pidFile: string, log: Logger): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cmd: string;
  let ppid: number;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return; // Not running any more: nothing to stop.
  }
  if (!cmd.includes('redis-server')) return;
  // A live Node parent means a Pantau server is using this data directory; an orphan (parent
  // init or a container's subreaper) was left by a server that died.
  let parentCmd = '';
  try {
    parentCmd = ppid > 1 ? readFileSync(`/proc/${ppid}/cmdline`, 'utf8') : '';
  } catch {
    parentCmd = '';
  }
  if (ppid !== process.pid && /(^|\/)node\u0000/.test(parentCmd)) {
    throw new Error(`the data directory is in use by a running redis-server (pid ${pid}, parent ${ppid}); stop that server or set REDIS_URL`);
  }
  process.kill(pid, 'SIGTERM');
  log.warn({ mod: 'redis', pid }, 'stopped a redis-server left running by an earlier start');
}

export async function startEmbeddedRedis(opts: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new RedisServerMissingError();
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const pidFile = resolve(dir, 'redis.pid');
  stopLeftover(pidFile, opts.log);
  // Redis 7.0 would leave a script cut by a crash half in its AOF and apply that half at the
  // next start (aof-tail.ts): cut it off while redis-server is not running.
  const aof = repairAofTail(resolve(dir, 'appendonly'));
  for (const r of aof.repaired) opts.log.warn({ mod: 'redis', ...r }, 'cut an AOF write left unfinished by a crash');
  for (const d of aof.damaged) opts.log.error({ mod: 'redis', ...d }, 'AOF holds an unfinished MULTI from an earlier crash; stop Pantau and run redis-check-aof --fix');
  const port = opts.port ?? (await freePort());
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
    '--dir', dir, '--pidfile', pidFile, '--daemonize', 'no',
    '--appendonly', 'yes', '--appendfsync', opts.appendfsync,
    '--appenddirname', 'appendonly', '--save', '3600 1 300 100',
    '--logfile', '', '--loglevel', 'warning',
  ];
  // Its own process group: Ctrl+C in a terminal signals the whole foreground group, and Redis
  // must outlive the server's own shutdown (feeds and ingest close first, then we stop it).
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const ready = new Promise<void>((res, rej) => {
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('Ready to accept connections')) res();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rej(new Error(`redis-server exited with ${code} before it was ready: ${output.slice(-400)}`)));
    child.once('error', rej);
  });
  // At loglevel warning the "Ready" line is not printed, so readiness is a PING answer;
  // `ready` still rejects if the process dies first, with its last output as the reason.
  ready.catch(() => undefined);
  await Promise.race([ready.then(() => waitForPing(port)), waitForPing(port)]);
  opts.log.info({ mod: 'redis', port, dir, appendfsync: opts.appendfsync }, 'embedded redis-server started');
  let stopping: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: child,
    stop() {
      stopping ??= new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => {
          rmSync(pidFile, { force: true });
          res();
        });
        child.kill('SIGTERM');
      });
      return stopping;
    },
  };
}

async function waitForPing(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => s.write('PING\r\n'));
      s.once('data', (d) => { s.destroy(); res(d.toString().startsWith('+PONG')); });
      s.once('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer`);
}
