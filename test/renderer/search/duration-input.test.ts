import { describe, expect, it } from 'vitest';
import { parseDurationInput } from '../../../renderer/search/duration-input';

describe('parseDurationInput', () => {
  it('reads a number with a unit as microseconds', () => {
    expect(parseDurationInput('250ms')).toEqual({ state: 'valid', value: 250_000 });
    expect(parseDurationInput('1.5s')).toEqual({ state: 'valid', value: 1_500_000 });
    expect(parseDurationInput('800us')).toEqual({ state: 'valid', value: 800 });
    expect(parseDurationInput('800µs')).toEqual({ state: 'valid', value: 800 });
    expect(parseDurationInput('2m')).toEqual({ state: 'valid', value: 120_000_000 });
    expect(parseDurationInput('1h')).toEqual({ state: 'valid', value: 3_600_000_000 });
    expect(parseDurationInput('.5s')).toEqual({ state: 'valid', value: 500_000 });
  });

  it('accepts spaces, capitals and compound durations', () => {
    expect(parseDurationInput(' 250 ms ')).toEqual({ state: 'valid', value: 250_000 });
    expect(parseDurationInput('1S')).toEqual({ state: 'valid', value: 1_000_000 });
    expect(parseDurationInput('1m30s')).toEqual({ state: 'valid', value: 90_000_000 });
  });

  it('treats blank input as no bound', () => {
    expect(parseDurationInput('')).toEqual({ state: 'empty' });
    expect(parseDurationInput('   ')).toEqual({ state: 'empty' });
  });

  it('names an unknown unit', () => {
    expect(parseDurationInput('12xs')).toEqual({
      state: 'invalid',
      message: 'unknown unit “xs”: use µs, ms, s, m or h',
    });
  });

  it('asks for a unit when there is none', () => {
    expect(parseDurationInput('250')).toMatchObject({
      state: 'invalid',
      message: expect.stringContaining('add a unit to 250'),
    });
  });

  it('rejects text that is not a duration at all', () => {
    for (const text of ['fast', '-5ms', 'ms', '1..5s']) {
      expect(parseDurationInput(text)).toMatchObject({ state: 'invalid' });
    }
  });
});
