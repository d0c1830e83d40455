import { useCallback, useMemo, useRef, useState } from 'react';
import { cutAttributeText } from '../../app/model/attribute-limit';
import { useAttributeValueLimit } from '../lib/use-attribute-value-limit';
import { useClientHeight } from '../lib/use-client-height';
import { formatDuration } from '../lib/format';
import type { SpanlightApi } from '../../app/contract';
import { filterEvents, type TraceEvent } from './trace-events';
import { useEventAttributes } from './use-trace-outline';

const noAttributes: readonly string[] = [];
import type { TraceModel } from './trace-model';

const ROW_HEIGHT = 24;
const OVERSCAN = 10;

interface EventListProps {
  readonly api: SpanlightApi;
  readonly model: TraceModel;
  readonly events: readonly TraceEvent[];
  readonly selectedRow: number;
  readonly onChoose: (row: number) => void;
}

/** Every span event of the trace in time order, filterable; virtualized like the waterfall. */
export function EventList({ api, model, events, selectedRow, onChoose }: EventListProps) {
  const [filter, setFilter] = useState('');
  const limitKiB = useAttributeValueLimit();
  const loaded = useEventAttributes(api, model.outline, limitKiB);
  const attributeTexts = loaded.attributes ?? noAttributes;
  const shown = useMemo(
    () => filterEvents(events, model, attributeTexts, filter),
    [events, model, attributeTexts, filter],
  );
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useClientHeight(viewport, 300);
  const onScroll = useCallback(() => {
    if (viewport.current) setScrollTop(viewport.current.scrollTop);
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let index = first; index < last; index++) {
    const { row, offsetUs, name, at } = shown[index]!;
    // Only the rows on screen are cut: a long value is cut once per render of its row.
    const attributes = loaded.attributes
      ? cutAttributeText(attributeTexts[at] ?? '', limitKiB)
      : '…';
    rows.push(
      <div
        key={`${row}-${index}-${name}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={row === selectedRow}
        tabIndex={-1}
        className={`ev-row${row === selectedRow ? ' selected' : ''}${name === 'exception' ? ' status-error' : ''}`}
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
        onClick={() => onChoose(row)}
        onKeyDown={(keyEvent) => keyEvent.key === 'Enter' && onChoose(row)}
      >
        <div role="cell" className="ev-offset num">
          {formatDuration(offsetUs)}
        </div>
        <div role="cell" className="ev-span">
          {model.spans[row]!.name}
        </div>
        <div role="cell" className="ev-name">
          {name}
        </div>
        <div role="cell" className="ev-attributes" title={attributes}>
          {attributes}
        </div>
      </div>,
    );
  }

  return (
    <div className="event-list">
      <div className="event-filter">
        <input
          type="search"
          aria-label="Filter events"
          placeholder="Filter events"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted">
          {shown.length === events.length
            ? `${events.length.toLocaleString('en-US')} events`
            : `${shown.length.toLocaleString('en-US')} of ${events.length.toLocaleString('en-US')} events`}
        </span>
      </div>
      {loaded.error && (
        <p className="notice notice-error" role="alert">
          {loaded.error}
        </p>
      )}
      {events.length === 0 ? (
        <p className="empty">This trace has no span events.</p>
      ) : (
        <div role="table" aria-label="Events" aria-rowcount={shown.length + 1} className="ev-table">
          <div role="rowgroup" className="ev-head">
            <div role="row" aria-rowindex={1} className="ev-row ev-header">
              <div role="columnheader" className="ev-offset num">
                Offset
              </div>
              <div role="columnheader" className="ev-span">
                Span
              </div>
              <div role="columnheader" className="ev-name">
                Event
              </div>
              <div role="columnheader" className="ev-attributes">
                Attributes
              </div>
            </div>
          </div>
          <div ref={viewport} role="rowgroup" className="ev-body" onScroll={onScroll}>
            <div className="ev-content" style={{ height: shown.length * ROW_HEIGHT }}>
              {rows}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
