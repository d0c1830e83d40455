import { describe, expect, it } from 'vitest';
import {
  parseSavedWindowState,
  placeWindow,
  type Rectangle,
} from '../../../main/electron/window-bounds';

const defaults = { width: 1280, height: 820, minWidth: 720, minHeight: 480 };
// Two displays side by side; the primary's work area leaves 25 px for a menu bar:
//   (0,25) ┌───────── 1920 ─────────┐(1920,0) ┌──── 1280 ────┐
//          │ primary 1920×1055       │         │ right 1280×1024│
//          └─────────────────────────┘         └────────────────┘
const primary: Rectangle = { x: 0, y: 25, width: 1920, height: 1055 };
const right: Rectangle = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('placeWindow', () => {
  it('uses the default size, centred by the platform, when nothing was saved', () => {
    expect(placeWindow(undefined, [primary], defaults)).toEqual({ width: 1280, height: 820 });
  });

  it('keeps saved bounds that are fully on a display', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700 };
    expect(placeWindow(saved, [primary, right], defaults)).toEqual(saved);
  });

  it('moves a window hanging off the right edge back inside the display it mostly covers', () => {
    const saved = { x: 1500, y: 200, width: 1000, height: 700 };
    expect(placeWindow(saved, [primary], defaults)).toEqual({
      x: 920,
      y: 200,
      width: 1000,
      height: 700,
    });
  });

  it('centres the window on the primary display when its display is gone', () => {
    const onRemovedDisplay = { x: 2200, y: 100, width: 1000, height: 700 };
    expect(placeWindow(onRemovedDisplay, [primary], defaults)).toEqual({
      x: 460,
      y: 203,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than the display to its work area', () => {
    const saved = { x: 1900, y: -50, width: 1600, height: 1200 };
    expect(placeWindow(saved, [primary, right], defaults)).toEqual({
      x: 1920,
      y: 0,
      width: 1280,
      height: 1024,
    });
  });

  it('never goes below the minimum size', () => {
    const saved = { x: 10, y: 40, width: 100, height: 50 };
    expect(placeWindow(saved, [primary], defaults)).toEqual({
      x: 10,
      y: 40,
      width: 720,
      height: 480,
    });
  });

  it('moves a window above the menu bar down into the work area', () => {
    const saved = { x: 100, y: 0, width: 800, height: 600 };
    expect(placeWindow(saved, [primary], defaults)).toMatchObject({ x: 100, y: 25 });
  });
});

describe('parseSavedWindowState', () => {
  it('reads bounds and the maximized flag', () => {
    expect(
      parseSavedWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true }),
    ).toEqual({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true });
  });

  it('refuses anything that is not four finite numbers with a positive size', () => {
    expect(parseSavedWindowState(null)).toBeUndefined();
    expect(parseSavedWindowState({ bounds: { x: 1, y: 2, width: 3 } })).toBeUndefined();
    expect(
      parseSavedWindowState({ bounds: { x: 'a', y: 2, width: 3, height: 4 } }),
    ).toBeUndefined();
    expect(parseSavedWindowState({ bounds: { x: 1, y: 2, width: 0, height: 4 } })).toBeUndefined();
  });
});
