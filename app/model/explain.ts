// Explain mode: the lines of the sample order workflow's source that made one of its spans.
import type * as v from 'valibot';
import type { getSpanRequestSchema } from '../contract-schemas';

export type ExplainSpanRequest = v.InferOutput<typeof getSpanRequestSchema>;

export type SourceMarkKind =
  | 'creates'
  | 'wraps'
  | 'opens'
  | 'name'
  | 'attribute'
  | 'event'
  | 'exception'
  | 'status'
  | 'end'
  | 'context'
  | 'helper';

export interface SourceMark {
  /** 1-based line number in the excerpt's file. */
  readonly line: number;
  readonly kind: SourceMarkKind;
  /** What the line does, in words: `sets attribute order.id`. */
  readonly note: string;
  /** The attribute key or event name the line names, if any. */
  readonly key?: string;
}

export interface SourceExcerpt {
  /** Repository-relative path, e.g. app/orders/order-workflow.ts. */
  readonly file: string;
  readonly firstLine: number;
  readonly lines: readonly string[];
  readonly marks: readonly SourceMark[];
}

export type SpanExplanation =
  | {
      readonly available: true;
      /** wrapper: made by withSpan around a function (decorator style); manual: opened by hand. */
      readonly style: 'wrapper' | 'manual';
      readonly summary: string;
      readonly excerpts: readonly SourceExcerpt[];
    }
  | { readonly available: false; readonly reason: string };
