// Prometheus metrics of one Pantau instance (a fresh registry per instance, so tests can run
// several in one process). Names are listed in the README's Operations section.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  ingestEvents: Counter<'space' | 'type' | 'result'>;
  ingestRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  sockets: Gauge<'space' | 'role'>;
  redisErrors: Counter<'op'>;
  deltas: Counter<'space'>;
  feedLagMs: Gauge<'space'>;
  slowClientsDropped: Counter<'space'>;
  socketRefused: Counter<'reason'>;
  webhookDeliveries: Counter<'target' | 'result'>;
  reports: Counter<'trigger' | 'result'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pantau_process_' });
  return {
    registry,
    ingestEvents: new Counter({ name: 'pantau_ingest_events_total', help: 'Events received by ingest, by result (accepted, duplicate, rejected)', labelNames: ['space', 'type', 'result'], registers: [registry] }),
    ingestRequests: new Counter({ name: 'pantau_ingest_requests_total', help: 'Ingest requests by route and status', labelNames: ['route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'pantau_http_request_duration_seconds', help: 'HTTP request durations', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    sockets: new Gauge({ name: 'pantau_socket_connections', help: 'Connected Socket.IO clients', labelNames: ['space', 'role'], registers: [registry] }),
    redisErrors: new Counter({ name: 'pantau_redis_errors_total', help: 'Redis operations that failed', labelNames: ['op'], registers: [registry] }),
    deltas: new Counter({ name: 'pantau_deltas_total', help: 'Delta batches emitted', labelNames: ['space'], registers: [registry] }),
    feedLagMs: new Gauge({ name: 'pantau_feed_lag_ms', help: 'Age of the newest stream entry when the live feed applied it', labelNames: ['space'], registers: [registry] }),
    socketRefused: new Counter({ name: 'pantau_socket_refused_total', help: 'Socket.IO connections refused: origin (foreign Origin), credential (bad token or auth), too_many_attempts (address over its failed-handshake budget), too_many_connections (address over its handshake budget, PANTAU_HANDSHAKES_PER_MIN)', labelNames: ['reason'], registers: [registry] }),
    webhookDeliveries: new Counter({ name: 'pantau_webhook_deliveries_total', help: 'Webhook delivery attempts by target and result: delivered (2xx), retry (failed, will be tried again), dead_letter (given up; GET /api/v1/webhooks/dead-letters)', labelNames: ['target', 'result'], registers: [registry] }),
    reports: new Counter({ name: 'pantau_reports_total', help: 'Daily reports by trigger (schedule, request) and result: written, failed (not printed or not kept), delivery_failed (written, its e-mail or webhook queueing failed)', labelNames: ['trigger', 'result'], registers: [registry] }),
    slowClientsDropped: new Counter({ name: 'pantau_slow_clients_dropped_total', help: 'Socket.IO clients disconnected because their send buffer grew too large', labelNames: ['space'], registers: [registry] }),
  };
}
