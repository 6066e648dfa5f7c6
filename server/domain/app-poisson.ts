// Poisson tail probabilities for counts of independent events (sessions, complaints). The
// detector asks "how unlikely is this count if the app behaves as usual?", so a quiet app
// needs a bigger surprise than a busy one before anyone is woken up.

const LN_FACT: number[] = [0];
for (let i = 1; i < 256; i++) LN_FACT.push((LN_FACT[i - 1] ?? 0) + Math.log(i));

/** ln(n!) for whole n ≥ 0: a table below 256, Stirling's series above (error < 1e-12). */
export function lnFactorial(n: number): number {
  if (n < 256) return LN_FACT[n] ?? 0;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

function lnPmf(k: number, lambda: number): number {
  return k * Math.log(lambda) - lambda - lnFactorial(k);
}

/** P(X ≥ k) for X ~ Poisson(lambda). Above the mean only; at or below it the answer is "not unusual" (1). */
export function poissonUpperTail(k: number, lambda: number): number {
  const kk = Math.ceil(k);
  if (kk <= 0) return 1;
  if (lambda <= 0) return 0;
  if (kk <= lambda) return 1;
  let sum = 0;
  for (let i = kk; i < kk + 100_000; i++) {
    const term = Math.exp(lnPmf(i, lambda));
    sum += term;
    if (term <= sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

/** P(X ≤ k) for X ~ Poisson(lambda). Below the mean only; at or above it the answer is 1. */
export function poissonLowerTail(k: number, lambda: number): number {
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (lambda <= 0 || kk >= lambda) return 1;
  let sum = 0;
  for (let i = kk; i >= 0; i--) {
    const term = Math.exp(lnPmf(i, lambda));
    sum += term;
    if (term <= sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function sum(values: readonly number[], from = 0, to = values.length): number {
  let t = 0;
  for (let i = Math.max(0, from); i < Math.min(to, values.length); i++) t += values[i] ?? 0;
  return t;
}
