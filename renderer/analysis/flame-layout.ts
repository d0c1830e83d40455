// The flame graph's picture (an icicle: the root on top, each level one row down, x = time, so a
// span's width is its duration and the part of it with nothing underneath is its self time).
// Spans at least `minWidth` pixels wide are rectangles of their own; narrower ones are painted
// into a per-level pixel grid and drawn as runs, so 100,000 spans cost one pass and a few thousand
// rectangles, not 100,000 canvas calls.
import type { ViewSpan } from '../trace-view/trace-model';
import type { ViewWindow } from '../trace-view/viewed-bounds';

export const FLAME_ROW_HEIGHT = 18;

/** Which spans the flame graph shows: rows [from, to) (a focused subtree), filtered by `shown`. */
export interface FlameScope {
  readonly from: number;
  readonly to: number;
  /** Depth of the top level (the focused span's). */
  readonly depthOffset: number;
  /** Per row: 0 hidden (critical path only, a filter), else shown. */
  readonly shown: Uint8Array | undefined;
}

export interface FlameViewport {
  /** The time window on screen, microseconds from the trace start. */
  readonly startUs: number;
  readonly endUs: number;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly scrollTop: number;
  readonly rowHeight: number;
}

export interface FlameRect {
  readonly row: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export interface FlameRun {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Service index of the last narrow span painted there. */
  readonly service: number;
}

export interface FlamePicture {
  readonly rects: FlameRect[];
  readonly runs: FlameRun[];
}

/** Number of levels (rows of the picture) the scope needs. */
export function flameLevels(spans: readonly ViewSpan[], scope: FlameScope): number {
  let deepest = -1;
  for (let row = scope.from; row < scope.to; row++) {
    if (scope.shown && !scope.shown[row]) continue;
    deepest = Math.max(deepest, spans[row]!.depth - scope.depthOffset);
  }
  return deepest + 1;
}

export function flamePicture(
  spans: readonly ViewSpan[],
  scope: FlameScope,
  viewport: FlameViewport,
  minWidth = 2,
): FlamePicture {
  const rects: FlameRect[] = [];
  const runs: FlameRun[] = [];
  const width = Math.max(1, Math.ceil(viewport.width));
  const { rowHeight, scrollTop } = viewport;
  const scale = width / (viewport.endUs - viewport.startUs || 1);
  const firstLevel = Math.max(0, Math.floor(scrollTop / rowHeight));
  const lastLevel = Math.floor((scrollTop + viewport.height) / rowHeight);
  if (lastLevel < firstLevel) return { rects, runs };
  const cells = new Int16Array((lastLevel - firstLevel + 1) * width).fill(-1);
  let narrow = false;
  for (let row = scope.from; row < scope.to; row++) {
    if (scope.shown && !scope.shown[row]) continue;
    const span = spans[row]!;
    const level = span.depth - scope.depthOffset;
    if (level < firstLevel || level > lastLevel) continue;
    const x0 = (span.startUs - viewport.startUs) * scale;
    const x1 = (span.endUs - viewport.startUs) * scale;
    if (x1 < 0 || x0 > width) continue;
    if (x1 - x0 >= minWidth) {
      rects.push({ row, x: x0, y: level * rowHeight - scrollTop, width: x1 - x0 });
      continue;
    }
    const from = Math.min(width - 1, Math.max(0, Math.floor(x0)));
    const to = Math.min(width, Math.max(from + 1, Math.ceil(x1)));
    const base = (level - firstLevel) * width;
    cells.fill(span.serviceIndex, base + from, base + to);
    narrow = true;
  }
  if (!narrow) return { rects, runs };
  for (let level = firstLevel; level <= lastLevel; level++) {
    const base = (level - firstLevel) * width;
    const y = level * rowHeight - scrollTop;
    for (let x = 0; x < width;) {
      const service = cells[base + x]!;
      let end = x + 1;
      while (end < width && cells[base + end] === service) end++;
      if (service >= 0) runs.push({ x, y, width: end - x, service });
      x = end;
    }
  }
  return { rects, runs };
}

/** The row of the span drawn at (x, y), -1 for none; the last drawn wins, as on screen. */
export function flameHit(
  spans: readonly ViewSpan[],
  scope: FlameScope,
  viewport: FlameViewport,
  x: number,
  y: number,
): number {
  const level = Math.floor((y + viewport.scrollTop) / viewport.rowHeight);
  const scale = viewport.width / (viewport.endUs - viewport.startUs || 1);
  let hit = -1;
  for (let row = scope.from; row < scope.to; row++) {
    if (scope.shown && !scope.shown[row]) continue;
    const span = spans[row]!;
    if (span.depth - scope.depthOffset !== level) continue;
    const x0 = (span.startUs - viewport.startUs) * scale;
    const x1 = Math.max(x0 + 1, (span.endUs - viewport.startUs) * scale);
    if (x >= x0 - 0.5 && x <= x1 + 0.5) hit = row;
  }
  return hit;
}

/**
 * A window that shows [startUs, endUs] of a trace `durationUs` long: the same window when it
 * already does, else the same zoom moved over it, else the span's own range.
 */
export function windowShowing(
  window: ViewWindow,
  durationUs: number,
  startUs: number,
  endUs: number,
): ViewWindow {
  if (!(durationUs > 0)) return window;
  const from = startUs / durationUs;
  const to = endUs / durationUs;
  if (from >= window.start && to <= window.end) return window;
  const length = window.end - window.start;
  if (to - from > length) return { start: Math.max(0, from), end: Math.min(1, to) };
  const start = Math.min(1 - length, Math.max(0, (from + to) / 2 - length / 2));
  return { start, end: start + length };
}

/** The window zoomed by `factor` (< 1 zooms in) around `anchor`, a fraction of the window. */
export function zoomWindow(
  window: ViewWindow,
  factor: number,
  anchor: number,
  minLength = 1e-6,
): ViewWindow {
  const length = window.end - window.start;
  const next = Math.min(1, Math.max(minLength, length * factor));
  const at = window.start + anchor * length;
  let start = at - anchor * next;
  start = Math.min(1 - next, Math.max(0, start));
  return { start, end: start + next };
}
