// Seeded PRNG for the demo simulator. The simulator core is pure, so the generator's
// state is plain data (four uint32 words) that lives inside the sim state and is copied
// on every step; a Rng object is only a short-lived cursor over such a state.
// Algorithm: sfc32 (Chris Doty-Humphrey's "small fast counting" generator), written here
// from its published description; the counter word guarantees a period of at least 2^32.

export type RngState = readonly [number, number, number, number];

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** The words to resume from; feeding them to createRng continues the same sequence. */
  state(): RngState;
}

/** Hashes a seed (number or text) into four words, so nearby seeds give unrelated streams. */
export function seedRng(seed: number | string): RngState {
  const text = String(seed);
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  let h3 = 0xc2b2ae35;
  let h4 = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x1b873593);
    h4 = Math.imul(h4 ^ c, 0xcc9e2d51);
  }
  const words = [h1, h2, h3, h4].map((h) => {
    let x = h ^ (h >>> 16);
    x = Math.imul(x, 0x7feb352d);
    x ^= x >>> 15;
    x = Math.imul(x, 0x846ca68b);
    return (x ^ (x >>> 16)) >>> 0;
  });
  const rng = createRng([words[0] ?? 1, words[1] ?? 2, words[2] ?? 3, words[3] ?? 4]);
  // Warm-up: the first outputs of sfc32 still echo the seed words.
  for (let i = 0; i < 15; i++) rng.next();
  return rng.state();
}

export function createRng(from: RngState): Rng {
  let [a, b, c, d] = from;
  return {
    next(): number {
      a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    },
    state(): RngState {
      return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
    },
  };
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** Integer in [min, max], both included. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Picks a value with probability proportional to its weight; weights need not sum to 1. */
export function weightedPick<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += Math.max(0, w);
  if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
  let r = rng.next() * total;
  let last: T | undefined;
  for (const [value, w] of items) {
    if (w <= 0) continue;
    last = value;
    r -= w;
    if (r < 0) return value;
  }
  // Floating-point rounding can leave r a hair above zero after the last item.
  if (last === undefined) throw new RangeError('weighted pick needs a positive total weight');
  return last;
}

/** Exponential with the given rate (mean 1/rate). */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/** Normal by Box–Muller; the second variate is dropped to keep the generator stateless. */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Lognormal with parameters of the underlying normal. */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(normal(rng, mu, sigma));
}

/** Lognormal given its median, the natural way to state a duration ("median 7 s, long tail"). */
export function lognormalMedian(rng: Rng, median: number, sigma: number): number {
  return lognormal(rng, Math.log(median), sigma);
}

// Knuth's product method underflows past λ ≈ 700 and costs O(λ); chunking keeps it exact
// (a sum of independent Poissons is Poisson) and numerically safe for any λ.
const POISSON_CHUNK = 30;

export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  let n = 0;
  let rest = lambda;
  while (rest > 0) {
    const part = Math.min(rest, POISSON_CHUNK);
    rest -= part;
    const limit = Math.exp(-part);
    let p = rng.next();
    while (p > limit) {
      n++;
      p *= rng.next();
    }
  }
  return n;
}
