import { describe, expect, it } from 'vitest';
import { selfTimes } from '../../../renderer/analysis/self-time';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline } from '../trace-view/span-fixtures';

const selfOf = (model: ReturnType<typeof buildTraceModel>) => {
  const self = selfTimes(model.spans);
  return Object.fromEntries(model.spans.map((span) => [span.name, self[span.row]]));
};

describe('selfTimes', () => {
  // time:    0    10   20   30   40   50   60   70   80   90  100
  // root     [==================================================]
  //  a            [=========]                                      10–30
  //  b                 [==============]                            20–45 (overlaps a)
  //  c                                        [====]               70–80
  //   c1                                      [==]                 70–75
  it('subtracts overlapping children once', () => {
    const model = buildTraceModel(
      outline([
        { id: 'root', start: 0, end: 100 },
        { id: 'a', parent: 'root', start: 10, end: 30 },
        { id: 'b', parent: 'root', start: 20, end: 45 },
        { id: 'c', parent: 'root', start: 70, end: 80 },
        { id: 'c1', parent: 'c', start: 70, end: 75 },
      ]),
    );
    // Children cover 10–45 and 70–80: 45 of the root's 100.
    expect(selfOf(model)).toEqual({ root: 55, a: 20, b: 25, c: 5, c1: 5 });
  });

  // time:    0    10   20   30   40   50   60   70   80   90  100
  // root     [=========================]                           0–50
  //  inner        [==]                                             10–15
  //  async                  [==============================]       30–90: outlives root
  //  late                                                    [=]   95–99: starts after root ended
  it('clips asynchronous children to their parent', () => {
    const model = buildTraceModel(
      outline([
        { id: 'root', start: 0, end: 50 },
        { id: 'inner', parent: 'root', start: 10, end: 15 },
        { id: 'async', parent: 'root', start: 30, end: 90 },
        { id: 'late', parent: 'root', start: 95, end: 99 },
      ]),
    );
    // Root: 50 − (10–15) − (30–50) = 25. The async child keeps its own 60.
    expect(selfOf(model)).toEqual({ root: 25, inner: 5, async: 60, late: 4 });
  });

  // time:   0    5   10
  // root    [==========]        0–10
  //  whole  [==========]        0–10: covers its parent entirely
  //   tiny     [=]              3–4
  it('is zero for a span its children cover, and the whole duration for a leaf', () => {
    const model = buildTraceModel(
      outline([
        { id: 'root', start: 0, end: 10 },
        { id: 'whole', parent: 'root', start: 0, end: 10 },
        { id: 'tiny', parent: 'whole', start: 3, end: 4 },
      ]),
    );
    expect(selfOf(model)).toEqual({ root: 0, whole: 9, tiny: 1 });
  });

  // time:    0    10   20   30   40   50 … 100
  // root     [================================]
  //  a       [=========]                          0–20
  //  a2         [==]                              5–10: inside a
  //  a3                [=============]            15–40: starts inside a, ends later
  //  a4                              [=]          40–41: starts as a3 ends
  it('merges chains of overlaps that extend past the first child', () => {
    const model = buildTraceModel(
      outline([
        { id: 'root', start: 0, end: 100 },
        { id: 'a', parent: 'root', start: 0, end: 20 },
        { id: 'a2', parent: 'root', start: 5, end: 10 },
        { id: 'a3', parent: 'root', start: 15, end: 40 },
        { id: 'a4', parent: 'root', start: 40, end: 41 },
      ]),
    );
    expect(selfOf(model).root).toBe(59);
  });
});
