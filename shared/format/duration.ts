// Wait timers on wall displays: fixed-width minutes so digits do not jump as they tick.

/** Seconds → 'mm:ss', or 'h:mm:ss' from one hour on. Negative or non-finite → '00:00'. */
export function formatWait(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
