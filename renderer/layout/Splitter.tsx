import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  /** `vertical`: a bar between panes side by side, moved left and right. */
  readonly orientation: 'vertical' | 'horizontal';
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** 1 when moving right (or down) makes `value` larger, -1 when it makes it smaller. */
  readonly direction?: 1 | -1;
  readonly label: string;
  /** The id of the pane whose size this sets. */
  readonly controls?: string;
  readonly className?: string;
  readonly onChange: (value: number) => void;
}

const STEP = 16;
const BIG_STEP = 80;

/** A splitter between two panes: drag it, or focus it and use the arrow keys (Shift: bigger steps),
 * Home and End. It sets the size in pixels of one pane; the other takes the rest. */
export function Splitter({
  orientation,
  value,
  min,
  max,
  direction = 1,
  label,
  controls,
  className,
  onChange,
}: SplitterProps) {
  const drag = useRef<{ from: number; value: number } | undefined>(undefined);
  const clamp = (next: number) => Math.round(Math.min(max, Math.max(min, next)));
  const position = (event: PointerEvent) =>
    orientation === 'vertical' ? event.clientX : event.clientY;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const [less, more] =
      orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const step = event.shiftKey ? BIG_STEP : STEP;
    let next: number | undefined;
    if (event.key === less) next = value - direction * step;
    else if (event.key === more) next = value + direction * step;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    if (next === undefined) return;
    event.preventDefault();
    onChange(clamp(next));
  };
  return (
    <div
      className={['splitter', `splitter-${orientation}`, className].filter(Boolean).join(' ')}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      tabIndex={0}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        drag.current = { from: position(event), value };
        event.currentTarget.setPointerCapture?.(event.pointerId);
      }}
      onPointerMove={(event) => {
        const start = drag.current;
        if (start) onChange(clamp(start.value + direction * (position(event) - start.from)));
      }}
      onPointerUp={() => (drag.current = undefined)}
      onPointerCancel={() => (drag.current = undefined)}
      onKeyDown={onKeyDown}
    />
  );
}
