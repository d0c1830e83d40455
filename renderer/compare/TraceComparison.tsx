import { useEffect, useMemo, useState } from 'react';
import type { SpanlightApi, TraceDetail } from '../../app/contract';
import { formatDuration } from '../lib/format';
import { compareTraces, type ComparedSide } from './compare-traces';

interface Loaded {
  readonly a: TraceDetail | null;
  readonly b: TraceDetail | null;
  readonly error: string | undefined;
}

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
        api.getTrace({ traceId: idA, ...(sourceA && { source: sourceA }) }),
        api.getTrace({ traceId: idB, ...(sourceB && { source: sourceB }) }),
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
  const rows = useMemo(
    () => (loaded?.a && loaded.b ? compareTraces(loaded.a, loaded.b) : []),
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
  const counts = { matched: 0, missing: 0, added: 0 };
  for (const row of rows) counts[row.status] += 1;
  return (
    <div className="trace-comparison">
      <div className="comparison-header">
        <span>
          <strong>A</strong> <SideLabel side={sideA} /> vs <strong>B</strong>{' '}
          <SideLabel side={sideB} />: {counts.matched} matched, {counts.added} added,{' '}
          {counts.missing} missing
        </span>
        <button type="button" onClick={props.onClear}>
          Clear comparison
        </button>
      </div>
      <table className="comparison-table" aria-label="Comparison">
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
          {rows.map((row) => (
            <tr key={row.path} className={`compare-${row.status}`} data-path={row.path}>
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
          ))}
        </tbody>
      </table>
    </div>
  );
}
