// The current time rounded down to a step (a minute by default), changing once per step: for
// figures that depend on "now" but need not move every second (report windows).
import { useEffect, useState } from 'react';

export function useRoundedNow(stepMs = 60_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / stepMs) * stepMs);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const next = (Math.floor(Date.now() / stepMs) + 1) * stepMs;
      timer = setTimeout(() => {
        setNow(Math.floor(Date.now() / stepMs) * stepMs);
        schedule();
      }, next - Date.now() + 50);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [stepMs]);
  return now;
}
