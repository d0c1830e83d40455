import { useCallback, useEffect, useRef, useState } from 'react';
import { EMPTY_FILTERS, type FilterState } from './filter-state';

/**
 * The filters as shown (`filters`, updated on every key) and as queried (`settled`): typing
 * settles for `delayMillis` before a query runs, while a choice (checkbox, select, button)
 * applies at once.
 */
export function useFilterState(delayMillis: number): {
  filters: FilterState;
  settled: FilterState;
  change: (next: FilterState | ((current: FilterState) => FilterState), typing: boolean) => void;
} {
  const [filters, setFilters] = useState<FilterState>(EMPTY_FILTERS);
  const [settled, setSettled] = useState<FilterState>(EMPTY_FILTERS);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(filters);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = useCallback(
    (next: FilterState | ((current: FilterState) => FilterState), typing: boolean) => {
      const value = typeof next === 'function' ? next(latest.current) : next;
      latest.current = value;
      setFilters(value);
      clearTimeout(timer.current);
      if (typing) timer.current = setTimeout(() => setSettled(value), delayMillis);
      else setSettled(value);
    },
    [delayMillis],
  );
  return { filters, settled, change };
}
