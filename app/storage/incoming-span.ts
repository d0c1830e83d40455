import type { OtlpResource, OtlpScope, OtlpSpan } from '../model/otlp';

/** A span as it arrives, with the resource and scope it was reported under: what every ingest
 * path (the order workflow's exporter, trace files, the OTLP receiver) hands the store. */
export interface IncomingSpan {
  readonly span: OtlpSpan;
  readonly resource: OtlpResource;
  readonly scope: OtlpScope;
}
