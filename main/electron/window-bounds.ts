// Where to put the window at start: the saved bounds when they are still on a screen, moved and
// shrunk onto one when the displays changed (a monitor unplugged, a smaller resolution).

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SavedWindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** x and y absent: let the platform centre the window. */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacementDefaults {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * The saved bounds fitted onto the work area they overlap most (the first one, the primary
 * display's, when they overlap none): shrunk to fit it, then moved inside it.
 */
export function placeWindow(
  saved: Rectangle | undefined,
  workAreas: readonly Rectangle[],
  defaults: PlacementDefaults,
): WindowPlacement {
  if (!saved || workAreas.length === 0) return { width: defaults.width, height: defaults.height };
  let target = workAreas[0]!;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved, area);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      target = area;
    }
  }
  const width = Math.min(Math.max(saved.width, defaults.minWidth), target.width);
  const height = Math.min(Math.max(saved.height, defaults.minHeight), target.height);
  if (bestOverlap === 0) {
    // Nothing of it is on any screen: centre it on the primary display.
    return {
      x: target.x + Math.round((target.width - width) / 2),
      y: target.y + Math.round((target.height - height) / 2),
      width,
      height,
    };
  }
  const x = Math.min(Math.max(saved.x, target.x), target.x + target.width - width);
  const y = Math.min(Math.max(saved.y, target.y), target.y + target.height - height);
  return { x, y, width, height };
}

/** A window-state.json's content, or undefined when it is not one (a bad file means defaults). */
export function parseSavedWindowState(json: unknown): SavedWindowState | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { bounds, maximized } = json as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  if ((width as number) <= 0 || (height as number) <= 0) return undefined;
  return {
    bounds: { x: x as number, y: y as number, width: width as number, height: height as number },
    maximized: maximized === true,
  };
}
