// The minimap's picture: every span as a line at its row's height, colored by service. A canvas
// fillRect per span costs ~1 µs, too much at 100,000 spans, so spans are first painted into a
// coverage grid (one cell per pixel) and then drawn as one rectangle per run of equal cells.
import type { ViewSpan } from './trace-model';

export interface MinimapRun {
  readonly x: number;
  /** Line of the picture, 0 ≤ line < min(lines, spans.length). */
  readonly line: number;
  readonly width: number;
  /** Service index of the span that covers the run (the last one drawn there). */
  readonly service: number;
}

/** Runs to draw on a picture `width` pixels wide with `height` lines, for a trace of `durationUs`. */
export function minimapRuns(
  spans: readonly ViewSpan[],
  durationUs: number,
  width: number,
  height: number,
): MinimapRun[] {
  const runs: MinimapRun[] = [];
  if (spans.length === 0 || width < 1 || height < 1) return runs;
  const scale = width / (durationUs || 1);
  const rowsPerPixel = Math.max(1, spans.length / height);
  const lines = Math.min(height, spans.length);
  const cells = new Int16Array(width);
  let spanIndex = 0;
  for (let line = 0; line < lines; line++) {
    cells.fill(-1);
    const lastSpan = Math.min(spans.length, Math.round((line + 1) * rowsPerPixel));
    for (; spanIndex < lastSpan; spanIndex++) {
      const span = spans[spanIndex]!;
      const from = Math.min(width - 1, Math.max(0, Math.floor(span.startUs * scale)));
      const to = Math.min(width, Math.max(from + 1, Math.ceil(span.endUs * scale)));
      cells.fill(span.serviceIndex, from, to);
    }
    for (let x = 0; x < width;) {
      const service = cells[x]!;
      let end = x + 1;
      while (end < width && cells[end] === service) end++;
      if (service >= 0) runs.push({ x, line, width: end - x, service });
      x = end;
    }
  }
  return runs;
}
