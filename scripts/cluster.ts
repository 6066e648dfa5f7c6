// `npm run cluster -- --processes 2`: N identical Pantau processes on consecutive ports
// (PORT+1 … PORT+N) sharing one Redis (REDIS_URL, or an embedded redis-server started here),
// behind a sticky-session proxy on PORT (default 8080). For trying scale-out on one machine;
// in production put nginx or a cloud load balancer in front instead (README "Scale-out").
// Every other variable (tokens, keys, PANTAU_DEMO…) is passed to each process unchanged.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '../server/log.ts';
import { startEmbeddedRedis, type EmbeddedRedis } from '../server/store/embedded-redis.ts';
import { startStickyProxy, type StickyProxy } from './sticky-proxy.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { processes: { type: 'string', short: 'n', default: '2' } } });
const processes = Number(values.processes);
if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
  process.stderr.write('cluster: --processes must be an integer from 1 to 64\n');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const log = createLogger(process.env.LOG_LEVEL ?? 'info').child({ mod: 'cluster' });

let embedded: EmbeddedRedis | undefined;
let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  embedded = await startEmbeddedRedis({ dataDir: process.env.PANTAU_DATA_DIR ?? './data', appendfsync: 'everysec', log });
  redisUrl = embedded.url;
}
// Every process must accept the same demo key; one generated per process would not.
const demoKey = process.env.PANTAU_DEMO_KEY ?? (process.env.PANTAU_DEMO === 'on' ? randomBytes(12).toString('hex') : undefined);

const children: (ChildProcess | undefined)[] = new Array(processes);
let stopping = false;

function startBackend(i: number): void {
  const env = { ...process.env, PORT: String(port + 1 + i), HOST: '127.0.0.1', REDIS_URL: redisUrl, ...(demoKey ? { PANTAU_DEMO_KEY: demoKey } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: 'inherit' });
  children[i] = child;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // A crashed process comes back; its clients reconnect through the proxy meanwhile.
    log.warn({ backend: i, code, signal }, 'pantau process exited; restarting in 1 s');
    setTimeout(() => { if (!stopping) startBackend(i); }, 1_000);
  });
}

for (let i = 0; i < processes; i++) startBackend(i);
const backends = Array.from({ length: processes }, (_, i) => ({ host: '127.0.0.1', port: port + 1 + i }));
let proxy: StickyProxy;
try {
  proxy = await startStickyProxy({ port, host, backends, onError: (message) => log.warn({ message }, 'proxy') });
} catch (err) {
  log.fatal({ err: String(err) }, 'proxy could not listen');
  await stop(1);
  throw err;
}
log.info({ url: `http://localhost:${port}`, backends: backends.map((b) => b.port), redis: embedded ? 'embedded' : 'REDIS_URL', ...(demoKey && !process.env.PANTAU_DEMO_KEY ? { demoKey } : {}) }, 'cluster listening');

async function stop(code: number): Promise<never> {
  stopping = true;
  await proxy?.close().catch(() => undefined);
  await Promise.all(children.map((c) => new Promise<void>((resolve) => {
    if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
  })));
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
