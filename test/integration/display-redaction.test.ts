// Issue #20 finding 6: the wall (display role) received incident summaries unredacted: free
// text typed by call-takers, with names and numbers in it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeIncidentReported } from '../support/factories.ts';
import type { Snapshot } from '../../shared/contract/views.ts';

let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

describe('incident summaries per role', () => {
  it('reach operators only; walls and executives get null', async () => {
    const incident = makeIncidentReported({ summary: 'Pelapor Bu Rina 0812 3456 789, rumah no. 12' });
    expect((await app.post('/api/v1/events', [incident])).status).toBe(200);
    const summaryFor = async (token: string): Promise<string | null | undefined> =>
      ((await app.get('/api/v1/snapshot', token)).json as Snapshot).incidents.open.find((i) => i.incidentId === incident.incidentId)?.summary;
    expect(await summaryFor(OPERATOR_TOKEN)).toBe(incident.summary);
    expect(await summaryFor(DISPLAY_TOKEN)).toBeNull();
    expect(await summaryFor(EXECUTIVE_TOKEN)).toBeNull();
  });
});
