import { formatDuration } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import { DragRangeOverlay } from './DragRangeOverlay';
import { useDragRange } from './use-drag-range';
import { rulerTicks, traceFractionOf, windowBetween, type ViewWindow } from './viewed-bounds';

interface TimeRulerProps {
  readonly durationUs: number;
  readonly window: ViewWindow;
  readonly onZoom: (window: ViewWindow) => void;
}

/** Room a tick's label needs to its right ("10.0 ms" at 11 px, and its margin). */
const LABEL_ROOM = 56;

/** Ticks and offsets from the trace start for the visible window; dragging across it zooms in. */
export function TimeRuler({ durationUs, window, onZoom }: TimeRulerProps) {
  const { range, handlers } = useDragRange(({ from, to }) =>
    onZoom(windowBetween(traceFractionOf(window, from), traceFractionOf(window, to))),
  );
  const [ref, width] = useElementWidth<HTMLDivElement>();
  // About one tick per 90 px, so that their labels never run into each other.
  const ticks = rulerTicks(durationUs, window, Math.max(1, Math.min(6, Math.floor(width / 90))));
  return (
    <div
      ref={ref}
      className="ruler"
      role="group"
      aria-label="Time ruler: drag to zoom"
      {...handlers}
    >
      {ticks.map((tick) => (
        <div key={tick.offsetUs} className="ruler-tick" style={{ left: `${tick.position * 100}%` }}>
          {/* A label too close to the right edge would be cut off; the tick line still shows. */}
          {(1 - tick.position) * width >= LABEL_ROOM && (
            <span className="ruler-label">{formatDuration(tick.offsetUs)}</span>
          )}
        </div>
      ))}
      <DragRangeOverlay range={range} />
    </div>
  );
}
