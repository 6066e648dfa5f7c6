// The desk's filters, applied to open incidents; pure so the views stay declarative.
import type { Category, Line } from '../../../shared/contract/events.ts';
import type { IncidentView } from '../../../shared/contract/views.ts';

export interface DeskFilters {
  line: Line | null;
  kecamatan: string | null;
  category: Category | null;
}

export const NO_FILTERS: DeskFilters = { line: null, kecamatan: null, category: null };

export function filterIncidents(incidents: readonly IncidentView[], f: DeskFilters): IncidentView[] {
  return incidents.filter(
    (i) =>
      (f.line === null || i.line === f.line) &&
      (f.kecamatan === null || i.kecamatan === f.kecamatan) &&
      (f.category === null || i.category === f.category),
  );
}
