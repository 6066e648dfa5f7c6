import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PantauEvent } from '../../shared/contract/events.ts';
import type { Logger } from '../../server/log.ts';
import { createSimDriver, type SimDriverOptions, type SimLog } from '../../server/sim/driver.ts';
import { gridCity } from '../../server/sim/grid-city.ts';

const CITY = gridCity({
  kecamatan: [
    { code: '36.71.05', population: 248_210 },
    { code: '36.71.06', population: 204_385 },
    { code: '36.71.08', population: null },
  ],
  apps: [
    { id: 'tangerang-live', isSuperApp: true, category: 'super-app' },
    { id: 'laksa', isSuperApp: false, category: 'complaints' },
  ],
});
const TEN = Date.parse('2026-11-23T10:00:00+07:00');
const MIDNIGHT = Date.parse('2026-11-23T00:00:00+07:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function setup(over: Partial<SimDriverOptions> = {}): { batches: PantauEvent[][]; options: SimDriverOptions } {
  const batches: PantauEvent[][] = [];
  const options: SimDriverOptions = {
    city: CITY,
    seed: 21,
    speed: 60,
    clock: () => Date.now(),
    emit: (events) => {
      batches.push(events);
      return Promise.resolve();
    },
    backfill: false,
    ...over,
  };
  return { batches, options };
}

describe('sim driver', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: TEN });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks every tickMs and emits valid events dated up to now', async () => {
    const { batches, options } = setup();
    const driver = createSimDriver(options);
    await driver.start();
    expect(driver.status()).toMatchObject({ speed: 60, running: true, scenarios: [] });
    await vi.advanceTimersByTimeAsync(60_000);
    const events = batches.flat();
    expect(events.some((e) => e.type === 'call.received')).toBe(true);
    for (const e of events) {
      expect(PantauEvent.safeParse(e).success).toBe(true);
      expect(Date.parse(e.at)).toBeGreaterThan(TEN);
      expect(Date.parse(e.at)).toBeLessThanOrEqual(Date.now());
    }
    await driver.stop();
    const n = batches.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches.length).toBe(n);
    expect(driver.status().running).toBe(false);
  });

  it('never overlaps ticks: waits for a slow emit, then covers the gap', async () => {
    let release: () => void = () => undefined;
    const calls: PantauEvent[][] = [];
    const { options } = setup({
      emit: (events) => {
        calls.push(events);
        return new Promise<void>((resolve) => { release = resolve; });
      },
    });
    const driver = createSimDriver(options);
    await driver.start();
    // Stuck past a wall-clock minute, so the gap holds app minutes as well as calls.
    await vi.advanceTimersByTimeAsync(250 * 260);
    expect(calls).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toHaveLength(2);
    // The second batch spans the time the first emit was stuck.
    const second = calls[1] ?? [];
    const span = Math.max(...second.map((e) => Date.parse(e.at))) - Math.min(...second.map((e) => Date.parse(e.at)));
    expect(span).toBeGreaterThan(1_000);
    release();
    await driver.stop();
  });

  it('backfills today at 1× in batches of at most 1,000 with past times, then runs live', async () => {
    const { batches, options } = setup({ backfill: 'today' });
    const driver = createSimDriver(options);
    await driver.start();
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches[0]).toHaveLength(1_000);
    expect(batches.every((b) => b.length <= 1_000)).toBe(true);
    const backfilled = batches.flat();
    const times = backfilled.map((e) => Date.parse(e.at));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(MIDNIGHT);
    expect(Math.max(...times)).toBeLessThanOrEqual(TEN);
    const calls = backfilled.filter((e) => e.type === 'call.received');
    // Ten hours of a ≈0.55 M-people city at 1×: tens of calls, not a 60× flood.
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.length).toBeLessThan(60);
    expect(new Set(backfilled.map((e) => e.id)).size).toBe(backfilled.length);
    const before = batches.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(batches.length).toBeGreaterThan(before);
    await driver.stop();
  });

  it('backfills past days with hourly app reports and today with minutes, with a weekday and weekend shape', async () => {
    const { batches, options } = setup({ backfill: { days: 8 } });
    const driver = createSimDriver(options);
    await driver.start();
    await driver.history();
    await driver.stop();
    const events = batches.flat();
    // Today is written first (what a wall shows); the days before follow.
    const firstPast = events.findIndex((e) => Date.parse(e.at) < MIDNIGHT);
    expect(firstPast).toBeGreaterThan(0);
    expect(events.slice(firstPast).filter((e) => Date.parse(e.at) >= MIDNIGHT && Date.parse(e.at) <= TEN)).toEqual([]);
    for (const e of events) expect(PantauEvent.safeParse(e).success).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const times = events.map((e) => Date.parse(e.at));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(MIDNIGHT - 8 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(TEN);
    const apps = events.filter((e) => e.type === 'app.activity');
    const past = apps.filter((e) => Date.parse(e.at) < MIDNIGHT);
    const today = apps.filter((e) => Date.parse(e.at) >= MIDNIGHT);
    // One report per app and kind per hour before today (stamped just inside each hour's end),
    // every minute today.
    expect(new Set(past.map((e) => Date.parse(e.at) % HOUR))).toEqual(new Set([HOUR - 1]));
    expect(new Set(today.map((e) => Math.floor(Date.parse(e.at) / MINUTE))).size).toBeGreaterThan(500);
    // Every past day has calls and app use, and the figures have a week's shape: office apps
    // are used less on Saturday and Sunday than on weekdays.
    const perDay = new Map<number, { calls: number; sessions: number }>();
    for (const e of events) {
      const day = Math.floor((Date.parse(e.at) - MIDNIGHT) / DAY);
      const d = perDay.get(day) ?? { calls: 0, sessions: 0 };
      if (e.type === 'call.received') d.calls++;
      if (e.type === 'app.activity' && e.kind === 'session') d.sessions += e.count ?? 1;
      perDay.set(day, d);
    }
    for (let day = -8; day < 0; day++) {
      expect(perDay.get(day)?.calls ?? 0, `calls on day ${day}`).toBeGreaterThan(5);
      expect(perDay.get(day)?.sessions ?? 0, `sessions on day ${day}`).toBeGreaterThan(100);
    }
    // 2026-11-23 is a Monday: days -1 and -2 are the weekend before it, -3 to -7 the week.
    const weekend = ((perDay.get(-1)?.sessions ?? 0) + (perDay.get(-2)?.sessions ?? 0)) / 2;
    const weekdays = [-3, -4, -5, -6, -7].reduce((n, d) => n + (perDay.get(d)?.sessions ?? 0), 0) / 5;
    expect(weekend).toBeLessThan(weekdays);
  }, 60_000);

  it('replays the same backfill ids after a restart the same day, and new ids afterwards', async () => {
    const first = setup({ backfill: { hours: 2 } });
    const a = createSimDriver(first.options);
    await a.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await a.stop();
    const second = setup({ backfill: { hours: 2 }, clock: () => TEN });
    const b = createSimDriver(second.options);
    await b.start();
    await b.stop();
    const idsOf = (bs: PantauEvent[][]): string[] => bs.flat().map((e) => e.id);
    const fullMinutes = first.batches.flat().filter((e) => Date.parse(e.at) <= TEN - 60_000);
    expect(idsOf(second.batches)).toEqual(expect.arrayContaining(fullMinutes.map((e) => e.id)));
    const live = new Set(first.batches.flat().filter((e) => Date.parse(e.at) > TEN).map((e) => e.id));
    expect(live.size).toBeGreaterThan(0);
    expect(idsOf(second.batches).filter((id) => live.has(id))).toEqual([]);
  });

  it('controls speed, scenarios and reset', async () => {
    const { batches, options } = setup();
    const driver = createSimDriver(options);
    await driver.start();
    driver.setSpeed(10);
    expect(driver.status().speed).toBe(10);
    expect(() => driver.setSpeed(0)).toThrow(RangeError);
    driver.startScenario('flood');
    expect(driver.status().scenarios).toMatchObject([{ name: 'flood', kecamatan: '36.71.08', endsAt: '2026-11-23T10:02:00.000+07:00' }]);
    expect(() => driver.startScenario('app-outage', { appId: 'missing' })).toThrow(RangeError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(batches.flat().some((e) => e.type === 'call.received' && e.location?.kecamatan === '36.71.08')).toBe(true);
    driver.reset();
    expect(driver.status()).toMatchObject({ speed: 10, running: true, scenarios: [] });
    const seen = new Set(batches.flat().map((e) => e.id));
    await vi.advanceTimersByTimeAsync(60_000);
    const after = batches.flat().filter((e) => Date.parse(e.at) > Date.now() - 60_000);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((e) => seen.has(e.id))).toBe(false);
    await driver.stop();
  });

  it('logs a failed emit and keeps going', async () => {
    const errors: object[] = [];
    const log: SimLog = { info: () => undefined, warn: () => undefined, error: (obj) => { errors.push(obj); } };
    let n = 0;
    const { options } = setup({
      log,
      emit: () => {
        n += 1;
        return n === 1 ? Promise.reject(new Error('redis down')) : Promise.resolve();
      },
    });
    const driver = createSimDriver(options);
    await driver.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(errors).toHaveLength(1);
    expect(n).toBeGreaterThan(1);
    await driver.stop();
  });

  it('accepts the pino logger', () => {
    const asSimLog = (l: Logger): SimLog => l;
    expect(typeof asSimLog).toBe('function');
  });
});
