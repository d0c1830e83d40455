// How a reader treats an invalid span.
export interface OtlpReadOptions {
  /**
   * true (the receiver): an invalid span is left out alone and counted, the rest are kept.
   * false (trace files): the first invalid span throws a FieldError, and nothing is kept.
   */
  readonly tolerant: boolean;
}
