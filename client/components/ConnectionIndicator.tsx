// The quiet LIVE dot of a header; it turns into a word when the link is not live.
import { useTranslation } from 'react-i18next';
import { DotIcon, WarningIcon } from './icons.tsx';

export type ShownState = 'connecting' | 'live' | 'reconnecting' | 'stale';

interface ConnectionIndicatorProps {
  state: ShownState;
}

export function ConnectionIndicator({ state }: ConnectionIndicatorProps) {
  const { t } = useTranslation();
  const word =
    state === 'live'
      ? t('conn.live')
      : state === 'reconnecting'
        ? t('conn.reconnectingShort')
        : state === 'stale'
          ? t('conn.staleShort')
          : t('conn.connecting');
  return (
    <span className={`conn conn--${state}`} data-testid="conn-state" data-state={state} role="status">
      {state === 'live' ? <DotIcon /> : <WarningIcon />}
      <span className="conn-word">{word}</span>
    </span>
  );
}
