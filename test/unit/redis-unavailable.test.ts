// Which failures the HTTP layer answers 503 + Retry-After (Redis away or not serving yet) and
// which stay 500 (a bug). The outage errors themselves are pinned against a real killed
// redis-server in test/integration/redis-outage.test.ts; this covers the replies a live Redis
// gives while it loads or fails over, which that test cannot provoke on demand.
import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isRedisUnavailable, RedisUnavailableError } from '../../server/store/errors.ts';

const reply = (message: string): Error => new (ReplyError as new (m: string) => Error)(message);
const sysErr = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:6379`), { code });

describe('isRedisUnavailable', () => {
  it.each([
    ['typed store error', new RedisUnavailableError(new Error('x'))],
    ['offline, no queue', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['closed mid-command', new Error('Connection is closed.')],
    ['refused', sysErr('ECONNREFUSED')],
    ['reset', sysErr('ECONNRESET')],
    ['AOF still loading after a restart', reply('LOADING Redis is loading the dataset in memory')],
    ['a long script', reply('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.')],
    ['a replica after failover', reply("READONLY You can't write against a read only replica.")],
  ])('%s → unavailable', (_what, err) => {
    expect(isRedisUnavailable(err)).toBe(true);
  });

  it.each([
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a Lua or command error', reply('ERR Error running script: attempt to compare nil with number')],
    ['a wrong type', reply('WRONGTYPE Operation against a key holding the wrong kind of value')],
    ['a DOM-style abort', Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })],
    ['not an Error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s → a bug, not an outage', (_what, err) => {
    expect(isRedisUnavailable(err)).toBe(false);
  });
});
