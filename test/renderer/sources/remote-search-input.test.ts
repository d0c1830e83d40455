import { describe, expect, it } from 'vitest';
import {
  buildSourceQuery,
  initialRemoteSearchFields,
} from '../../../renderer/sources/remote-search-input';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

describe('buildSourceQuery', () => {
  it('turns the fields into a Jaeger search over the chosen last hours', () => {
    const { query, problems } = buildSourceQuery(
      {
        ...initialRemoteSearchFields,
        service: 'checkout',
        operation: 'POST /checkout',
        attributes: 'customer.tier=gold http.status_code=500',
        timeRange: '6h',
        minDuration: '250ms',
        maxDuration: '2s',
        limit: '50',
      },
      NOW,
    );
    expect(problems).toEqual({});
    expect(query).toEqual({
      service: 'checkout',
      operation: 'POST /checkout',
      attributes: [
        { key: 'customer.tier', value: 'gold' },
        { key: 'http.status_code', value: '500' },
      ],
      startAfterUnixMillis: NOW - 6 * 3600_000,
      startBeforeUnixMillis: NOW,
      minDurationMicros: 250_000,
      maxDurationMicros: 2_000_000,
      limit: 50,
    });
  });

  it('leaves out what is not given: any operation, no attributes, no durations', () => {
    expect(buildSourceQuery({ ...initialRemoteSearchFields, service: 's' }, NOW).query).toEqual({
      service: 's',
      startAfterUnixMillis: NOW - 3600_000,
      startBeforeUnixMillis: NOW,
      limit: 20,
    });
  });

  it('reads a custom range in local time, its end now when left empty', () => {
    const from = '2026-12-01T08:30';
    const { query } = buildSourceQuery(
      { ...initialRemoteSearchFields, service: 's', timeRange: 'custom', from },
      NOW,
    );
    expect(query?.startAfterUnixMillis).toBe(new Date(from).getTime());
    expect(query?.startBeforeUnixMillis).toBe(NOW);
  });

  it('names every field that stops the search, and sends nothing', () => {
    const { query, problems } = buildSourceQuery(
      {
        ...initialRemoteSearchFields,
        attributes: 'tier',
        minDuration: '2s',
        maxDuration: '1s',
        limit: '5000',
        timeRange: 'custom',
        from: '2026-12-02T10:00',
        to: '2026-12-01T10:00',
      },
      NOW,
    );
    expect(query).toBeUndefined();
    expect(problems).toEqual({
      service: 'choose a service: Jaeger searches within one',
      attributes: '“tier” needs a value: write tier=value',
      maxDuration: 'less than the minimum duration',
      limit: 'a whole number from 1 to 1,500',
      to: 'the end is before the start',
    });
    expect(
      buildSourceQuery({ ...initialRemoteSearchFields, service: 's', timeRange: 'custom' }, NOW)
        .problems,
    ).toEqual({ from: 'give the start of the range' });
  });
});
