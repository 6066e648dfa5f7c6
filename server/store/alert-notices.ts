// Alert state notes and the notice list (server/integrations/alert-state.ts says what they
// mean). Noting a state and queuing its notice is one script, so a state is queued exactly once
// however many processes see it, and a crash cannot note a state without queuing it.
import type { RedisClient } from './redis-client.ts';
import { integrationKeys } from './integration-keys.ts';
import type { SpaceKeys } from './keys.ts';

/** Notes outlive the alert record (90 days) a little, so a late repeat is still recognised. */
const NOTE_TTL_MS = 100 * 86_400_000;

const NOTE = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[5] ~= '1' then return 1 end
local notice = cjson.decode(ARGV[4])
notice.before = {}
for _, s in ipairs(redis.call('HKEYS', KEYS[1])) do
  if s ~= ARGV[1] then table.insert(notice.before, s) end
end
redis.call('RPUSH', KEYS[2], cjson.encode(notice))
return 1
`;

/** A state change as queued: the alert's record as it was when the state was noted. */
export interface Notice {
  alertId: string;
  state: string;
  atMs: string;
  /** The alert record's hash at that moment. */
  record: Record<string, string>;
  /** States noted before this one. */
  before: string[];
}

export interface AlertNoticeStore {
  /**
   * Notes `state` for the alert and, when `queue` (some webhook target hears this space), queues
   * its notice; false when the state was noted already.
   */
  note(alertId: string, state: string, atMs: number, record: Record<string, string>, queue: boolean): Promise<boolean>;
  /** The alert's notes: state -> epoch ms. */
  notes(alertId: string): Promise<Record<string, number>>;
  /** The oldest notices, up to `n`, each with its raw text (the fan-out compares it). */
  head(n: number): Promise<{ raw: string; notice: Notice }[]>;
}

export function createAlertNoticeStore(redis: RedisClient, keys: SpaceKeys): AlertNoticeStore {
  const k = integrationKeys(keys);
  return {
    async note(alertId, state, atMs, record, queue) {
      const notice = JSON.stringify({ alertId, state, atMs: String(atMs), record });
      const r = await redis.eval(NOTE, 2, k.notePrefix + alertId, k.notices, state, String(atMs), String(NOTE_TTL_MS), notice, queue ? '1' : '0');
      return r === 1;
    },
    async notes(alertId) {
      const h = await redis.hgetall(k.notePrefix + alertId);
      return Object.fromEntries(Object.entries(h).map(([s, ms]) => [s, Number(ms)]));
    },
    async head(n) {
      const raws = await redis.lrange(k.notices, 0, n - 1);
      return raws.map((raw) => {
        const v = JSON.parse(raw) as Notice;
        // cjson writes an empty Lua table as {}.
        return { raw, notice: { ...v, before: Array.isArray(v.before) ? v.before : [], record: v.record } };
      });
    },
  };
}
