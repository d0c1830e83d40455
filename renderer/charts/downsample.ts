// Thins a scatter plot to what the screen can show: the plot is cut into cells a few pixels wide,
// and each cell keeps its biggest ok point and its biggest error point. Outliers sit in cells of
// their own, so extremes survive; errors are never hidden behind ok points; a chosen point
// (the open trace) is always kept.

export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  /** Drawn bigger when larger (the trace's span count). */
  readonly weight: number;
  readonly error: boolean;
  readonly id: string;
}

export interface PlotArea {
  readonly width: number;
  readonly height: number;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Cell size in pixels. */
  readonly cellPixels: number;
}

export function domainOf(values: Iterable<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : [0, 1];
}

export function downsampleScatter<P extends ScatterPoint>(
  points: readonly P[],
  area: PlotArea,
  keepId?: string,
): P[] {
  const columns = Math.max(1, Math.ceil(area.width / area.cellPixels));
  const rows = Math.max(1, Math.ceil(area.height / area.cellPixels));
  const [x0, x1] = area.xDomain;
  const [y0, y1] = area.yDomain;
  const xScale = x1 > x0 ? (columns - 1) / (x1 - x0) : 0;
  const yScale = y1 > y0 ? (rows - 1) / (y1 - y0) : 0;
  const kept = new Map<number, P>();
  const extra: P[] = [];
  for (const point of points) {
    if (point.id === keepId) {
      extra.push(point);
      continue;
    }
    const column = Math.min(columns - 1, Math.max(0, Math.round((point.x - x0) * xScale)));
    const row = Math.min(rows - 1, Math.max(0, Math.round((point.y - y0) * yScale)));
    // Even keys hold ok points, odd keys error points of the same cell.
    const key = (row * columns + column) * 2 + (point.error ? 1 : 0);
    const current = kept.get(key);
    if (!current || point.weight > current.weight) kept.set(key, point);
  }
  return [...kept.values(), ...extra];
}
