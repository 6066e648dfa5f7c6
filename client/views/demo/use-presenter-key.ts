// `p` shows and hides the presenter panel (not while typing in a field).
import { useEffect, useRef } from 'react';

export function usePresenterKey(toggle: () => void): void {
  const handler = useRef(toggle);
  useEffect(() => {
    handler.current = toggle;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (e.key !== 'p' && e.key !== 'P') return;
      const target = e.target;
      if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
      e.preventDefault();
      handler.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
