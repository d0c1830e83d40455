import { useState, type RefObject } from 'react';
import { OverflowToolbar, type ToolbarItem } from '../layout/OverflowToolbar';

interface TraceToolbarProps {
  readonly findInput: RefObject<HTMLInputElement | null>;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  /** Undefined while the count for the latest query is being computed. */
  readonly matchCount: number | undefined;
  /** Index of the selected span among the matches, -1 when it isn't one. */
  readonly matchPosition: number;
  readonly onNext: () => void;
  readonly onPrevious: () => void;
  readonly onEscape: () => void;
  readonly maxDepth: number;
  readonly onExpandAll: () => void;
  readonly onCollapseAll: () => void;
  readonly onCollapseBelow: (depth: number) => void;
  readonly showCritical: boolean;
  readonly onShowCritical: (show: boolean) => void;
  /** Hide every span off the critical path (renderer/analysis/analysis-view.ts). */
  readonly criticalOnly: boolean;
  readonly onCriticalOnly: (only: boolean) => void;
  /** Fold runs of repeated siblings into one row (renderer/analysis/fold-siblings.ts). */
  readonly folding: boolean;
  readonly onFolding: (fold: boolean) => void;
  readonly zoomed: boolean;
  readonly onResetZoom: () => void;
}

export function TraceToolbar(props: TraceToolbarProps) {
  const [depth, setDepth] = useState(2);
  const { query, matchCount, matchPosition } = props;
  let countText = '';
  if (query.trim()) {
    if (matchCount === undefined) countText = 'Finding…';
    else if (matchCount === 0) countText = 'No matches';
    else
      countText = `${matchPosition >= 0 ? `${matchPosition + 1} of ` : ''}${matchCount.toLocaleString('en-US')} match${matchCount === 1 ? '' : 'es'}`;
  }
  const items: ToolbarItem[] = [
    {
      id: 'find',
      priority: 1,
      node: (
        <div className="find">
          <input
            ref={props.findInput}
            type="search"
            aria-label="Find in trace"
            placeholder="Find in trace  /"
            value={query}
            onChange={(event) => props.onQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                if (event.shiftKey) props.onPrevious();
                else props.onNext();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                props.onEscape();
              }
            }}
          />
          <span className="find-count muted" aria-live="polite" data-testid="find-count">
            {countText}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label="Previous match"
            title="Previous match (Shift+Enter)"
            disabled={!matchCount}
            onClick={props.onPrevious}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Next match"
            title="Next match (Enter)"
            disabled={!matchCount}
            onClick={props.onNext}
          >
            ↓
          </button>
        </div>
      ),
    },
    {
      id: 'expand',
      priority: 2,
      node: (
        <div className="toolbar-group">
          <button type="button" onClick={props.onExpandAll}>
            Expand all
          </button>
          <button type="button" onClick={props.onCollapseAll}>
            Collapse all
          </button>
        </div>
      ),
    },
    {
      id: 'depth',
      priority: 3,
      node: (
        <div className="toolbar-group">
          <label className="depth-picker">
            <span className="muted">Depth</span>
            <input
              type="number"
              aria-label="Depth to show"
              min={1}
              max={Math.max(1, props.maxDepth)}
              value={depth}
              onChange={(event) => setDepth(Math.max(1, Number(event.target.value) || 1))}
            />
          </label>
          <button type="button" onClick={() => props.onCollapseBelow(depth)}>
            Collapse below
          </button>
        </div>
      ),
    },
    {
      id: 'critical',
      // The last to move into the menu: only when the trace pane is at its narrowest.
      priority: 1.5,
      node: (
        <label className="toggle">
          <input
            type="checkbox"
            checked={props.showCritical}
            onChange={(event) => props.onShowCritical(event.target.checked)}
          />
          Critical path
        </label>
      ),
    },
    {
      id: 'critical-only',
      priority: 2,
      node: (
        <label className="toggle">
          <input
            type="checkbox"
            checked={props.criticalOnly}
            onChange={(event) => props.onCriticalOnly(event.target.checked)}
          />
          Critical path only
        </label>
      ),
    },
    {
      id: 'fold',
      priority: 3,
      node: (
        <label className="toggle" title="Fold 5 or more repeated siblings into one row">
          <input
            type="checkbox"
            checked={props.folding}
            onChange={(event) => props.onFolding(event.target.checked)}
          />
          Fold repeats
        </label>
      ),
    },
    {
      id: 'zoom',
      priority: 2,
      node: (
        <button type="button" disabled={!props.zoomed} onClick={props.onResetZoom}>
          Reset zoom
        </button>
      ),
    },
  ];
  return <OverflowToolbar items={items} label="Trace tools" className="trace-toolbar" />;
}
