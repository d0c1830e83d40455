import { formatDuration } from '../lib/format';
import type { CriticalShare } from './critical-path';
import { serviceColor } from './service-colors';
import type { TraceModel } from './trace-model';

/** The spans on the critical path, in the order the path runs, with their share of the trace (or
 * of the focused span, when the view is focused on one). */
export function CriticalPathList({
  model,
  rootRow = 0,
  shares,
  selectedRow,
  onChoose,
}: {
  model: TraceModel;
  /** The span whose critical path this is: the trace's root, or the focused span. */
  rootRow?: number;
  shares: readonly CriticalShare[];
  selectedRow: number;
  onChoose: (row: number) => void;
}) {
  const root = model.spans[rootRow];
  const total = root ? root.endUs - root.startUs : 0;
  const ended = rootRow > 0 && root ? `${root.name} ended` : 'the trace ended';
  return (
    <div className="critical-list">
      <p className="muted critical-summary">
        {shares.length} span{shares.length === 1 ? '' : 's'} decided when {ended} (
        {formatDuration(total)}): the time each one spent on the path, and its share.
      </p>
      <table aria-label="Spans on the critical path">
        <thead>
          <tr>
            <th>Span</th>
            <th>Service</th>
            <th className="num">On path</th>
            <th className="share-cell">Share</th>
          </tr>
        </thead>
        <tbody>
          {shares.map(({ row, onPathUs, share }) => {
            const span = model.spans[row]!;
            return (
              <tr
                key={row}
                className={row === selectedRow ? 'selected' : undefined}
                aria-selected={row === selectedRow}
                tabIndex={0}
                onClick={() => onChoose(row)}
                onKeyDown={(event) => event.key === 'Enter' && onChoose(row)}
              >
                <td className={span.isError ? 'error-text' : undefined} title={span.name}>
                  <span
                    className="wf-swatch"
                    aria-hidden="true"
                    style={{ background: serviceColor(span.serviceIndex) }}
                  />{' '}
                  {span.name}
                </td>
                <td title={span.serviceName}>{span.serviceName}</td>
                <td className="num">{formatDuration(onPathUs)}</td>
                <td className="share-cell">
                  <span className="share-bar" style={{ width: `${share * 100}%` }} />
                  <span className="share-text">{(share * 100).toFixed(1)}%</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
