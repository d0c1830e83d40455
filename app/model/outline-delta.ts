// Growing an outline the UI holds by the part getTraceOutline answered with `since` (see
// model/trace-outline.ts): pure, so the UI and the tests use the same merge.
import type { OutlineCursor, TraceOutline } from './trace-outline';

/** What `outline` holds, to ask for what comes after it. */
export function outlineCursor(outline: TraceOutline): OutlineCursor {
  return {
    spans: outline.parents.length,
    names: outline.names.length,
    events: outline.eventOffsetsUs.length,
  };
}

/**
 * `held` grown by `part`; undefined when `part` does not continue it (another trace, another
 * cursor, or every offset moved to a new base), and the whole outline is needed again. A part
 * without `since` is a whole outline and replaces `held`.
 */
export function mergeOutline(held: TraceOutline, part: TraceOutline): TraceOutline | undefined {
  const { since } = part;
  if (!since) return part;
  const at = outlineCursor(held);
  if (
    part.traceId !== held.traceId ||
    part.startTimeUnixNano !== held.startTimeUnixNano ||
    since.spans !== at.spans ||
    since.names !== at.names ||
    since.events !== at.events
  )
    return undefined;
  if (part.parents.length === 0 && (part.parentFixes?.length ?? 0) === 0) return held;
  // A new array: the held outline stays as it was (the UI may still draw it).
  const parents = joined(held.parents, part.parents);
  const fixes = part.parentFixes ?? [];
  for (let at = 0; at + 1 < fixes.length; at += 2) parents[fixes[at]!] = fixes[at + 1]!;
  return {
    traceId: held.traceId,
    startTimeUnixNano: held.startTimeUnixNano,
    services: part.services,
    names: held.names.concat(part.names),
    spanIdHalves: joined(held.spanIdHalves, part.spanIdHalves),
    otherSpanIds: withOffset(held.otherSpanIds, part.otherSpanIds, held.parents.length),
    parents,
    nameIndex: joined(held.nameIndex, part.nameIndex),
    serviceIndex: joined(held.serviceIndex, part.serviceIndex),
    kinds: joined(held.kinds, part.kinds),
    startUs: joined(held.startUs, part.startUs),
    endUs: joined(held.endUs, part.endUs),
    statusCodes: joined(held.statusCodes, part.statusCodes),
    statusMessages: { ...held.statusMessages, ...part.statusMessages },
    linkCounts: { ...held.linkCounts, ...part.linkCounts },
    statementShapeIndex: { ...held.statementShapeIndex, ...part.statementShapeIndex },
    eventCounts: joined(held.eventCounts, part.eventCounts),
    eventOffsetsUs: joined(held.eventOffsetsUs, part.eventOffsetsUs),
    eventNameIndex: joined(held.eventNameIndex, part.eventNameIndex),
  };
}

/** `first` then `second`, in a new array of their type. */
function joined<T extends Int32Array | Uint32Array | Float64Array>(first: T, second: T): T {
  const both = new (first.constructor as new (length: number) => T)(first.length + second.length);
  both.set(first);
  both.set(second, first.length);
  return both;
}

/** `held`'s entries and `part`'s, whose keys count from the part's first span, after `offset`. */
function withOffset<T>(
  held: Readonly<Record<number, T>>,
  part: Readonly<Record<number, T>>,
  offset: number,
): Record<number, T> {
  const merged: Record<number, T> = { ...held };
  for (const [index, value] of Object.entries(part)) merged[offset + Number(index)] = value;
  return merged;
}
