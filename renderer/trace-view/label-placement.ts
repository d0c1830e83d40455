// Where a bar's label (its duration, and the status message of an error) goes: right of the bar
// when it fits there, else inside the bar, else left of it; when it fits nowhere whole, where the
// most room is, cut short there (the tooltip has it whole). Labels never cover the event ticks,
// which sit in a band of their own above the bars (trace-view.css).

export interface LabelPlacement {
  readonly side: 'after' | 'inside' | 'before';
  /** Set when the label must be cut to this many pixels. */
  readonly maxWidth?: number;
}

const GAP = 4;

/** The bar labels' font (trace-view.css, .wf-label), for measuring them. */
export const LABEL_FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Where the label goes in the bar's row: an offset from the timeline's left or right edge. */
export function labelOffset(
  placement: LabelPlacement,
  barLeft: number,
  barRight: number,
  timelineWidth: number,
): { left: number } | { right: number } {
  if (placement.side === 'after') return { left: Math.min(timelineWidth, barRight) + GAP };
  if (placement.side === 'before') return { right: timelineWidth - Math.max(0, barLeft) + GAP };
  return { left: Math.max(0, barLeft) + GAP };
}

/** Bar edges in pixels from the timeline's left; they may lie outside 0..timelineWidth (zoom). */
export function placeLabel(
  barLeft: number,
  barRight: number,
  timelineWidth: number,
  labelWidth: number,
): LabelPlacement {
  const left = Math.max(0, barLeft);
  const right = Math.min(timelineWidth, barRight);
  const room = {
    after: timelineWidth - right - GAP,
    inside: right - left - 2 * GAP,
    before: left - GAP,
  };
  for (const side of ['after', 'inside', 'before'] as const) {
    if (room[side] >= labelWidth) return { side };
  }
  const side = (['after', 'inside', 'before'] as const).reduce((best, candidate) =>
    room[candidate] > room[best] ? candidate : best,
  );
  return { side, maxWidth: Math.max(0, Math.floor(room[side])) };
}

const widths = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

/** The label's width in pixels in the waterfall's label font (measured once per text). */
export function labelWidth(text: string, font: string): number {
  const key = `${font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    context ??= document.createElement('canvas').getContext('2d');
    if (context) {
      context.font = font;
      width = Math.ceil(context.measureText(text).width) + 2;
    } else width = text.length * 7;
    if (widths.size > 20_000) widths.clear();
    widths.set(key, width);
  }
  return width;
}
