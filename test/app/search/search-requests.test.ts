// The search commands' request validation (app/contract-validation.ts), as hosts run it on
// untrusted JSON before the core sees it.
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';

describe('validateRequest("listTraces")', () => {
  it('still accepts the old request shapes', () => {
    expect(validateRequest('listTraces', {})).toEqual({});
    expect(validateRequest('listTraces', { limit: 5 })).toEqual({ limit: 5 });
  });

  it('passes a checked query through', () => {
    expect(
      validateRequest('listTraces', {
        limit: 10,
        query: { errorsOnly: true, attributes: [{ key: 'a', value: '1' }] },
      }),
    ).toEqual({ limit: 10, query: { errorsOnly: true, attributes: [{ key: 'a', value: '1' }] } });
  });

  it('rejects a bad query field with InvalidRequestError naming it', () => {
    expect(() => validateRequest('listTraces', { query: { maxDurationMicros: 'fast' } })).toThrow(
      InvalidRequestError,
    );
    expect(() => validateRequest('listTraces', { query: { maxDurationMicros: 'fast' } })).toThrow(
      '"query.maxDurationMicros" must be a number of 0 or more',
    );
  });
});

describe('validateRequest("getLatencyByOperation")', () => {
  it('accepts an empty request', () => {
    expect(validateRequest('getLatencyByOperation', {})).toEqual({});
  });

  it('keeps the query, the histogram operation and the bin count', () => {
    expect(
      validateRequest('getLatencyByOperation', {
        query: { service: 's' },
        histogramOf: { service: 's', spanName: 'n' },
        binCount: 20,
      }),
    ).toEqual({
      query: { service: 's' },
      histogramOf: { service: 's', spanName: 'n' },
      binCount: 20,
    });
  });

  it('rejects a bin count outside 1..1000 and an incomplete operation', () => {
    expect(() => validateRequest('getLatencyByOperation', { binCount: 0 })).toThrow(
      '"binCount" must be a whole number from 1 to 1000',
    );
    expect(() =>
      validateRequest('getLatencyByOperation', { histogramOf: { service: 's' } }),
    ).toThrow(InvalidRequestError);
  });
});
