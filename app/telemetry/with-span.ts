// The "decorator" style: wrap a function once, and every call of it runs inside its own span.
import {
  SpanStatusCode,
  type Attributes,
  type Span,
  type SpanKind,
  type Tracer,
} from '@opentelemetry/api';

export interface WithSpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
}

/**
 * Returns `fn` wrapped so that each call opens a span named `name`, makes it the active span
 * (so spans opened inside become its children), marks it OK or ERROR, and ends it.
 */
export function withSpan<Args extends unknown[], Result>(
  tracer: Tracer,
  name: string,
  fn: (span: Span, ...args: Args) => Promise<Result>,
  options: WithSpanOptions = {},
): (...args: Args) => Promise<Result> {
  return (...args) =>
    tracer.startActiveSpan(name, options, (span) => endWhenSettled(span, () => fn(span, ...args)));
}

/** Runs `work`, then ends the span: status OK, or ERROR with an `exception` event. */
export async function endWhenSettled<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    span.setStatus({ code: SpanStatusCode.OK });
    return result;
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Records the error as an `exception` event and sets status ERROR with its message. */
export function markFailed(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}
