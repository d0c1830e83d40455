import { describe, expect, it } from 'vitest';
import { mergeOutline, outlineCursor } from '../../../app/model/outline-delta';
import type { TraceOutline } from '../../../app/model/trace-outline';
import { GrowingOutline } from '../../../app/viewer/growing-outline';
import type { OutlineColumns } from '../../../app/viewer/trace-outline';
import { indexOfSpanId, spanIdsOf, withSpanIdsAsText } from '../../../app/model/outline-span-ids';

const traceId = 'f'.repeat(32);
const BASE = 1_732_000_000_000_000_000n;

/** A pseudo-random trace of `count` spans: parents sometimes after their children, starts out of
 * order, events, status messages, links and statement shapes on some spans. */
function columnsOf(count: number, seed: number): OutlineColumns {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const columns = {
    traceId,
    spanIds: [] as string[],
    parentIds: [] as (string | null)[],
    names: [] as string[],
    kinds: [] as number[],
    starts: [] as string[],
    ends: [] as string[],
    statusCodes: [] as number[],
    statusMessages: {} as Record<number, string>,
    linkCounts: {} as Record<number, number>,
    statementShapes: {} as Record<number, string>,
    services: ['frontend', 'payments', 'db'],
    serviceIndex: [] as number[],
    eventCounts: [] as number[],
    eventTimes: [] as string[],
    eventNames: [] as string[],
  };
  order.forEach((span, index) => {
    const start = BASE + BigInt(span) * 1_000_123n + BigInt(Math.floor(random() * 999));
    columns.spanIds.push(`span${span}`.padStart(16, '0'));
    columns.parentIds.push(
      span === 0 ? null : `span${Math.floor((span - 1) / 3)}`.padStart(16, '0'),
    );
    columns.names.push(`op ${span % 7}`);
    columns.kinds.push(span % 5);
    columns.starts.push(String(start));
    columns.ends.push(String(start + 5_000_000n));
    columns.statusCodes.push(span % 11 === 0 ? 2 : 0);
    if (span % 11 === 0) columns.statusMessages[index] = `failed ${span}`;
    if (span % 13 === 0) columns.linkCounts[index] = 1 + (span % 3);
    if (span % 4 === 0) columns.statementShapes[index] = `SELECT * FROM t${span % 3} WHERE id = ?`;
    columns.serviceIndex.push(span % 3);
    const events = span % 6 === 0 ? 2 : 0;
    columns.eventCounts.push(events);
    for (let e = 0; e < events; e++) {
      columns.eventTimes.push(String(start + BigInt(e) * 1000n));
      columns.eventNames.push(e === 0 ? 'retry' : `event ${span % 4}`);
    }
  });
  return columns;
}

/** The spans [from, to) of `columns`, as the store reads a chunk's columns. */
function slice(columns: OutlineColumns, from: number, to: number): OutlineColumns {
  const record = <T>(values: Readonly<Record<number, T>>) => {
    const out: Record<number, T> = {};
    for (const [index, value] of Object.entries(values))
      if (Number(index) >= from && Number(index) < to) out[Number(index) - from] = value;
    return out;
  };
  let firstEvent = 0;
  for (let i = 0; i < from; i++) firstEvent += columns.eventCounts[i]!;
  let lastEvent = firstEvent;
  for (let i = from; i < to; i++) lastEvent += columns.eventCounts[i]!;
  return {
    ...columns,
    spanIds: columns.spanIds.slice(from, to),
    parentIds: columns.parentIds.slice(from, to),
    names: columns.names.slice(from, to),
    kinds: columns.kinds.slice(from, to),
    starts: columns.starts.slice(from, to),
    ends: columns.ends.slice(from, to),
    statusCodes: columns.statusCodes.slice(from, to),
    statusMessages: record(columns.statusMessages),
    linkCounts: record(columns.linkCounts),
    statementShapes: record(columns.statementShapes),
    serviceIndex: columns.serviceIndex.slice(from, to),
    eventCounts: columns.eventCounts.slice(from, to),
    eventTimes: columns.eventTimes.slice(firstEvent, lastEvent),
    eventNames: columns.eventNames.slice(firstEvent, lastEvent),
  };
}

const cuts = [0, 1, 7, 100, 333, 334, 900, 1500];

describe('GrowingOutline', () => {
  const columns = columnsOf(1500, 7);

  it('links spans by OTLP hex ids (kept packed) as by any other ids, and gives the ids back', () => {
    const toHex = (id: string) =>
      (Number(id.replace(/\D/g, '')) * 7919 + 1).toString(16).padStart(16, '0');
    const hexed: OutlineColumns = {
      ...columns,
      spanIds: columns.spanIds.map(toHex),
      parentIds: columns.parentIds.map((id) => (id === null || id === undefined ? id : toHex(id))),
    };
    const named = new GrowingOutline(traceId);
    const packed = new GrowingOutline(traceId);
    for (const [from, to] of [
      [0, 333],
      [333, 1500],
    ] as const) {
      named.append(slice(columns, from, to));
      packed.append(slice(hexed, from, to));
    }
    const expected = named.outline();
    expect(withSpanIdsAsText(packed.outline())).toEqual({
      ...withSpanIdsAsText(expected),
      spanIds: spanIdsOf(expected).map(toHex),
    });
    expect(packed.estimatedBytes).toBeLessThan(named.estimatedBytes);
  });
  const whole = new GrowingOutline(traceId).append(columns).outline();

  it('resolves parents that arrive after their children, and offsets from the earliest start', () => {
    const root = indexOfSpanId(whole, 'span0'.padStart(16, '0'));
    const child = indexOfSpanId(whole, 'span1'.padStart(16, '0'));
    expect(whole.parents[child]).toBe(root);
    expect(whole.parents[root]).toBe(-1);
    expect(Math.min(...whole.startUs)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...whole.startUs)).toBeLessThan(1);
    expect(BigInt(whole.startTimeUnixNano)).toBe((BASE / 1000n) * 1000n);
    // Nanoseconds survive: end − start is exactly 5 ms for every span.
    for (let i = 0; i < whole.parents.length; i++)
      expect(whole.endUs[i]! - whole.startUs[i]!).toBeCloseTo(5000, 6);
  });

  it('built in pieces equals built at once', () => {
    const grown = new GrowingOutline(traceId);
    for (let c = 0; c + 1 < cuts.length; c++) grown.append(slice(columns, cuts[c]!, cuts[c + 1]!));
    expect(grown.outline()).toEqual(whole);
  });

  it('answers only what came after a cursor, and the merge equals the whole outline', () => {
    const grown = new GrowingOutline(traceId);
    let held: TraceOutline | undefined;
    let partSpans = 0;
    let wholeAsked = 0;
    for (let c = 0; c + 1 < cuts.length; c++) {
      grown.append(slice(columns, cuts[c]!, cuts[c + 1]!));
      if (!held) {
        held = grown.outline();
        continue;
      }
      const part = grown.outline(outlineCursor(held));
      expect(part.since).toEqual(outlineCursor(held));
      partSpans += spanIdsOf(part).length;
      const merged = mergeOutline(held, part);
      if (merged) held = merged;
      else {
        // An earlier span moved the base: every offset changed, the whole outline is needed.
        expect(part.startTimeUnixNano).not.toBe(held.startTimeUnixNano);
        wholeAsked += 1;
        held = grown.outline();
      }
      expect(held).toEqual(grown.outline());
    }
    expect(held).toEqual(whole);
    expect(partSpans).toBeGreaterThan(0);
    expect(wholeAsked).toBeLessThan(cuts.length - 2);
  });

  it('sends earlier spans whose parent arrived since as fixes', () => {
    const child = slice(
      { ...columnsOf(1, 1), spanIds: ['c'], parentIds: ['p'], starts: [String(BASE)] },
      0,
      1,
    );
    const parent = { ...child, spanIds: ['p'], parentIds: [null], starts: [String(BASE + 10n)] };
    const grown = new GrowingOutline(traceId).append(child);
    const held = grown.outline();
    expect(Array.from(held.parents)).toEqual([-1]);
    const part = grown.append(parent).outline(outlineCursor(held));
    expect(part.parentFixes).toEqual([0, 1]);
    expect(Array.from(mergeOutline(held, part)?.parents ?? [])).toEqual([1, -1]);
    // A cursor from after the parent arrived needs no fix.
    expect(grown.outline(outlineCursor(grown.outline())).parentFixes).toEqual([]);
  });

  it('refuses a part that does not continue the outline held', () => {
    const grown = new GrowingOutline(traceId).append(slice(columns, 0, 10));
    const held = grown.outline();
    const part = grown.append(slice(columns, 10, 20)).outline(outlineCursor(held));
    expect(mergeOutline(grown.outline(), part)).toBeUndefined();
    expect(mergeOutline({ ...held, traceId: 'e'.repeat(32) }, part)).toBeUndefined();
  });
});
