import { describe, expect, it } from 'vitest';
import {
  domainOf,
  downsampleScatter,
  type PlotArea,
  type ScatterPoint,
} from '../../../renderer/charts/downsample';

const area: PlotArea = {
  width: 100,
  height: 50,
  xDomain: [0, 100],
  yDomain: [0, 50],
  cellPixels: 10,
};

const point = (id: string, x: number, y: number, weight = 1, error = false): ScatterPoint => ({
  id,
  x,
  y,
  weight,
  error,
});

describe('downsampleScatter', () => {
  it('keeps one ok point per cell, the heaviest', () => {
    const kept = downsampleScatter(
      [point('a', 1, 1, 3), point('b', 2, 2, 7), point('c', 3, 1, 5)],
      area,
    );
    expect(kept.map((p) => p.id)).toEqual(['b']);
  });

  it('keeps an error point beside the ok point of the same cell', () => {
    const kept = downsampleScatter(
      [point('ok', 1, 1, 9), point('err', 2, 2, 1, true), point('err2', 1, 2, 0, true)],
      area,
    );
    expect(kept.map((p) => p.id).sort()).toEqual(['err', 'ok']);
  });

  it('keeps points in different cells, so outliers survive', () => {
    const many = Array.from({ length: 1000 }, (_, i) => point(`n${i}`, 50, 5 + (i % 3) / 10));
    const kept = downsampleScatter([...many, point('slowest', 99, 50), point('first', 0, 0)], area);
    expect(kept.map((p) => p.id)).toEqual(expect.arrayContaining(['slowest', 'first']));
    expect(kept).toHaveLength(3);
  });

  it('always keeps the chosen point', () => {
    const kept = downsampleScatter([point('a', 1, 1, 5), point('open', 1, 1, 1)], area, 'open');
    expect(kept.map((p) => p.id).sort()).toEqual(['a', 'open']);
  });

  it('copes with a single x or y value (zero-width domain)', () => {
    const flat: PlotArea = { ...area, xDomain: [5, 5], yDomain: [3, 3] };
    expect(
      downsampleScatter([point('a', 5, 3), point('b', 5, 3, 2)], flat).map((p) => p.id),
    ).toEqual(['b']);
  });
});

describe('domainOf', () => {
  it('spans the smallest to the largest value', () => {
    expect(domainOf([3, -1, 7])).toEqual([-1, 7]);
  });

  it('falls back to 0..1 with no values', () => {
    expect(domainOf([])).toEqual([0, 1]);
  });
});
