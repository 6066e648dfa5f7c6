// What a client gets when it connects: what it missed since its position (from the feed's
// memory, else replayed from the stream, stitched to memory), or a fresh snapshot.
import type { Delta, Space } from '../../shared/contract/views.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import type { SpaceStore } from '../store/live-store.ts';
import { isReset, type StreamItem } from '../store/read-entries.ts';
import type { StreamEntry } from '../store/entries.ts';
import type { SpaceFeed } from './space-feed.ts';

export interface ResumeDeps {
  feeds: Record<Space, SpaceFeed>;
  store: (space: Space) => SpaceStore;
  /** Older positions than this many entries behind get a snapshot instead of a replay. */
  maxReplay: number;
}

/** The delta that brings a client at `position` up to date, or null when it needs a snapshot. */
export async function resumeDelta(deps: ResumeDeps, space: Space, position: string): Promise<Delta | null> {
  const feed = deps.feeds[space];
  const store = deps.store(space);
  if (comparePositions(position, feed.currentPosition) > 0) await feed.pullNow();
  const fromMemory = feed.catchUpFromMemory(position);
  if (fromMemory) return fromMemory;
  if (!(await store.isResumable(position))) return null;
  const items: StreamItem[] = await store.readItemsAfter(position, deps.maxReplay + 1);
  // Too far behind, or across a wipe: a snapshot is the answer.
  if (items.length > deps.maxReplay || items.some(isReset)) return null;
  // The feed may have moved on while we read: stitch Redis up to where memory starts.
  const upTo = items.filter((e): e is StreamEntry => !isReset(e) && comparePositions(e.position, feed.currentPosition) <= 0);
  const lastRead = upTo.at(-1)?.position ?? position;
  const rest = feed.catchUpFromMemory(lastRead);
  if (!rest) return null;
  return { prev: position as Delta['prev'], position: rest.position, changes: [...feed.changesOf(upTo), ...rest.changes] };
}
