// /executive: KPIs against the city's targets over a chosen range (in the URL: `?range=7d` or
// `?from=2026-11-01&to=2026-11-15`) beside the period before it, trends, incidents by category
// and kecamatan, times per agency, app usage; every table exports as CSV; light and
// print-friendly. Each kecamatan, category, agency and line opens the list of its incidents or
// calls, and each incident its timeline (DrilldownPanel, also in the URL). Aggregates only: the
// server sends executives no caller numbers, and no figure here is about a person.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readToken } from '../../api/credentials.ts';
import { useCity } from '../../api/use-city.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { requestedSpace } from '../../api/requested-space.ts';
import { DeskHeader } from '../common/DeskHeader.tsx';
import { useTargets } from '../common/use-targets.ts';
import { ViewShell } from '../common/ViewShell.tsx';
import { AgencySection } from './AgencySection.tsx';
import { AppUsageSection } from './AppUsageSection.tsx';
import { CategorySection } from './CategorySection.tsx';
import { drillParam, parseDrill, type Drill } from './drill.ts';
import { DrilldownPanel, drillNames } from './DrilldownPanel.tsx';
import { KecamatanSection } from './KecamatanSection.tsx';
import type { LineKey } from './kpi-metrics.ts';
import { DEFAULT_RANGE, parseRangeParams, rangeParams, type RangeSpec } from './range.ts';
import { RangePicker } from './RangePicker.tsx';
import { ScorecardSection } from './ScorecardSection.tsx';
import { TrendSection } from './TrendSection.tsx';
import { useExecutiveData } from './use-executive-data.ts';
import { useSearch, useSetSearchParams } from './use-url-param.ts';
import '../common/desk.css';
import './executive.css';

function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn" data-testid="exec-print" onClick={() => window.print()}>
      {t('exec.print')}
    </button>
  );
}

export function ExecutivePage() {
  const { t } = useTranslation();
  const lang = useLang();
  useLiveConnection(readToken(), requestedSpace());
  const { city, boundaries } = useCity();
  const isDemo = useLive((s) => s.data.space === 'demo');
  const targets = useTargets();
  const [line, setLine] = useState<LineKey>('all');
  const search = useSearch();
  const setParams = useSetSearchParams();
  const rangeArg = search.toString();
  // Parsed from the URL: a bookmark opens the same range; a URL that names no valid range says so.
  const asked = useMemo(() => parseRangeParams(new URLSearchParams(rangeArg)), [rangeArg]);
  const spec: RangeSpec = asked ?? DEFAULT_RANGE;
  const drill = parseDrill(search.get('drill'));
  const incidentId = search.get('incident');
  const tz = city?.timezone ?? null;
  const data = useExecutiveData(tz, spec);
  const range = data.range;
  const rangeLabel = spec.kind === 'preset' ? t(`exec.range.${spec.preset}`) : t('exec.range.custom');
  const rangeKey = spec.kind === 'preset' ? spec.preset : `${spec.from}_${spec.to}`;
  const names = useMemo(() => drillNames(city?.kecamatan ?? [], city?.agencies ?? []), [city]);
  const onRange = useCallback((s: RangeSpec) => setParams({ ...rangeParams(s), drill: null, incident: null }), [setParams]);
  const open = useCallback((d: Drill) => setParams({ drill: drillParam(d), incident: null }), [setParams]);
  const onIncident = useCallback((id: string | null) => setParams({ incident: id }), [setParams]);
  const onClose = useCallback(() => setParams({ drill: null, incident: null }), [setParams]);
  return (
    <ViewShell name="executive" theme="light">
      <DeskHeader title={t('executive.title')} actions={<PrintButton />} />
      {isDemo ? <p className="notice">{t('executive.demoNotice')}</p> : null}
      {asked === null ? (
        <p className="notice notice--error" role="alert" data-testid="exec-range-invalid">
          {t('exec.range.invalid')}
        </p>
      ) : null}
      {data.error !== null ? (
        <p className="notice notice--error" role="alert" data-testid="exec-error">
          {t('exec.error', { reason: data.error })}
        </p>
      ) : null}
      <main className="exec" data-testid="exec-main" aria-busy={data.loading}>
        {range && tz && data.today ? <RangePicker key={rangeKey} range={range} today={data.today} timeZone={tz} lang={lang} onChange={onRange} /> : null}
        <ScorecardSection answers={data.answers} line={line} onLine={setLine} targets={targets} lang={lang} rangeLabel={rangeLabel} onCalls={(l) => open({ kind: 'calls', value: l })} />
        {range ? <TrendSection buckets={data.buckets} granularity={range.granularity} targets={targets} lang={lang} /> : null}
        <KecamatanSection
          kpis={data.answers.current}
          previous={data.answers.previous}
          kecamatan={city?.kecamatan ?? []}
          boundaries={boundaries}
          lang={lang}
          rangeLabel={rangeLabel}
          rangeKey={rangeKey}
          onOpen={(code) => open({ kind: 'kecamatan', value: code })}
        />
        <CategorySection current={data.answers.current} previous={data.answers.previous} lang={lang} rangeKey={rangeKey} onOpen={(c) => open({ kind: 'category', value: c })} />
        <AgencySection kpis={data.answers.current} previous={data.answers.previous} agencies={city?.agencies ?? []} lang={lang} rangeKey={rangeKey} onOpen={(a) => open({ kind: 'agency', value: a })} />
        <AppUsageSection trends={data.appTrends} lang={lang} />
      </main>
      {range && tz ? (
        <DrilldownPanel
          drill={drill}
          incidentId={incidentId}
          window={range.current}
          rangeLabel={rangeLabel}
          timeZone={tz}
          lang={lang}
          names={names}
          onIncident={onIncident}
          onClose={onClose}
        />
      ) : null}
    </ViewShell>
  );
}
