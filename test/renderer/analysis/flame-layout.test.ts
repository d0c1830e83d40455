import { describe, expect, it } from 'vitest';
import {
  flameHit,
  flameLevels,
  flamePicture,
  windowShowing,
  zoomWindow,
  type FlameScope,
  type FlameViewport,
} from '../../../renderer/analysis/flame-layout';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline } from '../trace-view/span-fixtures';

// time (µs): 0         100        200 … 1000
// level 0   root [==================== 0–1000 ===]
// level 1    a   [=== 0–200 ===]   b [== 500–1000 ==]      (b is the payments service)
// level 2     t1 [.] 10–10.5   t2 [.] 10.6–11   a1 [= 100–200 =]
const model = buildTraceModel(
  outline([
    { id: 'root', start: 0, end: 1000 },
    { id: 'a', parent: 'root', start: 0, end: 200 },
    { id: 't1', parent: 'a', start: 10, end: 10.5 },
    { id: 't2', parent: 'a', start: 10.6, end: 11 },
    { id: 'a1', parent: 'a', start: 100, end: 200 },
    { id: 'b', parent: 'root', start: 500, end: 1000, resource: 1 },
  ]),
);
const row = (id: string) => model.rowBySpanId.get(id)!;
const whole: FlameScope = { from: 0, to: model.spans.length, depthOffset: 0, shown: undefined };
// 1000 µs over 100 px: 10 µs a pixel.
const viewport: FlameViewport = {
  startUs: 0,
  endUs: 1000,
  width: 100,
  height: 60,
  scrollTop: 0,
  rowHeight: 20,
};
const named = (rects: { row: number; x: number; y: number; width: number }[]) =>
  rects.map((rect) => [model.spans[rect.row]!.spanId, rect.x, rect.y, rect.width]);

describe('flamePicture', () => {
  it('places each span at its depth, its width its duration', () => {
    const picture = flamePicture(model.spans, whole, viewport);
    expect(named(picture.rects)).toEqual([
      ['root', 0, 0, 100],
      ['a', 0, 20, 20],
      ['a1', 10, 40, 10],
      ['b', 50, 20, 50],
    ]);
  });

  it('paints spans narrower than two pixels as runs of one pixel column', () => {
    const { runs } = flamePicture(model.spans, whole, viewport);
    // t1 and t2 both fall into pixel 1 of level 2 (10–11 µs): one run of frontend (service 0).
    expect(runs).toEqual([{ x: 1, y: 40, width: 1, service: 0 }]);
  });

  it('zooms by the window: the same spans, wider', () => {
    const zoomed = flamePicture(model.spans, whole, { ...viewport, startUs: 0, endUs: 20 });
    const t1 = zoomed.rects.find((rect) => rect.row === row('t1'))!;
    // 20 µs over 100 px: 0.2 µs a pixel, so t1 (10–10.5 µs) is 2.5 px wide, and a rectangle.
    expect([t1.x, t1.width]).toEqual([50, 2.5]);
    expect(zoomed.rects.find((rect) => rect.row === row('b'))).toBeUndefined();
  });

  it('draws only the levels scrolled into view, and only the spans in scope', () => {
    // Scrolled down one level, 20 px high: levels 1 and 2.
    const scrolled = flamePicture(model.spans, whole, { ...viewport, scrollTop: 20, height: 20 });
    expect(named(scrolled.rects).map(([id]) => id)).toEqual(['a', 'a1', 'b']);
    const focused: FlameScope = {
      from: row('a'),
      to: row('a1') + 1,
      depthOffset: 1,
      shown: undefined,
    };
    expect(named(flamePicture(model.spans, focused, viewport).rects)).toEqual([
      ['a', 0, 0, 20],
      ['a1', 10, 20, 10],
    ]);
    const shown = new Uint8Array(model.spans.length);
    shown[row('root')] = shown[row('b')] = 1;
    expect(
      named(flamePicture(model.spans, { ...whole, shown }, viewport).rects).map(([id]) => id),
    ).toEqual(['root', 'b']);
  });
});

describe('flameLevels and flameHit', () => {
  it('counts levels and finds the span under the pointer', () => {
    expect(flameLevels(model.spans, whole)).toBe(3);
    expect(flameHit(model.spans, whole, viewport, 70, 25)).toBe(row('b'));
    expect(flameHit(model.spans, whole, viewport, 15, 45)).toBe(row('a1'));
    // A narrow span is hit within its pixel.
    expect(flameHit(model.spans, whole, viewport, 1.2, 45)).toBe(row('t2'));
    expect(flameHit(model.spans, whole, viewport, 30, 45)).toBe(-1);
    expect(flameHit(model.spans, whole, viewport, 30, 70)).toBe(-1);
  });
});

describe('windowShowing and zoomWindow', () => {
  it('keeps a window that shows the span, moves it over one that it misses, or fits the span', () => {
    const window = { start: 0, end: 0.1 };
    expect(windowShowing(window, 1000, 10, 50)).toBe(window);
    const moved = windowShowing(window, 1000, 500, 520);
    expect(moved.end - moved.start).toBeCloseTo(0.1);
    expect(moved.start).toBeCloseTo(0.46);
    expect(windowShowing(window, 1000, 200, 800)).toEqual({ start: 0.2, end: 0.8 });
  });

  it('zooms around the anchor and stays within the trace', () => {
    expect(zoomWindow({ start: 0, end: 1 }, 0.5, 0.5)).toEqual({ start: 0.25, end: 0.75 });
    expect(zoomWindow({ start: 0, end: 1 }, 0.5, 0)).toEqual({ start: 0, end: 0.5 });
    const out = zoomWindow({ start: 0.8, end: 1 }, 4, 1);
    expect([out.start, out.end]).toEqual([expect.closeTo(0.2), 1]);
    expect(zoomWindow({ start: 0.5, end: 0.6 }, 20, 0.5)).toEqual({ start: 0, end: 1 });
  });
});
