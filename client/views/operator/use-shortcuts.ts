// Listens for the desk's shortcuts on the whole page while the operator view is mounted.
import { useEffect, useRef } from 'react';
import { isTypingTarget, shortcutFor, type ShortcutAction } from './shortcuts.ts';

export function useShortcuts(onAction: (action: ShortcutAction) => void): void {
  // The latest handler, without re-subscribing on every render.
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inField: isTypingTarget(e.target) });
      if (action === null) return;
      // '/' would otherwise open the browser's quick find; the others type nothing anywhere.
      e.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
