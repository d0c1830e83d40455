// Browsers lay out and composite positions exactly only up to about 2^24 px (float32 transforms);
// past that, rows of a tall list paint on top of each other. So a list taller than
// MAX_SCROLL_HEIGHT scrolls over a shorter range that stands for it, as react-virtualized's
// ScalingCellSizeAndPositionManager does: the scroll position maps linearly onto the virtual one.

/** Tallest scroll range used: well below 2^24 px even at a device pixel ratio of 2. */
export const MAX_SCROLL_HEIGHT = 4_000_000;

export interface ScrollScale {
  /** Height of the list as laid out, in px (what the scroll range is made of). */
  readonly physicalHeight: number;
  /** Height the rows would need unscaled. */
  readonly virtualHeight: number;
  /** Virtual px per scrolled px (1 when the list fits). */
  readonly ratio: number;
  /** Largest virtual scroll position: the last row at the bottom of the viewport. */
  readonly maxVirtualTop: number;
}

export function scrollScale(
  virtualHeight: number,
  viewportHeight: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): ScrollScale {
  const physicalHeight = Math.min(virtualHeight, maxHeight);
  const maxVirtualTop = Math.max(0, virtualHeight - viewportHeight);
  const maxPhysicalTop = Math.max(0, physicalHeight - viewportHeight);
  const ratio =
    maxPhysicalTop > 0 && maxVirtualTop > maxPhysicalTop ? maxVirtualTop / maxPhysicalTop : 1;
  return { physicalHeight, virtualHeight, ratio, maxVirtualTop };
}

/** The virtual position (whole px) a scroll position stands for. */
export function virtualTopOf(scale: ScrollScale, physicalTop: number): number {
  return clamp(Math.round(physicalTop * scale.ratio), scale.maxVirtualTop);
}

/** The scroll position (whole px) that shows a virtual position. */
export function physicalTopOf(scale: ScrollScale, virtualTop: number): number {
  return Math.round(clamp(virtualTop, scale.maxVirtualTop) / scale.ratio);
}

/**
 * Where a row at virtual offset `rowTop` is laid out, given the scroll position and the virtual
 * position it shows: the viewport's rows keep their true spacing, only the origin moves.
 */
export function physicalRowTop(rowTop: number, physicalTop: number, virtualTop: number): number {
  return physicalTop + rowTop - virtualTop;
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}
