import { describe, expect, it } from 'vitest';
import { filterEvents, traceEvents } from '../../../renderer/trace-view/trace-events';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline, text } from './span-fixtures';

// root (events "late" at 30, "early" at 1) ── child (event "middle" at 10, attribute code=42)
const model = buildTraceModel(
  outline([
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
  it('lists every event of every span in time order, with its index among the outline events', () => {
    expect(traceEvents(model).map((e) => [e.name, e.offsetUs, e.row, e.at])).toEqual([
      ['early', 1, 0, 1],
      ['middle', 10, 1, 2],
      ['late', 30, 0, 0],
    ]);
  });
});

describe('filterEvents', () => {
  const events = traceEvents(model);
  // The core's attribute texts, by outline event index (root's two events, then the child's).
  const attributes = ['', '', 'code=42'];
  const names = (query: string) =>
    filterEvents(events, model, attributes, query).map((e) => e.name);
  it('keeps events whose name, span name or attributes match', () => {
    expect(names('LATE')).toEqual(['late']);
    expect(names('child')).toEqual(['middle']);
    expect(names('42')).toEqual(['middle']);
  });
  it('keeps everything for an empty filter', () => {
    expect(filterEvents(events, model, attributes, '')).toBe(events);
  });
});
