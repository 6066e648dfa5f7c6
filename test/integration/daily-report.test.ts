// The daily report (issue 18 item 4) end to end, on real parts: Redis, the built client, the
// system's Chromium printing the report page, a real SMTP server (smtp-server) and a webhook
// receiver on 127.0.0.1, poppler's pdftoppm/pdftotext reading the PDF.
//
// The app runs on an injected clock that moves with real time from a chosen moment, so the
// schedule's own timer fires at 06:00 city time. In order, sharing one key prefix:
//  1. started on Monday 05:59:40 WIB with nothing kept: the start makes up Saturday's report at
//     once; Sunday's (with its week) is written at 06:00, not before, and both are mailed and
//     posted (signed) with a working download link;
//  2. the printed figures are the executive API's: the report page's numbers equal GET
//     /api/v1/kpis for the day, and the PDF's text carries them; pages → PNG artifacts;
//  3. two processes started on Tuesday 09:00 (down at 06:00) make up Monday's report once:
//     one e-mail, one webhook delivery;
//  4. POST writes a report now (English), GET lists and serves it; a missing Chromium is a
//     clear 503 naming PANTAU_CHROMIUM.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpisAnswer } from '../../shared/contract/kpis.ts';
import { ReportInfo, ReportsAnswer } from '../../shared/contract/reports.ts';
import { KecamatanCode, type PantauEvent } from '../../shared/contract/events.ts';
import { raisedEvent } from '../../server/alerts/alert-events.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { DailyReportPayload } from '../../server/integrations/webhooks/webhook-payload.ts';
import { METRICS } from '../../client/views/executive/kpi-metrics.ts';
import { formatMetric } from '../../client/views/executive/metric-format.ts';
import { EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { ARTIFACTS, launchBrowser, VIEWPORTS } from '../support/browser.ts';
import { waitFor } from '../support/wait.ts';

const CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));
const SECRET = 'a-report-webhook-secret-0001';
const PREFIX = `t-report-${process.pid}`;
const OUT = new URL('report/', ARTIFACTS);

interface Mail { subject: string; raw: string; pdf: Buffer | null }
interface Hook { deliveryId: string; signatureOk: boolean; json: unknown }

const mails: Mail[] = [];
const hooks: Hook[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let hookServer: Server;
let hookPort = 0;

/** An RFC 2047 header (`=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=` words) as text. */
function decodeHeader(v: string): string {
  return v.replace(/\r\n[ \t]/g, ' ').replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

/** The PDF attached to a raw MIME message (base64 part after its headers). */
function attachedPdf(raw: string): Buffer | null {
  const at = raw.indexOf('Content-Type: application/pdf');
  if (at < 0) return null;
  const start = raw.indexOf('\r\n\r\n', at);
  const end = raw.indexOf('\r\n--', start);
  return Buffer.from(raw.slice(start + 4, end).replace(/\s+/g, ''), 'base64');
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ subject: decodeHeader(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? ''), raw, pdf: attachedPdf(raw) });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  hookServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-pantau-timestamp'] ?? '');
      // Checked with node:crypto, not Pantau's own verify.
      const want = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
      hooks.push({ deliveryId: String(req.headers['x-pantau-delivery'] ?? ''), signatureOk: req.headers['x-pantau-signature'] === want, json: JSON.parse(body) as unknown });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  hookPort = (hookServer.address() as AddressInfo).port;
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  hookServer.closeAllConnections();
  await new Promise<void>((resolve) => hookServer.close(() => resolve()));
});

/** A clock that reads `startIso` now and moves with real time. */
function clockFrom(startIso: string): () => number {
  const base = Date.parse(startIso);
  const t0 = Date.now();
  return () => base + (Date.now() - t0);
}

const reportEnv = (): Record<string, string> => ({
  PANTAU_REPORTS: 'on',
  PANTAU_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  PANTAU_REPORT_TO: 'walikota@example.go.id, bappeda@example.go.id',
  PANTAU_WEBHOOKS: JSON.stringify([{ name: 'reports', url: `http://127.0.0.1:${hookPort}/hook`, secret: SECRET, payloads: ['daily-report'] }]),
});

async function reportsOf(app: TestApp, token = EXECUTIVE_TOKEN): Promise<ReportInfo[]> {
  const r = await app.get('/api/v1/reports', token);
  expect(r.status, r.text).toBe(200);
  return ReportsAnswer.parse(r.json).reports;
}

async function pdfOf(app: TestApp, path: string): Promise<Buffer> {
  const r = await fetch(app.url + path, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await r.arrayBuffer());
}

/** The seeded Sunday: calls on both lines (some answered late, some abandoned), incidents in three kecamatan, app use, one alert. */
function sundayEvents(app: TestApp): { events: PantauEvent[]; alert: PantauEvent } {
  const tz = app.city.profile.timezone;
  const at = (hhmmss: string) => toIsoWithOffset(Date.parse(`2026-11-29T${hhmmss}+07:00`), tz);
  const plus = (iso: string, s: number) => toIsoWithOffset(Date.parse(iso) + s * 1000, tz);
  const events: PantauEvent[] = [];
  let n = 0;
  const call = (line: '112' | '119', start: string, waitS: number, outcome: 'answered' | 'abandoned') => {
    const callId = `rep-call-${n++}`;
    events.push({ id: `${callId}-r`, type: 'call.received', at: start, source: 'test', callId, line });
    if (outcome === 'answered') events.push({ id: `${callId}-a`, type: 'call.answered', at: plus(start, waitS), source: 'test', callId, agentId: 'agent-1' });
    else events.push({ id: `${callId}-x`, type: 'call.abandoned', at: plus(start, waitS), source: 'test', callId });
  };
  call('112', at('08:05:00'), 6, 'answered');
  call('112', at('08:20:00'), 14, 'answered');
  call('112', at('08:40:00'), 35, 'abandoned');
  call('112', at('19:10:00'), 42, 'answered');
  call('112', at('19:30:00'), 28, 'answered');
  call('112', at('19:45:00'), 60, 'abandoned');
  call('119', at('10:00:00'), 9, 'answered');
  call('119', at('10:15:00'), 31, 'answered');
  call('119', at('22:50:00'), 50, 'abandoned');
  const kec = app.city.profile.kecamatan;
  const incident = (category: 'fire' | 'flood' | 'medical', k: number, time: string) => {
    const incidentId = `rep-inc-${n++}`;
    events.push({ id: `${incidentId}-r`, type: 'incident.reported', at: at(time), source: 'test', incidentId, line: '112', category, priority: 2, location: { kecamatan: KecamatanCode.parse(kec[k % kec.length]?.code) } });
  };
  incident('fire', 0, '09:00:00');
  incident('fire', 0, '13:00:00');
  incident('fire', 1, '15:00:00');
  incident('flood', 1, '16:00:00');
  incident('flood', 2, '17:30:00');
  incident('medical', 2, '21:00:00');
  const appId = app.city.apps[0]?.id ?? 'laksa';
  events.push({ id: `rep-app-${n++}`, type: 'app.activity', at: at('11:00:00'), source: 'test', appId, kind: 'session', count: 420 });
  events.push({ id: `rep-app-${n++}`, type: 'app.activity', at: at('11:00:00'), source: 'test', appId, kind: 'error', count: 7 });
  const alert = raisedEvent('report-test-alert', appId, { kind: 'silent', severity: 'warning', detail: { minutes: 20 } }, at('12:00:00'), { name: 'App' });
  return { events, alert };
}

/** This process's count of scheduled reports written (`/metrics`). */
async function written(app: TestApp): Promise<number> {
  const text = await app.metrics.registry.metrics();
  return Number(/^pantau_reports_total\{trigger="schedule",result="written"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

const dayQuery = '?from=2026-11-29T00:00:00%2B07:00&to=2026-11-30T00:00:00%2B07:00';
const normal = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');

describe('the daily report', () => {
  let first: TestApp | null = null;

  it('makes up a missed report at start, writes the next at 06:00 city time, and delivers each by e-mail and a signed webhook', async () => {
    const clock = clockFrom('2026-11-30T05:59:40+07:00');
    const app = await startApp(reportEnv(), { clock, keyPrefix: PREFIX, clientDir: CLIENT_DIR, alertDetectors: false });
    first = app;
    const seed = sundayEvents(app);
    expect((await app.post('/api/v1/events', seed.events)).status).toBe(200);
    const { answer } = await app.ingest.ingestEvents('live', 'pantau', [seed.alert]);
    expect(answer.accepted).toBe(1);

    // Until Monday 06:00 WIB there is no Sunday report, however long the start's make-up takes.
    const due = Date.parse('2026-11-30T06:00:00+07:00');
    let early = false;
    await waitFor(async () => {
      early ||= (await reportsOf(app)).some((r) => r.day === '2026-11-29');
      return clock() >= due - 300;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    expect(early).toBe(false);

    // Saturday's report was due on Sunday 06:00 and never written: the start makes it up.
    await waitFor(async () => (await reportsOf(app)).some((r) => r.day === '2026-11-28'), { timeoutMs: 60_000, intervalMs: 250 });
    const saturday = (await reportsOf(app)).find((r) => r.day === '2026-11-28');
    expect(saturday).toMatchObject({ lang: 'id', weekly: false, trigger: 'schedule' });
    expect(saturday?.renderMs).toBeLessThan(60_000);

    // Sunday's is due Monday 06:00: written by the schedule's timer, not before.
    await waitFor(async () => (await reportsOf(app)).some((r) => r.day === '2026-11-29'), { timeoutMs: 90_000, intervalMs: 250 });
    const sunday = (await reportsOf(app)).find((r) => r.day === '2026-11-29');
    expect(sunday).toMatchObject({ lang: 'id', weekly: true, trigger: 'schedule' });
    expect(Date.parse(sunday?.renderedAt ?? '')).toBeGreaterThanOrEqual(due);

    // E-mail: one per report, each with its PDF.
    await waitFor(() => mails.length >= 2, { timeoutMs: 30_000, intervalMs: 100 });
    expect(mails.map((m) => /laporan harian (\S+)/.exec(m.subject)?.[1])).toEqual(['2026-11-28', '2026-11-29']);
    for (const m of mails) {
      expect(m.raw).toMatch(/^To: .*walikota@example\.go\.id.*bappeda@example\.go\.id/m);
      expect(m.pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // Webhook: one signed daily-report per report, whose link serves the PDF.
    await waitFor(() => hooks.length >= 2, { timeoutMs: 30_000, intervalMs: 100 });
    const payloads = hooks.map((h) => DailyReportPayload.parse(h.json));
    expect(hooks.every((h) => h.signatureOk)).toBe(true);
    expect(payloads.map((p) => [p.day, p.weekly])).toEqual([['2026-11-28', false], ['2026-11-29', true]]);
    const pdf = await pdfOf(app, new URL(payloads[1]?.reportUrl ?? '').pathname);
    expect(pdf.equals(mails[1]?.pdf ?? Buffer.alloc(0))).toBe(true);
    expect(await written(app)).toBe(2);
  }, 180_000);

  it('prints the executive API\'s figures: the report page equals GET /api/v1/kpis for the day, and so does the PDF', async () => {
    const app = first;
    if (!app) throw new Error('the first test did not start the app');
    const api = KpisAnswer.parse((await app.get(`/api/v1/kpis${dayQuery}`, EXECUTIVE_TOKEN)).json);
    expect(api.calls.all.offered).toBe(9);
    expect(api.incidents.count).toBe(6);
    // The week Monday 23 to Sunday 29 November, which Sunday's report carries.
    const weekApi = KpisAnswer.parse((await app.get('/api/v1/kpis?from=2026-11-23T00:00:00%2B07:00&to=2026-11-30T00:00:00%2B07:00', EXECUTIVE_TOKEN)).json);

    // The page's numbers, as printed.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      await page.goto(`${app.url}/report/2026-11-29?token=${EXECUTIVE_TOKEN}`);
      await page.waitForSelector('[data-report-state="ready"]', { timeout: 60_000 });
      for (const [scope, answer] of [['day', api], ['week', weekApi]] as const) {
        for (const m of METRICS) {
          for (const line of m.perLine ? (['112', '119', 'all'] as const) : (['all'] as const)) {
            const shown = await page.getAttribute(`[data-testid="report-kpi-${scope}-${m.id}-${line}"]`, 'data-value');
            const want = m.value(answer, line);
            expect(shown, `${scope} ${m.id} ${line}`).toBe(want === null ? '' : String(want));
          }
        }
      }
      await page.screenshot({ path: fileURLToPath(new URL('report-page.png', OUT)), fullPage: true });
      // The page on a desk's screens too (it is an A4 sheet centred on them).
      for (const v of ['1080p', '4k'] as const) {
        const p = await browser.newPage({ viewport: { width: VIEWPORTS[v].width, height: VIEWPORTS[v].height }, deviceScaleFactor: VIEWPORTS[v].deviceScaleFactor });
        await p.goto(`${app.url}/report/2026-11-29?token=${EXECUTIVE_TOKEN}`);
        await p.waitForSelector('[data-report-state="ready"]', { timeout: 60_000 });
        await p.screenshot({ path: fileURLToPath(new URL(`report-page-${v}.png`, OUT)) });
        await p.close();
      }
    } finally {
      await browser.close();
    }

    // The PDF: its pages as PNG (looked at), its text carrying the same figures.
    const pdf = await pdfOf(app, '/api/v1/reports/2026-11-29.pdf');
    const dir = mkdtempSync(join(tmpdir(), 'pantau-report-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    writeFileSync(new URL('report-2026-11-29.pdf', OUT), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', file, fileURLToPath(new URL('report-2026-11-29', OUT))]);
    const pngs = readdirSync(OUT).filter((f) => f.startsWith('report-2026-11-29') && f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(2);
    const text = normal(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
    expect(text).toContain('Laporan harian dan mingguan');
    expect(text).toContain('Laporan mingguan');
    for (const m of METRICS) {
      const v = m.value(api, 'all');
      if (v !== null) expect(text, m.id).toContain(normal(formatMetric(v, m.format, 'id')));
    }
    for (const k of Object.keys(api.incidents.byKecamatan)) {
      const name = app.city.profile.kecamatan.find((x) => x.code === k)?.name ?? k;
      expect(text).toContain(name);
    }
    expect(text).toContain('Kebakaran');
    await app.close();
    first = null;
  }, 180_000);

  it('writes a missed report once when two processes start after the hour', async () => {
    const before = { mails: mails.length, hooks: hooks.length };
    const clock = clockFrom('2026-12-01T09:00:00+07:00');
    const [a, b] = await Promise.all([
      startApp(reportEnv(), { clock, keyPrefix: PREFIX, clientDir: CLIENT_DIR, alertDetectors: false }),
      startApp(reportEnv(), { clock, keyPrefix: PREFIX, clientDir: CLIENT_DIR, alertDetectors: false }),
    ]);
    try {
      await waitFor(async () => (await reportsOf(a)).some((r) => r.day === '2026-11-30'), { timeoutMs: 90_000, intervalMs: 250 });
      await Promise.all([a.reports.settled(), b.reports.settled()]);
      await waitFor(() => hooks.length >= before.hooks + 1, { timeoutMs: 30_000, intervalMs: 100 });
      expect(mails.length - before.mails).toBe(1);
      expect(mails.at(-1)?.subject).toContain('2026-11-30');
      expect(hooks.length - before.hooks).toBe(1);
      expect((await reportsOf(b)).filter((r) => r.day === '2026-11-30')).toHaveLength(1);
      expect((await written(a)) + (await written(b))).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 180_000);

  it('writes one now on request (English), lists and serves it; a missing Chromium is a clear 503', async () => {
    const app = await startApp({}, { keyPrefix: PREFIX, clientDir: CLIENT_DIR, clock: clockFrom('2026-12-01T10:00:00+07:00'), alertDetectors: false });
    try {
      const r = await app.post('/api/v1/reports/2026-11-29?lang=en', undefined, { token: OPERATOR_TOKEN });
      expect(r.status, r.text).toBe(201);
      const info = ReportInfo.parse(r.json);
      expect(info).toMatchObject({ day: '2026-11-29', lang: 'en', weekly: true, trigger: 'request' });
      expect((await reportsOf(app, OPERATOR_TOKEN)).map((x) => `${x.day}:${x.lang}`)).toContain('2026-11-29:en');
      const pdf = await pdfOf(app, info.path);
      const file = join(mkdtempSync(join(tmpdir(), 'pantau-report-')), 'en.pdf');
      writeFileSync(file, pdf);
      const text = normal(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
      expect(text).toContain('Daily and weekly report');
      expect(text).toContain('Weekly report');
      // Today has not ended; the day is checked before anything is printed.
      expect((await app.post('/api/v1/reports/2026-12-01', undefined, { token: OPERATOR_TOKEN })).status).toBe(400);
      expect((await app.post('/api/v1/reports/2026-02-30', undefined, { token: OPERATOR_TOKEN })).status).toBe(400);
    } finally {
      await app.close();
    }
    const broken = await startApp({ PANTAU_CHROMIUM: '/nonexistent/chromium' }, { clientDir: CLIENT_DIR });
    try {
      const r = await broken.post('/api/v1/reports/2026-11-29', undefined, { token: EXECUTIVE_TOKEN });
      expect(r.status).toBe(503);
      expect(r.text).toContain('PANTAU_CHROMIUM');
      expect(r.text).toContain('/nonexistent/chromium');
    } finally {
      await broken.close();
    }
  }, 180_000);
});
