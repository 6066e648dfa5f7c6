// /operator: the desk. Dense and light: queues with full numbers, open incidents with their
// timelines, alerts to acknowledge, filters by line, kecamatan and category.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LINES } from '../../../shared/contract/events.ts';
import { readToken } from '../../api/credentials.ts';
import { useCity } from '../../api/use-city.ts';
import { latestIncidents } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { DeskHeader } from '../common/DeskHeader.tsx';
import { ViewShell } from '../common/ViewShell.tsx';
import { AlertList } from './AlertList.tsx';
import { FilterBar } from './FilterBar.tsx';
import { filterIncidents, NO_FILTERS, type DeskFilters } from './filters.ts';
import { IncidentList } from './IncidentList.tsx';
import { OperatorQueue } from './OperatorQueue.tsx';
import '../common/desk.css';

export function OperatorPage() {
  const { t } = useTranslation();
  const token = readToken();
  useLiveConnection(token, undefined);
  const { city } = useCity();
  const [filters, setFilters] = useState<DeskFilters>(NO_FILTERS);
  const open = useLive((s) => s.data.incidents);
  const isDemo = useLive((s) => s.data.space === 'demo');
  const incidents = useMemo(() => filterIncidents(latestIncidents(open), filters), [open, filters]);
  const timeZone = city?.timezone ?? 'Asia/Jakarta';
  const lines = filters.line === null ? LINES : [filters.line];
  return (
    <ViewShell name="operator" theme="light">
      <DeskHeader title={t('operator.title')} />
      {isDemo || token === null ? <p className="notice">{t('operator.demoNotice')}</p> : null}
      <FilterBar filters={filters} kecamatan={city?.kecamatan ?? []} onChange={setFilters} />
      <div className="op-grid">
        <div className="op-col">
          {lines.map((line) => (
            <OperatorQueue key={line} line={line} />
          ))}
        </div>
        <div className="op-col op-col--wide">
          <IncidentList incidents={incidents} timeZone={timeZone} />
        </div>
        <div className="op-col">
          <AlertList timeZone={timeZone} canAck={token !== null} />
        </div>
      </div>
    </ViewShell>
  );
}
