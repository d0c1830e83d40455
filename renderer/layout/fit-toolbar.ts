// Which toolbar items move into the overflow menu so the rest fit on one row: the least important
// go first (the higher `priority`, the rightmost of equals); priority 1 never moves.

export interface MeasuredItem {
  readonly id: string;
  readonly width: number;
  readonly priority: number;
}

export function fitToolbar(
  items: readonly MeasuredItem[],
  available: number,
  gap: number,
  moreButtonWidth: number,
): ReadonlySet<string> {
  const rowWidth = (list: readonly MeasuredItem[], withMore: boolean) =>
    list.reduce((sum, item) => sum + item.width, 0) +
    gap * Math.max(0, list.length - 1 + (withMore ? 1 : 0)) +
    (withMore ? moreButtonWidth : 0);
  const inline = [...items];
  const overflowed = new Set<string>();
  if (rowWidth(inline, false) <= available) return overflowed;
  while (rowWidth(inline, true) > available) {
    let drop = -1;
    inline.forEach((item, index) => {
      if (item.priority > 1 && (drop < 0 || item.priority >= inline[drop]!.priority)) drop = index;
    });
    if (drop < 0) break;
    overflowed.add(inline.splice(drop, 1)[0]!.id);
  }
  return overflowed;
}
