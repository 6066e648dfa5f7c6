// REDIS_URL forms: plain URLs go to ioredis as they are; the Sentinel form becomes its options,
// the Cluster form its seed nodes and credentials.
import { describe, expect, it } from 'vitest';
import { isRedisUrl, parseRedisTarget } from '../../server/store/redis-target.ts';
import { loadConfig } from '../../server/config.ts';

describe('parseRedisTarget', () => {
  it('passes redis:// and rediss:// through', () => {
    expect(parseRedisTarget('rediss://:pw@cache.example:6380/2')).toEqual({ kind: 'url', url: 'rediss://:pw@cache.example:6380/2' });
  });

  it('reads sentinels, master name, credentials, db and the sentinel password', () => {
    expect(parseRedisTarget('redis-sentinel://pantau:s%40cret@10.0.0.1:26379,10.0.0.2:26380/mymaster/3?sentinelPassword=sp')).toEqual({
      kind: 'sentinel',
      options: {
        sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26380 }],
        name: 'mymaster',
        username: 'pantau',
        password: 's@cret',
        db: 3,
        sentinelPassword: 'sp',
      },
    });
    expect(parseRedisTarget('redis-sentinel://:pw@sentinel-a:26379/city')).toEqual({
      kind: 'sentinel',
      options: { sentinels: [{ host: 'sentinel-a', port: 26379 }], name: 'city', password: 'pw' },
    });
  });

  it('refuses a Sentinel URL without a master name or a port', () => {
    for (const bad of ['redis-sentinel://10.0.0.1:26379', 'redis-sentinel://10.0.0.1/mymaster', 'redis-sentinel://10.0.0.1:26379,/m']) {
      expect(isRedisUrl(bad)).toBe(false);
      expect(() => parseRedisTarget(bad)).toThrow(/REDIS_URL: redis-sentinel:\/\/ needs host:port/);
    }
  });

  it('reads the seed nodes and credentials of a Cluster', () => {
    expect(parseRedisTarget('redis-cluster://pantau:s%40cret@10.0.0.1:7000,10.0.0.2:7001')).toEqual({
      kind: 'cluster',
      nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }],
      auth: { username: 'pantau', password: 's@cret' },
    });
    expect(parseRedisTarget('redis-cluster://:pw@node-a:6379/')).toEqual({ kind: 'cluster', nodes: [{ host: 'node-a', port: 6379 }], auth: { password: 'pw' } });
    expect(parseRedisTarget('redis-cluster://127.0.0.1:7000')).toEqual({ kind: 'cluster', nodes: [{ host: '127.0.0.1', port: 7000 }], auth: {} });
  });

  it('refuses a Cluster URL without a port, or with a database or master name', () => {
    for (const bad of ['redis-cluster://10.0.0.1', 'redis-cluster://10.0.0.1:7000/2', 'redis-cluster://10.0.0.1:7000,/x', 'redis-cluster://']) {
      expect(isRedisUrl(bad)).toBe(false);
      expect(() => parseRedisTarget(bad)).toThrow(/REDIS_URL: redis-cluster:\/\/ needs host:port/);
    }
  });

  it('makes the config name REDIS_URL on a bad value', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis-cluster://x' })).toThrow(/REDIS_URL/);
    expect(loadConfig({ REDIS_URL: 'redis-cluster://x:1,y:2' }).redisUrl).toBe('redis-cluster://x:1,y:2');
    expect(() => loadConfig({ REDIS_URL: 'sentinel://x:1/m' })).toThrow(/REDIS_URL/);
    expect(loadConfig({ REDIS_URL: 'redis-sentinel://x:1/m' }).redisUrl).toBe('redis-sentinel://x:1/m');
  });
});
