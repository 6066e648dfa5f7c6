// The waiting calls of one line, longest first, each with its ticking timer and the caller
// number as the server sent it (masked for wall displays, absent for demo viewers).
import { useTranslation } from 'react-i18next';
import type { WaitingCall } from '../../../shared/contract/views.ts';
import { WaitTimer, type WaitThresholds } from '../../components/WaitTimer.tsx';

interface WaitingCallListProps {
  calls: readonly WaitingCall[];
  offsetMs: number;
  thresholds: WaitThresholds | null;
}

/** More rows than a wall column can show are not rendered; the count above says how many wait. */
const MAX_ROWS = 12;

export function WaitingCallList({ calls, offsetMs, thresholds }: WaitingCallListProps) {
  const { t } = useTranslation();
  if (calls.length === 0) return <div className="waiting-list waiting-list--empty">{t('queue.none')}</div>;
  return (
    <ol className="waiting-list">
      {calls.slice(0, MAX_ROWS).map((call) => (
        <li key={call.callId} className="waiting-row" data-testid={`waiting-call-${call.callId}`}>
          <WaitTimer receivedAt={call.receivedAt} offsetMs={offsetMs} thresholds={thresholds} testId={`waiting-call-${call.callId}-wait`} />
          <span className="waiting-caller fig">{call.caller?.number ?? t('queue.noNumber')}</span>
        </li>
      ))}
    </ol>
  );
}
