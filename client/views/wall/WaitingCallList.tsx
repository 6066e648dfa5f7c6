// The waiting calls of one line, longest first, each with its ticking timer and the caller
// number as the server sent it (masked for wall displays, absent for demo viewers). When they
// do not all fit, the last row says how many more wait, so nobody at five metres is misled.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitingCall } from '../../../shared/contract/views.ts';
import { formatCount } from '../../components/format.ts';
import { useLang } from '../../components/use-lang.ts';
import { WaitTimer, type WaitThresholds } from '../../components/WaitTimer.tsx';
import { useRowsThatFit } from './use-rows-that-fit.ts';

interface WaitingCallListProps {
  calls: readonly WaitingCall[];
  offsetMs: number;
  thresholds: WaitThresholds | null;
}

/** Never more rows than a wall column can hold, whatever the measurement says. */
const MAX_ROWS = 12;

/** Rows shown, and how many more wait unseen, for `count` calls and room for `fit` rows. */
export function splitRows(count: number, fit: number | null): { shown: number; more: number } {
  const room = Math.min(fit ?? MAX_ROWS, MAX_ROWS);
  if (count <= room) return { shown: count, more: 0 };
  const shown = Math.max(0, room - 1);
  return { shown, more: count - shown };
}

export function WaitingCallList({ calls, offsetMs, thresholds }: WaitingCallListProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [list, setList] = useState<HTMLOListElement | null>(null);
  const fit = useRowsThatFit(list);
  if (calls.length === 0) return <div className="waiting-list waiting-list--empty">{t('queue.none')}</div>;
  const { shown, more } = splitRows(calls.length, fit);
  return (
    <ol className="waiting-list" ref={setList}>
      {calls.slice(0, shown).map((call) => (
        <li key={call.callId} className="waiting-row" data-testid={`waiting-call-${call.callId}`}>
          <WaitTimer receivedAt={call.receivedAt} offsetMs={offsetMs} thresholds={thresholds} testId={`waiting-call-${call.callId}-wait`} />
          <span className="waiting-caller fig">{call.caller?.number ?? t('queue.noNumber')}</span>
        </li>
      ))}
      {more > 0 ? (
        <li className="waiting-row waiting-more" data-testid="waiting-more">
          {t('queue.more', { n: formatCount(more, lang) })}
        </li>
      ) : null}
    </ol>
  );
}
