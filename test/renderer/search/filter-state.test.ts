import { describe, expect, it } from 'vitest';
import {
  buildTraceFilter,
  buildTraceQuery,
  EMPTY_FILTERS,
  isFiltering,
} from '../../../renderer/search/filter-state';

const NOW = 1_750_000_000_000;

describe('buildTraceQuery', () => {
  it('sends nothing for empty filters', () => {
    expect(buildTraceQuery(EMPTY_FILTERS, NOW)).toEqual({ query: {}, problems: {} });
  });

  it('turns every filled field into structured query fields', () => {
    const { query, problems } = buildTraceQuery(
      {
        service: 'order-service',
        spanName: ' INSERT orders ',
        spanNameScope: 'root',
        attributes: 'db.operation.name=INSERT',
        minDuration: '250ms',
        maxDuration: '1.5s',
        errorsOnly: true,
        timeRange: '15m',
      },
      NOW,
    );
    expect(problems).toEqual({});
    expect(query).toEqual({
      service: 'order-service',
      spanName: 'INSERT orders',
      spanNameScope: 'root',
      attributes: [{ key: 'db.operation.name', value: 'INSERT' }],
      minDurationMicros: 250_000,
      maxDurationMicros: 1_500_000,
      errorsOnly: true,
      startAfterUnixMillis: NOW - 15 * 60_000,
    });
  });

  it('leaves an invalid field out of the query and reports it, keeping the others', () => {
    const { query, problems } = buildTraceQuery(
      { ...EMPTY_FILTERS, minDuration: '12xs', maxDuration: '1s', attributes: 'broken' },
      NOW,
    );
    expect(query).toEqual({ maxDurationMicros: 1_000_000 });
    expect(problems.minDuration).toMatch(/unknown unit “xs”/);
    expect(problems.attributes).toMatch(/needs a value/);
  });

  it('reports a maximum below the minimum and applies neither', () => {
    const { query, problems } = buildTraceQuery(
      { ...EMPTY_FILTERS, minDuration: '2s', maxDuration: '1s' },
      NOW,
    );
    expect(query).toEqual({});
    expect(problems.maxDuration).toBe('the maximum is below the minimum');
  });
});

describe('buildTraceFilter', () => {
  it('keeps the time range as minutes, for the client store to count from each request', () => {
    expect(buildTraceFilter({ ...EMPTY_FILTERS, errorsOnly: true, timeRange: '5m' })).toEqual({
      filter: { query: { errorsOnly: true }, recentMinutes: 5 },
      problems: {},
    });
  });

  it('says why a span-name pattern does not parse and leaves it out', () => {
    const { filter, problems } = buildTraceFilter({ ...EMPTY_FILTERS, spanName: '/(unclosed/' });
    expect(filter).toEqual({ query: {} });
    expect(problems.spanName).toMatch(/^not a valid regular expression/);
    expect(buildTraceFilter({ ...EMPTY_FILTERS, spanName: '/^GET /i' }).filter.query).toEqual({
      spanName: '/^GET /i',
      spanNameScope: 'any',
    });
  });
});

describe('isFiltering', () => {
  it('is false for the empty filters, even with another span name scope', () => {
    expect(isFiltering(EMPTY_FILTERS)).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTERS, spanNameScope: 'root' })).toBe(false);
  });

  it('is true as soon as one field is set, valid or not', () => {
    expect(isFiltering({ ...EMPTY_FILTERS, minDuration: '12xs' })).toBe(true);
    expect(isFiltering({ ...EMPTY_FILTERS, timeRange: '5m' })).toBe(true);
  });
});
