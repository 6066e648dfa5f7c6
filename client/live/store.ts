// The one live store every view reads. Only client/live/connection.ts (live) and replay.ts (the past) write to it.
import { create } from 'zustand';
import type { ConnectionStatus } from './connection-status.ts';
import { EMPTY_LIVE, type LiveData } from '../../shared/live/live-data.ts';

export interface LiveState {
  data: LiveData;
  status: ConnectionStatus;
  /** True once the socket is up; a view shows "connecting" before the first snapshot. */
  connected: boolean;
  /** When the data was last known to be current (a message, or the moment the link dropped). */
  lastUpdateAt: number | null;
  /** Why the server refused the handshake (a bad token), or null. */
  refused: string | null;
  /** Server clock minus browser clock, so wait timers agree with the server's receivedAt. */
  clockOffsetMs: number;
  /** When (browser clock) the server said its source (Redis) went away, or null while it is there. */
  sourceAwaySince: number | null;
  /** A replay of the past (`/wall?replay=`), or null while live: the view must never pass for live then. */
  replay: ReplayState | null;
}

export interface ReplayState {
  fromMs: number;
  speed: number;
  /** The moment the data is at (epoch ms). */
  atMs: number;
  /** Why the last step failed (a role without replay, a moment out of the history), or null. */
  error: string | null;
  /** The replay has caught up with the present. */
  reachedNow: boolean;
}

export const INITIAL_LIVE_STATE: LiveState = {
  data: EMPTY_LIVE,
  status: 'live',
  connected: false,
  lastUpdateAt: null,
  refused: null,
  clockOffsetMs: 0,
  sourceAwaySince: null,
  replay: null,
};

export const useLive = create<LiveState>()(() => INITIAL_LIVE_STATE);
