// The drill-down (issue #18): the incidents of a kecamatan, a category or an agency in the
// range, or the calls of a line, and from an incident its timeline (reported, each unit's
// dispatch and arrival, closed) against the profile's on-scene targets. A side panel over the
// page; its state is in the URL (drill.ts), so Back closes it and a link reopens it. No caller
// numbers: the server sends executives none, and nothing here would show one.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyName, KecamatanInfo } from '../../../shared/contract/city.ts';
import type { IncidentTimelineAnswer, TimelineStep } from '../../../shared/contract/drilldown.ts';
import type { Outcome } from '../../../shared/contract/events.ts';
import type { CallView, IncidentView } from '../../../shared/contract/views.ts';
import { IncidentTimeline, type TimelineRow } from '../../components/IncidentTimeline.tsx';
import { TargetMark } from '../../components/TargetMark.tsx';
import { formatCount, formatMinutes, formatSeconds, formatShortDate, formatShortTime, type Lang } from '../../components/format.ts';
import type { Drill } from './drill.ts';
import type { Window } from './range.ts';
import { callQuery, incidentQuery, PAGE_SIZE, useCallPages, useIncidentPages, useTimelines } from './use-drilldown.ts';

interface Names {
  kecamatan: ReadonlyMap<string, string>;
  agency: ReadonlyMap<string, string>;
}

export function drillNames(kecamatan: readonly KecamatanInfo[], agencies: readonly AgencyName[]): Names {
  return { kecamatan: new Map(kecamatan.map((k) => [k.code, k.name])), agency: new Map(agencies.map((a) => [a.id, a.name])) };
}

interface DrilldownPanelProps {
  drill: Drill | null;
  incidentId: string | null;
  window: Window;
  rangeLabel: string;
  timeZone: string;
  lang: Lang;
  names: Names;
  onIncident: (id: string | null) => void;
  onClose: () => void;
}

/** The rows the shared timeline draws, from the API's steps. */
export function timelineRows(answer: IncidentTimelineAnswer, agencyName: (id: string) => string, outcomeName: (o: Outcome) => string): TimelineRow[] {
  return answer.steps.map((s: TimelineStep, i) => {
    const who = [s.agency ? agencyName(s.agency) : null, s.unitId ?? null, s.outcome ? outcomeName(s.outcome) : null].filter((x): x is string => x !== null);
    const row: TimelineRow = { key: `${i}-${s.kind}`, kind: s.kind, atMs: Date.parse(s.at), sincePrevSeconds: s.sincePreviousSeconds };
    if (who.length > 0) row.detail = who.join(' · ');
    if (s.kind === 'on_scene' && s.targetSeconds !== undefined && s.sinceReportedSeconds !== null) {
      row.target = { seconds: s.sinceReportedSeconds, targetSeconds: s.targetSeconds, better: 'lower' };
    }
    return row;
  });
}

function dateTime(iso: string | null, timeZone: string, lang: Lang): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return `${formatShortDate(d, timeZone, lang)} ${formatShortTime(d, timeZone)}`;
}

function Pager({ offset, total, next, onOffset, testId }: { offset: number; total: number | null; next: number | null; onOffset: (n: number) => void; testId: string }) {
  const { t } = useTranslation();
  if (offset === 0 && next === null) return null;
  return (
    <div className="drill-pager" data-testid={testId}>
      <button type="button" className="btn btn--small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        {t('drill.previousPage')}
      </button>
      <span className="muted fig">{t('drill.pageOf', { first: offset + 1, total: total ?? '…' })}</span>
      <button type="button" className="btn btn--small" disabled={next === null} onClick={() => next !== null && onOffset(next)}>
        {t('drill.nextPage')}
      </button>
    </div>
  );
}

function IncidentRows({ incidents, names, timeZone, lang, onIncident }: { incidents: readonly IncidentView[]; names: Names; timeZone: string; lang: Lang; onIncident: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <table className="drill-table" data-testid="drill-incidents">
      <thead>
        <tr>
          <th scope="col">{t('drill.col.reported')}</th>
          <th scope="col">{t('exec.col.category')}</th>
          <th scope="col">{t('exec.col.kecamatan')}</th>
          <th scope="col">{t('exec.col.agency')}</th>
          <th scope="col">{t('drill.col.status')}</th>
          <th scope="col" className="num">{t('drill.col.response')}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => {
          const response = i.reportedAt && i.onSceneAt ? (Date.parse(i.onSceneAt) - Date.parse(i.reportedAt)) / 1000 : null;
          return (
            <tr key={i.incidentId}>
              <td className="fig">
                <button type="button" className="link-button" data-testid={`drill-incident-${i.incidentId}`} onClick={() => onIncident(i.incidentId)}>
                  {dateTime(i.reportedAt, timeZone, lang)}
                </button>
              </td>
              <td>{i.category ? t(`category.${i.category}`) : t('category.unknown')}</td>
              <td>{i.outside ? t('incident.outside') : (names.kecamatan.get(i.kecamatan ?? '') ?? i.kecamatan ?? '—')}</td>
              <td>{i.agencies.map((a) => names.agency.get(a) ?? a).join(', ') || '—'}</td>
              <td>{t(`status.${i.status}`)}</td>
              <td className="num fig">{formatMinutes(response, lang)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CallRows({ calls, names, timeZone, lang }: { calls: readonly CallView[]; names: Names; timeZone: string; lang: Lang }) {
  const { t } = useTranslation();
  const wait = (c: CallView): number | null => {
    const end = c.answeredAt ?? c.abandonedAt;
    return c.receivedAt && end ? Math.max(0, Date.parse(end) - Date.parse(c.receivedAt)) / 1000 : null;
  };
  return (
    <table className="drill-table" data-testid="drill-calls">
      <thead>
        <tr>
          <th scope="col">{t('drill.col.received')}</th>
          <th scope="col">{t('drill.col.status')}</th>
          <th scope="col" className="num">{t('drill.col.wait')}</th>
          <th scope="col">{t('drill.col.disposition')}</th>
          <th scope="col">{t('exec.col.kecamatan')}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((c) => (
          <tr key={c.callId} data-testid={`drill-call-${c.callId}`}>
            <td className="fig">{dateTime(c.receivedAt, timeZone, lang)}</td>
            <td>{t(`drill.callStatus.${c.status}`)}</td>
            <td className="num fig">{formatSeconds(wait(c), lang)}</td>
            <td>{c.disposition ? t(`drill.disposition.${c.disposition}`) : '—'}</td>
            <td>{names.kecamatan.get(c.kecamatan ?? '') ?? c.kecamatan ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimelineView({ answer, names, timeZone, lang }: { answer: IncidentTimelineAnswer; names: Names; timeZone: string; lang: Lang }) {
  const { t } = useTranslation();
  const i = answer.incident;
  const rows = timelineRows(answer, (a) => names.agency.get(a) ?? a, (o: Outcome) => t(`drill.outcome.${o}`));
  return (
    <div className="drill-timeline" data-testid="drill-timeline" data-incident={i.incidentId}>
      <dl className="drill-facts">
        <div><dt>{t('exec.col.category')}</dt><dd>{i.category ? t(`category.${i.category}`) : t('category.unknown')}</dd></div>
        <div><dt>{t('exec.col.kecamatan')}</dt><dd>{i.outside ? t('incident.outside') : (names.kecamatan.get(i.kecamatan ?? '') ?? i.kecamatan ?? '—')}</dd></div>
        <div><dt>{t('drill.col.priority')}</dt><dd>{i.priority === null ? '—' : t('incident.priority', { n: i.priority })}</dd></div>
        <div><dt>{t('drill.col.reported')}</dt><dd className="fig">{dateTime(i.reportedAt, timeZone, lang)}</dd></div>
        <div><dt>{t('drill.col.dispatch')}</dt><dd className="fig">{formatMinutes(answer.dispatchSeconds, lang)}</dd></div>
        <div>
          <dt>{t('drill.col.response')}</dt>
          <dd className="fig" data-testid="drill-response">
            {formatMinutes(answer.responseSeconds, lang)}{' '}
            {answer.response ? (
              <TargetMark
                value={answer.responseSeconds}
                target={answer.response.targetSeconds}
                better="lower"
                showWord
                targetText={`(≤ ${formatMinutes(answer.response.targetSeconds, lang)})`}
                testId="drill-response-mark"
              />
            ) : null}
          </dd>
        </div>
      </dl>
      <IncidentTimeline rows={rows} timeZone={timeZone} lang={lang} layout="list" testId="drill-timeline-steps" />
    </div>
  );
}

export function DrilldownPanel({ drill, incidentId, window: w, rangeLabel, timeZone, lang, names, onIncident, onClose }: DrilldownPanelProps) {
  const { t } = useTranslation();
  const key = drill ? `${drill.kind}:${drill.value}` : '';
  // A page belongs to one list: another drill or range starts at the first page again.
  const [page, setPage] = useState({ list: '', offset: 0 });
  const list = `${key}@${w.from}`;
  const offset = page.list === list ? page.offset : 0;
  const setOffset = (n: number) => setPage({ list, offset: n });
  const iq = drill ? incidentQuery(drill, w, offset) : null;
  const cq = drill ? callQuery(drill, w, offset) : null;
  const [incidents] = useIncidentPages(iq ? [iq] : []);
  const [calls] = useCallPages(cq ? [cq] : []);
  const [timeline] = useTimelines(incidentId ? [incidentId] : []);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, [key, incidentId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  if (!drill && !incidentId) return null;

  const subject = !drill
    ? ''
    : drill.kind === 'kecamatan'
      ? (drill.value === 'outside' ? t('incident.outside') : (names.kecamatan.get(drill.value) ?? drill.value))
      : drill.kind === 'category'
        ? t(`category.${drill.value}`, { defaultValue: drill.value })
        : drill.kind === 'agency'
          ? (names.agency.get(drill.value) ?? drill.value)
          : `${drill.value} ${t(`line.${drill.value === '119' ? '119' : '112'}`)}`;
  const title = drill ? t(drill.kind === 'calls' ? 'drill.titleCalls' : 'drill.titleIncidents', { subject }) : t('drill.timelineTitle');
  const state = incidentId ? timeline : drill?.kind === 'calls' ? calls : incidents;
  return (
    <aside className="drill no-print" role="dialog" aria-modal="false" aria-labelledby="drill-title" data-testid="drill">
      <header className="drill-head">
        <div>
          <h2 id="drill-title">{incidentId ? t('drill.timelineTitle') : title}</h2>
          <p className="muted">{incidentId && drill ? `${title} · ${rangeLabel}` : rangeLabel}</p>
        </div>
        <div className="drill-actions">
          {incidentId && drill ? (
            <button type="button" className="btn btn--small" data-testid="drill-back" onClick={() => onIncident(null)}>
              {t('drill.back')}
            </button>
          ) : null}
          <button ref={closeRef} type="button" className="btn btn--small" data-testid="drill-close" onClick={onClose} aria-label={t('drill.close')}>
            ✕ {t('drill.close')}
          </button>
        </div>
      </header>
      <div className="drill-body" aria-busy={state?.loading ?? false}>
        {state?.error ? <p className="notice notice--error" role="alert">{t('exec.error', { reason: state.error })}</p> : null}
        {incidentId ? (
          timeline?.data ? <TimelineView answer={timeline.data} names={names} timeZone={timeZone} lang={lang} /> : <p className="muted">{t('app.loading')}</p>
        ) : drill?.kind === 'calls' ? (
          calls?.data ? (
            <>
              <p className="muted" data-testid="drill-count">{calls.data.total === null ? t('drill.callsShown', { n: formatCount(calls.data.calls.length, lang) }) : t('drill.callsTotal', { n: formatCount(calls.data.total, lang) })}</p>
              <CallRows calls={calls.data.calls} names={names} timeZone={timeZone} lang={lang} />
              <Pager offset={offset} total={calls.data.total} next={calls.data.next} onOffset={setOffset} testId="drill-pager" />
            </>
          ) : (
            <p className="muted">{t('app.loading')}</p>
          )
        ) : incidents?.data ? (
          <>
            <p className="muted" data-testid="drill-count" data-total={incidents.data.total}>{t('drill.incidentsTotal', { n: formatCount(incidents.data.total, lang) })}</p>
            {incidents.data.incidents.length === 0 ? (
              <p className="muted">{t('table.empty')}</p>
            ) : (
              <IncidentRows incidents={incidents.data.incidents} names={names} timeZone={timeZone} lang={lang} onIncident={onIncident} />
            )}
            <Pager offset={offset} total={incidents.data.total} next={incidents.data.next} onOffset={setOffset} testId="drill-pager" />
          </>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    </aside>
  );
}
