// The layer rules of eslint.config.js fire: each small source below, linted as if it stood at
// its path, must be reported (or pass) under the project's real config; and the real tree has
// no violation of them. Without the first half, a rule could match nothing and the second
// half would pass for the wrong reason.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LAYER_RULES = new Set(['no-restricted-imports', 'pantau/layers']);

const eslint = new ESLint({
  cwd: ROOT,
  // Only the layer rules: the sources below have unused imports and no type information.
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

interface Finding {
  ruleId: string | null;
  message: string;
}

async function layerFindings(filePath: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

type Case = [path: string, code: string, rule: string, says: RegExp];

describe('(a) Store is the only Redis user', () => {
  const forbidden: Case[] = [
    ['server/sim/lease.ts', "import { Redis } from 'ioredis';", 'no-restricted-imports', /Only server\/store imports ioredis/],
    ['server/alerts/job.ts', "import type { Redis } from 'ioredis';", 'no-restricted-imports', /Only server\/store imports ioredis/],
    ['server/app.ts', "import { Redis } from 'ioredis';", 'no-restricted-imports', /Only server\/store imports ioredis/],
    ['server/main.ts', "import { Redis } from 'ioredis';", 'no-restricted-imports', /Only server\/store imports ioredis/],
    ['server/ingest/sweep.ts', "import type { Redis } from '../store/connect.ts';", 'pantau/layers', /'Redis' from 'server\/store\/connect\.ts'/],
    ['server/http/routes/ready.ts', "import type { Redis } from '../../store/connect.ts';", 'pantau/layers', /'Redis' from 'server\/store\/connect\.ts'/],
    ['server/live/tail.ts', "import { type Redis, connectRedis } from '../store/connect.ts';", 'pantau/layers', /'Redis'/],
    ['server/app.ts', "import type { Redis } from './store/connect.ts';", 'pantau/layers', /'Redis'/],
    // A namespace import reaches the type as well.
    ['server/sim/lease.ts', "import * as connect from '../store/connect.ts';", 'pantau/layers', /'\*' from 'server\/store\/connect\.ts'/],
    ['server/sim/lease.ts', "export type { Redis } from '../store/connect.ts';", 'pantau/layers', /'Redis'/],
  ];
  it.each(forbidden)('%s: %s is reported', async (path, code, rule, says) => {
    const findings = await layerFindings(path, code);
    expect(findings.filter((f) => f.ruleId === rule).map((f) => f.message)).toEqual([expect.stringMatching(says)]);
  });

  const allowed: [path: string, code: string][] = [
    ['server/store/lease.ts', "import type { Redis } from 'ioredis';"],
    ['server/store/lease.ts', "import type { Redis } from './connect.ts';"],
    ['server/app.ts', "import { connectRedis, type RedisHandle } from './store/connect.ts';"],
    ['server/sim/runner.ts', "import type { DemoSimStore } from '../store/demo-sim-store.ts';"],
  ];
  it.each(allowed)('%s: %s passes', async (path, code) => {
    expect(await layerFindings(path, code)).toEqual([]);
  });
});

describe('(b) Ui -> ClientLive: map, charts, components and apps get data as props', () => {
  const forbidden: [path: string, code: string][] = [
    ['client/map/Layer.tsx', "import { useLiveStore } from '../live/store.ts';"],
    ['client/map/dev-free/deep/Layer.tsx', "import { useLiveStore } from '../../../live/store.ts';"],
    ['client/charts/Trend.tsx', "import { getJson } from '../api/http.ts';"],
    ['client/components/Badge.tsx', "import { connectionStatus } from '../live/connection-status.ts';"],
    ['client/apps/Grid.tsx', "import { useCity } from '../api/use-city.ts';"],
    ['client/apps/Grid.tsx', "export { useCity } from '../api/use-city.ts';"],
  ];
  it.each(forbidden)('%s: %s is reported', async (path, code) => {
    const findings = await layerFindings(path, code);
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/is UI: it gets data as props from client\/views/)]);
    expect(findings[0]?.ruleId).toBe('pantau/layers');
  });

  const allowed: [path: string, code: string][] = [
    ['client/views/wall/Board.tsx', "import { useLiveStore } from '../../live/store.ts';"],
    ['client/views/wall/Board.tsx', "import { getJson } from '../../api/http.ts';"],
    // Resolved paths: a `live` folder elsewhere (shared/live) is not client/live.
    ['client/map/Layer.tsx', "import { applyChange } from '../../shared/live/apply-change.ts';"],
    ['client/apps/Grid.tsx', "import { formatCount } from '../components/format.ts';"],
  ];
  it.each(allowed)('%s: %s passes', async (path, code) => {
    expect(await layerFindings(path, code)).toEqual([]);
  });
});

describe('(c) server/alerts has its layer', () => {
  const forbidden: Case[] = [
    ['server/alerts/job.ts', "import { SpaceFeed } from '../live/space-feed.ts';", 'pantau/layers', /server\/alerts may not import server\/live/],
    ['server/alerts/job.ts', "import { createHttpApp } from '../http/app.ts';", 'pantau/layers', /server\/alerts may not import server\/http/],
    ['server/alerts/job.ts', "import { createSimDriver } from '../sim/driver.ts';", 'pantau/layers', /server\/alerts may not import server\/sim/],
    ['server/alerts/job.ts', "import { parseQueueLog } from '../adapters/asterisk-queue-log.ts';", 'pantau/layers', /server\/alerts may not import server\/adapters/],
    ['server/alerts/job.ts', "import { Router } from 'express';", 'no-restricted-imports', /server\/alerts knows no Express/],
    ['server/alerts/job.ts', "import { Server } from 'socket.io';", 'no-restricted-imports', /Only server\/live/],
    // And the layers below it do not reach up into it.
    ['server/store/read.ts', "import { alertIdOf } from '../alerts/alert-events.ts';", 'pantau/layers', /server\/store may not import server\/alerts/],
    ['server/domain/rule.ts', "import { alertIdOf } from '../alerts/alert-events.ts';", 'pantau/layers', /server\/domain may not import server\/alerts/],
    ['server/ingest/x.ts', "import { alertIdOf } from '../alerts/alert-events.ts';", 'pantau/layers', /server\/ingest may not import server\/alerts/],
    ['server/sim/x.ts', "import { alertIdOf } from '../alerts/alert-events.ts';", 'pantau/layers', /server\/sim may not import server\/alerts/],
    ['server/live/x.ts', "import { alertIdOf } from '../alerts/alert-events.ts';", 'pantau/layers', /server\/live may not import server\/alerts/],
  ];
  it.each(forbidden)('%s: %s is reported', async (path, code, rule, says) => {
    const findings = await layerFindings(path, code);
    expect(findings.filter((f) => f.ruleId === rule).map((f) => f.message)).toEqual([expect.stringMatching(says)]);
  });

  const allowed: [path: string, code: string][] = [
    ['server/alerts/job.ts', "import type { AppStore } from '../store/read-app-store.ts';"],
    ['server/alerts/job.ts', "import type { IngestService } from '../ingest/ingest-service.ts';"],
    ['server/alerts/job.ts', "import { lookbackMinutes } from '../domain/anomaly.ts';"],
    ['server/alerts/job.ts', "import type { CityProfile } from '../city/city-profile.ts';"],
    ['server/app.ts', "import { startAppAlertJob } from './alerts/app-alert-job.ts';"],
  ];
  it.each(allowed)('%s: %s passes', async (path, code) => {
    expect(await layerFindings(path, code)).toEqual([]);
  });
});

// The folder rules that predate these moved to resolved paths with them: a few of each kind.
describe('the older direction rules, on resolved paths', () => {
  const forbidden: [path: string, code: string, says: RegExp][] = [
    ['server/domain/rule.ts', "import { applyEvents } from '../store/apply-events.ts';", /server\/domain may not import server\/store/],
    ['server/domain/rule.ts', "import { loadConfig } from '../config.ts';", /server\/domain gets config, logger and clock as arguments/],
    ['server/adapters/parse.ts', "import { createLogger } from '../log.ts';", /server\/adapters gets config, logger and clock as arguments/],
    ['server/store/read.ts', "import { SpaceFeed } from '../live/space-feed.ts';", /server\/store may not import server\/live/],
    ['server/http/routes/x.ts', "import '../../main.ts';", /main\.ts is the composition root/],
    ['server/live/x.ts', "import { App } from '../../client/app/App.tsx';", /server\/ never imports client\//],
    ['client/views/wall/x.tsx', "import { spaceKeys } from '../../../server/store/keys.ts';", /client\/ never imports server\//],
    ['client/live/x.ts', "import { WallPage } from '../views/wall/WallPage.tsx';", /client\/live sits below client\/views/],
    ['shared/contract/x.ts', "import { useLiveStore } from '../../client/live/store.ts';", /shared\/ sits below server\/ and client\//],
  ];
  it.each(forbidden)('%s: %s is reported', async (path, code, says) => {
    const findings = await layerFindings(path, code);
    expect(findings.filter((f) => f.ruleId === 'pantau/layers').map((f) => f.message)).toEqual([expect.stringMatching(says)]);
  });
});

describe('the real tree', () => {
  it('has no violation of the layer rules', { timeout: 60_000 }, async () => {
    const results = await eslint.lintFiles(['server', 'client', 'shared']);
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
    // The run saw the tree: a glob that matched nothing would pass vacuously.
    expect(results.length).toBeGreaterThan(200);
  });
});
