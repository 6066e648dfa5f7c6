// How an executive figure and its change read, in the reader's language.
import { formatCount, formatMinutes, formatPercent, formatSeconds, NO_DATA, type Lang } from '../../components/format.ts';
import type { ChangeKind, MetricFormat } from './kpi-metrics.ts';

export function formatMetric(value: number | null | undefined, format: MetricFormat, lang: Lang): string {
  switch (format) {
    case 'count':
      return formatCount(value, lang);
    case 'percent':
      return formatPercent(value, lang);
    case 'seconds':
      return formatSeconds(value, lang);
    case 'minutes':
      return formatMinutes(value, lang);
  }
}

const pointFormats: Record<Lang, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/**
 * `↑ 12 %`, `↓ 1,5 poin`, `→ 0 %`. Arrows, not the shapes of the target marks: a change is
 * neither good nor bad by itself (more calls answered is more work, not a failure).
 * `pointsWord` is the translated unit of a percentage-point change.
 */
export function formatChange(change: number | null, kind: ChangeKind, lang: Lang, pointsWord: string): string {
  if (change === null) return NO_DATA;
  const magnitude = Math.abs(change);
  const text = kind === 'points' ? `${pointFormats[lang].format(magnitude * 100)} ${pointsWord}` : formatPercent(magnitude, lang, 0);
  const rounded = kind === 'points' ? Math.round(magnitude * 1000) : Math.round(magnitude * 100);
  const arrow = rounded === 0 ? '→' : change > 0 ? '↑' : '↓';
  return `${arrow} ${text}`;
}
