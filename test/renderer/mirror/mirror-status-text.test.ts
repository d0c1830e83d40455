import { describe, expect, it } from 'vitest';
import type { MirrorStatus } from '../../../app/contract';
import {
  headersFromText,
  headersToText,
  mirrorCountsText,
  mirrorStatusText,
} from '../../../renderer/mirror/mirror-status-text';

const counts = { exported: 12, failed: 6, dropped: 1, queued: 3 };
const base: MirrorStatus = { state: 'off', endpoint: 'http://127.0.0.1:4318/v1/traces', counts };
const at = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour12: false });

describe('mirrorStatusText', () => {
  it('says Off when the switch is off', () => {
    expect(mirrorStatusText(base)).toBe('Off');
  });

  it('says Connecting… until the first export succeeds or fails', () => {
    expect(mirrorStatusText({ ...base, state: 'connecting' })).toBe('Connecting…');
    expect(
      mirrorStatusText({ ...base, state: 'connecting', counts: { ...counts, queued: 0 } }),
    ).toBe('Connecting… · nothing to send yet');
  });

  it('gives the time of the last success while sending', () => {
    const lastSuccessAt = '2026-01-02T10:11:12.000Z';
    expect(mirrorStatusText({ ...base, state: 'sending', lastSuccessAt })).toBe(
      `Sending · last success ${at(lastSuccessAt)}`,
    );
    expect(mirrorStatusText({ ...base, state: 'sending' })).toBe('Sending · nothing sent yet');
  });

  it('gives the error and when it retries while failing', () => {
    const failing: MirrorStatus = {
      ...base,
      state: 'failing',
      lastError: 'connection refused at 127.0.0.1:4318',
      retryAt: '2026-01-02T10:11:15.000Z',
    };
    const before = Date.parse('2026-01-02T10:11:13.000Z');
    expect(mirrorStatusText(failing, before)).toBe(
      `Failing: connection refused at 127.0.0.1:4318 · retrying at ${at(failing.retryAt!)}`,
    );
    expect(mirrorStatusText(failing, before + 10_000)).toBe(
      'Failing: connection refused at 127.0.0.1:4318 · retrying with the next span',
    );
  });
});

describe('mirrorCountsText', () => {
  it('lists exported, failed, dropped and queued', () => {
    expect(mirrorCountsText(base)).toBe('exported 12 · failed 6 · dropped 1 · queued 3');
  });
});

describe('headersFromText', () => {
  it('reads one "name: value" per line, skipping blank lines', () => {
    expect(headersFromText('authorization: Bearer a:b\n\n x-team : core ')).toEqual({
      authorization: 'Bearer a:b',
      'x-team': 'core',
    });
  });

  it('names the line that is not "name: value"', () => {
    expect(() => headersFromText('a: 1\nnonsense')).toThrow(
      'line 2 is not "name: value": nonsense',
    );
  });

  it('round-trips with headersToText', () => {
    const headers = { a: '1', 'x-b': 'two words' };
    expect(headersFromText(headersToText(headers))).toEqual(headers);
  });
});
