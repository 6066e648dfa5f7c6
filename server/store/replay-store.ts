// Past moments of one space, in Redis: scratch spaces where the stream is folded up to a moment
// with THE projection (replay-fold.lua), and checkpoints (replay-keep.lua) so that a moment a
// month back folds at most a few hours of entries. Nothing here writes a live key: every name
// comes from replayKeys() (keys.ts), under `{tag}:replay:`. docs/architecture.md ("Past moments").
import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';
import type { AppInfo, Targets } from '../../shared/contract/city.ts';
import type { Line } from '../../shared/contract/events.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { AppsSummary } from '../../shared/contract/views.ts';
import type { LiveQueue } from '../domain/call-kpis.ts';
import type { IncidentRecord } from '../domain/incident-record.ts';
import { DAY_MS, MINUTE_MS } from '../domain/projection-constants.ts';
import {
  nextBoundary, REPLAY_BOUNDARY_SETTLE_MS, REPLAY_BUCKET_LEAD_MS, REPLAY_HORIZON_MS, REPLAY_SCRATCH_TTL_S, type Checkpoint,
} from '../domain/replay-window.ts';
import { cityDayKey, todayWindow } from '../domain/time.ts';
import {
  dayBucketKey, eventsPerDayKey, KEY_SUFFIX, minuteBucketKey, REPLAY_KEY_LIST, REPLAY_TOUCHED, replayKeys, type SpaceKeys,
} from './keys.ts';
import { holdLease, releaseLease } from './leader-lock.ts';
import { createAppsSummaryReader, SPARKLINE_MINUTES } from './read-app-summary.ts';
import { readIncidentRecords } from './read-incidents.ts';
import { readKpis } from './read-kpis.ts';
import { readState, type RawState } from './read-state.ts';
import { wasTrimmed } from './trimmed.ts';

/** Entries per fold call: like a rebuild's chunk, one call stays in the tens of milliseconds. */
export const REPLAY_FOLD_CHUNK = 1_000;

/** A scratch space and the stream position its state is at. */
export interface ReplayScratch {
  readonly name: string;
  readonly keys: SpaceKeys;
  position: string;
}

/** Everything a snapshot reads, from a replay space, as the live feed reads it from the live space. */
export interface ScratchReaders {
  /** The state, with the position of the moment (a replay space has no stream of its own). */
  readState(cityDay: string, alertsSinceMs: number): Promise<RawState>;
  readIncidentRecords(fromMs: number, toMs: number): Promise<IncidentRecord[]>;
  readKpis(nowMs: number, live: Record<Line | 'all', LiveQueue>, incidents: readonly IncidentRecord[]): Promise<KpisAnswer>;
  readApps(nowMs: number): Promise<AppsSummary>;
}

export interface ReplayStore {
  /** Checkpoints, oldest first. */
  checkpoints(): Promise<Checkpoint[]>;
  /** The oldest moment that can still be answered exactly, or null when the space has no history. */
  historyFromMs(): Promise<number | null>;
  /** The id of the last stream item that had arrived by `atMs` ('0-0' when none). */
  positionAt(atMs: number): Promise<string>;
  /** A fresh scratch space holding the checkpoint's state (null: the empty state before the stream). */
  open(from: Checkpoint | null): Promise<ReplayScratch>;
  /** Folds the entries after the scratch's position up to `end` (an id) into it. */
  foldTo(scratch: ReplayScratch, end: string): Promise<void>;
  /** Removes a scratch space (its key list names every key). */
  drop(scratch: ReplayScratch): Promise<void>;
  readers(scratch: ReplayScratch): ScratchReaders;
  /** Builds a checkpoint at `boundaryMs` from the latest one before it. */
  buildCheckpoint(boundaryMs: number): Promise<Checkpoint>;
  /**
   * Brings the checkpoints up to `nowMs` (one every REPLAY_CHECKPOINT_EVERY_MS of stream that
   * holds entries) and drops those the stream's retention made unusable. (Scratch spaces need
   * no sweep: every key of one expires by itself.) One process at a time (a lease); returns
   * how many it built.
   */
  advanceCheckpoints(nowMs: number, opts?: { everyMs?: number; owner?: string; stopped?: () => boolean }): Promise<number>;
}

export interface ReplayStoreDeps {
  timeZone: string;
  targets: Targets;
  apps: readonly AppInfo[];
}

type Row = [string, string[]];

const msOf = (id: string): number => Number(id.split('-')[0]);

/**
 * What a checkpoint carries (replay-keep.lua runs it): every single key of a space but the
 * stream, the simulator's and the two long time indexes (a new set of the projection is carried
 * without a change here); the records of every member of the live sets, agents and alerts; the
 * time indexes cut to the horizon, with their records; the buckets and counters that a moment
 * up to a day past the boundary can read. The projection never reads a bucket back, so a
 * checkpoint carries only the buckets a snapshot reads: the call KPI days, the apps' city days,
 * and minutes from the sparkline's hour before the boundary on (no moment after the boundary
 * reads an older one). Hour buckets and complaints (history routes, not the snapshot) stay out.
 */
function keepPlan(k: SpaceKeys, boundaryMs: number, timeZone: string): string {
  const cut: [string, string][] = [[KEY_SUFFIX.callsByReceived, KEY_SUFFIX.call], [KEY_SUFFIX.incidentsByReported, KEY_SUFFIX.incident]];
  const notWhole = new Set<string>([KEY_SUFFIX.stream, KEY_SUFFIX.simLease, KEY_SUFFIX.simStatus, KEY_SUFFIX.simControl, ...cut.map(([s]) => s)]);
  const singles = Object.values(KEY_SUFFIX).filter((s) => !s.endsWith(':') && !notWhole.has(s));
  const members: [string, string][] = [
    [KEY_SUFFIX.callsWaiting, KEY_SUFFIX.call], [KEY_SUFFIX.incidentsOpen, KEY_SUFFIX.incident], [KEY_SUFFIX.agents, KEY_SUFFIX.agent],
    [KEY_SUFFIX.alertsByRaised, KEY_SUFFIX.alert], [KEY_SUFFIX.alertsActive, KEY_SUFFIX.alert],
    // The callback list: an abandoned call waits there for days, untouched, until it is called back.
    [KEY_SUFFIX.callbacks, KEY_SUFFIX.callback],
  ];
  const from = boundaryMs - REPLAY_HORIZON_MS;
  const to = boundaryMs + REPLAY_BUCKET_LEAD_MS;
  const rel = (full: string): string => full.slice(k.all.length);
  const buckets: string[] = [];
  for (let d = Math.floor(from / DAY_MS); d <= Math.floor(to / DAY_MS); d++) buckets.push(`${KEY_SUFFIX.callKpi}${d}`);
  const firstMinute = Math.floor((boundaryMs - SPARKLINE_MINUTES * MINUTE_MS) / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  for (let m = firstMinute; m <= to; m += MINUTE_MS) buckets.push(rel(minuteBucketKey(k, m)));
  for (let d = from; d <= to + DAY_MS; d += DAY_MS) {
    const day = cityDayKey(d, timeZone);
    buckets.push(rel(dayBucketKey(k, day)), rel(eventsPerDayKey(k, day)));
  }
  return JSON.stringify({ copy: [...singles, ...new Set(buckets)], members, indexes: cut });
}

export function createReplayStore(redis: RedisClient, live: SpaceKeys, deps: ReplayStoreDeps): ReplayStore {
  const rk = replayKeys(live);
  const tz = deps.timeZone;

  async function stored(): Promise<(Checkpoint & { name: string })[]> {
    const raw = await redis.hgetall(rk.checkpoints);
    return Object.entries(raw)
      .map(([boundary, v]) => ({ boundaryMs: Number(boundary), ...(JSON.parse(v) as { position: string; name: string }) }))
      .sort((a, b) => a.boundaryMs - b.boundaryMs);
  }

  async function firstId(): Promise<string | null> {
    const first = (await redis.xrange(live.stream, '-', '+', 'COUNT', 1)) as Row[];
    return first[0]?.[0] ?? null;
  }

  /** A checkpoint can start a fold while the entry at its position is still in the stream (a trim removes a prefix). */
  async function usable(c: Checkpoint, trimmed: boolean): Promise<boolean> {
    if (!trimmed) return true;
    if (c.position === '0-0') return false;
    return ((await redis.xrange(live.stream, c.position, c.position, 'COUNT', 1)) as Row[]).length === 1;
  }

  async function usableCheckpoints(): Promise<{ list: (Checkpoint & { name: string })[]; trimmed: boolean }> {
    const [all, trimmed] = await Promise.all([stored(), wasTrimmed(redis, live)]);
    // Usability is monotonic in time (a trim removes a prefix): the first usable one starts the list.
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      if (c && (await usable(c, trimmed))) return { list: all.slice(i), trimmed };
    }
    return { list: [], trimmed };
  }

  async function dropSpace(k: SpaceKeys): Promise<void> {
    const list = k.all + REPLAY_KEY_LIST;
    const names = await redis.smembers(list);
    for (let i = 0; i < names.length; i += 1_000) await redis.unlink(...names.slice(i, i + 1_000).map((s) => k.all + s));
    await redis.del(list);
  }

  function newScratch(): ReplayScratch {
    // The creation time leads the name, so a sweep can tell a dead process's space from a live one.
    const name = `${Date.now()}-${randomBytes(4).toString('hex')}`;
    return { name, keys: rk.scratch(name), position: '0-0' };
  }

  async function open(from: Checkpoint | null): Promise<ReplayScratch> {
    const s = newScratch();
    if (from === null) return s;
    const cp = (await stored()).find((c) => c.boundaryMs === from.boundaryMs);
    if (!cp) throw new Error(`checkpoint ${from.boundaryMs} is gone`);
    const k = rk.checkpoint(cp.name);
    await redis.pantauReplayOpen(k.all + REPLAY_KEY_LIST, k.all, s.keys.all, REPLAY_KEY_LIST, REPLAY_SCRATCH_TTL_S);
    s.position = cp.position;
    return s;
  }

  async function foldTo(scratch: ReplayScratch, end: string): Promise<void> {
    let start = scratch.position === '0-0' ? '-' : `(${scratch.position}`;
    for (;;) {
      const [last, n] = await redis.pantauReplayFold(live.stream, scratch.keys.all, start, end, REPLAY_FOLD_CHUNK, REPLAY_KEY_LIST, REPLAY_TOUCHED, REPLAY_SCRATCH_TTL_S);
      if (last !== '') scratch.position = last;
      if (Number(n) < REPLAY_FOLD_CHUNK || last === '') break;
      start = `(${last}`;
    }
  }

  async function keep(fromBase: SpaceKeys, boundaryMs: number, name: string): Promise<string> {
    const to = rk.checkpoint(name);
    const [position] = await redis.pantauReplayKeep(live.stream, fromBase.all, to.all, boundaryMs - REPLAY_HORIZON_MS, REPLAY_KEY_LIST, REPLAY_TOUCHED, keepPlan(to, boundaryMs, tz));
    return position;
  }

  async function record(boundaryMs: number, position: string, name: string): Promise<Checkpoint> {
    await redis.hset(rk.checkpoints, String(boundaryMs), JSON.stringify({ position, name }));
    return { boundaryMs, position };
  }

  async function buildCheckpoint(boundaryMs: number): Promise<Checkpoint> {
    const { list, trimmed } = await usableCheckpoints();
    const before = list.filter((c) => c.boundaryMs < boundaryMs).at(-1) ?? null;
    if (before === null && trimmed) return seed(boundaryMs);
    const scratch = await open(before);
    try {
      await foldTo(scratch, String(boundaryMs - 1));
      await keep(scratch.keys, boundaryMs, String(boundaryMs));
      return await record(boundaryMs, scratch.position, String(boundaryMs));
    } finally {
      await dropSpace(scratch.keys);
    }
  }

  /**
   * The first checkpoint of a stream that lost its start to retention (or to a demo reset): the
   * live state itself, copied in one script with the position it is at. Moments before it
   * cannot be answered.
   */
  async function seed(nowMs: number): Promise<Checkpoint> {
    const name = `seed-${randomBytes(4).toString('hex')}`;
    const position = await keep(live, nowMs, name);
    // Any moment from the last entry's millisecond on folds from here (a fold goes by position).
    return record(msOf(position), position, name);
  }

  async function advanceCheckpoints(nowMs: number, opts: { everyMs?: number; owner?: string; stopped?: () => boolean } = {}): Promise<number> {
    const owner = opts.owner ?? randomBytes(6).toString('hex');
    if (!(await holdLease(redis, rk.lease, owner, 10 * MINUTE_MS))) return 0;
    let built = 0;
    try {
      const all = await stored();
      const { list, trimmed } = await usableCheckpoints();
      // Those the retention made unusable: the state they hold cannot be carried forward any more.
      for (const c of all.slice(0, all.length - list.length)) {
        await dropSpace(rk.checkpoint(c.name));
        await redis.hdel(rk.checkpoints, String(c.boundaryMs));
      }
      let last: Checkpoint | null = list.at(-1) ?? null;
      if (last === null && trimmed) {
        last = await seed(nowMs);
        built++;
      }
      const every = opts.everyMs;
      // A month of stream to catch up is minutes of small scripts: a process that is stopping leaves the rest to the next run.
      while (opts.stopped?.() !== true) {
        // The next boundary after the first entry past the last checkpoint: a quiet stretch needs none.
        const next = (await redis.xrange(live.stream, last === null ? '-' : `(${last.position}`, '+', 'COUNT', 1)) as Row[];
        const id = next[0]?.[0];
        if (id === undefined) break;
        const boundary = every === undefined ? nextBoundary(msOf(id)) : (Math.floor(msOf(id) / every) + 1) * every;
        if (boundary > nowMs - REPLAY_BOUNDARY_SETTLE_MS) break;
        await holdLease(redis, rk.lease, owner, 10 * MINUTE_MS);
        last = await buildCheckpoint(boundary);
        built++;
      }
    } finally {
      await releaseLease(redis, rk.lease, owner);
    }
    return built;
  }

  return {
    checkpoints: async () => (await stored()).map(({ boundaryMs, position }) => ({ boundaryMs, position })),
    async historyFromMs() {
      const first = await firstId();
      if (first === null) return null;
      const { list, trimmed } = await usableCheckpoints();
      if (!trimmed) return msOf(first);
      return list[0]?.boundaryMs ?? null;
    },
    async positionAt(atMs) {
      const last = (await redis.xrevrange(live.stream, String(Math.floor(atMs)), '-', 'COUNT', 1)) as Row[];
      return last[0]?.[0] ?? '0-0';
    },
    open,
    foldTo,
    drop: (scratch) => dropSpace(scratch.keys),
    readers(scratch) {
      const k = scratch.keys;
      const apps = createAppsSummaryReader(redis, k, deps.apps, tz);
      return {
        async readState(cityDay, alertsSinceMs) {
          return { ...(await readState(redis, k, cityDay, alertsSinceMs)), position: scratch.position };
        },
        readIncidentRecords: (fromMs, toMs) => readIncidentRecords(redis, k, fromMs, toMs),
        readKpis: (nowMs, liveQueue, incidentRecords) => readKpis(redis, k, { ...todayWindow(nowMs, tz), timeZone: tz, targets: deps.targets, live: liveQueue, incidentRecords }),
        readApps: (nowMs) => apps(nowMs),
      };
    },
    buildCheckpoint,
    advanceCheckpoints,
  };
}
