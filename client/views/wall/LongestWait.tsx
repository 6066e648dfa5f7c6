// The longest wait now: the oldest waiting call's timer, or 00:00 when nobody waits. The label
// sits beside the figure, over the level icon and word, to leave room for the waiting calls.
import { useTranslation } from 'react-i18next';
import type { WaitingCall } from '../../../shared/contract/views.ts';
import { WaitTimer, type WaitThresholds } from '../../components/WaitTimer.tsx';

interface LongestWaitProps {
  oldest: WaitingCall | null;
  offsetMs: number;
  thresholds: WaitThresholds | null;
  testId: string;
}

export function LongestWait({ oldest, offsetMs, thresholds, testId }: LongestWaitProps) {
  const { t } = useTranslation();
  return (
    <div className="queue-longest">
      {oldest ? (
        // Keyed by call: when the oldest call is answered the next one's timer starts fresh,
        // and its blink on crossing a threshold belongs to it.
        <WaitTimer key={oldest.callId} receivedAt={oldest.receivedAt} offsetMs={offsetMs} thresholds={thresholds} testId={testId} showWord className="queue-longest-timer" />
      ) : (
        <span className="wait wait--normal queue-longest-timer" data-level="normal">
          <span className="wait-time fig" data-testid={testId}>
            00:00
          </span>
        </span>
      )}
      <div className="metric-label queue-longest-label">{t('queue.longest')}</div>
    </div>
  );
}
