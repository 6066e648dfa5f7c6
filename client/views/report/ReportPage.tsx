// /report/<YYYY-MM-DD>: the daily report of one city day, laid out for A4 (the server prints it
// to PDF with Chromium: server/reports). Bahasa Indonesia unless `?lang=en`. The KPIs against
// targets, the day's incidents by category and kecamatan, the worst waits, app health and
// alerts, each with a chart; a Sunday's report adds the week Monday-Sunday. Every figure is an
// answer of the API the executive view reads. `data-report-state` tells the printer when every
// answer is in (`ready`) or one failed (`error`).
import { useTranslation } from 'react-i18next';
import { includesWeek, ReportDay } from '../../../shared/report/report-day.ts';
import { useCity } from '../../api/use-city.ts';
import { formatDayLabel, formatLongDate } from '../../components/format.ts';
import { usePathname } from '../../components/navigation.ts';
import { useLang } from '../../components/use-lang.ts';
import { ReportKpiTable } from './ReportKpiTable.tsx';
import { AlertList, AppHealth, CallsByHour, IncidentBars, Section, WeekTrend, WorstWaits } from './ReportSections.tsx';
import { useReportData } from './use-report-data.ts';
import './report.css';

/** The day of `/report/2026-12-05`, or null when the path names no calendar day. */
export function reportDayOf(pathname: string): string | null {
  const m = /^\/report\/([^/]+)\/?$/.exec(pathname);
  const parsed = ReportDay.safeParse(m?.[1]);
  return parsed.success ? parsed.data : null;
}

export function ReportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const day = reportDayOf(usePathname());
  const { city, error: cityError } = useCity();
  const tz = city?.timezone ?? null;
  const data = useReportData(day, tz);
  const error = day === null ? t('report.badDay') : (data.error ?? null);
  const state = error !== null ? 'error' : data.ready && city ? 'ready' : 'loading';
  const tzLabel = city?.timezoneLabel ?? '';
  return (
    <div className="report theme-light" data-testid="report" data-report-state={state} {...(error !== null ? { 'data-report-error': error } : {})} data-day={day ?? ''}>
      <header className="report-head">
        <div>
          <p className="report-kicker">Pantau · {city?.name ?? ''}</p>
          <h1>{includesWeek(day ?? '2000-01-01') ? t('report.titleWithWeek') : t('report.title')}</h1>
          {day && tz && data.windows ? (
            <p className="report-date" data-testid="report-date">
              {formatLongDate(new Date(data.windows.day.fromMs), tz, lang)} · 00.00–24.00 {tzLabel}
            </p>
          ) : null}
        </div>
        <p className="muted report-source">{t('report.source')}</p>
      </header>
      {error !== null || cityError ? (
        <p className="notice notice--error" role="alert">
          {error ?? cityError}
        </p>
      ) : null}
      {city && tz && data.windows ? (
        <main>
          <Section id="kpis" title={t('report.kpiTitle')} note={t('report.kpiNote')}>
            <ReportKpiTable current={data.day} previous={data.previousDay} targets={city.targets} lang={lang} scope="day" previousLabel={t('report.vsDayBefore')} />
            <CallsByHour hours={data.windows.hours} answers={data.hours} tz={tz} lang={lang} />
          </Section>
          <Section id="incidents" title={t('report.incidentsTitle')}>
            <IncidentBars kpis={data.day} city={city} lang={lang} scope="day" />
          </Section>
          <Section id="waits" title={t('report.waitsTitle')} note={t('report.waitsNote')}>
            <WorstWaits hours={data.windows.hours} answers={data.hours} tz={tz} asaTarget={city.targets.asaSeconds} lang={lang} />
          </Section>
          <Section id="apps" title={t('report.appsTitle')}>
            <AppHealth apps={data.apps} lang={lang} />
          </Section>
          <Section id="alerts" title={t('report.alertsTitle')}>
            <AlertList alerts={data.alerts} city={city} tz={tz} lang={lang} />
          </Section>
          {data.week && data.windows.week ? (
            <div className="report-week" data-testid="report-week">
              <h1>
                {t('report.weekTitle')} · {formatDayLabel(data.windows.week.first, lang)} – {formatDayLabel(data.windows.week.last, lang)}
              </h1>
              <Section id="week-kpis" title={t('report.kpiTitle')}>
                <ReportKpiTable current={data.week.current} previous={data.week.previous} targets={city.targets} lang={lang} scope="week" previousLabel={t('report.vsWeekBefore')} />
                <WeekTrend days={data.windows.week.days} answers={data.week.days} lang={lang} />
              </Section>
              <Section id="week-incidents" title={t('report.incidentsTitle')}>
                <IncidentBars kpis={data.week.current} city={city} lang={lang} scope="week" />
              </Section>
            </div>
          ) : null}
        </main>
      ) : null}
    </div>
  );
}
