// Where Redis is, from one string, so that REDIS_URL alone (passed on unchanged by
// `npm run cluster`, the rebuild CLI and the tests) can name a plain Redis or a Sentinel group:
//   redis://[user:pass@]host:port[/db]       rediss://…  (TLS)
//   redis-sentinel://[user:pass@]host:port[,host:port…]/masterName[/db][?sentinelPassword=…]
// ioredis parses the first two itself; the Sentinel form becomes its `sentinels` options.
import type { RedisOptions } from 'ioredis';

const SENTINEL_URL = /^redis-sentinel:\/\/(?:(?<auth>[^@/]*)@)?(?<hosts>[^/@,:]+:\d+(?:,[^/@,:]+:\d+)*)\/(?<name>[\w.-]+)(?:\/(?<db>\d+))?(?:\?(?<query>.*))?$/;

export type RedisTarget =
  | { kind: 'url'; url: string }
  | { kind: 'sentinel'; options: RedisOptions & { sentinels: { host: string; port: number }[]; name: string } };

export function isRedisUrl(url: string): boolean {
  return /^rediss?:\/\//.test(url) || SENTINEL_URL.test(url);
}

export function parseRedisTarget(url: string): RedisTarget {
  if (!url.startsWith('redis-sentinel://')) return { kind: 'url', url };
  const g = SENTINEL_URL.exec(url)?.groups;
  if (!g?.hosts || !g.name) throw new Error('REDIS_URL: redis-sentinel:// needs host:port[,host:port…]/masterName[/db]');
  const sentinels = g.hosts.split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
  });
  const options: RedisOptions & { sentinels: { host: string; port: number }[]; name: string } = { sentinels, name: g.name };
  if (g.auth) {
    const colon = g.auth.indexOf(':');
    const user = decodeURIComponent(colon >= 0 ? g.auth.slice(0, colon) : g.auth);
    if (user) options.username = user;
    if (colon >= 0 && colon < g.auth.length - 1) options.password = decodeURIComponent(g.auth.slice(colon + 1));
  }
  if (g.db) options.db = Number(g.db);
  const sentinelPassword = new URLSearchParams(g.query ?? '').get('sentinelPassword');
  if (sentinelPassword) options.sentinelPassword = sentinelPassword;
  return { kind: 'sentinel', options };
}
