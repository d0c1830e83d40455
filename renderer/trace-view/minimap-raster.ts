// The minimap's picture: every span as a line at its row's height, colored by service. A canvas
// fillRect per span costs ~1 µs, too much at 100,000 spans, so spans are first painted into a
// coverage grid (one cell per pixel) and then drawn as one rectangle per run of equal cells.
import type { TraceModel } from './trace-model';

export interface MinimapRun {
  readonly x: number;
  /** Line of the picture, 0 ≤ line < min(lines, spans.length). */
  readonly line: number;
  readonly width: number;
  /** Service index of the span that covers the run (the last one drawn there). */
  readonly service: number;
}

/** Runs to draw on a picture `width` pixels wide with `height` lines. */
export function minimapRuns(model: TraceModel, width: number, height: number): MinimapRun[] {
  const runs: MinimapRun[] = [];
  const count = model.spans.length;
  if (count === 0 || width < 1 || height < 1) return runs;
  // Straight from the columns (a row's fields are getters): this loop sees every span.
  const { inputIndex } = model.tree;
  const { startUs, endUs, serviceIndex } = model.outline;
  const { colorOfResource } = model;
  const noService = model.services.length;
  const scale = width / (model.durationUs || 1);
  const rowsPerPixel = Math.max(1, count / height);
  const lines = Math.min(height, count);
  const cells = new Int16Array(width);
  // The first cell at or after x not yet painted on this line (a union-find with path halving).
  const nextFree = new Int32Array(width + 1);
  const free = (x: number) => {
    while (nextFree[x] !== x) {
      const skip = nextFree[nextFree[x]!]!;
      nextFree[x] = skip;
      x = skip;
    }
    return x;
  };
  let lineStart = 0;
  for (let line = 0; line < lines; line++) {
    cells.fill(-1);
    for (let x = 0; x <= width; x++) nextFree[x] = x;
    const lineEnd = Math.min(count, Math.round((line + 1) * rowsPerPixel));
    // The last span drawn on a cell shows: drawn from the last back, each cell is painted once.
    for (let row = lineEnd - 1; row >= lineStart; row--) {
      const index = inputIndex[row]!;
      const start = startUs[index]!;
      const end = Math.max(start, endUs[index]!);
      const from = Math.min(width - 1, Math.max(0, Math.floor(start * scale)));
      const to = Math.min(width, Math.max(from + 1, Math.ceil(end * scale)));
      const color = colorOfResource[serviceIndex[index]!] ?? noService;
      for (let x = free(from); x < to; x = free(x + 1)) {
        cells[x] = color;
        nextFree[x] = x + 1;
      }
    }
    lineStart = lineEnd;
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
