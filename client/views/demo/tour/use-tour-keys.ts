// Arrows, a clicker's PageDown/PageUp, Space and Esc drive the tour. Caught before anything
// else on the page (capture phase), so Space does not also press the focused button.
import { useEffect, useRef } from 'react';
import { tourMoveFor, type TourMove } from './steps.ts';

export function useTourKeys(onMove: (move: TourMove) => void): void {
  const handler = useRef(onMove);
  useEffect(() => {
    handler.current = onMove;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const move = tourMoveFor(e.key, e.shiftKey);
      if (move === null) return;
      e.preventDefault();
      e.stopPropagation();
      handler.current(move);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
