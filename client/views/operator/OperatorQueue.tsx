// One line's queue on the desk: every waiting call with its timer and the full number.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Line } from '../../../shared/contract/events.ts';
import { useCity } from '../../api/use-city.ts';
import { formatCount, formatPercent, formatSeconds } from '../../components/format.ts';
import { TargetMark } from '../../components/TargetMark.tsx';
import { useLang } from '../../components/use-lang.ts';
import { WaitTimer } from '../../components/WaitTimer.tsx';
import { agentCounts, waitingOnLine } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { useKecamatanNames } from '../common/use-kecamatan-names.ts';
import { isFrequentPrank } from '../../../shared/kpi/caller-flags.ts';
import { CopyNumber } from './CopyNumber.tsx';

export function OperatorQueue({ line }: { line: Line }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  const kecamatanName = useKecamatanNames();
  const waitingAll = useLive((s) => s.data.waiting);
  const agentsAll = useLive((s) => s.data.agents);
  const kpis = useLive((s) => s.data.kpis?.calls[line] ?? null);
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const waiting = useMemo(() => waitingOnLine(waitingAll, line), [waitingAll, line]);
  const agents = useMemo(() => agentCounts(agentsAll, line), [agentsAll, line]);
  const id = `op-queue-${line}`;
  return (
    <section className="panel op-queue" data-testid={id}>
      <h2 className="panel-title">
        {line} {t(`line.${line}`)}
        <span className="op-queue-sum">
          <span className="fig" data-testid={`${id}-waiting`}>
            {formatCount(waiting.length, lang)}
          </span>{' '}
          {t('queue.waiting')} · {t('queue.asa')} <span className="fig">{formatSeconds(kpis?.asa, lang)}</span> · {t('queue.sl', { t: 20 })}{' '}
          <span className="fig">{formatPercent(kpis?.sl20, lang)}</span>{' '}
          <TargetMark value={kpis?.sl20} target={city?.targets.sl20} />
        </span>
      </h2>
      <div className="op-agents">
        {t('agents.available')} <b className="fig">{agents.available}</b> · {t('agents.onCall')} <b className="fig">{agents.onCall}</b> ·{' '}
        {t('agents.paused')} <b className="fig">{agents.paused}</b>
      </div>
      {waiting.length === 0 ? (
        <p className="op-empty">{t('queue.none')}</p>
      ) : (
        <table className="op-table">
          <tbody>
            {waiting.map((call) => (
              <tr key={call.callId} data-testid={`waiting-call-${call.callId}`} title={call.callId}>
                <td>
                  <WaitTimer receivedAt={call.receivedAt} offsetMs={offsetMs} thresholds={city?.waits ?? null} testId={`waiting-call-${call.callId}-wait`} />
                </td>
                <td>
                  {call.caller?.number ? (
                    <CopyNumber number={call.caller.number} testId={`copy-${call.callId}`} />
                  ) : (
                    <span className="muted">{t('queue.noNumber')}</span>
                  )}
                  {/* Own line under the number: the cell cuts long text, and a flag must never be cut off. */}
                  {(call.repeatCalls24h ?? 0) > 1 || isFrequentPrank(call.prankCalls24h, city?.callers) ? (
                    <div className="op-caller-flags">
                      {call.repeatCalls24h !== undefined && call.repeatCalls24h > 1 ? (
                        <span className="op-repeat fig" data-testid={`waiting-call-${call.callId}-repeat`} title={t('queue.repeatLong', { n: call.repeatCalls24h })}>
                          {t('queue.repeat', { n: call.repeatCalls24h })}
                        </span>
                      ) : null}
                      {isFrequentPrank(call.prankCalls24h, city?.callers) ? (
                        // A flag only: the call stays in the queue and is answered like any other.
                        <span className="op-prank" data-testid={`waiting-call-${call.callId}-prank`} title={t('queue.frequentPrankLong', { n: call.prankCalls24h ?? 0 })}>
                          <span aria-hidden="true">⚑</span> {t('queue.frequentPrank')}
                        </span>
                      ) : null}
                    </div>
                  ) : null}
                </td>
                <td className="muted">{kecamatanName(call.kecamatan)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
