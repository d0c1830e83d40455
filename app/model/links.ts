// Links seen from their target: which stored spans point at a span (backlinks).
import type * as v from 'valibot';
import type { getSpanRequestSchema } from '../contract-schemas';
import type { OtlpKeyValue } from './otlp';

export type GetBacklinksRequest = v.InferOutput<typeof getSpanRequestSchema>;

/** A stored span with a link to the span asked about. */
export interface Backlink {
  readonly traceId: string;
  readonly spanId: string;
  readonly spanName: string;
  readonly serviceName: string;
  /** The link's own attributes. */
  readonly attributes: readonly OtlpKeyValue[];
}

export interface BacklinksResult {
  /** The first MAX_BACKLINKS (app/storage/trace-store.ts), in the order they were stored. */
  readonly backlinks: readonly Backlink[];
  /** How many stored spans link to it in all. */
  readonly total: number;
}

/** The spans of one trace that stored spans link to, with how many link to each. */
export interface TraceBacklinks {
  readonly spanIds: readonly string[];
  readonly counts: readonly number[];
}
