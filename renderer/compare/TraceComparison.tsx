import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { SpanlightApi, TraceOutline } from '../../app/contract';
import { formatDuration } from '../lib/format';
import { useScaledScroll } from '../lib/use-scaled-scroll';
import { sourceScopedApi } from '../sources/source-scoped-api';
import {
  compareTraces,
  comparisonRow,
  type ComparedSide,
  type TraceComparison as Comparison,
} from './compare-traces';

interface Loaded {
  readonly a: TraceOutline | null;
  readonly b: TraceOutline | null;
  readonly error: string | undefined;
}

/** The comparison table's row height, its header's too (styles.css, .comparison-table tr). */
const ROW_HEIGHT = 24;
const OVERSCAN = 8;

function formatDifference(micros: number | undefined): string {
  if (micros === undefined) return '';
  if (micros === 0) return '±0';
  return `${micros > 0 ? '+' : '−'}${formatDuration(Math.abs(micros))}`;
}

function DurationCell({ side }: { readonly side: ComparedSide | undefined }) {
  if (!side) return <td className="num absent">—</td>;
  return (
    <td className={side.error ? 'num errors' : 'num'}>{formatDuration(side.durationMicros)}</td>
  );
}

const STATUS_TEXT = { matched: '', missing: 'missing in B', added: 'added in B' } as const;

/** A trace to compare, and where it is read from: the local store, or a remote source. */
export interface ComparedTrace {
  readonly traceId: string;
  /** A remote source's id; absent for the local store. */
  readonly source?: string;
  /** How the source is named beside the id ("Team Jaeger"); absent for the local store. */
  readonly sourceName?: string;
}

function SideLabel({ side }: { readonly side: ComparedTrace }) {
  return (
    <>
      <code>{side.traceId.slice(0, 8)}</code>
      {side.sourceName && <span className="compare-source"> ({side.sourceName})</span>}
    </>
  );
}

export function TraceComparison(props: {
  readonly api: SpanlightApi;
  readonly traces: readonly [ComparedTrace, ComparedTrace];
  readonly onClear: () => void;
}) {
  const { api } = props;
  const [sideA, sideB] = props.traces;
  const { traceId: idA, source: sourceA } = sideA;
  const { traceId: idB, source: sourceB } = sideB;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    const load = () =>
      Promise.all([
        // Outlines, not whole traces: two traces of 1,000,000 spans compare without their details.
        sourceScopedApi(api, sourceA).getTraceOutline({ traceId: idA }),
        sourceScopedApi(api, sourceB).getTraceOutline({ traceId: idB }),
      ]).then(
        ([a, b]) => live && setLoaded({ a, b, error: undefined }),
        (failure: Error) => live && setLoaded({ a: null, b: null, error: failure.message }),
      );
    // Spans may still be arriving (or the store may drop a trace): compare what is there now.
    const unsubscribe = api.subscribe((event) => {
      if (event.name !== 'tracesChanged') return;
      const { changedTraceIds, removedTraceIds } = event.payload;
      const local = [sourceA ? undefined : idA, sourceB ? undefined : idB];
      if (
        local.some((id) => id && (changedTraceIds.includes(id) || removedTraceIds.includes(id)))
      ) {
        void load();
      }
    });
    void load();
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, idA, idB, sourceA, sourceB]);
  const comparison = useMemo(
    () => (loaded?.a && loaded.b ? compareTraces(loaded.a, loaded.b) : undefined),
    [loaded],
  );

  if (!loaded) return <p className="empty">Loading both traces…</p>;
  if (loaded.error) return <p className="notice notice-error">{loaded.error}</p>;
  if (!loaded.a || !loaded.b) {
    return (
      <p className="empty">
        One of the two traces is no longer there (in the local store, or in its source).
      </p>
    );
  }
  const { counts } = comparison!;
  return (
    <div className="trace-comparison">
      <div className="comparison-header">
        <span>
          <strong>A</strong> <SideLabel side={sideA} /> vs <strong>B</strong>{' '}
          <SideLabel side={sideB} />: {counts.matched.toLocaleString('en-US')} matched,{' '}
          {counts.added.toLocaleString('en-US')} added, {counts.missing.toLocaleString('en-US')}{' '}
          missing
        </span>
        <button type="button" onClick={props.onClear}>
          Clear comparison
        </button>
      </div>
      <ComparisonTable comparison={comparison!} />
    </div>
  );
}

/** The rows in (or near) the viewport only: a comparison may have millions. */
function ComparisonTable({ comparison }: { readonly comparison: Comparison }) {
  const viewport = useRef<HTMLDivElement>(null);
  const { scale, first, last, topOf, onScroll } = useScaledScroll(viewport, {
    rowCount: comparison.rowCount,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    initialHeight: 400,
    // The sticky header row is as tall as a row (styles.css).
    headerHeight: ROW_HEIGHT,
  });
  // Spacer rows above and below the rendered ones make the scroll range; the rendered rows sit
  // where the (possibly scaled) scroll position shows them.
  const above = Math.max(0, topOf(first));
  const below = Math.max(0, scale.physicalHeight - above - (last - first) * ROW_HEIGHT);
  const rendered = [];
  for (let row = first; row < last; row++) {
    rendered.push(<ComparisonRowView key={row} comparison={comparison} row={row} />);
  }
  return (
    <div ref={viewport} className="comparison-scroll" onScroll={onScroll}>
      <table
        className="comparison-table"
        aria-label="Comparison"
        aria-rowcount={comparison.rowCount + 1}
      >
        <colgroup>
          <col />
          <col className="comparison-duration" />
          <col className="comparison-duration" />
          <col className="comparison-duration" />
          <col className="comparison-change" />
        </colgroup>
        <thead>
          <tr>
            <th>Span</th>
            <th className="num">A</th>
            <th className="num">B</th>
            <th className="num">B − A</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {above > 0 && (
            <tr className="comparison-spacer" aria-hidden="true" style={{ height: above }} />
          )}
          {rendered}
          {below > 0 && (
            <tr className="comparison-spacer" aria-hidden="true" style={{ height: below }} />
          )}
        </tbody>
      </table>
    </div>
  );
}

const ComparisonRowView = memo(function ComparisonRowView({
  comparison,
  row: index,
}: {
  readonly comparison: Comparison;
  readonly row: number;
}) {
  const row = comparisonRow(comparison, index);
  return (
    <tr
      className={`compare-${row.status}`}
      data-path={row.path}
      aria-rowindex={index + 2}
      title={row.path}
    >
      <td className={`depth-${Math.min(row.depth, 12)}`}>
        {row.name}
        {row.occurrence > 1 && <span className="occurrence"> #{row.occurrence}</span>}
      </td>
      <DurationCell side={row.a} />
      <DurationCell side={row.b} />
      <td
        className={
          row.differenceMicros === undefined
            ? 'num'
            : row.differenceMicros > 0
              ? 'num slower'
              : 'num faster'
        }
      >
        {formatDifference(row.differenceMicros)}
      </td>
      <td className="compare-status">{STATUS_TEXT[row.status]}</td>
    </tr>
  );
});
