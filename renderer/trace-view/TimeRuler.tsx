import { formatDuration } from '../lib/format';
import { DragRangeOverlay } from './DragRangeOverlay';
import { useDragRange } from './use-drag-range';
import { rulerTicks, traceFractionOf, windowBetween, type ViewWindow } from './viewed-bounds';

interface TimeRulerProps {
  readonly durationUs: number;
  readonly window: ViewWindow;
  readonly onZoom: (window: ViewWindow) => void;
}

/** Ticks and offsets from the trace start for the visible window; dragging across it zooms in. */
export function TimeRuler({ durationUs, window, onZoom }: TimeRulerProps) {
  const { range, handlers } = useDragRange(({ from, to }) =>
    onZoom(windowBetween(traceFractionOf(window, from), traceFractionOf(window, to))),
  );
  const ticks = rulerTicks(durationUs, window);
  return (
    <div className="ruler" role="group" aria-label="Time ruler: drag to zoom" {...handlers}>
      {ticks.map((tick) => (
        <div key={tick.offsetUs} className="ruler-tick" style={{ left: `${tick.position * 100}%` }}>
          {/* A label too close to the right edge would be cut off; the tick line still shows. */}
          {tick.position < 0.93 && (
            <span className="ruler-label">{formatDuration(tick.offsetUs)}</span>
          )}
        </div>
      ))}
      <DragRangeOverlay range={range} />
    </div>
  );
}
