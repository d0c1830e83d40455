import { describe, expect, it } from 'vitest';
import { minimapRuns } from '../../../renderer/trace-view/minimap-raster';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline, type SpanSketch } from './span-fixtures';

// root (frontend) [0 ──────────── 100]
//   pay (payments)      [50 ── 75]
const model = buildTraceModel(
  outline([
    { id: 'root', start: 0, end: 100 },
    { id: 'pay', parent: 'root', start: 50, end: 75, resource: 1 },
  ]),
);

describe('minimapRuns', () => {
  it('draws one line per span when there is room, placed by time', () => {
    expect(minimapRuns(model, 8, 2)).toEqual([
      { x: 0, line: 0, width: 8, service: 0 },
      { x: 4, line: 1, width: 2, service: 1 },
    ]);
  });

  it('shares a line between spans when there are more spans than lines', () => {
    // Both spans on one line: the later span covers part of the root's run.
    expect(minimapRuns(model, 8, 1)).toEqual([
      { x: 0, line: 0, width: 4, service: 0 },
      { x: 4, line: 0, width: 2, service: 1 },
      { x: 6, line: 0, width: 2, service: 0 },
    ]);
  });

  it('paints as if every span were drawn in row order, the last one on top', () => {
    // A root and 300 children at pseudo-random times, five services, 7 lines of 40 pixels.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sketches: SpanSketch[] = [{ id: 'root', start: 0, end: 1000 }];
    for (let i = 0; i < 300; i++) {
      const start = Math.floor(random() * 990);
      const end = start + Math.floor(random() * (1000 - start));
      sketches.push({ id: `s${i}`, parent: 'root', start, end, resource: i % 5 });
    }
    const big = buildTraceModel(outline(sketches));
    const [width, height] = [40, 7];
    const expected: { x: number; line: number; width: number; service: number }[] = [];
    const perLine = big.spans.length / height;
    for (let line = 0; line < height; line++) {
      const cells = new Array<number>(width).fill(-1);
      const rows = big.spans.slice(Math.round(line * perLine), Math.round((line + 1) * perLine));
      for (const span of rows) {
        const from = Math.min(width - 1, Math.floor((span.startUs * width) / big.durationUs));
        const to = Math.min(
          width,
          Math.max(from + 1, Math.ceil((span.endUs * width) / big.durationUs)),
        );
        cells.fill(span.serviceIndex, from, to);
      }
      for (let x = 0; x < width;) {
        let end = x + 1;
        while (end < width && cells[end] === cells[x]) end++;
        if (cells[x]! >= 0) expected.push({ x, line, width: end - x, service: cells[x]! });
        x = end;
      }
    }
    expect(minimapRuns(big, width, height)).toEqual(expected);
  });
});
