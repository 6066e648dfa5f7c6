// While a view's figures are not current (reconnecting, stale, or the server's source away),
// its wait timers stop at the moment the data was last known to be current instead of ticking
// on as if calls were still waiting: the view root (ViewShell) provides that moment here.
import { createContext, useContext } from 'react';
import { useNow } from './use-now.ts';

/** The moment (browser ms) the timers stop at, or null while the data is current. */
export const FrozenAtContext = createContext<number | null>(null);

/** The shared one-second clock, held at the frozen moment while there is one. */
export function useDataNow(): number {
  const now = useNow();
  const frozenAt = useContext(FrozenAtContext);
  return frozenAt === null ? now : Math.min(now, frozenAt);
}
