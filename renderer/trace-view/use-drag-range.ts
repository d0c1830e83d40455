import { useCallback, useRef, useState, type PointerEvent } from 'react';

export interface DragRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Dragging across an element picks a range of fractions of its width (0..1); `onRange` gets it on
 * release. A click without movement picks nothing.
 */
export function useDragRange(onRange: (range: DragRange) => void) {
  const [range, setRange] = useState<DragRange>();
  const origin = useRef<{ left: number; width: number; from: number } | undefined>(undefined);

  const fractionAt = (clientX: number) => {
    const box = origin.current!;
    return Math.min(1, Math.max(0, (clientX - box.left) / (box.width || 1)));
  };
  const onPointerDown = useCallback((event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    origin.current = { left: rect.left, width: rect.width, from: 0 };
    origin.current.from = fractionAt(event.clientX);
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setRange(undefined);
  }, []);
  const onPointerMove = useCallback((event: PointerEvent<HTMLElement>) => {
    if (!origin.current) return;
    setRange({ from: origin.current.from, to: fractionAt(event.clientX) });
  }, []);
  const onPointerUp = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      if (!origin.current) return;
      const picked = { from: origin.current.from, to: fractionAt(event.clientX) };
      origin.current = undefined;
      setRange(undefined);
      if (Math.abs(picked.to - picked.from) > 0.002) onRange(picked);
    },
    [onRange],
  );
  return { range, handlers: { onPointerDown, onPointerMove, onPointerUp } };
}
