import { describe, expect, it } from 'vitest';
import { fitToolbar } from '../../../renderer/layout/fit-toolbar';

const items = [
  { id: 'brand', width: 80, priority: 1 },
  { id: 'open', width: 60, priority: 2 },
  { id: 'order', width: 100, priority: 1 },
  { id: 'failures', width: 300, priority: 3 },
  { id: 'mirror', width: 250, priority: 1 },
  { id: 'settings', width: 110, priority: 2 },
  { id: 'theme', width: 110, priority: 4 },
];
// All of them: 1010 px of items and 6 gaps of 10 px.

describe('fitToolbar', () => {
  it('keeps everything on the row when it fits, with no menu', () => {
    expect([...fitToolbar(items, 1070, 10, 60)]).toEqual([]);
  });

  it('moves the least important into the menu first, making room for its button', () => {
    // 1069: too narrow by 1 px; with the menu button (60 + a gap) the theme alone is not enough.
    expect([...fitToolbar(items, 1069, 10, 60)]).toEqual(['theme']);
    expect([...fitToolbar(items, 900, 10, 60)]).toEqual(['theme', 'failures']);
    expect([...fitToolbar(items, 600, 10, 60)]).toEqual(['theme', 'failures', 'settings']);
    expect([...fitToolbar(items, 580, 10, 60)]).toEqual(['theme', 'failures', 'settings', 'open']);
  });

  it('never moves an item of priority 1, even when the row stays too wide', () => {
    expect(fitToolbar(items, 100, 10, 60)).toEqual(
      new Set(['theme', 'failures', 'settings', 'open']),
    );
  });
});
