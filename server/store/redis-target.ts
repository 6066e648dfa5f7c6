// Where Redis is, from one string, so that REDIS_URL alone (passed on unchanged by
// `npm run cluster`, the rebuild CLI and the tests) can name a plain Redis, a Sentinel group or
// a Redis Cluster:
//   redis://[user:pass@]host:port[/db]       rediss://…  (TLS)
//   redis-sentinel://[user:pass@]host:port[,host:port…]/masterName[/db][?sentinelPassword=…]
//   redis-cluster://[user:pass@]host:port[,host:port…]   (seed nodes; the rest are discovered)
// ioredis parses the first two itself; the Sentinel form becomes its `sentinels` options, the
// Cluster form the seed nodes and credentials of its Cluster client.
import type { RedisOptions } from 'ioredis';

const SENTINEL_URL = /^redis-sentinel:\/\/(?:(?<auth>[^@/]*)@)?(?<hosts>[^/@,:]+:\d+(?:,[^/@,:]+:\d+)*)\/(?<name>[\w.-]+)(?:\/(?<db>\d+))?(?:\?(?<query>.*))?$/;
// A cluster has no databases but 0 and no master name, so a path after the hosts is a mistake.
const CLUSTER_URL = /^redis-cluster:\/\/(?:(?<auth>[^@/]*)@)?(?<hosts>[^/@,:]+:\d+(?:,[^/@,:]+:\d+)*)\/?$/;

export interface HostPort { host: string; port: number }

export type RedisTarget =
  | { kind: 'url'; url: string }
  | { kind: 'sentinel'; options: RedisOptions & { sentinels: HostPort[]; name: string } }
  | { kind: 'cluster'; nodes: HostPort[]; auth: { username?: string; password?: string } };

export function isRedisUrl(url: string): boolean {
  return /^rediss?:\/\//.test(url) || SENTINEL_URL.test(url) || CLUSTER_URL.test(url);
}

function hostPorts(hosts: string): HostPort[] {
  return hosts.split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
  });
}

function credentials(auth: string | undefined): { username?: string; password?: string } {
  if (!auth) return {};
  const out: { username?: string; password?: string } = {};
  const colon = auth.indexOf(':');
  const user = decodeURIComponent(colon >= 0 ? auth.slice(0, colon) : auth);
  if (user) out.username = user;
  if (colon >= 0 && colon < auth.length - 1) out.password = decodeURIComponent(auth.slice(colon + 1));
  return out;
}

export function parseRedisTarget(url: string): RedisTarget {
  if (url.startsWith('redis-cluster://')) {
    const g = CLUSTER_URL.exec(url)?.groups;
    if (!g?.hosts) throw new Error('REDIS_URL: redis-cluster:// needs host:port[,host:port…] (seed nodes, no path)');
    return { kind: 'cluster', nodes: hostPorts(g.hosts), auth: credentials(g.auth) };
  }
  if (!url.startsWith('redis-sentinel://')) return { kind: 'url', url };
  const g = SENTINEL_URL.exec(url)?.groups;
  if (!g?.hosts || !g.name) throw new Error('REDIS_URL: redis-sentinel:// needs host:port[,host:port…]/masterName[/db]');
  const options: RedisOptions & { sentinels: HostPort[]; name: string } = { sentinels: hostPorts(g.hosts), name: g.name, ...credentials(g.auth) };
  if (g.db) options.db = Number(g.db);
  const sentinelPassword = new URLSearchParams(g.query ?? '').get('sentinelPassword');
  if (sentinelPassword) options.sentinelPassword = sentinelPassword;
  return { kind: 'sentinel', options };
}
