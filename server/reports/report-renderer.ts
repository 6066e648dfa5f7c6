// Prints the report page (client/views/report) to PDF with the system's Chromium through
// playwright-core (docs/operations.md "Daily report"). One browser per report, closed after it:
// a report is written once a day, and a browser kept alive would hold ~200 MB for nothing.
// The page reads the same HTTP API as the executive view, with a credential of its own (the
// process's report token, sent as a header), and says when every figure is in
// (`data-report-state`); anything it asks of another host is refused, like the e2e tests'.
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';
import type { ReportLang } from '../../shared/contract/reports.ts';
import type { Space } from '../../shared/contract/views.ts';

export class ReportRenderError extends Error {
  override name = 'ReportRenderError';
  constructor(readonly code: 'CHROMIUM_MISSING' | 'PAGE_FAILED' | 'TIMEOUT', message: string) {
    super(message);
  }
}

export interface RendererDeps {
  /** The Chromium to run (PANTAU_CHROMIUM; default /usr/bin/chromium). */
  chromiumPath: string;
  /** This process's own address, e.g. http://127.0.0.1:8080 (known once it listens). */
  baseUrl: () => string;
  /** A viewer credential the page's reads present (the process's report token). */
  token: string;
  /** Whole rendering budget (issue 18: under 60 s). */
  timeoutMs?: number;
}

export interface RenderRequest {
  day: string;
  lang: ReportLang;
  space: Space;
}

export type RenderReport = (r: RenderRequest) => Promise<Buffer>;

/** Throws ReportRenderError CHROMIUM_MISSING, naming the path and the variable, when it cannot run. */
export function checkChromium(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ReportRenderError('CHROMIUM_MISSING', `no Chromium at ${path}: install chromium (Debian: apt-get install chromium) or set PANTAU_CHROMIUM to its path`);
  }
}

/** The report page of a request: `/report/<day>?lang=…[&space=demo]`. */
export function reportPagePath(r: RenderRequest): string {
  const q = new URLSearchParams({ lang: r.lang });
  if (r.space === 'demo') q.set('space', 'demo');
  return `/report/${r.day}?${q.toString()}`;
}

export function createReportRenderer(deps: RendererDeps): RenderReport {
  const timeoutMs = deps.timeoutMs ?? 50_000;
  return async (r) => {
    checkChromium(deps.chromiumPath);
    const base = new URL(deps.baseUrl());
    const browser = await chromium.launch({
      executablePath: deps.chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: timeoutMs,
    });
    try {
      const context = await browser.newContext({
        extraHTTPHeaders: { Authorization: `Bearer ${deps.token}` },
        // A4 at 96 dpi: the page lays itself out for the paper it is printed on.
        viewport: { width: 794, height: 1123 },
        locale: r.lang === 'id' ? 'id-ID' : 'en-GB',
      });
      // Only this server: no tile server, CDN or font host is ever reached from a report.
      await context.route('**/*', (route) => (new URL(route.request().url()).host === base.host ? route.continue() : route.abort()));
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      await page.goto(new URL(reportPagePath(r), base).toString(), { waitUntil: 'load' });
      const state = await page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: timeoutMs }).catch(() => null);
      if (state === null) throw new ReportRenderError('TIMEOUT', `the report page of ${r.day} did not finish within ${timeoutMs} ms`);
      if ((await state.getAttribute('data-report-state')) === 'error') {
        throw new ReportRenderError('PAGE_FAILED', `the report page of ${r.day} failed: ${(await state.getAttribute('data-report-error')) ?? 'unknown error'}`);
      }
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
  };
}
