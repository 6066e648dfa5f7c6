// The demo presenter controls (GET /api/v1/demo/status, POST /api/v1/demo/{scenario,speed,reset}).
// The status is public; the commands carry this browser's credential (presenter or operator).
import { z } from 'zod';
import { getParsed, postJson } from './http.ts';

export const DEMO_SCENARIOS = ['flood', 'large-fire', 'app-outage', 'normal-monday'] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

export function isDemoScenario(name: string): name is DemoScenario {
  return DEMO_SCENARIOS.some((s) => s === name);
}

/** Time-lapse factors offered to a presenter: real time, a busy hour in six minutes, an hour a minute. */
export const DEMO_SPEEDS = [1, 10, 60] as const;

/**
 * The server's SimStatus (server/sim/driver.ts) plus `leader`, or `{ running: false }` before the
 * simulator has reported. Loose on purpose: the panel shows what it understands and ignores the rest.
 */
export const DemoStatus = z.object({
  running: z.boolean(),
  speed: z.number().optional(),
  backfilling: z.boolean().optional(),
  writingHistory: z.boolean().optional(),
  scenarios: z
    .array(
      z.object({
        name: z.string(),
        startedAt: z.string(),
        endsAt: z.string().nullable(),
        kecamatan: z.string().nullable(),
        appId: z.string().nullable(),
      }),
    )
    .optional(),
});
export type DemoStatus = z.infer<typeof DemoStatus>;

export function fetchDemoStatus(signal?: AbortSignal): Promise<DemoStatus> {
  // The presenter works the demo space whatever credential this browser keeps.
  return getParsed('/demo/status', DemoStatus, { token: null, ...(signal ? { signal } : {}) });
}

export async function startDemoScenario(name: DemoScenario, kecamatan?: string): Promise<void> {
  await postJson('/demo/scenario', { name, ...(kecamatan ? { kecamatan } : {}) });
}

export async function setDemoSpeed(speed: number): Promise<void> {
  await postJson('/demo/speed', { speed });
}

export async function resetDemo(): Promise<void> {
  await postJson('/demo/reset', {});
}
