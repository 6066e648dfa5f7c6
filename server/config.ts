// The one zod-validated view of process.env (design.md "Running it"). Nothing else reads
// process.env: modules get the frozen Config passed down from main.ts.
import { z } from 'zod';
import type { ViewerTokens } from './auth.ts';
import { isRedisUrl } from './store/redis-target.ts';
import { WebhookTargets, type WebhookTarget } from './integrations/webhooks/webhook-config.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

const onOff = z.enum(['on', 'off']);
const keyPairs = z
  .string()
  .transform((s, ctx) => {
    const out: { name: string; key: string }[] = [];
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const i = part.indexOf(':');
      const name = i > 0 ? part.slice(0, i) : '';
      const key = i > 0 ? part.slice(i + 1) : '';
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name) || key.length < 8) {
        ctx.addIssue({ code: 'custom', message: `expected name:key pairs (key at least 8 characters), got "${part.slice(0, 20)}…"` });
        return z.NEVER;
      }
      out.push({ name, key });
    }
    return out;
  });
const token = z.string().min(8, 'at least 8 characters');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  REDIS_URL: z.string().refine(isRedisUrl, 'a redis://, rediss://, redis-sentinel://host:port[,host:port…]/masterName or redis-cluster://host:port[,host:port…] URL').optional(),
  PANTAU_DATA_DIR: z.string().min(1).default('./data'),
  PANTAU_CITY: z.string().min(1).default('kota-tangerang'),
  PANTAU_INGEST_KEYS: keyPairs.optional(),
  PANTAU_OPERATOR_TOKEN: token.optional(),
  PANTAU_EXECUTIVE_TOKEN: token.optional(),
  PANTAU_DISPLAY_TOKEN: token.optional(),
  PANTAU_PRESENTER_TOKEN: token.optional(),
  PANTAU_DEMO: onOff.optional(),
  /** Key for ingest into the demo space; generated and printed at start when unset. */
  PANTAU_DEMO_KEY: token.optional(),
  /** Delta batching window (design: 100-250 ms). */
  PANTAU_BATCH_MS: z.coerce.number().int().min(10).max(5000).default(200),
  /** AOF fsync policy of the embedded Redis. */
  PANTAU_APPENDFSYNC: z.enum(['everysec', 'always']).default('everysec'),
  /** Keep stream entries this many days (MINID trim); buckets keep the history. */
  PANTAU_STREAM_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(35),
  /** Demo simulator speed (time-lapse factor) at start. */
  PANTAU_DEMO_SPEED: z.coerce.number().min(0.1).max(600).default(1),
  /** Seed of the demo simulator, for reproducible shows and tests. */
  PANTAU_DEMO_SEED: z.coerce.number().int().default(112119),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins allowed by CORS; closed (same-origin only) when unset. */
  PANTAU_CORS_ORIGINS: z.string().optional(),
  /** Ingest requests a minute per ingest key (shared by every process through Redis); 429 beyond it. */
  PANTAU_INGEST_RATE_PER_MIN: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Socket.IO handshakes a minute per client address, with or without a token (all processes together); refused beyond it. */
  PANTAU_HANDSHAKES_PER_MIN: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** First part of every Redis key; processes that serve one city share it. Tests and benchmarks use their own. */
  /**
   * Replicas that must hold each ingest batch before it is acknowledged (Redis WAIT). With a
   * replica behind Sentinel, 1 keeps acknowledged events through a failover; 0 answers on the master's word.
   */
  PANTAU_REDIS_MIN_REPLICAS: z.coerce.number().int().min(0).max(10).default(0),
  /** How long ingest waits for those replicas before answering 503. */
  PANTAU_REDIS_WAIT_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  PANTAU_EVENT_MAX_FUTURE_MINUTES: z.coerce.number().min(0).max(1_440).default(15),
  PANTAU_EVENT_MAX_AGE_DAYS: z.coerce.number().min(1).max(3_650).default(400),
  /** Webhook targets for alerts: a JSON array (docs/integrations.md "Webhooks"). */
  PANTAU_WEBHOOKS: z.string().optional(),
  /** The daily report job (docs/operations.md "Daily report"). */
  PANTAU_REPORTS: onOff.default('on'),
  PANTAU_REPORT_LANG: z.enum(['id', 'en']).default('id'),
  /** The Chromium that prints the report (playwright-core drives it; nothing is downloaded). */
  PANTAU_CHROMIUM: z.string().min(1).default('/usr/bin/chromium'),
  /** SMTP server for the report e-mail: smtp://[user:pass@]host[:port] or smtps://…; no e-mail when unset. */
  PANTAU_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.go.id:587').optional(),
  PANTAU_REPORT_FROM: z.string().min(3).max(320).default('Pantau <pantau@localhost>'),
  /** Who receives the report: comma-separated e-mail addresses. */
  PANTAU_REPORT_TO: z.string().optional(),
  /** The address people reach Pantau at (links in e-mails and webhooks); else this process's own. */
  PANTAU_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://pantau.tangerangkota.go.id' }).optional(),
  PANTAU_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or - (1-40); no braces or colons, they would break the hash tag').default('pantau'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  redisUrl: string | undefined;
  dataDir: string;
  city: string;
  ingestKeys: readonly { name: string; key: string }[];
  tokens: Readonly<ViewerTokens>;
  demo: boolean;
  demoKey: string | undefined;
  batchMs: number;
  appendfsync: 'everysec' | 'always';
  streamRetentionDays: number;
  demoSpeed: number;
  demoSeed: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  corsOrigins: readonly string[];
  keyPrefix: string;
  ingestRatePerMin: number;
  handshakesPerMin: number;
  replication: Readonly<{ minReplicas: number; waitMs: number }>;
  /** How far an event's `at` may lie ahead of the server's clock, and how far behind it. */
  eventTime: Readonly<{ maxFutureMs: number; maxAgeMs: number }>;
  webhooks: readonly WebhookTarget[];
  reports: Readonly<{
    enabled: boolean;
    lang: 'id' | 'en';
    chromium: string;
    /** Present when PANTAU_SMTP_URL is set (then PANTAU_REPORT_TO is required). */
    mail: Readonly<{ smtpUrl: string; from: string; to: readonly string[] }> | undefined;
    publicUrl: string | undefined;
  }>;
}>;

/** PANTAU_WEBHOOKS: JSON, then the targets' schema; the error names the target and field. */
function parseWebhooks(text: string | undefined): WebhookTarget[] {
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError('PANTAU_WEBHOOKS', 'not JSON: expected an array of targets like [{"name":"ops","url":"https://…","secret":"…"}]');
  }
  const r = WebhookTargets.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new ConfigError('PANTAU_WEBHOOKS', `${path.replace(/^\./, '') || 'targets'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+$/;

/** PANTAU_SMTP_URL with PANTAU_REPORT_TO (required with it): the report's e-mail, or none. */
function parseMail(smtpUrl: string | undefined, from: string, to: string | undefined): Config['reports']['mail'] {
  if (smtpUrl === undefined) {
    if (to !== undefined) throw new ConfigError('PANTAU_SMTP_URL', 'PANTAU_REPORT_TO is set but no SMTP server: set PANTAU_SMTP_URL too');
    return undefined;
  }
  const list = (to ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0) throw new ConfigError('PANTAU_REPORT_TO', 'PANTAU_SMTP_URL is set: give the recipients, comma-separated e-mail addresses');
  const bad = list.find((a) => !EMAIL.test(a));
  if (bad !== undefined) throw new ConfigError('PANTAU_REPORT_TO', `not an e-mail address: "${bad.slice(0, 40)}"`);
  return Object.freeze({ smtpUrl, from, to: Object.freeze(list) });
}

/** Parses an environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: { demo?: boolean } = {}): Config {
  // Empty strings mean "unset": shells and .env files produce them for blank assignments.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'invalid');
  }
  const e = parsed.data;
  const tokens: ViewerTokens = {};
  if (e.PANTAU_OPERATOR_TOKEN) tokens.operator = e.PANTAU_OPERATOR_TOKEN;
  if (e.PANTAU_EXECUTIVE_TOKEN) tokens.executive = e.PANTAU_EXECUTIVE_TOKEN;
  if (e.PANTAU_DISPLAY_TOKEN) tokens.display = e.PANTAU_DISPLAY_TOKEN;
  if (e.PANTAU_PRESENTER_TOKEN) tokens.presenter = e.PANTAU_PRESENTER_TOKEN;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    dataDir: e.PANTAU_DATA_DIR,
    city: e.PANTAU_CITY,
    ingestKeys: Object.freeze(e.PANTAU_INGEST_KEYS ?? []),
    tokens: Object.freeze(tokens),
    demo: e.PANTAU_DEMO ? e.PANTAU_DEMO === 'on' : defaults.demo === true,
    demoKey: e.PANTAU_DEMO_KEY,
    batchMs: e.PANTAU_BATCH_MS,
    appendfsync: e.PANTAU_APPENDFSYNC,
    streamRetentionDays: e.PANTAU_STREAM_RETENTION_DAYS,
    demoSpeed: e.PANTAU_DEMO_SPEED,
    demoSeed: e.PANTAU_DEMO_SEED,
    logLevel: e.LOG_LEVEL,
    corsOrigins: Object.freeze((e.PANTAU_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    keyPrefix: e.PANTAU_KEY_PREFIX,
    ingestRatePerMin: e.PANTAU_INGEST_RATE_PER_MIN,
    handshakesPerMin: e.PANTAU_HANDSHAKES_PER_MIN,
    replication: Object.freeze({ minReplicas: e.PANTAU_REDIS_MIN_REPLICAS, waitMs: e.PANTAU_REDIS_WAIT_MS }),
    webhooks: Object.freeze(parseWebhooks(e.PANTAU_WEBHOOKS)),
    reports: Object.freeze({
      enabled: e.PANTAU_REPORTS === 'on',
      lang: e.PANTAU_REPORT_LANG,
      chromium: e.PANTAU_CHROMIUM,
      mail: parseMail(e.PANTAU_SMTP_URL, e.PANTAU_REPORT_FROM, e.PANTAU_REPORT_TO),
      publicUrl: e.PANTAU_PUBLIC_URL?.replace(/\/+$/, ''),
    }),
    eventTime: Object.freeze({ maxFutureMs: e.PANTAU_EVENT_MAX_FUTURE_MINUTES * 60_000, maxAgeMs: e.PANTAU_EVENT_MAX_AGE_DAYS * 86_400_000 }),
  });
}
