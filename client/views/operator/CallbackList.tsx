// The desk's callback list (issue 16): every number that hung up before an answer, merged per
// number, oldest first, with how long ago, how often it hung up and the callbacks tried; the
// call-taker marks the outcome (operators only: POST /api/v1/calls/:callId/callback). An entry
// leaves when the projection says so (reached, wrong number), through the live deltas.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../../../shared/contract/events.ts';
import type { CallbackEntry } from '../../../shared/contract/views.ts';
import { markCallback } from '../../api/callbacks.ts';
import { useCity } from '../../api/use-city.ts';
import { formatAge, formatPercent } from '../../components/format.ts';
import { TargetMark } from '../../components/TargetMark.tsx';
import { useLang } from '../../components/use-lang.ts';
import { useNow } from '../../components/use-now.ts';
import { useLive } from '../../live/store.ts';
import { CopyNumber } from './CopyNumber.tsx';

function oldestFirst(entries: Readonly<Record<string, CallbackEntry>>): CallbackEntry[] {
  return Object.values(entries).sort((a, b) => Date.parse(a.abandonedAt) - Date.parse(b.abandonedAt) || (a.callId < b.callId ? -1 : 1));
}

function MarkButtons({ entry }: { entry: CallbackEntry }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mark = async (outcome: CallbackOutcome) => {
    setPending(true);
    setError(null);
    try {
      await markCallback(entry.callId, outcome);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="op-cb-marks">
      {CALLBACK_OUTCOMES.map((o) => (
        <button key={o} type="button" className={`btn btn--small op-cb-mark op-cb-mark--${o}`} disabled={pending} data-testid={`callback-${entry.callId}-${o}`} onClick={() => void mark(o)}>
          {t(`callbacks.outcome.${o}`)}
        </button>
      ))}
      {error !== null ? <span className="error">{t('callbacks.markFailed', { reason: error })}</span> : null}
    </span>
  );
}

/** `canMark` is false without an operator credential: the server would refuse the mark. */
export function CallbackList({ canMark }: { canMark: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  const now = useNow();
  const all = useLive((s) => s.data.callbacks);
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const kpi = useLive((s) => s.data.kpis?.calls.all.callbacks ?? null);
  const entries = useMemo(() => oldestFirst(all), [all]);
  return (
    <section className="panel op-callbacks" data-testid="op-callbacks">
      <h2 className="panel-title">
        {t('callbacks.title')} <span className="fig" data-testid="op-callbacks-count">{entries.length}</span>
        <span className="op-queue-sum" data-testid="op-callbacks-kpi">
          {t('callbacks.kpi')} <span className="fig">{formatPercent(kpi?.within2mRate, lang)}</span>{' '}
          <TargetMark value={kpi?.within2mRate} target={city?.targets.callbackWithin2m} /> ·{' '}
          {t('callbacks.kpiCalledBack', { value: formatPercent(kpi?.calledBackRate, lang) })}
        </span>
      </h2>
      {entries.length === 0 ? (
        <p className="op-empty">{t('callbacks.none')}</p>
      ) : (
        <ul className="op-cb-list">
          {entries.map((e) => (
            <li key={e.callId} className="op-cb" data-testid={`callback-${e.callId}`}>
              <span className="op-cb-who">
                {e.caller ? <CopyNumber number={e.caller.number} testId={`callback-${e.callId}-number`} /> : <span className="muted">{t('callbacks.noNumberHint')}</span>}
                <span className="muted"> · {e.line ?? ''}</span>
              </span>
              <span className="op-cb-when fig" data-testid={`callback-${e.callId}-ago`}>
                {t('callbacks.ago', { age: formatAge(now + offsetMs - Date.parse(e.abandonedAt), lang) })}
              </span>
              <span className="op-cb-facts muted">
                {t('callbacks.attempts', { n: e.attempts })}
                {e.tries > 0 ? ` · ${t('callbacks.tries', { n: e.tries })}` : ''}
                {e.lastOutcome !== null ? ` · ${t('callbacks.lastOutcome', { outcome: t(`callbacks.outcome.${e.lastOutcome}`) })}` : ''}
              </span>
              {canMark ? <MarkButtons entry={e} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
