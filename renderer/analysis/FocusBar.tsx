import type { TraceModel } from '../trace-view/trace-model';
import { ancestry, type AnalysisState } from './analysis-view';

interface FocusBarProps {
  readonly model: TraceModel;
  readonly state: AnalysisState;
  /** Focus on a span, or -1 for the whole trace. */
  readonly onFocus: (row: number) => void;
  readonly onClearFilter: () => void;
  readonly onShowWholePath: () => void;
}

/** What narrows the view: the breadcrumb of a focused span, "critical path only", a filter. */
export function FocusBar({ model, state, onFocus, onClearFilter, onShowWholePath }: FocusBarProps) {
  const { focusRow, criticalOnly, filter } = state;
  if (focusRow < 0 && !criticalOnly && !filter) return null;
  const path = focusRow >= 0 ? ancestry(model.spans, focusRow) : [];
  return (
    <div className="focus-bar" role="status" aria-label="View focus">
      {focusRow >= 0 && (
        <nav className="breadcrumb" aria-label="Focus">
          <button type="button" className="link-button" onClick={() => onFocus(-1)}>
            Whole trace
          </button>
          {path.map((row) => (
            <span key={row} className="breadcrumb-item">
              <span className="muted" aria-hidden="true">
                ›
              </span>
              {row === focusRow ? (
                <strong aria-current="location">{model.spans[row]!.name}</strong>
              ) : (
                <button type="button" className="link-button" onClick={() => onFocus(row)}>
                  {model.spans[row]!.name}
                </button>
              )}
            </span>
          ))}
        </nav>
      )}
      {criticalOnly && (
        <span className="focus-chip">
          Critical path only{' '}
          <button
            type="button"
            className="icon-button"
            aria-label="Show spans off the critical path"
            onClick={onShowWholePath}
          >
            ×
          </button>
        </span>
      )}
      {filter && (
        <span className="focus-chip">
          Only {filter.label} ({filter.rows.length.toLocaleString('en-US')} span
          {filter.rows.length === 1 ? '' : 's'}){' '}
          <button
            type="button"
            className="icon-button"
            aria-label="Show all spans again"
            onClick={onClearFilter}
          >
            ×
          </button>
        </span>
      )}
    </div>
  );
}
