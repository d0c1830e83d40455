// The event list: every span event of the trace in time order.
import type { TraceModel } from './trace-model';

export interface TraceEvent {
  readonly row: number;
  readonly offsetUs: number;
  readonly name: string;
  /** Index among the outline's events, to find its attributes (getTraceEventAttributes). */
  readonly at: number;
}

export function traceEvents(model: TraceModel): TraceEvent[] {
  const { outline } = model;
  const events: TraceEvent[] = [];
  for (const span of model.spans) {
    for (let i = 0; i < span.eventOffsetsUs.length; i++) {
      const at = span.firstEvent + i;
      events.push({
        row: span.row,
        offsetUs: outline.eventOffsetsUs[at]!,
        name: outline.names[outline.eventNameIndex[at]!] ?? '',
        at,
      });
    }
  }
  // Stable: events at the same instant keep span order, then their order within the span.
  return events.sort((a, b) => a.offsetUs - b.offsetUs);
}

/**
 * Events whose name, span name or attributes contain `query` (case-insensitive); `attributes` are
 * the texts by outline event index (an empty list while they load).
 */
export function filterEvents(
  events: readonly TraceEvent[],
  model: TraceModel,
  attributes: readonly string[],
  query: string,
): readonly TraceEvent[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return events;
  return events.filter(
    (event) =>
      event.name.toLowerCase().includes(needle) ||
      model.spans[event.row]!.name.toLowerCase().includes(needle) ||
      (attributes[event.at] ?? '').toLowerCase().includes(needle),
  );
}
