// Open incidents on the desk, newest first, with their timelines.
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '../../../shared/contract/views.ts';
import { useLang } from '../../components/use-lang.ts';
import { CategoryName, PriorityBadge } from '../common/IncidentBadge.tsx';
import { useKecamatanNames } from '../common/use-kecamatan-names.ts';
import { IncidentTimeline } from './IncidentTimeline.tsx';

export function IncidentList({ incidents, timeZone }: { incidents: readonly IncidentView[]; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kecamatanName = useKecamatanNames();
  return (
    <section className="panel op-incidents" data-testid="op-incidents">
      <h2 className="panel-title">
        {t('incident.open')} <span className="fig" data-testid="op-incidents-count">{incidents.length}</span>
      </h2>
      {incidents.length === 0 ? (
        <p className="op-empty">{t('incident.none')}</p>
      ) : (
        <ul className="op-incident-list">
          {incidents.map((i) => (
            <li key={i.incidentId} className="op-incident" data-testid={`incident-row-${i.incidentId}`}>
              <div className="op-incident-head">
                <PriorityBadge priority={i.priority} />
                <CategoryName category={i.category} />
                <span className="muted">
                  {[i.line, kecamatanName(i.kecamatan), kecamatanName(i.kelurahan), i.outside ? t('incident.outside') : '']
                    .filter((part) => part)
                    .join(' · ')}
                </span>
                <span className={`status status--${i.status}`}>{t(`status.${i.status}`)}</span>
              </div>
              {i.summary ? <div className="op-incident-summary">{i.summary}</div> : null}
              <IncidentTimeline incident={i} timeZone={timeZone} lang={lang} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
