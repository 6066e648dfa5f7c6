// Priority 1–4 as colour plus a printed number: red, orange, yellow and blue alone are not
// enough (red/orange collapse for deuteranopes), so every marker also carries its digit.

/** Rank used for sorting and cluster colour: 1 is most urgent; unknown priorities sort last. */
export type PriorityRank = 1 | 2 | 3 | 4 | 5;
export const UNKNOWN_PRIORITY_RANK: PriorityRank = 5;

export interface PriorityStyle {
  rank: PriorityRank;
  /** Fill of the marker or cluster bubble. */
  fill: string;
  /** Text and glyph colour chosen for ≥ 4.5:1 contrast on that fill. */
  ink: string;
  /** What is printed on the marker: the digit, or "?" when unknown. */
  digit: string;
}

const STYLES: Readonly<Record<PriorityRank, PriorityStyle>> = {
  1: { rank: 1, fill: '#d62828', ink: '#ffffff', digit: '1' },
  2: { rank: 2, fill: '#f77f00', ink: '#111111', digit: '2' },
  3: { rank: 3, fill: '#fcbf49', ink: '#111111', digit: '3' },
  4: { rank: 4, fill: '#2f6fde', ink: '#ffffff', digit: '4' },
  5: { rank: 5, fill: '#8d8f99', ink: '#111111', digit: '?' },
};

export function priorityRank(priority: number | null | undefined): PriorityRank {
  switch (priority) {
    case 1: case 2: case 3: case 4: return priority;
    default: return UNKNOWN_PRIORITY_RANK;
  }
}

export function priorityStyle(priority: number | null | undefined): PriorityStyle {
  return STYLES[priorityRank(priority)];
}

/** The more urgent of two ranks: a cluster takes the colour of its most urgent incident. */
export function mostUrgent(a: PriorityRank, b: PriorityRank): PriorityRank {
  return a < b ? a : b;
}
