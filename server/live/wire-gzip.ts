// Compression for the live path, done once per room or per cached state, never per client.
// Socket frames are gzipped JSON sent as base64 text (the browser inflates them with
// DecompressionStream, which every supported browser and Node ≥ 18 has). Text, not a binary
// attachment: Socket.IO sends an attachment as a second WebSocket frame, and a frame per socket
// is what the fan-out pays per client, so a binary event would double that cost for a third
// fewer bytes. The HTTP snapshot is gzip with its `at` spliced
// in front of a cached compressed body: a gzip member may hold several deflate streams'
// blocks one after the other, so the fresh `{"at":"…",` is deflated alone (ending on a sync
// flush, byte-aligned and not final) and the cached body's blocks follow; only the CRC and
// length of the trailer are computed per request.
import { brotliCompressSync, constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** A JSON text gzipped (level 6: a snapshot compresses once per state and role). */
export function gzipJson(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value));
}

/** A socket frame: the gzipped JSON as base64 text. */
export function wireFrame(value: unknown): string {
  return gzipJson(value).toString('base64');
}

/** A cached body, deflated once, that a fresh prefix is spliced before. */
export interface DeflatedBody {
  deflated: Buffer;
  text: Buffer;
}

export function deflateBody(text: string): DeflatedBody {
  const buf = Buffer.from(text);
  return { deflated: deflateRawSync(buf), text: buf };
}

/** gzip header: magic, deflate, no flags, no time, no extra flags, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** One gzip member holding `prefix` then the body: the body's compression is reused as is. */
export function gzipSpliced(prefix: string, body: DeflatedBody): Buffer {
  const head = Buffer.from(prefix);
  const headBlocks = deflateRawSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(body.text, crc32(head)), 0);
  // ISIZE is the length modulo 2^32 (RFC 1952).
  trailer.writeUInt32LE((head.length + body.text.length) % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, headBlocks, body.deflated, trailer]);
}

/**
 * Brotli for a client that takes br but not gzip (rare: every browser takes both). A brotli
 * stream cannot be spliced, so it is compressed per request at the fastest quality.
 */
export function brotliOf(text: string): Buffer {
  return brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } });
}

/** The encoding to answer with, from an Accept-Encoding header: gzip first (cached), then br. */
export function pickEncoding(accept: string | undefined): 'gzip' | 'br' | null {
  if (!accept) return null;
  const offered = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string): number => offered.get(name) ?? (offered.has('*') ? (offered.get('*') ?? 0) : 0);
  if (weight('gzip') > 0) return 'gzip';
  if (weight('br') > 0) return 'br';
  return null;
}
