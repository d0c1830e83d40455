// The event list: every span event of the trace in time order.
import type { TraceModel } from './trace-model';

export interface TraceEvent {
  readonly row: number;
  readonly offsetUs: number;
  readonly name: string;
  /** The event's attributes as text, `key=value` separated by two spaces. */
  readonly attributes: string;
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
        attributes: outline.eventAttributes[at] ?? '',
      });
    }
  }
  // Stable: events at the same instant keep span order, then their order within the span.
  return events.sort((a, b) => a.offsetUs - b.offsetUs);
}

/** Events whose name, span name or attributes contain `query` (case-insensitive). */
export function filterEvents(
  events: readonly TraceEvent[],
  model: TraceModel,
  query: string,
): readonly TraceEvent[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return events;
  return events.filter(
    (event) =>
      event.name.toLowerCase().includes(needle) ||
      model.spans[event.row]!.name.toLowerCase().includes(needle) ||
      event.attributes.toLowerCase().includes(needle),
  );
}
