// Growing an outline the UI holds by the part getTraceOutline answered with `since` (see
// model/trace-outline.ts): pure, so the UI and the tests use the same merge.
import type { OutlineCursor, TraceOutline } from './trace-outline';

/** What `outline` holds, to ask for what comes after it. */
export function outlineCursor(outline: TraceOutline): OutlineCursor {
  return {
    spans: outline.spanIds.length,
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
  if (part.spanIds.length === 0 && (part.parentFixes?.length ?? 0) === 0) return held;
  let parents: readonly number[] = held.parents.concat(part.parents);
  const fixes = part.parentFixes ?? [];
  if (fixes.length > 0) {
    const fixed = parents.slice();
    for (let at = 0; at + 1 < fixes.length; at += 2) fixed[fixes[at]!] = fixes[at + 1]!;
    parents = fixed;
  }
  return {
    traceId: held.traceId,
    startTimeUnixNano: held.startTimeUnixNano,
    services: part.services,
    names: held.names.concat(part.names),
    spanIds: held.spanIds.concat(part.spanIds),
    parents,
    nameIndex: held.nameIndex.concat(part.nameIndex),
    serviceIndex: held.serviceIndex.concat(part.serviceIndex),
    kinds: held.kinds.concat(part.kinds),
    startUs: held.startUs.concat(part.startUs),
    endUs: held.endUs.concat(part.endUs),
    statusCodes: held.statusCodes.concat(part.statusCodes),
    statusMessages: { ...held.statusMessages, ...part.statusMessages },
    linkCounts: { ...held.linkCounts, ...part.linkCounts },
    statementShapeIndex: { ...held.statementShapeIndex, ...part.statementShapeIndex },
    eventCounts: held.eventCounts.concat(part.eventCounts),
    eventOffsetsUs: held.eventOffsetsUs.concat(part.eventOffsetsUs),
    eventNameIndex: held.eventNameIndex.concat(part.eventNameIndex),
  };
}
