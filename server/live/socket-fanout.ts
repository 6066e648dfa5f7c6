// Sends each feed's deltas and resets to the rooms of its space in this process, redacted
// once per room. Local only: every process tails the shared stream and runs its own feeds,
// which is the cross-process fan-out; no Socket.IO adapter carries anything between processes.
import type { Server } from 'socket.io';
import type { Delta, Role, Snapshot, Space } from '../../shared/contract/views.ts';
import { ROLES } from '../../shared/contract/views.ts';
import { redactChange, redactSnapshot } from '../domain/redact.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';

export const roomOf = (space: Space, role: Role): string => `${space}:${role}`;

export function redactDelta(d: Delta, role: Role): Delta {
  return role === 'operator' ? d : { ...d, changes: d.changes.map((c) => redactChange(c, role)) };
}

export interface Fanout {
  emitDelta(space: Space, d: Delta): void;
  emitReset(space: Space, snapshot: Snapshot): void;
}

export function createFanout(io: Server, deps: { log: Logger; metrics: Metrics; maxBufferedPackets: number }): Fanout {
  function dropSlowClients(space: Space): void {
    for (const role of ROLES) {
      for (const id of io.of('/').adapter.rooms.get(roomOf(space, role)) ?? []) {
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
  return {
    emitDelta(space, d) {
      dropSlowClients(space);
      for (const role of ROLES) {
        const room = roomOf(space, role);
        // Socket.IO serialises a broadcast before it looks for sockets: skip rooms nobody is in.
        if (!io.of('/').adapter.rooms.get(room)?.size) continue;
        io.local.to(room).emit('delta', redactDelta(d, role));
      }
    },
    emitReset(space, snapshot) {
      for (const role of ROLES) io.local.to(roomOf(space, role)).emit('snapshot', redactSnapshot(snapshot, role));
    },
  };
}
