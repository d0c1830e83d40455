import { describe, expect, it } from 'vitest';
import {
  NOT_A_TRACE_FILE_MESSAGE,
  NOT_JSON_MESSAGE,
  traceFileHeadProblem,
} from '../../../app/model/trace-file-sniff';

describe('traceFileHeadProblem', () => {
  it('lets the start of OTLP JSON and Jaeger JSON files through', () => {
    for (const head of [
      '{"resourceSpans": [',
      '\ufeff  {"data": [{"traceID"',
      '[{"traceID": "a", "spans": [',
      '{"resource_spans": [',
    ])
      expect(traceFileHeadProblem(head, false)).toBeUndefined();
  });

  it('refuses what cannot start JSON, and binary data, saying where', () => {
    expect(traceFileHeadProblem('password=x', false)).toBe(NOT_JSON_MESSAGE);
    expect(traceFileHeadProblem('{"a":\n 1\u0000', true)).toBe(
      'is not JSON: line 2, column 3 holds a control character (binary data?)',
    );
    expect(traceFileHeadProblem('   ', true)).toBe('the file is empty');
  });

  it('refuses the start of a big file that names no trace field, but leaves a whole small file to the readers', () => {
    expect(traceFileHeadProblem('{"name": "package", "version": "1"', false)).toBe(
      NOT_A_TRACE_FILE_MESSAGE,
    );
    expect(traceFileHeadProblem('{"name": "package"}', true)).toBeUndefined();
  });
});
