// Reads alerts and their notes and writes them as CAP 1.2: one message, or the Atom feed of a
// window. The city profile gives the sender, codes and areas.
import type { Space } from '../../../shared/contract/views.ts';
import type { CityProfile } from '../../city/city-profile.ts';
import { toAlertView } from '../../domain/alert-record.ts';
import { parseEpochMs, toIsoWithOffset } from '../../domain/time.ts';
import { timelineOf } from '../alert-state.ts';
import { headline } from '../alert-text.ts';
import { areaOf, buildAreaIndex } from './cap-area.ts';
import { atomFeed } from './cap-feed.ts';
import { capAlertElement, capDocument, type CapInput, type CapSender } from './cap-message.ts';

export interface CapReaders {
  alert(space: Space, alertId: string): Promise<Record<string, string> | null>;
  history(space: Space, fromMs: number, toMs: number, limit: number): Promise<[string, Record<string, string>][]>;
  notes(space: Space, alertId: string): Promise<Record<string, number>>;
}

export interface CapService {
  message(space: Space, alertId: string): Promise<string | null>;
  feed(space: Space, w: { fromMs: number; toMs: number; limit: number }): Promise<string>;
}

/** The CAP href of an alert's message (ids contain ':', so encoded). */
export function capHref(space: Space, alertId: string): string {
  return `/api/v1/alerts/${encodeURIComponent(alertId)}.cap${space === 'demo' ? '?space=demo' : ''}`;
}

export function createCapService(city: CityProfile, read: CapReaders, clock: () => number): CapService {
  const p = city.profile;
  const tz = p.timezone;
  const sender: CapSender = {
    sender: p.cap?.sender ?? `pantau.${p.id}`,
    senderName: p.cap?.senderName ?? `Pantau ${p.name}`,
    codes: p.cap?.codes ?? [],
    contact: p.cap?.contact,
    web: p.cap?.web,
    cityId: p.id,
    cityName: p.name,
    // CAP times have no fraction of a second.
    time: (ms) => toIsoWithOffset(Math.floor(ms / 1000) * 1000, tz).replace(/\.\d{3}/, ''),
  };
  const areas = buildAreaIndex({ name: p.name, bpsCode: p.bpsCode, center: p.map.center, kecamatan: p.kecamatan }, city.kecamatanGeo);

  async function input(space: Space, alertId: string, h: Record<string, string>): Promise<CapInput | null> {
    const raisedMs = parseEpochMs(h.raisedAt);
    // An alert only acknowledged or cleared, never raised, has nothing to announce.
    if (raisedMs === null) return null;
    const alert = toAlertView(alertId, h, tz);
    const timeline = timelineOf(raisedMs, parseEpochMs(h.clearedAt), await read.notes(space, alertId));
    return { alert, timeline, space, area: areaOf(alert, areas) };
  }

  return {
    async message(space, alertId) {
      const h = await read.alert(space, alertId);
      const i = h === null ? null : await input(space, alertId, h);
      return i === null ? null : capDocument(i, sender);
    },
    async feed(space, w) {
      const found = await read.history(space, w.fromMs, w.toMs, w.limit);
      const inputs = (await Promise.all(found.map(([id, h]) => input(space, id, h)))).filter((i): i is CapInput => i !== null);
      const entries = inputs.map((i) => {
        const m = capAlertElement(i, sender);
        const change = m.msgType === 'Cancel' ? 'cleared' : m.msgType === 'Update' ? 'updated' : 'raised';
        return { identifier: m.identifier, sent: m.sent, title: headline(i.alert, change, 'id'), href: capHref(space, i.alert.alertId), xml: m.xml };
      });
      const updated = entries.map((e) => e.sent).sort().at(-1) ?? sender.time(clock());
      return atomFeed({
        id: `urn:pantau:${p.id}:${space}:alerts`,
        title: `Peringatan Pantau — ${p.name}${space === 'demo' ? ' (latihan / exercise)' : ''}`,
        author: sender.senderName,
        selfHref: `/api/v1/alerts.cap${space === 'demo' ? '?space=demo' : ''}`,
        updated,
      }, entries);
    },
  };
}
