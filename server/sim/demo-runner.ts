// Runs the demo simulator in exactly one server process (a lease in Redis), writing through
// ingest into the `demo` space only. Presenter commands (scenario, speed, reset) may reach any
// process: they are published on a Redis channel and the lease holder carries them out.
import { randomUUID } from 'node:crypto';
import type { Redis } from '../store/connect.ts';
import type { CityProfile } from '../city/city-profile.ts';
import { zoneOffsetMs } from '../domain/time.ts';
import type { IngestService } from '../ingest/ingest-service.ts';
import type { Logger } from '../log.ts';
import { holdLease, releaseLease } from '../store/leader-lock.ts';
import type { SpaceKeys } from '../store/keys.ts';
import { lastPosition } from '../store/read-entries.ts';
import { wipeSpace } from '../store/wipe-space.ts';
import { createSimDriver, type SimDriver, type SimStatus } from './driver.ts';
import { pointSampler } from './geo-sampling.ts';
import { SCENARIO_NAMES, type ScenarioName, type SimCity } from './state.ts';

export type DemoCommand =
  | { kind: 'scenario'; name: ScenarioName; kecamatan?: string; appId?: string }
  | { kind: 'speed'; speed: number }
  | { kind: 'reset' };

export interface DemoRunnerDeps {
  redis: Redis;
  /** A connection this runner may put in subscriber mode. */
  subscriber: Redis;
  keys: SpaceKeys;
  ingest: IngestService;
  city: CityProfile;
  seed: number;
  speed: number;
  clock: () => number;
  log: Logger;
  /** Backfill today on start (off in tests). */
  backfill?: boolean;
  tickMs?: number;
}

export interface DemoRunner {
  command(cmd: DemoCommand): Promise<void>;
  status(): Promise<(SimStatus & { leader: boolean }) | null>;
  stop(): Promise<void>;
}

export function simCityOf(city: CityProfile): SimCity {
  return {
    kecamatan: city.profile.kecamatan.map((k) => ({ code: k.code, population: k.population })),
    pointIn: pointSampler(city.geo),
    apps: city.apps.map((a) => ({ id: a.id, isSuperApp: a.isSuperApp, category: a.category })),
  };
}

const LEASE_MS = 10_000;
const RENEW_MS = 3_000;
/** Demo data whose newest event is older than this is stale: the new leader starts afresh. */
const FRESH_MS = 5 * 60_000;

export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === 'string' && (SCENARIO_NAMES as readonly string[]).includes(name);
}

export async function startDemoRunner(deps: DemoRunnerDeps): Promise<DemoRunner> {
  const owner = randomUUID();
  const log = deps.log.child({ mod: 'sim' });
  let driver: SimDriver | null = null;
  let stopped = false;

  const newDriver = (backfill: boolean): SimDriver =>
    createSimDriver({
      city: simCityOf(deps.city),
      seed: deps.seed,
      speed: deps.speed,
      clock: deps.clock,
      utcOffsetMinutes: Math.round(zoneOffsetMs(deps.clock(), deps.city.profile.timezone) / 60_000),
      backfill: backfill ? 'today' : false,
      ...(deps.tickMs === undefined ? {} : { tickMs: deps.tickMs }),
      log,
      emit: async (events) => {
        await deps.ingest.ingestEvents('demo', 'demo-sim', events);
      },
    });

  async function lead(): Promise<void> {
    const last = await lastPosition(deps.redis, deps.keys);
    const ageMs = deps.clock() - Number(last.split('-')[0]);
    // A simulator that stopped a while ago left a gap: start a fresh day rather than replay it twice.
    if (last !== '0-0' && ageMs > FRESH_MS) await wipeSpace(deps.redis, deps.keys);
    driver = newDriver(deps.backfill !== false && (last === '0-0' || ageMs > FRESH_MS));
    log.info({ owner }, 'this process runs the demo simulator');
    // The backfill of today can take a while; the server must not wait for it to listen.
    driver.start().catch((err: unknown) => log.warn({ err: String(err) }, 'demo simulator failed to start'));
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    const held = await holdLease(deps.redis, deps.keys.simLease, owner, LEASE_MS);
    if (held && !driver) await lead();
    if (!held && driver) {
      await driver.stop();
      driver = null;
    }
    if (driver) await deps.redis.set(deps.keys.simStatus, JSON.stringify(driver.status()), 'PX', LEASE_MS);
  }

  async function execute(cmd: DemoCommand): Promise<void> {
    if (!driver) return;
    if (cmd.kind === 'scenario') driver.startScenario(cmd.name, { ...(cmd.kecamatan ? { kecamatan: cmd.kecamatan } : {}), ...(cmd.appId ? { appId: cmd.appId } : {}) });
    else if (cmd.kind === 'speed') driver.setSpeed(cmd.speed);
    else {
      await driver.stop();
      await wipeSpace(deps.redis, deps.keys);
      await holdLease(deps.redis, deps.keys.simLease, owner, LEASE_MS);
      driver = newDriver(false);
      await driver.start();
    }
    await deps.redis.set(deps.keys.simStatus, JSON.stringify(driver.status()), 'PX', LEASE_MS);
    log.info({ cmd: cmd.kind }, 'demo command');
  }

  await deps.subscriber.subscribe(deps.keys.simControl);
  deps.subscriber.on('message', (channel: string, message: string) => {
    if (channel !== deps.keys.simControl) return;
    let cmd: DemoCommand;
    try {
      cmd = JSON.parse(message) as DemoCommand;
    } catch {
      return;
    }
    execute(cmd).catch((err: unknown) => log.warn({ err: String(err) }, 'demo command failed'));
  });

  await tick();
  const timer = setInterval(() => {
    tick().catch((err: unknown) => log.warn({ err: String(err) }, 'demo lease failed'));
  }, RENEW_MS);
  timer.unref();

  return {
    async command(cmd) {
      await deps.redis.publish(deps.keys.simControl, JSON.stringify(cmd));
    },
    async status() {
      const raw = await deps.redis.get(deps.keys.simStatus);
      return raw ? { ...(JSON.parse(raw) as SimStatus), leader: driver !== null } : null;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await driver?.stop();
      driver = null;
      await releaseLease(deps.redis, deps.keys.simLease, owner).catch(() => undefined);
      await deps.subscriber.unsubscribe().catch(() => undefined);
    },
  };
}
