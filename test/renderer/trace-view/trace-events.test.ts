import { describe, expect, it } from 'vitest';
import { filterEvents, traceEvents } from '../../../renderer/trace-view/trace-events';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { text, trace } from './span-fixtures';

// root (events at 30 "late", 1 "early") ── child (event at 10 "middle", attribute code=42)
const model = buildTraceModel(
  trace([
    {
      id: 'root',
      start: 0,
      end: 100,
      events: [
        { name: 'late', at: 30 },
        { name: 'early', at: 1 },
      ],
    },
    {
      id: 'child',
      parent: 'root',
      start: 5,
      end: 20,
      events: [{ name: 'middle', at: 10, attributes: [text('code', '42')] }],
    },
  ]),
);

describe('traceEvents', () => {
  it('lists every event of every span in time order', () => {
    expect(traceEvents(model.spans).map((e) => [e.event.name, e.offsetUs, e.row])).toEqual([
      ['early', 1, 0],
      ['middle', 10, 1],
      ['late', 30, 0],
    ]);
  });
});

describe('filterEvents', () => {
  const events = traceEvents(model.spans);
  it('keeps events whose name, span name or attributes match', () => {
    expect(filterEvents(events, model.spans, 'LATE').map((e) => e.event.name)).toEqual(['late']);
    expect(filterEvents(events, model.spans, 'child').map((e) => e.event.name)).toEqual(['middle']);
    expect(filterEvents(events, model.spans, '42').map((e) => e.event.name)).toEqual(['middle']);
  });
  it('keeps everything for an empty filter', () => {
    expect(filterEvents(events, model.spans, '')).toBe(events);
  });
});
