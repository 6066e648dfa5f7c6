// The simulator's status for the presenter panel: polled while the panel is open (the demo
// presenter routes allow 60 requests a minute per address; every 5 s leaves room for commands).
import { useCallback, useEffect, useState } from 'react';
import { fetchDemoStatus, type DemoStatus } from './demo.ts';

const POLL_MS = 5_000;

export function useDemoStatus(enabled: boolean): { status: DemoStatus | null; error: string | null; refresh: () => void } {
  const [status, setStatus] = useState<DemoStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        setStatus(await fetchDemoStatus(controller.signal));
        setError(null);
      } catch (err) {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err.message : String(err));
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [enabled, tick]);
  return { status, error, refresh };
}
