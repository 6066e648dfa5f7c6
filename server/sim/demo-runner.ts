// Runs the demo simulator in exactly one server process (a lease in Redis), writing through
// ingest into the `demo` space only. Presenter commands (scenario, speed, reset) may reach any
// process: they are published on a Redis channel and the lease holder carries them out.
import { randomUUID } from 'node:crypto';
import type { CityProfile } from '../city/city-profile.ts';
import { zoneOffsetMs } from '../domain/time.ts';
import type { IngestService } from '../ingest/ingest-service.ts';
import type { Logger } from '../log.ts';
import type { DemoSimStore } from '../store/demo-sim-store.ts';
import { createSimDriver, type SimDriver, type SimStatus } from './driver.ts';
import { pointSampler } from './geo-sampling.ts';
import { SCENARIO_NAMES, type ScenarioName, type SimCity } from './state.ts';

export type DemoCommand =
  | { kind: 'scenario'; name: ScenarioName; kecamatan?: string; appId?: string }
  | { kind: 'speed'; speed: number }
  | { kind: 'reset' };

export interface DemoRunnerDeps {
  /** The lease, status and control channel of the demo space (store/demo-sim-store.ts). */
  store: DemoSimStore;
  ingest: IngestService;
  city: CityProfile;
  seed: number;
  speed: number;
  clock: () => number;
  log: Logger;
  /** Backfill today and the DEMO_HISTORY_DAYS before it on start and reset (off in most tests). */
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

/**
 * Days of history before today a fresh demo is given (today first, then these in the background):
 * 60, so the 30-day trends are full and the 30 days have 30 days before them to be compared with.
 */
export const DEMO_HISTORY_DAYS = 60;
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
      backfill: backfill ? { days: DEMO_HISTORY_DAYS } : false,
      ...(deps.tickMs === undefined ? {} : { tickMs: deps.tickMs }),
      log,
      emit: async (events) => {
        await deps.ingest.ingestEvents('demo', 'demo-sim', events);
      },
    });

  async function lead(): Promise<void> {
    const newestMs = await deps.store.newestEventMs();
    const stale = newestMs !== null && deps.clock() - newestMs > FRESH_MS;
    // A simulator that stopped a while ago left a gap: start a fresh day rather than replay it twice.
    if (stale) await deps.store.wipeDemoSpace();
    driver = newDriver(deps.backfill !== false && (newestMs === null || stale));
    log.info({ owner }, 'this process runs the demo simulator');
    // The backfill of today can take a while; the server must not wait for it to listen.
    driver.start().catch((err: unknown) => log.warn({ err: String(err) }, 'demo simulator failed to start'));
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    const held = await deps.store.holdSimLease(owner, LEASE_MS);
    if (held && !driver) await lead();
    if (!held && driver) {
      await driver.stop();
      driver = null;
    }
    if (driver) await deps.store.writeSimStatus(JSON.stringify(driver.status()), LEASE_MS);
  }

  async function execute(cmd: DemoCommand): Promise<void> {
    if (!driver) return;
    if (cmd.kind === 'scenario') driver.startScenario(cmd.name, { ...(cmd.kecamatan ? { kecamatan: cmd.kecamatan } : {}), ...(cmd.appId ? { appId: cmd.appId } : {}) });
    else if (cmd.kind === 'speed') driver.setSpeed(cmd.speed);
    else {
      await driver.stop();
      await deps.store.wipeDemoSpace();
      await deps.store.holdSimLease(owner, LEASE_MS);
      // A reset restores a day like the one a delegation saw at start (backfilled up to now), not
      // an empty map; like the start, it does not hold the command up while the backfill runs.
      driver = newDriver(deps.backfill !== false);
      driver.start().catch((err: unknown) => log.warn({ err: String(err) }, 'demo simulator failed to restart'));
    }
    await deps.store.writeSimStatus(JSON.stringify(driver.status()), LEASE_MS);
    log.info({ cmd: cmd.kind }, 'demo command');
  }

  await deps.store.subscribeSimCommands((message) => {
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
      await deps.store.publishSimCommand(JSON.stringify(cmd));
    },
    async status() {
      const raw = await deps.store.readSimStatus();
      return raw ? { ...(JSON.parse(raw) as SimStatus), leader: driver !== null } : null;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await driver?.stop();
      driver = null;
      await deps.store.releaseSimLease(owner).catch(() => undefined);
      await deps.store.unsubscribeSimCommands().catch(() => undefined);
    },
  };
}
