// What an alert says beside its kind and subject: for queue alerts the condition and its
// figure ("tunggu 00:45 · 3 menunggu"), so that a supervisor reads the problem, not a code.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../../shared/contract/views.ts';
import { formatCount, formatPercent, formatWait, type Lang } from '../../components/format.ts';
import { useLang } from '../../components/use-lang.ts';
import { useNow } from '../../components/use-now.ts';
import { useLive } from '../../live/store.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `liveWaitSeconds`: the named call's wait now, when it still waits (the detail holds the raise's figure). */
export function alertFigure(a: AlertView, t: TFunction, lang: Lang, liveWaitSeconds: number | null = null): string | null {
  if (a.kind !== 'queue') return null;
  const d = a.detail;
  switch (d['condition']) {
    case 'wait':
      return t('queueAlert.wait', { wait: formatWait(liveWaitSeconds ?? num(d['seconds']) ?? 0), waiting: formatCount(num(d['waiting']), lang) });
    case 'no-agent':
      return t('queueAlert.no-agent', { waiting: formatCount(num(d['waiting']), lang) });
    case 'abandonment':
      return t('queueAlert.abandonment', { rate: formatPercent(num(d['rate']), lang, 0) });
    case 'sl20':
      return t('queueAlert.sl20', { rate: formatPercent(num(d['rate']), lang, 0) });
    case 'long-call':
      return t('queueAlert.long-call', { agent: String(d['agentId'] ?? '?'), minutes: formatCount(Math.floor(num(d['minutes']) ?? 0), lang) });
    default:
      return null;
  }
}

/** The subject in words: a queue alert's subject is its line. */
export function queueSubject(a: AlertView, t: TFunction): string | null {
  return a.kind === 'queue' ? t('queueAlert.line', { line: a.subject }) : null;
}

/** The figure of each alert, a wait alert's ticking with the call it names (the same clock as the queue's timers). */
export function useAlertFigure(): (a: AlertView) => string | null {
  const { t } = useTranslation();
  const lang = useLang();
  const waiting = useLive((s) => s.data.waiting);
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const now = useNow();
  return (a) => {
    const call = typeof a.detail['callId'] === 'string' ? waiting[a.detail['callId']] : undefined;
    const receivedMs = call ? Date.parse(call.receivedAt) : NaN;
    return alertFigure(a, t, lang, Number.isFinite(receivedMs) ? Math.max(0, (now + offsetMs - receivedMs) / 1000) : null);
  };
}
