// What a reader found wrong while reading one request or file: spans it left out (tolerant mode)
// and values it cut at the depth limit. The receiver reports them in partial_success.
import type { IncomingSpan } from '../storage/incoming-span';

/** At most this many problems are kept word for word; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 20;

export class ReadProblems {
  rejectedSpans = 0;
  count = 0;
  readonly listed: string[] = [];

  /** A problem that cost `spans` spans (0 for a value that was only cut). */
  add(message: string, spans = 0): void {
    this.rejectedSpans += spans;
    this.count += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(message);
  }
}

export interface OtlpReadResult {
  /** The spans read, each with its resource and scope (shared objects per ResourceSpans/ScopeSpans). */
  readonly spans: IncomingSpan[];
  /** Spans left out for a problem (tolerant mode); 0 in strict mode, which throws instead. */
  readonly rejectedSpans: number;
  /** The first MAX_LISTED_PROBLEMS problems, each naming where and what. */
  readonly problems: readonly string[];
  /** How many problems there were in all. */
  readonly problemCount: number;
}

export function resultOf(spans: IncomingSpan[], problems: ReadProblems): OtlpReadResult {
  return {
    spans,
    rejectedSpans: problems.rejectedSpans,
    problems: problems.listed,
    problemCount: problems.count,
  };
}

/** One line for partial_success.error_message or a file's notice; undefined when all was well. */
export function problemSummary(result: OtlpReadResult): string | undefined {
  if (result.problemCount === 0) return undefined;
  const more = result.problemCount - result.problems.length;
  return `${result.problems.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
