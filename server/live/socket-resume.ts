// What a client gets when it connects: what it missed since its position (from the feed's
// memory, else bridged from the stream when the gap is short), or a fresh snapshot. A resume
// far behind is answered with a snapshot without reading the stream (issue #20 finding 1: a
// public screen resuming from 0-0 in a loop must cost no more than a snapshot).
import type { Delta, Space } from '../../shared/contract/views.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import type { SpaceStore } from '../store/live-store.ts';
import { isReset, type StreamItem } from '../store/read-entries.ts';
import type { StreamEntry } from '../store/entries.ts';
import type { SpaceFeed } from './space-feed.ts';

/**
 * "Far behind", defined once: a client more than this many stream entries behind gets a
 * snapshot rather than a replay. A replay of more would cost more than the snapshot it replaces.
 */
export const MAX_RESUME_ENTRIES = 2_000;

export interface ResumeDeps {
  feeds: Record<Space, SpaceFeed>;
  /** On a connection of its own (app.ts): a resume never waits on, or delays, the feed's reads. */
  store: (space: Space) => SpaceStore;
}

/** The delta that brings a client at `position` up to date, or null when it needs a snapshot. */
export async function resumeDelta(deps: ResumeDeps, space: Space, position: string): Promise<Delta | null> {
  const feed = deps.feeds[space];
  if (comparePositions(position, feed.currentPosition) > 0) await feed.pullNow();
  const memory = feed.catchUpFromMemory(position, MAX_RESUME_ENTRIES);
  if (memory.kind === 'delta') return memory.delta;
  if (memory.kind !== 'older') return null;
  // Older than this process's memory, which holds little (the process started lately): the
  // stream bridges the gap when it is short. Never more than `missing` entries are read.
  const store = deps.store(space);
  if (!(await store.isResumable(position))) return null;
  const items: StreamItem[] = await store.readItemsAfter(position, memory.missing + 1);
  // Too far behind, or across a wipe: a snapshot is the answer.
  if (items.length > memory.missing || items.some(isReset)) return null;
  // The feed may have moved on while we read: stitch Redis up to where memory starts.
  const upTo = items.filter((e): e is StreamEntry => !isReset(e) && comparePositions(e.position, feed.currentPosition) <= 0);
  const lastRead = upTo.at(-1)?.position ?? position;
  const rest = feed.catchUpFromMemory(lastRead, MAX_RESUME_ENTRIES);
  if (rest.kind !== 'delta') return null;
  return { prev: position as Delta['prev'], position: rest.delta.position, changes: [...feed.changesOf(upTo), ...rest.delta.changes] };
}
