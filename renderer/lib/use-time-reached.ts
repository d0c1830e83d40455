import { useEffect, useState } from 'react';

/**
 * Re-renders once when the ISO time `at` is reached, so text computed from it ("retrying at 12:01"
 * → "retrying with the next span") turns over then: one timer from the time itself, no polling.
 */
export function useTimeReached(at: string | undefined): boolean {
  const due = at === undefined ? undefined : Date.parse(at);
  const [reachedFor, setReachedFor] = useState<number>();
  useEffect(() => {
    if (due === undefined || Number.isNaN(due)) return;
    const wait = due - Date.now();
    if (wait <= 0) return;
    // Past the 24.8-day limit of setTimeout a retry time means nothing to a person anyway.
    const timer = setTimeout(() => setReachedFor(due), Math.min(wait + 10, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [due]);
  return due !== undefined && (reachedFor === due || due <= Date.now());
}
