// Sends each feed's deltas and resets to the rooms of its space in this process, redacted
// once per role and encoded once per room: clients that asked for the compact form
// (shared/contract/wire.ts) sit in a room of their own whose frame is gzipped once per window,
// so the cost of a window grows with the rooms, never with the clients in them. Local only:
// every process tails the shared stream and runs its own feeds, which is the cross-process
// fan-out; no Socket.IO adapter carries anything between processes.
import type { Server } from 'socket.io';
import type { Delta, Role, Snapshot, Space } from '../../shared/contract/views.ts';
import { ROLES } from '../../shared/contract/views.ts';
import { WIRE_DELTA, WIRE_SNAPSHOT, encodeSnapshot } from '../../shared/contract/wire.ts';
import { redactChange, redactSnapshot } from '../domain/redact.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { wireFrame } from './wire-gzip.ts';

/** The room of a space's clients of one role; `compact` for those that take the compact form. */
export const roomOf = (space: Space, role: Role, compact = false): string => `${space}:${role}${compact ? ':z' : ''}`;

export function redactDelta(d: Delta, role: Role): Delta {
  return role === 'operator' ? d : { ...d, changes: d.changes.map((c) => redactChange(c, role)) };
}

export interface Fanout {
  emitDelta(space: Space, d: Delta): void;
  emitReset(space: Space, snapshot: Snapshot): void;
}

export function createFanout(io: Server, deps: { log: Logger; metrics: Metrics; maxBufferedPackets: number }): Fanout {
  const occupied = (room: string): boolean => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
  function dropSlowClients(space: Space): void {
    for (const role of ROLES) {
      for (const compact of [false, true]) {
        for (const id of io.of('/').adapter.rooms.get(roomOf(space, role, compact)) ?? []) {
          const s = io.of('/').sockets.get(id);
          // engine.io keeps unsent packets in a private writeBuffer; its length is the only
          // measure of how far behind a client is, and it is stable across engine.io 6.x.
          const buffered = (s?.conn as unknown as { writeBuffer?: unknown[] } | undefined)?.writeBuffer?.length ?? 0;
          if (s && buffered > deps.maxBufferedPackets) {
            deps.metrics.slowClientsDropped.inc({ space });
            deps.log.info({ mod: 'live', space, role, buffered }, 'dropping a slow client');
            s.disconnect(true);
          }
        }
      }
    }
  }
  return {
    emitDelta(space, d) {
      dropSlowClients(space);
      for (const role of ROLES) {
        const plain = roomOf(space, role);
        const compact = roomOf(space, role, true);
        // Socket.IO serialises a broadcast before it looks for sockets: skip rooms nobody is in.
        if (!occupied(plain) && !occupied(compact)) continue;
        const redacted = redactDelta(d, role);
        if (occupied(plain)) io.local.to(plain).emit('delta', redacted);
        if (occupied(compact)) io.local.to(compact).emit(WIRE_DELTA, wireFrame(redacted));
      }
    },
    emitReset(space, snapshot) {
      for (const role of ROLES) {
        const plain = roomOf(space, role);
        const compact = roomOf(space, role, true);
        if (!occupied(plain) && !occupied(compact)) continue;
        const redacted = redactSnapshot(snapshot, role);
        if (occupied(plain)) io.local.to(plain).emit('snapshot', redacted);
        if (occupied(compact)) io.local.to(compact).emit(WIRE_SNAPSHOT, snapshot.at, wireFrame(encodeSnapshot(redacted)));
      }
    },
  };
}
