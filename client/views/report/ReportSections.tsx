// The sections of the daily report, each a table or a figure list with its chart. Props in:
// the page reads the data (use-report-data.ts) and passes the API's answers down.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertsAnswer, AppActivityAnswer } from '../../../shared/contract/apps.ts';
import type { PublicCity } from '../../../shared/contract/city.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { CountBars } from '../../charts/CountBars.tsx';
import { KpiTrend } from '../../charts/KpiTrend.tsx';
import { formatCount, formatDayLabel, formatPercent, formatSeconds, formatShortTime, type Lang } from '../../components/format.ts';
import type { Window } from '../executive/range.ts';
import type { DayWindow } from './report-windows.ts';
import { alertsByKind, countBars, worstHours } from './report-rows.ts';

/** Content width of an A4 page with 12 mm margins, in CSS pixels (186 mm at 96 dpi). */
export const PAGE_WIDTH_PX = 700;
const HALF_PX = 340;
const COLORS = { answered: '#1f5fbf', abandoned: '#c4261e', asa: '#b35c00', incidents: '#1c7c54' };

export function Section({ id, title, children, note }: { id: string; title: string; children: ReactNode; note?: string }) {
  return (
    <section className="report-section" data-testid={`report-${id}`} aria-labelledby={`report-${id}-title`}>
      <h2 id={`report-${id}-title`}>{title}</h2>
      {note ? <p className="muted report-note">{note}</p> : null}
      {children}
    </section>
  );
}

const hourLabel = (w: Window, tz: string): string => formatShortTime(new Date(w.fromMs), tz);

/** Calls per hour of the day (answered and abandoned, both lines): the day's load at a glance. */
export function CallsByHour({ hours, answers, tz, lang }: { hours: readonly Window[]; answers: readonly (KpisAnswer | null)[]; tz: string; lang: Lang }) {
  const { t } = useTranslation();
  const data = hours.map((h, i) => {
    const a = answers[i]?.calls.all;
    return { label: hourLabel(h, tz), values: { answered: a?.answered ?? null, abandoned: a?.abandoned ?? null } };
  });
  return (
    <KpiTrend
      title={t('report.callsByHour')}
      kind="bar"
      integer
      data={data}
      series={[{ key: 'answered', name: t('kpi.answered'), color: COLORS.answered }, { key: 'abandoned', name: t('kpi.abandoned'), color: COLORS.abandoned }]}
      format={(v) => formatCount(v, lang)}
      testId="report-chart-calls"
      height={190}
    />
  );
}

/** The hours callers waited longest (ASA per hour and line against the ASA target), and the worst of them listed. */
export function WorstWaits({ hours, answers, tz, asaTarget, lang }: { hours: readonly Window[]; answers: readonly (KpisAnswer | null)[]; tz: string; asaTarget: number | undefined; lang: Lang }) {
  const { t } = useTranslation();
  // One series, as bars: an hour without an answered call has no ASA, and a line drawn across
  // it would show waits that never happened. The table below names the line of each bad hour.
  const data = hours.map((h, i) => ({ label: hourLabel(h, tz), values: { all: answers[i]?.calls.all.asa ?? null } }));
  const worst = worstHours(hours, answers);
  return (
    <>
      <KpiTrend
        title={t('report.asaByHour')}
        kind="bar"
        data={data}
        series={[{ key: 'all', name: t('exec.metric.asa'), color: COLORS.asa }]}
        format={(v) => formatSeconds(v, lang)}
        {...(asaTarget === undefined ? {} : { target: { value: asaTarget, label: t('kpi.targetMax', { value: formatSeconds(asaTarget, lang) }) } })}
        testId="report-chart-waits"
        height={180}
      />
      {worst.length === 0 ? (
        <p className="muted">{t('report.noWaits')}</p>
      ) : (
        <table className="report-table" data-testid="report-worst-hours">
          <thead>
            <tr>
              <th>{t('report.hour')}</th>
              <th>{t('report.line')}</th>
              <th className="num">{t('exec.metric.asa')}</th>
              <th className="num">{t('exec.metric.sl20')}</th>
              <th className="num">{t('kpi.offered')}</th>
              <th className="num">{t('kpi.abandoned')}</th>
            </tr>
          </thead>
          <tbody>
            {worst.map((r) => (
              <tr key={`${r.hour.from}-${r.line}`} data-testid="report-worst-hour" data-from={r.hour.from} data-line={r.line} data-asa={r.asa ?? ''}>
                <td className="fig">{`${hourLabel(r.hour, tz)}–${formatShortTime(new Date(r.hour.toMs), tz)}`}</td>
                <td>{`${r.line} ${t(`line.${r.line}`)}`}</td>
                <td className="num fig">{formatSeconds(r.asa, lang)}</td>
                <td className="num fig">{formatPercent(r.sl20, lang)}</td>
                <td className="num fig">{formatCount(r.offered, lang)}</td>
                <td className="num fig">{formatCount(r.abandoned, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Incidents by category and by kecamatan, side by side. */
export function IncidentBars({ kpis, city, lang, scope }: { kpis: KpisAnswer | null; city: PublicCity; lang: Lang; scope: string }) {
  const { t } = useTranslation();
  const names = new Map(city.kecamatan.map((k) => [k.code, k.name]));
  const byCategory = countBars(kpis?.incidents.byCategory ?? {}, (c) => t(`category.${c}`, { defaultValue: c }));
  const byKecamatan = countBars(kpis?.incidents.byKecamatan ?? {}, (c) => names.get(c) ?? c, 15);
  const fmt = (v: number) => formatCount(v, lang);
  return (
    <div className="report-pair">
      {byCategory.length === 0 ? <p className="muted">{t('report.noIncidents')}</p> : <CountBars title={t('report.byCategory')} bars={byCategory} format={fmt} width={HALF_PX} labelWidth={130} color={COLORS.incidents} testId={`report-${scope}-categories`} />}
      {byKecamatan.length === 0 ? null : <CountBars title={t('report.byKecamatan')} bars={byKecamatan} format={fmt} width={HALF_PX} labelWidth={130} color={COLORS.incidents} testId={`report-${scope}-kecamatan`} />}
    </div>
  );
}

/** App health: the day's totals and the most used apps with their error rates. */
export function AppHealth({ apps, lang }: { apps: AppActivityAnswer | null; lang: Lang }) {
  const { t } = useTranslation();
  if (!apps) return null;
  const tot = apps.totals;
  const fmt = (v: number) => formatCount(v, lang);
  return (
    <>
      <dl className="report-figures" data-testid="report-app-totals">
        {(
          [
            ['activeApps', t('report.activeApps'), tot.activeApps],
            ['sessions', t('apps.sessions'), tot.sessions],
            ['transactions', t('apps.transactions'), tot.transactions],
            ['complaints', t('apps.complaints'), tot.complaints],
            ['errors', t('apps.errors'), tot.errors],
          ] as const
        ).map(([key, label, value]) => (
          <div key={key} data-testid={`report-apps-${key}`} data-value={value}>
            <dt>{label}</dt>
            <dd className="fig">{fmt(value)}</dd>
          </div>
        ))}
      </dl>
      {apps.top.length === 0 ? (
        <p className="muted">{t('apps.noActivity')}</p>
      ) : (
        <div className="report-pair">
          <CountBars title={t('report.topApps')} bars={apps.top.map((a) => ({ label: a.name, value: a.total }))} format={fmt} width={HALF_PX} labelWidth={140} testId="report-chart-apps" />
          <table className="report-table report-table--compact" data-testid="report-apps-table">
            <thead>
              <tr>
                <th>{t('apps.name')}</th>
                <th className="num">{t('apps.errors')}</th>
                <th className="num">{t('report.errorRate')}</th>
              </tr>
            </thead>
            <tbody>
              {apps.top.map((a) => (
                <tr key={a.appId}>
                  <td>{a.name}</td>
                  <td className="num fig">{fmt(a.errors)}</td>
                  <td className="num fig">{formatPercent(a.errorRate, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The day's alerts: how many of each kind, and the list (newest first, as the API answers). */
export function AlertList({ alerts, city, tz, lang }: { alerts: AlertsAnswer | null; city: PublicCity; tz: string; lang: Lang }) {
  const { t } = useTranslation();
  if (!alerts) return null;
  if (alerts.total === 0) return <p className="muted" data-testid="report-no-alerts">{t('alerts.none')}</p>;
  const appNames = new Map(city.apps.map((a) => [a.id, a.name]));
  const subject = (kind: string, s: string) => (kind === 'queue' ? `${s} ${t(`line.${s}`, { defaultValue: '' })}`.trim() : appNames.get(s) ?? s);
  const shown = alerts.alerts.slice(0, 15);
  return (
    <div className="report-pair">
      <CountBars title={t('report.alertsByKind')} bars={countBars(alertsByKind(alerts.alerts), (k) => t(`alerts.kind.${k}`, { defaultValue: k }))} format={(v) => formatCount(v, lang)} width={HALF_PX} labelWidth={120} color={COLORS.abandoned} testId="report-chart-alerts" />
      <table className="report-table report-table--compact" data-testid="report-alerts" data-total={alerts.total}>
        <thead>
          <tr>
            <th>{t('report.raised')}</th>
            <th>{t('report.alert')}</th>
            <th>{t('report.severity')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.alertId}>
              <td className="fig">{formatShortTime(new Date(a.raisedAt), tz)}</td>
              <td>{`${t(`alerts.kind.${a.kind}`, { defaultValue: a.kind })} · ${subject(a.kind, a.subject)}`}</td>
              <td>{`${t(`alerts.${a.severity}`)}${a.clearedAt ? ` · ${t('alerts.cleared')}` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {alerts.total > shown.length ? <p className="muted">{t('report.moreAlerts', { count: alerts.total - shown.length })}</p> : null}
    </div>
  );
}

/** The week's days: calls (answered, abandoned) and incidents per day. */
export function WeekTrend({ days, answers, lang }: { days: readonly DayWindow[]; answers: readonly (KpisAnswer | null)[]; lang: Lang }) {
  const { t } = useTranslation();
  const label = (d: DayWindow) => formatDayLabel(d.day, lang);
  const fmt = (v: number) => formatCount(v, lang);
  return (
    <div className="report-pair">
      <div style={{ width: HALF_PX }}>
        <KpiTrend
          title={t('report.callsByDay')}
          kind="bar"
          integer
          data={days.map((d, i) => ({ label: label(d), values: { answered: answers[i]?.calls.all.answered ?? null, abandoned: answers[i]?.calls.all.abandoned ?? null } }))}
          series={[{ key: 'answered', name: t('kpi.answered'), color: COLORS.answered }, { key: 'abandoned', name: t('kpi.abandoned'), color: COLORS.abandoned }]}
          format={fmt}
          testId="report-chart-week-calls"
          height={180}
        />
      </div>
      <div style={{ width: HALF_PX }}>
        <KpiTrend
          title={t('report.incidentsByDay')}
          kind="bar"
          integer
          data={days.map((d, i) => ({ label: label(d), values: { incidents: answers[i]?.incidents.count ?? null } }))}
          series={[{ key: 'incidents', name: t('exec.metric.incidents'), color: COLORS.incidents }]}
          format={fmt}
          testId="report-chart-week-incidents"
          height={180}
        />
      </div>
    </div>
  );
}
