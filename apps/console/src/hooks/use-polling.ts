/** Runs `task` now and then again `intervalMs` after each run finishes, while `enabled`. */
import { useEffect, useRef } from 'preact/hooks';

export function usePolling(task: () => Promise<unknown>, intervalMs: number, enabled = true): void {
  const latest = useRef(task);
  latest.current = task;
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      await latest.current().catch(() => undefined);
      if (!stopped) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [intervalMs, enabled]);
}
