// The latest incidents along the bottom of the wall, newest first. It does not scroll: ui.md
// keeps motion for news, and a new incident already shows by arriving at the left.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '../../../shared/contract/views.ts';
import { formatShortTime, formatWait } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';
import { latestIncidents } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { CategoryName, PriorityBadge } from '../common/IncidentBadge.tsx';
import { useKecamatanNames } from '../common/use-kecamatan-names.ts';

const MAX_ITEMS = 8;

function Elapsed({ since, offsetMs }: { since: string | null; offsetMs: number }) {
  const now = useNow();
  const ms = since === null ? NaN : Date.parse(since);
  return <span className="fig">{Number.isFinite(ms) ? formatWait((now + offsetMs - ms) / 1000) : '–'}</span>;
}

function TickerItem({ incident, timeZone, offsetMs }: { incident: IncidentView; timeZone: string; offsetMs: number }) {
  const { t } = useTranslation();
  const kecamatanName = useKecamatanNames();
  const reported = incident.reportedAt === null ? null : new Date(incident.reportedAt);
  return (
    <li className="ticker-item" data-testid={`ticker-incident-${incident.incidentId}`}>
      <span className="fig">{reported ? formatShortTime(reported, timeZone) : '–'}</span>
      <PriorityBadge priority={incident.priority} />
      <CategoryName category={incident.category} />
      {incident.kecamatan !== null ? <span className="ticker-sep">· {kecamatanName(incident.kecamatan)}</span> : null}
      <span className="ticker-sep">· {t(`status.${incident.status}`)}</span>
      <span className="ticker-sep">
        · <Elapsed since={incident.reportedAt} offsetMs={offsetMs} />
      </span>
    </li>
  );
}

export function IncidentTicker({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const incidents = useLive((s) => s.data.incidents);
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const latest = useMemo(() => latestIncidents(incidents).slice(0, MAX_ITEMS), [incidents]);
  return (
    <div className="ticker" data-testid="incident-ticker">
      <span className="ticker-label">{t('incident.latest')}</span>
      {latest.length === 0 ? (
        <span className="ticker-none">{t('incident.none')}</span>
      ) : (
        <ol className="ticker-list">
          {latest.map((i) => (
            <TickerItem key={i.incidentId} incident={i} timeZone={timeZone} offsetMs={offsetMs} />
          ))}
        </ol>
      )}
    </div>
  );
}
