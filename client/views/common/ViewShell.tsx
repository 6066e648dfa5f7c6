// The root of every view: its theme, the connection banner, `data-stale` so that every figure
// under it greys out while the data is stale, and the moment its wait timers stop at while the
// data is not current.
import type { ReactNode } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { FrozenAtContext } from '../../components/frozen-clock.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { useViewConnection } from './use-view-connection.ts';

interface ViewShellProps {
  name: 'wall' | 'demo' | 'operator' | 'executive' | 'signin';
  theme: 'dark' | 'light';
  children: ReactNode;
}

export function ViewShell({ name, theme, children }: ViewShellProps) {
  const lang = useLang();
  const { shown, lastUpdateAt, refused, sourceAway } = useViewConnection();
  const replaying = useLive((s) => s.replay !== null);
  const stale = shown === 'stale';
  const frozenAt = shown === 'stale' || shown === 'reconnecting' ? lastUpdateAt : null;
  return (
    <div
      className={`view view--${name} theme-${theme}`}
      data-testid={`view-${name}`}
      data-conn={shown}
      {...(stale ? { 'data-stale': 'true' } : {})}
      {...(replaying ? { 'data-replay': 'true' } : {})}
    >
      <ConnectionBanner state={shown} lastUpdateAt={lastUpdateAt} refused={refused} sourceAway={sourceAway} lang={lang} />
      <FrozenAtContext.Provider value={frozenAt}>
        <div className="view-body">{children}</div>
      </FrozenAtContext.Provider>
    </div>
  );
}
