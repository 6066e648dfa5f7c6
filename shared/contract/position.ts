// Ordering of stream positions (`<ms>-<seq>` Redis stream ids), used by the server to stitch
// replays and by the client to tell a missed delta from an old one.

/** Orders two stream ids numerically; BigInt because a sequence may pass 2^53. */
export function comparePositions(a: string, b: string): number {
  const [aMs = '0', aSeq = '0'] = a.split('-');
  const [bMs = '0', bSeq = '0'] = b.split('-');
  const ms = BigInt(aMs) - BigInt(bMs);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(aSeq) - BigInt(bSeq);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}
