// Liveness, readiness (Redis answers) and Prometheus metrics.
import { Router } from 'express';
import type { Metrics } from '../../metrics.ts';

/** `pingStore` resolves when Redis answers in time (store/ping.ts) and rejects otherwise. */
export function healthRoutes(pingStore: () => Promise<void>, metrics: Metrics): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  r.get('/readyz', async (_req, res) => {
    try {
      await pingStore();
      res.json({ ok: true, redis: 'up' });
    } catch {
      metrics.redisErrors.inc({ op: 'readyz' });
      res.setHeader('Retry-After', '2');
      res.status(503).json({ ok: false, redis: 'down' });
    }
  });
  r.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return r;
}
