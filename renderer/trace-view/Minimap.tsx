import { useEffect, useRef } from 'react';
import { minimapRuns } from './minimap-raster';
import { DragRangeOverlay } from './DragRangeOverlay';
import { useDragRange } from './use-drag-range';
import { serviceColor } from './service-colors';
import type { TraceModel } from './trace-model';
import { windowBetween, type ViewWindow } from './viewed-bounds';

const HEIGHT = 56;

interface MinimapProps {
  readonly model: TraceModel;
  readonly window: ViewWindow;
  readonly onZoom: (window: ViewWindow) => void;
  /** A focused subtree: its rows [fromRow, toRow) and its time range, outlined on the picture. */
  readonly focus?: { fromRow: number; toRow: number; startUs: number; endUs: number } | undefined;
}

/** The whole trace in miniature (every span, one line each); dragging across it zooms the waterfall. */
export function Minimap({ model, window, onZoom, focus }: MinimapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { range, handlers } = useDragRange(({ from, to }) => onZoom(windowBetween(from, to)));

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const draw = () => {
      const ratio = globalThis.devicePixelRatio || 1;
      const width = Math.max(1, Math.round(element.clientWidth * ratio));
      const height = Math.round(HEIGHT * ratio);
      element.width = width;
      element.height = height;
      const context = element.getContext('2d');
      if (!context) return;
      context.clearRect(0, 0, width, height);
      // Few spans: thick lines spread over the height; many: one pixel line per group of rows.
      const lines = Math.min(height, model.spans.length);
      const spacing = height / Math.max(1, lines);
      const thickness = Math.max(1, Math.min(4 * ratio, spacing - 1));
      for (const run of minimapRuns(model, width, lines)) {
        context.fillStyle = serviceColor(run.service);
        context.fillRect(run.x, Math.floor(run.line * spacing), run.width, thickness);
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(element);
    return () => observer.disconnect();
  }, [model]);

  const zoomed = window.start > 0 || window.end < 1;
  return (
    <div className="minimap" aria-label="Trace overview: drag to zoom" role="group" {...handlers}>
      <canvas ref={canvas} className="minimap-canvas" />
      {zoomed && (
        <>
          <div className="minimap-shade" style={{ left: 0, width: `${window.start * 100}%` }} />
          <div className="minimap-shade" style={{ left: `${window.end * 100}%`, right: 0 }} />
          <div
            className="minimap-window"
            style={{
              left: `${window.start * 100}%`,
              width: `${(window.end - window.start) * 100}%`,
            }}
          />
        </>
      )}
      {focus && model.spans.length > 0 && (
        <div
          className="minimap-focus"
          aria-label="Focused span"
          style={{
            top: `${(focus.fromRow / model.spans.length) * 100}%`,
            height: `max(3px, ${((focus.toRow - focus.fromRow) / model.spans.length) * 100}%)`,
            left: `${(focus.startUs / (model.durationUs || 1)) * 100}%`,
            width: `max(3px, ${((focus.endUs - focus.startUs) / (model.durationUs || 1)) * 100}%)`,
          }}
        />
      )}
      <DragRangeOverlay range={range} />
    </div>
  );
}
