import { describe, expect, it } from 'vitest';
import { nanosFrom, wholeMicros } from '../../../app/viewer/relative-micros';
import { traceEventAttributes, traceOutline } from '../../../app/viewer/trace-outline';
import { text, trace } from '../../renderer/trace-view/span-fixtures';

describe('nanosFrom', () => {
  const nanos = nanosFrom(wholeMicros('1732000000000000000'));
  it('keeps nanosecond precision on current unix times without BigInt', () => {
    expect(nanos('1732000000123456789')).toBe(123_456_789);
  });
  it('converts times far from the anchor too', () => {
    expect(nanos('1732000100000000001')).toBe(100_000_000_001);
    expect(nanos('1731999999999999000')).toBe(-1000);
  });
});

describe('traceOutline', () => {
  // root (frontend, event "start" with attributes) ── child (payments, error) ── orphan's parent missing
  const stored = trace([
    {
      id: 'root',
      start: 0.5,
      end: 100,
      events: [{ name: 'start', at: 2, attributes: [text('k', 'v'), text('n', '1')] }],
    },
    { id: 'child', parent: 'root', start: 10, end: 40, resource: 1, error: true },
    { id: 'orphan', parent: 'missing', start: 50, end: 60, name: 'child' },
  ]);
  const outline = traceOutline(stored);

  it('gives times in microseconds from the earliest whole microsecond', () => {
    expect(outline.startTimeUnixNano).toBe('1732000000000000000');
    expect(Array.from(outline.startUs)).toEqual([0.5, 10, 50]);
    expect(Array.from(outline.endUs)).toEqual([100, 40, 60]);
  });

  it('links parents by index, -1 when the parent is not in the trace', () => {
    expect(Array.from(outline.parents)).toEqual([-1, 0, -1]);
  });

  it('interns names and keeps services, status codes and messages', () => {
    expect(Array.from(outline.nameIndex, (index) => outline.names[index])).toEqual([
      'root',
      'child',
      'child',
    ]);
    expect(outline.services).toEqual(['frontend', 'payments']);
    expect(Array.from(outline.serviceIndex)).toEqual([0, 1, 0]);
    expect(Array.from(outline.statusCodes)).toEqual([0, 2, 0]);
    expect(outline.statusMessages).toEqual({ 1: 'it broke' });
  });

  it('lists events span after span with offsets and attribute text', () => {
    expect(Array.from(outline.eventCounts)).toEqual([1, 0, 0]);
    expect(Array.from(outline.eventOffsetsUs)).toEqual([2]);
    expect(outline.names[outline.eventNameIndex[0]!]).toBe('start');
    expect(traceEventAttributes(stored)).toEqual(['k=v  n=1']);
  });
});

describe('traceOutline: links and statements', () => {
  // q1, q2: the same query with other values; q3: another query; plain: no statement, two links
  const spans = trace([
    {
      id: 'q1',
      start: 0,
      end: 1,
      attributes: [text('db.query.text', 'SELECT * FROM t WHERE id = 1')],
    },
    {
      id: 'q2',
      start: 1,
      end: 2,
      attributes: [text('db.statement', 'SELECT * FROM t WHERE id = 22')],
    },
    { id: 'q3', start: 2, end: 3, attributes: [text('db.query.text', 'DELETE FROM t')] },
    { id: 'plain', start: 3, end: 4 },
  ]);
  const withLinks = {
    ...spans,
    spans: spans.spans.map((s) =>
      s.spanId === 'plain'
        ? {
            ...s,
            links: [
              { traceId: 'b'.repeat(32), spanId: 'c'.repeat(16) },
              { traceId: 'b'.repeat(32), spanId: 'd'.repeat(16) },
            ],
          }
        : s,
    ),
  };
  const outline = traceOutline(withLinks);

  it('counts links only for spans that have them', () => {
    expect(outline.linkCounts).toEqual({ 3: 2 });
  });

  it('interns the shape of each statement, db.query.text or db.statement', () => {
    const shape = (index: number) => outline.names[outline.statementShapeIndex[index]!];
    expect(shape(0)).toBe('SELECT * FROM t WHERE id = ?');
    expect(outline.statementShapeIndex[1]).toBe(outline.statementShapeIndex[0]);
    expect(shape(2)).toBe('DELETE FROM t');
    expect(outline.statementShapeIndex[3]).toBeUndefined();
  });
});
