// The event list: every span event of the trace in time order.
import type { OtlpEvent } from '../../app/contract';
import { formatAnyValue } from '../lib/attributes';
import type { ViewSpan } from './trace-model';

export interface TraceEvent {
  readonly row: number;
  readonly offsetUs: number;
  readonly event: OtlpEvent;
}

export function traceEvents(spans: readonly ViewSpan[]): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const span of spans) {
    const list = span.span.events;
    if (!list) continue;
    for (let i = 0; i < list.length; i++)
      events.push({ row: span.row, offsetUs: span.eventOffsetsUs[i]!, event: list[i]! });
  }
  // Stable: events at the same instant keep span order, then their order within the span.
  return events.sort((a, b) => a.offsetUs - b.offsetUs);
}

/** Events whose name, span name or attribute keys/values contain `query` (case-insensitive). */
export function filterEvents(
  events: readonly TraceEvent[],
  spans: readonly ViewSpan[],
  query: string,
): readonly TraceEvent[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return events;
  return events.filter(
    ({ row, event }) =>
      event.name.toLowerCase().includes(needle) ||
      spans[row]!.span.name.toLowerCase().includes(needle) ||
      (event.attributes ?? []).some(
        (attribute) =>
          attribute.key.toLowerCase().includes(needle) ||
          formatAnyValue(attribute.value).toLowerCase().includes(needle),
      ),
  );
}
