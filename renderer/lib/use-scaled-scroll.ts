// The scroll position of a list of fixed-height rows, any number of them: past MAX_SCROLL_HEIGHT
// the scroll range is scaled (trace-view/scroll-scale.ts) and the wheel moves the virtual position
// by its own delta, so scrolling stays row-exact. Used by the waterfall and the trace comparison.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';
import {
  physicalRowTop,
  physicalTopOf,
  scrollScale,
  virtualTopOf,
  type ScrollScale,
} from '../trace-view/scroll-scale';
import { useClientHeight } from './use-client-height';

/** The scroll position as laid out, and the (virtual) position in the rows it stands for. */
export interface ScrollPosition {
  readonly physical: number;
  readonly virtual: number;
}

export interface ScaledScroll {
  readonly scale: ScrollScale;
  /** The viewport's height in px, less the header's. */
  readonly height: number;
  readonly position: ScrollPosition;
  /** The position last set; read it in handlers (the state may lag a frame behind). */
  readonly positionRef: RefObject<ScrollPosition>;
  /** Rows [first, last) are in or near the viewport. */
  readonly first: number;
  readonly last: number;
  /** Where row `index` is laid out in the scroll range. */
  topOf(index: number): number;
  /** Scrolls to a virtual position; `sync` renders it in this frame. */
  moveTo(virtualTop: number, sync: boolean): void;
  /** The viewport's onScroll handler. */
  onScroll(): void;
}

export interface ScaledScrollOptions {
  readonly rowCount: number;
  readonly rowHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  readonly overscan: number;
  /** The viewport's height until it is measured. */
  readonly initialHeight: number;
  /** Height of a sticky header inside the viewport, above the rows (it hides the rows under it). */
  readonly headerHeight?: number;
}

export function useScaledScroll(
  viewport: RefObject<HTMLElement | null>,
  { rowCount, rowHeight, overscan, initialHeight, headerHeight = 0 }: ScaledScrollOptions,
): ScaledScroll {
  const [position, setPosition] = useState<ScrollPosition>({ physical: 0, virtual: 0 });
  const height = Math.max(0, useClientHeight(viewport, initialHeight) - headerHeight);
  const scale = useMemo(
    () => scrollScale(rowCount * rowHeight, height),
    [rowCount, rowHeight, height],
  );
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  // The position last set from here; a scroll event elsewhere (scrollbar, keys) maps anew.
  const positionRef = useRef(position);

  const moveTo = useCallback(
    (virtualTop: number, sync: boolean) => {
      const element = viewport.current;
      if (!element) return;
      const current = scaleRef.current;
      const virtual = Math.min(current.maxVirtualTop, Math.max(0, Math.round(virtualTop)));
      element.scrollTop = physicalTopOf(current, virtual);
      const next = { physical: element.scrollTop, virtual };
      positionRef.current = next;
      if (sync) flushSync(() => setPosition(next));
      else setPosition(next);
    },
    [viewport],
  );

  // When rows collapse (or the viewport resizes) the range changes: keep the virtual position, so
  // the rows the user looked at stay in place as far as the new range allows. Only when that moves
  // the scroll position: writing scrollTop forces a layout, once per update of a live list.
  useLayoutEffect(() => {
    const { physical, virtual } = positionRef.current;
    const kept = Math.min(scale.maxVirtualTop, Math.max(0, virtual));
    if (kept === virtual && physicalTopOf(scale, kept) === physical) return;
    moveTo(virtual, false);
  }, [scale, moveTo]);

  // Rendered inside the scroll event, so the frame that shows the new scroll position also shows
  // its rows (a deferred update would paint one frame of empty space first).
  const onScroll = useCallback(() => {
    const element = viewport.current;
    if (!element || element.scrollTop === positionRef.current.physical) return;
    const next = {
      physical: element.scrollTop,
      virtual: virtualTopOf(scaleRef.current, element.scrollTop),
    };
    positionRef.current = next;
    flushSync(() => setPosition(next));
  }, [viewport]);

  // A scaled range would make one wheel notch skip `ratio` times as many rows.
  const scaled = scale.ratio > 1;
  useEffect(() => {
    const element = viewport.current;
    if (!element || !scaled) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || event.deltaY === 0) return;
      event.preventDefault();
      const unit =
        event.deltaMode === WheelEvent.DOM_DELTA_LINE
          ? rowHeight
          : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
            ? element.clientHeight
            : 1;
      moveTo(positionRef.current.virtual + event.deltaY * unit, true);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [viewport, scaled, moveTo, rowHeight]);

  const { physical, virtual } = position;
  return {
    scale,
    height,
    position,
    positionRef,
    first: Math.max(0, Math.floor(virtual / rowHeight) - overscan),
    last: Math.min(rowCount, Math.ceil((virtual + height) / rowHeight) + overscan),
    topOf: (index: number) => physicalRowTop(index * rowHeight, physical, virtual),
    moveTo,
    onScroll,
  };
}
