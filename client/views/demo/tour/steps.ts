// The guided tour for visiting delegations: one step per part of the screen, in the order a
// presenter tells the story. Each names the element it highlights (`data-tour` on the wall) or
// none, for a step shown in the middle of the screen.
export const TOUR_STEP_IDS = ['welcome', 'queues', 'map', 'apps', 'scenario', 'kpis', 'replicate'] as const;
export type TourStepId = (typeof TOUR_STEP_IDS)[number];

export type TourAnchor = 'header' | 'queues' | 'map' | 'apps';

export interface TourStep {
  id: TourStepId;
  /** The `data-tour` values of the highlighted elements (one box around them all); none for a centred card. */
  anchors: readonly TourAnchor[];
  /** The side the caption prefers when both have room (the one whose content matters less now). */
  side?: 'left' | 'right';
}

export const TOUR_STEPS: readonly TourStep[] = [
  { id: 'welcome', anchors: ['header'] },
  { id: 'queues', anchors: ['queues'] },
  { id: 'map', anchors: ['map'], side: 'right' },
  { id: 'apps', anchors: ['apps'] },
  // A flood played live: calls arrive in the queues and incidents on the map, so both stay
  // lit; the caption (over the apps column) carries the counters.
  { id: 'scenario', anchors: ['queues', 'map'], side: 'right' },
  { id: 'kpis', anchors: [] },
  { id: 'replicate', anchors: [] },
];

export type TourMove = 'next' | 'prev' | 'first' | 'end';

/**
 * Keys a presenter uses: arrows on a keyboard; PageDown/PageUp from a presentation clicker
 * (most send those); Space and Enter like a slide deck; Esc ends.
 */
export function tourMoveFor(key: string, shiftKey = false): TourMove | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
      return 'next';
    case ' ':
    case 'Spacebar':
      return shiftKey ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'prev';
    case 'Home':
      return 'first';
    case 'Escape':
      return 'end';
    default:
      return null;
  }
}

/** The step after a move; null when the tour ends (Esc, or next on the last step). */
export function moveStep(index: number, move: TourMove, count: number): number | null {
  switch (move) {
    case 'next':
      return index + 1 >= count ? null : index + 1;
    case 'prev':
      return Math.max(0, index - 1);
    case 'first':
      return 0;
    case 'end':
      return null;
  }
}

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export type CardPlace = 'right' | 'left' | 'below' | 'center';

/** A caption beside a part needs a fifth of the screen's width; below it, a quarter of the height. */
const MIN_SIDE = 0.2;
const MIN_BELOW = 0.25;

/** Where the caption goes so it covers none of the highlighted part. */
export function cardPlace(target: Rect | null, viewport: { width: number; height: number }, prefer?: 'left' | 'right'): CardPlace {
  if (target === null) return 'center';
  const free = { left: target.left, right: viewport.width - (target.left + target.width) };
  const freeBelow = viewport.height - (target.top + target.height);
  const fits = (side: 'left' | 'right') => free[side] >= viewport.width * MIN_SIDE;
  if (prefer && fits(prefer)) return prefer;
  if (fits('left') || fits('right')) return free.right >= free.left ? 'right' : 'left';
  return freeBelow >= viewport.height * MIN_BELOW ? 'below' : 'center';
}

/** The smallest box around all of them, or null when there are none. */
export function unionRect(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const top = Math.min(...rects.map((r) => r.top));
  const left = Math.min(...rects.map((r) => r.left));
  const bottom = Math.max(...rects.map((r) => r.top + r.height));
  const right = Math.max(...rects.map((r) => r.left + r.width));
  return { top, left, width: right - left, height: bottom - top };
}
