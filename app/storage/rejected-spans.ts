// What a file import's warning and a receiver's partial_success say about spans the store refused.
import type { RejectedSpan } from './trace-store';

/** "span 00f0… of trace 4bf9… could not be stored: <why>", or for several the count and the first. */
export function rejectedSpansWarning(rejected: readonly RejectedSpan[]): string | undefined {
  const first = rejected[0];
  if (!first) return undefined;
  const which = `span ${first.spanId} of trace ${first.traceId}`;
  if (rejected.length === 1) return `${which} could not be stored: ${first.reason}`;
  return `${rejected.length.toLocaleString('en-US')} spans could not be stored (the first, ${which}: ${first.reason})`;
}
