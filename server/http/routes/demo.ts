// Presenter controls of demo mode: start a scenario, change the time-lapse speed, reset.
// Watching is public; driving needs the presenter's (or an operator's) credential, so a lobby
// screen's visitor cannot reset the demo in front of a delegation. The status stays public.
import { Router, json } from 'express';
import { z } from 'zod';
import type { DemoRunner } from '../../sim/demo-runner.ts';
import { SCENARIO_NAMES } from '../../sim/state.ts';
import { requireDemoControl } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';

export const Scenario = z.object({
  name: z.enum(SCENARIO_NAMES as [string, ...string[]]),
  kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/).optional(),
  appId: z.string().min(1).max(128).optional(),
});
export const Speed = z.object({ speed: z.number().min(0.1).max(600) });

export function demoRoutes(runner: DemoRunner | null): Router {
  const r = Router();
  const body = json({ limit: '4kb' });
  const control = requireDemoControl();
  r.use('/api/v1/demo', (_req, res, next) => {
    if (!runner) return sendError(res, 404, 'demo_off', 'demo mode is off on this server (PANTAU_DEMO=on turns it on)');
    next();
  });
  r.get('/api/v1/demo/status', async (_req, res) => {
    res.json((await runner?.status()) ?? { running: false });
  });
  r.post('/api/v1/demo/scenario', control, body, async (req, res) => {
    const p = Scenario.safeParse(req.body);
    if (!p.success) return sendError(res, 400, 'invalid_body', p.error.issues[0]?.message ?? 'invalid', p.error.issues[0]?.path.join('.'));
    const cmd = { kind: 'scenario' as const, name: p.data.name as (typeof SCENARIO_NAMES)[number], ...(p.data.kecamatan ? { kecamatan: p.data.kecamatan } : {}), ...(p.data.appId ? { appId: p.data.appId } : {}) };
    await runner?.command(cmd);
    res.status(202).json({ ok: true });
  });
  r.post('/api/v1/demo/speed', control, body, async (req, res) => {
    const p = Speed.safeParse(req.body);
    if (!p.success) return sendError(res, 400, 'invalid_body', p.error.issues[0]?.message ?? 'invalid', 'speed');
    await runner?.command({ kind: 'speed', speed: p.data.speed });
    res.status(202).json({ ok: true });
  });
  r.post('/api/v1/demo/reset', control, async (_req, res) => {
    await runner?.command({ kind: 'reset' });
    res.status(202).json({ ok: true });
  });
  return r;
}
