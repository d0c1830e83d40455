import { describe, expect, it } from 'vitest';
import { labelOffset, placeLabel } from '../../../renderer/trace-view/label-placement';

// A 600 px timeline and a 60 px label throughout.
describe('placeLabel', () => {
  it('puts the label right of the bar when it fits there', () => {
    expect(placeLabel(100, 200, 600, 60)).toEqual({ side: 'after' });
  });

  it('puts it inside a bar near the right edge that is wide enough', () => {
    // [300 ─────────── 580]: 16 px right of it, 272 px inside.
    expect(placeLabel(300, 580, 600, 60)).toEqual({ side: 'inside' });
  });

  it('puts it left of a narrow bar near the right edge', () => {
    expect(placeLabel(540, 580, 600, 60)).toEqual({ side: 'before' });
  });

  it('measures only the part of a bar that is on screen when zoomed in', () => {
    // The bar runs past both edges: only its inside has room.
    expect(placeLabel(-500, 5000, 600, 60)).toEqual({ side: 'inside' });
  });

  it('cuts the label where the most room is when it fits nowhere whole', () => {
    // 40 px timeline, bar [10 ── 30]: 6 px after, 12 px inside, 6 px before.
    expect(placeLabel(10, 30, 40, 60)).toEqual({ side: 'inside', maxWidth: 12 });
  });
});

describe('labelOffset', () => {
  it('sets the label 4 px right of the bar, inside its on-screen start, or 4 px left of it', () => {
    expect(labelOffset({ side: 'after' }, 100, 200, 600)).toEqual({ left: 204 });
    expect(labelOffset({ side: 'inside' }, -500, 5000, 600)).toEqual({ left: 4 });
    expect(labelOffset({ side: 'before' }, 540, 580, 600)).toEqual({ right: 64 });
  });
});
