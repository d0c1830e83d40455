import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changed at most once per `intervalMillis`: a change after a quiet interval shows at once,
 * changes coming faster show together at the interval's end (the last one wins), so the final value
 * always shows. For views too costly to redraw at every update of a live list (the scatter chart).
 */
export function useThrottledValue<T>(value: T, intervalMillis: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(-Infinity);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastShownAt.current + intervalMillis - Date.now();
    const show = () => {
      lastShownAt.current = Date.now();
      setShown(() => latest.current);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMillis]);
  return Object.is(value, shown) ? value : shown;
}
