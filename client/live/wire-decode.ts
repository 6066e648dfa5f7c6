// Reads the compact wire form (shared/contract/wire.ts): inflates a gzipped frame off the main
// thread's critical path (DecompressionStream), then checks what it holds with the zod schemas
// of views.ts. A snapshot's 10,000 incidents are read and checked in slices with a yield
// between them, so applying a snapshot never holds the main thread for long (the wall keeps
// drawing, and a long task would delay every frame of the clock and the map).
import { IncidentView, Snapshot, WaitingCall } from '../../shared/contract/views.ts';
import { decodeSnapshot, readRows, splitWireSnapshot, type WireTable } from '../../shared/contract/wire.ts';

/** Rows read and checked per slice: about 5-10 ms of work on a wall's PC. */
const SLICE = 1_000;

/** A socket frame: gzip as base64 text (what the server sends), or its bytes. */
export type Frame = string | ArrayBuffer | Uint8Array;

function bytesOf(frame: Frame): Uint8Array {
  if (typeof frame === 'string') return Uint8Array.from(atob(frame), (c) => c.charCodeAt(0));
  return frame instanceof Uint8Array ? frame : new Uint8Array(frame);
}

/** The JSON text of a gzipped frame. */
export async function inflateFrame(frame: Frame): Promise<string> {
  const bytes = bytesOf(frame);
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

const yieldToBrowser = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function checkRows<T>(table: WireTable, kind: 'incidents' | 'waiting', schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T[] | null> {
  const out: T[] = [];
  for (let from = 0; from < table.n; from += SLICE) {
    if (from > 0) await yieldToBrowser();
    for (const row of readRows(table, kind, from, from + SLICE)) {
      const parsed = schema.safeParse(row);
      if (!parsed.success) return null;
      out.push(parsed.data);
    }
  }
  return out;
}

/** A compact snapshot frame, checked; null when it is not a valid snapshot (the caller ignores it, as a bad plain one). */
export async function decodeSnapshotFrame(at: unknown, frame: Frame): Promise<Snapshot | null> {
  if (typeof at !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(await inflateFrame(frame));
  } catch {
    return null;
  }
  const wire = splitWireSnapshot(value);
  if (wire === null) return null;
  // Everything but the two lists (small) is checked at once, with the lists empty.
  const head = Snapshot.safeParse(decodeSnapshot({ ...wire, incidents: { ...wire.incidents, n: 0 }, waiting: { ...wire.waiting, n: 0 } }, at));
  if (!head.success) return null;
  const waiting = await checkRows(wire.waiting, 'waiting', WaitingCall);
  const open = waiting && (await checkRows(wire.incidents, 'incidents', IncidentView));
  if (!waiting || !open) return null;
  return { ...head.data, calls: { ...head.data.calls, waiting }, incidents: { ...head.data.incidents, open } };
}

/** A compact delta frame as the value a plain `delta` event would carry (the caller checks it). */
export async function decodeDeltaFrame(frame: Frame): Promise<unknown> {
  try {
    return JSON.parse(await inflateFrame(frame)) as unknown;
  } catch {
    return null;
  }
}
