import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface ColumnResizerProps {
  readonly width: number;
  readonly min: number;
  readonly max: number;
  readonly onResize: (width: number) => void;
}

/** The handle between the span names and the timeline: drag it, or use ←/→ when it has focus. */
export function ColumnResizer({ width, min, max, onResize }: ColumnResizerProps) {
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  const clamp = (value: number) => Math.round(Math.min(max, Math.max(min, value)));
  return (
    <div
      className="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the span name column"
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(event: PointerEvent<HTMLDivElement>) => {
        drag.current = { x: event.clientX, width };
        event.currentTarget.setPointerCapture?.(event.pointerId);
      }}
      onPointerMove={(event: PointerEvent<HTMLDivElement>) => {
        if (drag.current) onResize(clamp(drag.current.width + event.clientX - drag.current.x));
      }}
      onPointerUp={() => (drag.current = undefined)}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        const step = event.key === 'ArrowLeft' ? -20 : event.key === 'ArrowRight' ? 20 : 0;
        if (!step) return;
        event.preventDefault();
        onResize(clamp(width + step));
      }}
    />
  );
}
