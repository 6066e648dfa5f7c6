// How many rows of a list fit its box. The box's height comes from the layout (flex: 1), not
// from its rows, so measuring it cannot feed back into itself. Takes the element itself (from
// a callback ref): the list mounts only once there is something to list.
import { useEffect, useState } from 'react';

export function useRowsThatFit(el: HTMLElement | null): number | null {
  const [fit, setFit] = useState<number | null>(null);
  useEffect(() => {
    if (!el) return undefined;
    const measure = () => {
      const row = el.firstElementChild;
      const rowHeight = row ? row.getBoundingClientRect().height : 0;
      if (rowHeight <= 0) return;
      const style = getComputedStyle(el);
      const inner = el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      const next = Math.max(1, Math.floor((inner + 0.5) / rowHeight));
      setFit((old) => (old === next ? old : next));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return fit;
}
