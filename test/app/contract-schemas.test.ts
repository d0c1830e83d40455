import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../app/contract-validation';

// The query schema, through the command that carries it.
const readTraceQuery = (query: unknown) => validateRequest('listTraces', { query }).query;
const readOperationKey = (histogramOf: unknown) =>
  validateRequest('getLatencyByOperation', { histogramOf }).histogramOf;

describe('traceQuerySchema', () => {
  it('returns undefined when there is no query', () => {
    expect(readTraceQuery(undefined)).toBeUndefined();
    expect(readTraceQuery(null)).toBeUndefined();
  });

  it('keeps every given field and drops empty text', () => {
    expect(
      readTraceQuery({
        service: 'order-service',
        spanName: '',
        spanNameScope: 'root',
        attributes: [{ key: 'http.status_code', value: '500' }],
        minDurationMicros: 250_000,
        maxDurationMicros: 1_500_000,
        errorsOnly: true,
        startAfterUnixMillis: 1_700_000_000_000,
      }),
    ).toEqual({
      service: 'order-service',
      spanNameScope: 'root',
      attributes: [{ key: 'http.status_code', value: '500' }],
      minDurationMicros: 250_000,
      maxDurationMicros: 1_500_000,
      errorsOnly: true,
      startAfterUnixMillis: 1_700_000_000_000,
    });
  });

  it('names the field that has the wrong type', () => {
    expect(() => readTraceQuery({ service: 3 })).toThrow('"query.service" must be text');
    expect(() => readTraceQuery({ minDurationMicros: -1 })).toThrow(
      '"query.minDurationMicros" must be a number of 0 or more',
    );
    expect(() => readTraceQuery({ errorsOnly: 'yes' })).toThrow(/errorsOnly/);
    expect(() => readTraceQuery({ spanNameScope: 'leaf' })).toThrow(/"root" or "any"/);
    expect(() => readTraceQuery([])).toThrow('"query" must be an object');
  });

  it('rejects attribute conditions without a key or with a non-text value', () => {
    expect(() => readTraceQuery({ attributes: [{ key: '', value: 'x' }] })).toThrow(
      '"query.attributes[0].key" must be non-empty text',
    );
    expect(() => readTraceQuery({ attributes: [{ key: 'a', value: 5 }] })).toThrow(
      '"query.attributes[0].value" must be text',
    );
    expect(() => readTraceQuery({ attributes: 'a=b' })).toThrow(/list of \{key, value\}/);
  });

  it('rejects a minimum duration above the maximum', () => {
    expect(() => readTraceQuery({ minDurationMicros: 10, maxDurationMicros: 5 })).toThrow(
      /must not be more than/,
    );
  });
});

describe('operationKeySchema', () => {
  it('reads service and span name', () => {
    expect(readOperationKey({ service: 's', spanName: 'n' })).toEqual({
      service: 's',
      spanName: 'n',
    });
  });

  it('names the field when a part is missing', () => {
    expect(() => readOperationKey({ service: 's' })).toThrow('"histogramOf.spanName" is missing');
    expect(() => readOperationKey('s')).toThrow(
      '"histogramOf" must be an object with text fields "service" and "spanName"',
    );
  });
});
