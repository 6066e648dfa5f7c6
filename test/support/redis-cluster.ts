// A real local Redis Cluster for integration tests: six redis-server processes with
// `--cluster-enabled yes` on free ports, joined by `redis-cli --cluster create … --cluster-replicas 1`
// into three masters with one replica each. One cluster per test file (it starts in seconds);
// stop() kills every process and removes the temp folder. Nothing here skips: a missing
// redis-server or redis-cli fails the test that asked for a cluster, with the reason.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, waitForRedis } from './redis-process.ts';

const run = promisify(execFile);

export interface ClusterNodeInfo {
  id: string;
  port: number;
  role: 'master' | 'replica';
  /** For a replica, the id of its master. */
  masterId: string | null;
  /** Slot ranges served (masters only), inclusive. */
  slots: [number, number][];
  failed: boolean;
}

export interface TestCluster {
  /** `redis-cluster://127.0.0.1:<port>,…` with every node as a seed. */
  url: string;
  ports: readonly number[];
  /** A plain connection to one node (closed by stop()). */
  node(port: number): Redis;
  /** CLUSTER NODES as seen from a live node. */
  nodes(): Promise<ClusterNodeInfo[]>;
  /** The master serving `slot` now. */
  masterOf(slot: number): Promise<ClusterNodeInfo>;
  /** The hash slot of a key (CLUSTER KEYSLOT). */
  keyslot(key: string): Promise<number>;
  /** SIGKILL, as `kill -9`: no shutdown, no last write. */
  kill(port: number): void;
  /** Starts a killed node again on its port and folder; its nodes.conf makes it rejoin (as a replica after a failover). */
  restart(port: number): Promise<void>;
  /** Resolves once every live node says `cluster_state:ok` and every replica's link is up. */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Short timeouts so a failover takes seconds; no persistence (the replicas are the copy). */
function nodeArgs(port: number, dir: string): string[] {
  return [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'),
    '--cluster-node-timeout', '1000',
    // A replica may always be promoted, however long its link was down (its data is what WAIT confirmed).
    '--cluster-replica-validity-factor', '0',
    // The other masters keep serving while one slot range fails over (docs/scale-out.md advises the same).
    '--cluster-require-full-coverage', 'no',
    '--save', '', '--appendonly', 'no',
  ];
}

export function parseClusterNodes(text: string): ClusterNodeInfo[] {
  return text.trim().split('\n').map((line) => {
    const [id = '', addr = '', flags = '', master = '-', , , , , ...slots] = line.trim().split(' ');
    const port = Number(addr.split('@')[0]?.split(':').at(-1));
    const f = flags.split(',');
    return {
      id,
      port,
      role: f.includes('master') ? 'master' : 'replica',
      masterId: master === '-' ? null : master,
      failed: f.includes('fail') || f.includes('noaddr'),
      slots: slots.filter((s) => /^\d+(-\d+)?$/.test(s)).map((s): [number, number] => {
        const [a, b] = s.split('-').map(Number);
        return [a ?? 0, b ?? a ?? 0];
      }),
    } satisfies ClusterNodeInfo;
  });
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last !== undefined && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startRedisCluster(): Promise<TestCluster> {
  const root = mkdtempSync(join(tmpdir(), 'pantau-cluster-'));
  const children = new Map<number, ChildProcess>();
  const conns = new Map<number, Redis>();
  const ports: number[] = [];
  const stop = async (): Promise<void> => {
    for (const c of conns.values()) c.disconnect();
    await Promise.all([...children.values()].map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    })));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 6; i += 1) {
      const port = await freePort();
      const dir = join(root, String(port));
      mkdirSync(dir);
      const child = spawn('redis-server', nodeArgs(port, dir), { stdio: 'ignore' });
      child.once('error', () => undefined);
      children.set(port, child);
      ports.push(port);
      await waitForRedis(port, child, 20_000);
    }
    // Masters are the first three addresses, in order: slots 0-5460, 5461-10922, 10923-16383.
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 30_000 });
  } catch (err) {
    await stop();
    throw new Error(`could not start a Redis Cluster (redis-server and redis-cli 7 must be on PATH): ${String(err)}`);
  }

  const node = (port: number): Redis => {
    let c = conns.get(port);
    if (!c) {
      c = new Redis({ port, host: '127.0.0.1', lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
      c.on('error', () => undefined);
      conns.set(port, c);
    }
    return c;
  };
  const alive = (): number[] => ports.filter((p) => children.get(p)?.exitCode === null && children.get(p)?.signalCode === null);
  const nodes = async (): Promise<ClusterNodeInfo[]> => {
    for (const p of alive()) {
      const text = await node(p).call('CLUSTER', 'NODES').catch(() => null);
      if (typeof text === 'string') return parseClusterNodes(text);
    }
    throw new Error('redis cluster: no node answers');
  };
  const cluster: TestCluster = {
    url: `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
    ports,
    node,
    nodes,
    async masterOf(slot) {
      const all = await nodes();
      const m = all.find((n) => n.role === 'master' && !n.failed && n.slots.some(([a, b]) => slot >= a && slot <= b));
      if (!m) throw new Error(`redis cluster: no master serves slot ${slot}`);
      return m;
    },
    async keyslot(key) {
      const p = alive()[0];
      if (p === undefined) throw new Error('redis cluster: no node alive');
      return Number(await node(p).call('CLUSTER', 'KEYSLOT', key));
    },
    async restart(port) {
      const child = spawn('redis-server', nodeArgs(port, join(root, String(port))), { stdio: 'ignore' });
      child.once('error', () => undefined);
      children.set(port, child);
      await waitForRedis(port, child, 20_000);
      await cluster.settled();
    },
    kill(port) {
      children.get(port)?.kill('SIGKILL');
      conns.get(port)?.disconnect();
      conns.delete(port);
    },
    async settled(timeoutMs = 30_000) {
      await until('cluster_state:ok on every node', async () => {
        const states = await Promise.all(alive().map(async (p) => String(await node(p).call('CLUSTER', 'INFO'))));
        return states.every((s) => s.includes('cluster_state:ok'));
      }, (ok) => ok, timeoutMs);
      await until('every replica in sync', async () => {
        const infos = await Promise.all(alive().map((p) => node(p).info('replication')));
        return infos.every((i) => !i.includes('role:slave') || i.includes('master_link_status:up'));
      }, (ok) => ok, timeoutMs);
    },
    stop,
  };
  await cluster.settled();
  return cluster;
}
