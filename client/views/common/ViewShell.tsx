// The root of every view: its theme, the connection banner, and `data-stale` so that every
// figure under it greys out while the data is stale.
import type { ReactNode } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { useLang } from '../../components/use-lang.ts';
import { useViewConnection } from './use-view-connection.ts';

interface ViewShellProps {
  name: 'wall' | 'demo' | 'operator' | 'executive' | 'signin';
  theme: 'dark' | 'light';
  children: ReactNode;
}

export function ViewShell({ name, theme, children }: ViewShellProps) {
  const lang = useLang();
  const { shown, lastUpdateAt, refused } = useViewConnection();
  const stale = shown === 'stale';
  return (
    <div
      className={`view view--${name} theme-${theme}`}
      data-testid={`view-${name}`}
      data-conn={shown}
      {...(stale ? { 'data-stale': 'true' } : {})}
    >
      <ConnectionBanner state={shown} lastUpdateAt={lastUpdateAt} refused={refused} lang={lang} />
      <div className="view-body">{children}</div>
    </div>
  );
}
