import { describe, expect, it } from 'vitest';
import { readOperationKey, readTraceQuery } from '../../../app/search/trace-query';

const fail = (message: string): never => {
  throw new Error(message);
};

describe('readTraceQuery', () => {
  it('returns undefined when there is no query', () => {
    expect(readTraceQuery(undefined, fail)).toBeUndefined();
    expect(readTraceQuery(null, fail)).toBeUndefined();
  });

  it('keeps every given field and drops empty text', () => {
    expect(
      readTraceQuery(
        {
          service: 'order-service',
          spanName: '',
          spanNameScope: 'root',
          attributes: [{ key: 'http.status_code', value: '500' }],
          minDurationMicros: 250_000,
          maxDurationMicros: 1_500_000,
          errorsOnly: true,
          startAfterUnixMillis: 1_700_000_000_000,
        },
        fail,
      ),
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
    expect(() => readTraceQuery({ service: 3 }, fail)).toThrow('"query.service" must be text');
    expect(() => readTraceQuery({ minDurationMicros: -1 }, fail)).toThrow(
      '"query.minDurationMicros" must be a number of 0 or more',
    );
    expect(() => readTraceQuery({ errorsOnly: 'yes' }, fail)).toThrow(/errorsOnly/);
    expect(() => readTraceQuery({ spanNameScope: 'leaf' }, fail)).toThrow(/"root" or "any"/);
    expect(() => readTraceQuery([], fail)).toThrow('"query" must be an object');
  });

  it('rejects attribute conditions without a key or with a non-text value', () => {
    expect(() => readTraceQuery({ attributes: [{ key: '', value: 'x' }] }, fail)).toThrow(
      '"query.attributes[0].key" must be non-empty text',
    );
    expect(() => readTraceQuery({ attributes: [{ key: 'a', value: 5 }] }, fail)).toThrow(
      '"query.attributes[0].value" must be text',
    );
    expect(() => readTraceQuery({ attributes: 'a=b' }, fail)).toThrow(/list of \{key, value\}/);
  });

  it('rejects a minimum duration above the maximum', () => {
    expect(() => readTraceQuery({ minDurationMicros: 10, maxDurationMicros: 5 }, fail)).toThrow(
      /must not be more than/,
    );
  });
});

describe('readOperationKey', () => {
  it('reads service and span name', () => {
    expect(readOperationKey({ service: 's', spanName: 'n' }, 'histogramOf', fail)).toEqual({
      service: 's',
      spanName: 'n',
    });
  });

  it('names the field when a part is missing', () => {
    expect(() => readOperationKey({ service: 's' }, 'histogramOf', fail)).toThrow(
      /"histogramOf" must have text fields/,
    );
  });
});
