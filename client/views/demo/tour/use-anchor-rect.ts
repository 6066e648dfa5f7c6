// Where the highlighted part of the screen is, kept current as the window resizes or the part
// changes size (the wall's burn-in shift moves it by a few pixels every few minutes).
import { useEffect, useState } from 'react';
import { unionRect, type Rect } from './steps.ts';

function measure(anchors: readonly string[]): Rect | null {
  const rects: Rect[] = [];
  for (const anchor of anchors) {
    const el = document.querySelector(`[data-tour="${anchor}"]`);
    if (!el) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) rects.push({ top: r.top, left: r.left, width: r.width, height: r.height });
  }
  return unionRect(rects);
}

const same = (a: Rect | null, b: Rect | null): boolean =>
  a === b || (a !== null && b !== null && a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height);

export function useAnchorRect(anchors: readonly string[]): Rect | null {
  const key = anchors.join(' ');
  // Kept with the anchors it measured, so a new step never shows the previous step's box.
  const [measured, setMeasured] = useState<{ key: string; rect: Rect | null } | null>(null);
  useEffect(() => {
    if (key === '') return undefined;
    const list = key.split(' ');
    const update = () =>
      setMeasured((old) => {
        const rect = measure(list);
        return old !== null && old.key === key && same(old.rect, rect) ? old : { key, rect };
      });
    // A ResizeObserver reports once as soon as it observes: that is the first measurement.
    const observer = new ResizeObserver(update);
    for (const anchor of list) {
      const el = document.querySelector(`[data-tour="${anchor}"]`);
      if (el) observer.observe(el);
    }
    observer.observe(document.documentElement);
    window.addEventListener('resize', update);
    // The part may mount after the step starts (the page switched back to the overview).
    const slow = setInterval(update, 1_000);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
      clearInterval(slow);
    };
  }, [key]);
  return key !== '' && measured?.key === key ? measured.rect : null;
}
