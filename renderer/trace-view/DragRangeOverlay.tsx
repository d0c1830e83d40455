import type { DragRange } from './use-drag-range';

/** The band being dragged on the minimap or the ruler, in 0..1 fractions of the element's width. */
export function DragRangeOverlay({ range }: { range: DragRange | undefined }) {
  if (!range) return null;
  return (
    <div
      className="drag-range"
      style={{
        left: `${Math.min(range.from, range.to) * 100}%`,
        width: `${Math.abs(range.to - range.from) * 100}%`,
      }}
    />
  );
}
