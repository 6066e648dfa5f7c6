// CAP 1.2 out (server/integrations/cap): an alert's raise, change and clear come out as Alert,
// Update and Cancel (referencing the Alert); the demo space's messages are exercises; every
// message, alone or inside the Atom feed, validates against the OASIS CAP 1.2 schema with
// xmllint. Alerts are written the way Pantau's detector writes them, through ingest.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Space } from '../../shared/contract/views.ts';
import { clearedEvent, raisedEvent } from '../../server/alerts/alert-events.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { waitFor } from '../support/wait.ts';

const run = promisify(execFile);
const XSD = resolve('server/integrations/cap/xsd/CAP-v1.2.xsd');

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startApp({}, { demoBackfill: false });
  dir = await mkdtemp(join(tmpdir(), 'pantau-cap-'));
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
/** Validates one CAP message with xmllint against the OASIS schema; throws with xmllint's words. */
async function validate(xml: string): Promise<void> {
  const file = join(dir, `m${n++}.xml`);
  await writeFile(file, xml);
  const r = await run('xmllint', ['--noout', '--schema', XSD, file]).catch((e: { stderr?: string }) => ({ stderr: e.stderr ?? String(e) }));
  expect(r.stderr).toMatch(/validates$/m);
}

const at = (): string => toIsoWithOffset(Date.now(), app.city.profile.timezone);

async function write(space: Space, events: Parameters<TestApp['ingest']['ingestEvents']>[2]): Promise<void> {
  const { answer } = await app.ingest.ingestEvents(space, 'pantau', events);
  expect(answer.accepted).toBe(events.length);
}

async function capOf(id: string, space: Space = 'live'): Promise<string> {
  const r = await app.get(`/api/v1/alerts/${encodeURIComponent(id)}.cap${space === 'demo' ? '?space=demo' : ''}`, OPERATOR_TOKEN);
  expect(r.status, r.text).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/application\/cap\+xml/);
  return r.text;
}

const tag = (xml: string, name: string): string => xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1] ?? '';

describe('CAP 1.2 messages', () => {
  it('follow an alert from raise (Alert) through a change (Update) to clear (Cancel referencing the Alert)', async () => {
    const id = 'silent:cap-app:1';
    const finding = { kind: 'silent' as const, severity: 'warning' as const, detail: { minutes: 20 } };
    await write('live', [raisedEvent(id, 'cap-app', finding, at(), { name: 'Aplikasi <CAP> & Co' })]);
    const alert = await waitFor(async () => { const x = await capOf(id); return tag(x, 'msgType') === 'Alert' && x; }, { what: 'the Alert' });
    await validate(alert);
    expect(tag(alert, 'status')).toBe('Actual');
    expect(alert.indexOf('<language>id-ID</language>')).toBeLessThan(alert.indexOf('<language>en-US</language>'));
    expect(alert).toContain('<circle>');
    expect(alert).toContain('Aplikasi &lt;CAP&gt; &amp; Co');
    expect(tag(alert, 'sender')).toBe(app.city.profile.cap?.sender ?? `pantau.${app.city.profile.id}`);
    const alertIdentifier = tag(alert, 'identifier');
    const alertSent = tag(alert, 'sent');

    await write('live', [raisedEvent(id, 'cap-app', { ...finding, severity: 'critical' }, at(), { name: 'Aplikasi <CAP> & Co' }, 'escalate')]);
    const update = await waitFor(async () => { const x = await capOf(id); return tag(x, 'msgType') === 'Update' && x; }, { what: 'the Update' });
    await validate(update);
    expect(tag(update, 'references')).toBe(`${tag(alert, 'sender')},${alertIdentifier},${alertSent}`);
    expect(tag(update, 'severity')).toBe('Severe');

    await write('live', [clearedEvent(id, at())]);
    const cancel = await waitFor(async () => { const x = await capOf(id); return tag(x, 'msgType') === 'Cancel' && x; }, { what: 'the Cancel' });
    await validate(cancel);
    expect(tag(cancel, 'references').split(' ')[0]).toBe(`${tag(alert, 'sender')},${alertIdentifier},${alertSent}`);
    expect(tag(cancel, 'responseType')).toBe('AllClear');
  });

  it('gives raise then clear as Alert then Cancel, as an exercise in the demo space, with the kecamatan polygon', async () => {
    const kec = app.city.profile.kecamatan[0];
    if (!kec) throw new Error('the test city has no kecamatan');
    const id = `complaint-spike:${kec.code}:2`;
    await write('demo', [raisedEvent(id, kec.code, { kind: 'complaint-spike', severity: 'warning', detail: { observed: 40, expected: 4 } }, at(), { name: kec.name })]);
    const alert = await waitFor(async () => { const x = await capOf(id, 'demo'); return tag(x, 'msgType') === 'Alert' && x; }, { what: 'the demo Alert' });
    await validate(alert);
    expect(tag(alert, 'status')).toBe('Exercise');
    expect(alert).toMatch(/<polygon>[-0-9.]+,[-0-9.]+( [-0-9.]+,[-0-9.]+){3,}<\/polygon>/);
    expect(alert).toContain(`<geocode><valueName>BPS</valueName><value>${kec.code}</value></geocode>`);
    await write('demo', [clearedEvent(id, at())]);
    const cancel = await waitFor(async () => { const x = await capOf(id, 'demo'); return tag(x, 'msgType') === 'Cancel' && x; }, { what: 'the demo Cancel' });
    await validate(cancel);
    expect(tag(cancel, 'references')).toBe(`${tag(alert, 'sender')},${tag(alert, 'identifier')},${tag(alert, 'sent')}`);
  });

  it('lists the alerts as an Atom feed whose every embedded message validates', async () => {
    const r = await app.get('/api/v1/alerts.cap', OPERATOR_TOKEN);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const file = join(dir, 'feed.xml');
    await writeFile(file, r.text);
    await run('xmllint', ['--noout', file]);
    const messages = [...r.text.matchAll(/<content type="application\/cap\+xml">(.*?)<\/content>/gs)].map((m) => m[1] ?? '');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) await validate(`<?xml version="1.0" encoding="UTF-8"?>\n${m}`);
  });

  it('answers 404 for an unknown alert, and the routes keep the alerts route\'s roles', async () => {
    expect((await app.get('/api/v1/alerts/nope.cap', OPERATOR_TOKEN)).status).toBe(404);
    expect((await app.get('/api/v1/alerts.cap', 'test-display-token')).status).toBe(403);
    expect((await app.get('/api/v1/alerts.cap?from=yesterday', OPERATOR_TOKEN)).status).toBe(400);
  });
});
