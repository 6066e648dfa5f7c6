// Typed Socket.IO event maps, declared once and used by the server and the client.
import { z } from 'zod';
import type { Delta, Role, Snapshot, Space, StreamPosition } from './views.ts';
import type { WIRE_DELTA, WIRE_SNAPSHOT } from './wire.ts';

export const HandshakeAuth = z.object({
  token: z.string().max(512).optional(),
  position: z.string().max(48).optional(),
  /** A signed-in viewer may ask for the demo space; demo viewers only ever get demo. */
  space: z.enum(['live', 'demo']).optional(),
  /**
   * `WIRE_FORMAT` asks for the compact form (wire.ts): `snapshot:z` and `delta:z` instead of
   * `snapshot` and `delta`. Any other value gets plain JSON, so an older server or client still talks.
   */
  wire: z.string().max(32).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export interface AckResult { ok: boolean; error?: string }

/**
 * Whether the server can reach its source of truth (Redis), and since when (ISO-8601 with
 * offset). Sent on every connect and whenever it changes; while `available` is false the
 * figures a client holds are frozen at `since`, and a fresh snapshot follows the return.
 */
export const SourceState = z.object({ available: z.boolean(), since: z.string().max(40) });
export type SourceState = z.infer<typeof SourceState>;

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
  source: (state: SourceState) => void;
  /** The compact form (wire.ts): `at` beside a gzipped WireSnapshot as base64, cached per state and role. */
  [WIRE_SNAPSHOT]: (at: string, frame: string) => void;
  /** The compact form: a gzipped Delta (JSON) as base64, compressed once per room. */
  [WIRE_DELTA]: (frame: string) => void;
}

export interface ClientToServerEvents {
  /** Operators acknowledge an alert; the answer says whether it was accepted. */
  'alert:ack': (alertId: string, reply: (result: AckResult) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  role: Role;
  space: Space;
  /** The ingest/viewer credential name that signed in, for logs (never the token itself). */
  principal: string;
  position: StreamPosition | null;
  /** The client asked for the compact form (wire.ts). */
  compact: boolean;
}
