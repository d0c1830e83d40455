// An ExportTraceServiceRequest (OTLP JSON shape) that uses every field the span model keeps, and
// what the readers must make of it, for the protobuf and JSON readers and the receivers' tests.
import type { OtlpSpan, OtlpTraceRequest } from '../../../app/model/otlp';
import { OtlpSpanKind, OtlpStatusCode } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';

export const everyFieldSpan: OtlpSpan = {
  traceId: TRACE_ID,
  spanId: 'eee19b7ec3c1b174',
  parentSpanId: 'eee19b7ec3c1b173',
  traceState: 'vendor=value,other=1',
  flags: 0x301,
  name: 'GET /checkout',
  kind: OtlpSpanKind.SERVER,
  startTimeUnixNano: '1700000000123456789',
  endTimeUnixNano: '18446744073709551615',
  attributes: [
    { key: 'text', value: { stringValue: 'héllo ✓ 日本' } },
    { key: 'empty', value: { stringValue: '' } },
    { key: 'flag', value: { boolValue: true } },
    { key: 'off', value: { boolValue: false } },
    { key: 'big', value: { intValue: '9007199254740993' } },
    { key: 'min', value: { intValue: '-9223372036854775808' } },
    { key: 'max', value: { intValue: '9223372036854775807' } },
    { key: 'zero', value: { intValue: '0' } },
    { key: 'ratio', value: { doubleValue: 0.1 } },
    { key: 'negative', value: { doubleValue: -1e-300 } },
    { key: 'bytes', value: { bytesValue: 'AAECA/+A' } },
    {
      key: 'list',
      value: {
        arrayValue: {
          values: [
            { stringValue: 'a' },
            { intValue: '1' },
            { arrayValue: { values: [{ boolValue: false }] } },
            { kvlistValue: { values: [{ key: 'inner', value: { doubleValue: 2.5 } }] } },
          ],
        },
      },
    },
    {
      key: 'map',
      value: {
        kvlistValue: {
          values: [
            { key: 'k', value: { stringValue: 'v' } },
            { key: 'unset' },
            { key: 'nested', value: { kvlistValue: { values: [] } } },
          ],
        },
      },
    },
    { key: 'emptyList', value: { arrayValue: { values: [] } } },
    { key: 'noValue' },
  ],
  droppedAttributesCount: 3,
  events: [
    {
      timeUnixNano: '1700000000200000001',
      name: 'payment.started',
      attributes: [{ key: 'amount', value: { doubleValue: 12.5 } }],
      droppedAttributesCount: 1,
    },
    { timeUnixNano: '1700000000300000002', name: 'no attributes' },
  ],
  droppedEventsCount: 4,
  links: [
    {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceState: 'k=v',
      attributes: [{ key: 'link.kind', value: { stringValue: 'follows' } }],
      droppedAttributesCount: 2,
      flags: 0x101,
    },
  ],
  droppedLinksCount: 5,
  status: { code: OtlpStatusCode.ERROR, message: 'card declined' },
};

export const minimalSpan: OtlpSpan = {
  traceId: TRACE_ID,
  spanId: 'eee19b7ec3c1b173',
  name: 'root',
  kind: OtlpSpanKind.INTERNAL,
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000001000000000',
};

export const everyFieldRequest: OtlpTraceRequest = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'checkout' } },
          { key: 'host.cores', value: { intValue: '2' } },
        ],
        droppedAttributesCount: 7,
      },
      schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
      scopeSpans: [
        {
          scope: {
            name: 'io.opentelemetry.http',
            version: '1.2.3',
            attributes: [{ key: 'scope.attr', value: { boolValue: true } }],
            droppedAttributesCount: 1,
          },
          schemaUrl: 'https://opentelemetry.io/schemas/1.24.0',
          spans: [everyFieldSpan, minimalSpan],
        },
      ],
    },
    {
      scopeSpans: [{ spans: [{ ...minimalSpan, traceId: 'ffffffffffffffffffffffffffffffff' }] }],
    },
  ],
};

/** What both readers make of everyFieldRequest: schemaUrls move into the resource and scope. */
export function expectedIncomingSpans(): IncomingSpan[] {
  const [first, second] = everyFieldRequest.resourceSpans!;
  const resource = { ...first!.resource!, schemaUrl: first!.schemaUrl! };
  const scope = { ...first!.scopeSpans![0]!.scope!, schemaUrl: first!.scopeSpans![0]!.schemaUrl! };
  return [
    { span: everyFieldSpan, resource, scope },
    { span: minimalSpan, resource, scope },
    { span: second!.scopeSpans![0]!.spans![0]!, resource: { attributes: [] }, scope: { name: '' } },
  ];
}
