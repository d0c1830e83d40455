import { describe, expect, it } from 'vitest';
import { readJaegerDocument } from '../../../app/trace-files/jaeger-json-reader';
import { fixture } from './fixtures';

/** A one-span Jaeger document with the given tags and references. */
function oneSpan(
  tags: unknown[],
  extra: Record<string, unknown> = {},
  process: Record<string, unknown> = { serviceName: 'svc', tags: [] },
) {
  return {
    data: [
      {
        traceID: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        spans: [
          {
            traceID: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            spanID: 'bbbbbbbbbbbbbbbb',
            operationName: 'op',
            references: [],
            startTime: 10,
            duration: 5,
            tags,
            logs: [],
            processID: 'p1',
            warnings: null,
            ...extra,
          },
        ],
        processes: { p1: process },
        warnings: null,
      },
    ],
  };
}

const tag = (
  key: string,
  value: unknown,
  type = typeof value === 'boolean' ? 'bool' : 'string',
) => ({
  key,
  type,
  value,
});

describe('readJaegerDocument', () => {
  it('maps the Jaeger UI download the way the Collector translator does', () => {
    const spans = readJaegerDocument(JSON.parse(fixture('jaeger-ui-download.json')));
    const [dispatch, findDrivers, notify] = spans;
    expect(dispatch!.span).toEqual({
      traceId: '7c3a1f6e2b8d4c5a9e0f1a2b3c4d5e6f',
      spanId: '9f1e2d3c4b5a6978',
      name: 'HTTP GET /dispatch',
      kind: 2,
      startTimeUnixNano: '1700000004000000000',
      endTimeUnixNano: '1700000004250000000',
      attributes: [
        { key: 'http.method', value: { stringValue: 'GET' } },
        { key: 'http.status_code', value: { intValue: '200' } },
        { key: 'internal.span.format', value: { stringValue: 'otlp' } },
      ],
      events: [
        {
          timeUnixNano: '1700000004001000000',
          name: 'Searching for nearby drivers',
          attributes: [{ key: 'location', value: { stringValue: '728,326' } }],
        },
      ],
    });
    expect(dispatch!.scope).toEqual({
      name: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
      version: '0.45.0',
    });
    // The process becomes the resource: service.name first, "hostname" renamed to host.name.
    expect(dispatch!.resource).toEqual({
      attributes: [
        { key: 'service.name', value: { stringValue: 'frontend' } },
        { key: 'telemetry.sdk.language', value: { stringValue: 'go' } },
        { key: 'host.name', value: { stringValue: 'web-1' } },
      ],
    });
    expect(findDrivers!.span).toMatchObject({
      parentSpanId: '9f1e2d3c4b5a6978',
      kind: 3,
      status: { code: 2, message: 'redis timeout' },
      attributes: [
        { key: 'param.location', value: { stringValue: '728,326' } },
        { key: 'retry.count', value: { intValue: '2' } },
        { key: 'load', value: { doubleValue: 0.75 } },
        { key: 'payload', value: { bytesValue: 'AQID' } },
      ],
    });
    expect(findDrivers!.span.links).toBeUndefined();
    expect(findDrivers!.scope).toEqual({ name: '' });
    expect(notify!.span).toMatchObject({
      parentSpanId: '9f1e2d3c4b5a6978',
      kind: 4,
      traceState: 'vendor=abc',
      links: [
        {
          traceId: '7c3a1f6e2b8d4c5a9e0f1a2b3c4d5e6f',
          spanId: '1a2b3c4d5e6f7081',
          attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }],
        },
      ],
    });
    expect(notify!.span.attributes).toBeUndefined();
    // One resource object per process, shared by its spans.
    expect(findDrivers!.resource).toBe(notify!.resource);
  });

  it('takes the first FOLLOWS_FROM reference within the trace as parent when there is no CHILD_OF', () => {
    const [only] = readJaegerDocument(
      oneSpan([], {
        references: [
          {
            refType: 'FOLLOWS_FROM',
            traceID: 'cccccccccccccccccccccccccccccccc',
            spanID: '1111111111111111',
          },
          {
            refType: 'FOLLOWS_FROM',
            traceID: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            spanID: '2222222222222222',
          },
        ],
      }),
    );
    expect(only!.span.parentSpanId).toBe('2222222222222222');
    expect(only!.span.links?.map((link) => link.spanId)).toEqual([
      '1111111111111111',
      '2222222222222222',
    ]);
  });

  it('lets a true error tag win over otel.status_code', () => {
    const [only] = readJaegerDocument(oneSpan([tag('otel.status_code', 'OK'), tag('error', true)]));
    expect(only!.span.status).toEqual({ code: 2 });
    expect(only!.span.attributes).toBeUndefined();
  });

  it('keeps a false error tag as an attribute and sets no status', () => {
    const [only] = readJaegerDocument(oneSpan([tag('error', false)]));
    expect(only!.span.status).toBeUndefined();
    expect(only!.span.attributes).toEqual([{ key: 'error', value: { boolValue: false } }]);
  });

  it.each([
    ['server', 404, undefined],
    ['client', 404, { code: 2 }],
    ['server', 503, { code: 2 }],
    ['client', 200, undefined],
  ])('derives the status of a %s span from http.status_code %d', (kind, code, status) => {
    const [only] = readJaegerDocument(
      oneSpan([tag('span.kind', kind), tag('http.status_code', code, 'int64')]),
    );
    expect(only!.span.status).toEqual(status);
  });

  it('reads otel.scope.name as the scope, as newer translators write it', () => {
    const [only] = readJaegerDocument(
      oneSpan([tag('otel.scope.name', 'lib'), tag('otel.scope.version', '2')]),
    );
    expect(only!.scope).toEqual({ name: 'lib', version: '2' });
    expect(only!.span.attributes).toBeUndefined();
  });

  it('gives a process named OTLPResourceNoServiceName an empty resource', () => {
    const [only] = readJaegerDocument(
      oneSpan([], {}, { serviceName: 'OTLPResourceNoServiceName', tags: [] }),
    );
    expect(only!.resource).toEqual({ attributes: [] });
  });

  it('reads a process embedded in the span', () => {
    const document = oneSpan([], { processID: '', process: { serviceName: 'inline', tags: [] } });
    const [only] = readJaegerDocument(document);
    expect(only!.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'inline' } },
    ]);
  });
});
