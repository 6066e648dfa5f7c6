// The drill-down's reads through client/api, cached by their query (a list asked again when the
// range's end moves, i.e. each minute for ranges that end now).
import { createCachedQuery } from '../../api/cached-query.ts';
import { fetchCalls, fetchIncidents, fetchIncidentTimeline, type CallListQuery, type IncidentListQuery } from '../../api/http.ts';
import type { Drill } from './drill.ts';
import type { Window } from './range.ts';

const TTL_MS = 60_000;
export const PAGE_SIZE = 50;

const incidents = createCachedQuery((q: IncidentListQuery, signal) => fetchIncidents(q, signal), (q) => JSON.stringify(q), TTL_MS);
const calls = createCachedQuery((q: CallListQuery, signal) => fetchCalls(q, signal), (q) => JSON.stringify(q), TTL_MS);
const timelines = createCachedQuery((id: string, signal) => fetchIncidentTimeline(id, signal), (id) => id, TTL_MS);

export function incidentQuery(drill: Drill, w: Window, offset: number): IncidentListQuery | null {
  const base = { from: w.from, to: w.to, offset, limit: PAGE_SIZE };
  switch (drill.kind) {
    case 'kecamatan': return { ...base, kecamatan: drill.value };
    case 'category': return { ...base, category: drill.value };
    case 'agency': return { ...base, agency: drill.value };
    case 'calls': return null;
  }
}

export function callQuery(drill: Drill, w: Window, offset: number): CallListQuery | null {
  if (drill.kind !== 'calls' || (drill.value !== '112' && drill.value !== '119')) return null;
  return { from: w.from, to: w.to, line: drill.value, offset, limit: PAGE_SIZE };
}

export const useIncidentPages = incidents.useMany;
export const useCallPages = calls.useMany;
export const useTimelines = timelines.useMany;
