import { describe, expect, it } from 'vitest';
import { minimapRuns } from '../../../renderer/trace-view/minimap-raster';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline } from './span-fixtures';

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
});
