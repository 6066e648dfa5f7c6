// Real processes a fault test kills with SIGKILL and starts again: a redis-server with AOF on
// its own port and folder, and a Pantau server (`node --import tsx server/main.ts`) as a
// child process, each restarted on the same port so clients keep their address.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repairAofTail } from '../../server/store/aof-tail.ts';
import { waitForRedis } from './redis-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// A test that times out skips its cleanup: never leave a server or a Redis running after the run.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});
function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function killHard(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export class RedisUnderTest {
  private child: ChildProcess | undefined;
  kills = 0;

  constructor(readonly port: number, readonly dir: string, private readonly appendfsync: 'always' | 'everysec') {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server and resolves once it answers PING (after replaying its AOF). */
  async start(): Promise<void> {
    // As the embedded Redis does (server/store/embedded-redis.ts): a kill inside the AOF write
    // of a script must not leave half of it to be applied at the next start.
    repairAofTail(join(this.dir, 'appendonlydir'));
    this.child = track(spawn('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir,
      '--appendonly', 'yes', '--appendfsync', this.appendfsync, '--save', '',
    ], { stdio: 'ignore' }));
    await waitForRedis(this.port, this.child, 30_000);
  }

  /** SIGKILL: no shutdown, no final fsync; only what was already written survives. */
  async kill(): Promise<void> {
    await killHard(this.child);
    this.kills += 1;
  }

  async stop(): Promise<void> {
    await killHard(this.child);
  }
}

export interface PantauProcessEnv {
  REDIS_URL: string;
  PORT: string;
  PANTAU_KEY_PREFIX: string;
  PANTAU_INGEST_KEYS: string;
  [name: string]: string;
}

export class PantauUnderTest {
  private child: ChildProcess | undefined;
  /** The last lines the server printed (JSON logs), for failure messages. */
  readonly output: string[] = [];
  kills = 0;
  /** Exits nobody asked for: a crash is a finding. */
  readonly unexpectedExits: string[] = [];

  constructor(private readonly env: PantauProcessEnv) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  /** Starts the server and resolves when it logs that it listens. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = track(spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', LOG_LEVEL: 'info', PANTAU_REPORTS: 'off', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }));
    this.child = child;
    this.stopping = false;
    child.once('exit', (code, signal) => {
      if (!this.stopping) this.unexpectedExits.push(`exit ${code} ${signal}: ${this.output.slice(-5).join('\n')}`);
    });
    const keep = (d: Buffer): void => {
      for (const line of d.toString().split('\n')) if (line) this.output.push(line);
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stderr?.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pantau did not listen within ${timeoutMs} ms: ${this.output.slice(-5).join('\n')}`)), timeoutMs);
      let buffered = '';
      child.stdout?.on('data', (d: Buffer) => {
        keep(d);
        buffered += d.toString();
        if (buffered.includes('"pantau listening"')) {
          clearTimeout(timer);
          buffered = '';
          resolve();
        }
        if (buffered.length > 100_000) buffered = buffered.slice(-1_000);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pantau exited with ${code} before listening: ${this.output.slice(-5).join('\n')}`));
      });
    });
  }

  private stopping = false;

  async kill(): Promise<void> {
    this.stopping = true;
    await killHard(this.child);
    this.kills += 1;
  }

  /** SIGTERM: the orderly stop main.ts performs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
