import { describe, expect, it } from 'vitest';
import {
  EarlyBindingError,
  NotStreamableError,
  StreamFieldError,
  StreamSyntaxError,
} from '../../../app/trace-files/otlp-json-stream';
import { readErrorData, readErrorFrom } from '../../../app/trace-files/parse-thread-protocol';
import { TraceFileReadError } from '../../../app/trace-files/trace-file-stream-reader';

/** An error as the storing thread gets it back from the parse thread. */
const across = (error: unknown) => readErrorFrom(structuredClone(readErrorData(error)));

describe('readErrorData and readErrorFrom', () => {
  it('give back the errors the import tells apart, of their class and with their fields', () => {
    const syntax = across(new StreamSyntaxError(1234, "expected ',' or '}'"));
    expect(syntax).toBeInstanceOf(StreamSyntaxError);
    expect(syntax).toMatchObject({ offset: 1234, problem: "expected ',' or '}'" });
    expect(syntax.message).toBe("expected ',' or '}' (at byte 1234)");
    const field = across(new StreamFieldError('resourceSpans[0].spanId', 'is not hex', 3));
    expect(field).toBeInstanceOf(StreamFieldError);
    expect(field).toMatchObject({
      path: 'resourceSpans[0].spanId',
      detail: 'is not hex',
      document: 3,
    });
    expect(field.message).toBe('resourceSpans[0].spanId: is not hex');
    expect(across(new NotStreamableError('holds no JSON document'))).toBeInstanceOf(
      NotStreamableError,
    );
    expect(across(new EarlyBindingError('the resource changed'))).toBeInstanceOf(EarlyBindingError);
    const read = across(new TraceFileReadError('byte 12: the file ends inside a span'));
    expect(read).toBeInstanceOf(TraceFileReadError);
    expect(read.message).toBe('byte 12: the file ends inside a span');
    expect(across(new RangeError('Maximum call stack size exceeded'))).toBeInstanceOf(RangeError);
  });

  it("keeps an fs error's code and any other error's name and message", () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), {
      code: 'ENOENT',
    });
    expect(across(missing)).toMatchObject({ code: 'ENOENT', message: missing.message });
    const other = across(new TypeError('odd'));
    expect(other).toMatchObject({ name: 'TypeError', message: 'odd' });
    expect(across('a string')).toMatchObject({ name: 'Error', message: 'a string' });
  });
});
