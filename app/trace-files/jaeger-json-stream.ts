// Reads Jaeger JSON as Jaeger UI downloads it ({"data": [{"traceID", "spans", "processes"}, …]})
// from a stream of byte chunks. A trace object's spans name their process by id, and `processes`
// may come after `spans`, so each trace object is cut out whole (json-value-cutter.ts), parsed and
// mapped by the whole-file reader (readJaegerTrace), one at a time: memory grows with the biggest
// trace object, not with the file. Other documents (a bare list of spans, saved api/v3 answers)
// are left to the whole-file readers (NotStreamableError).
import { FieldError } from '../otlp/field-error';
import { isJaegerTrace, readJaegerTrace } from './jaeger-json-reader';
import { findJsonSyntaxError } from './json-syntax-error';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isJsonSpace,
  JsonValueCutter,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-value-cutter';
import { NotStreamableError, StreamFieldError, StreamSyntaxError } from './otlp-json-stream';
import {
  SpanStreamBase,
  type StreamedTraceFile,
  type TraceFileStreamReader,
} from './trace-file-stream-reader';

/** The members of Jaeger's answer besides data (api/v1's envelope); their values are skipped. */
const ENVELOPE_KEYS = new Set(['total', 'limit', 'offset', 'errors']);

const enum Expect {
  Document,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  CommaOrEnd,
  TraceOrEnd,
  Trace,
  TraceCommaOrEnd,
  Nothing,
}

/** What a cut-out value is. */
type Cut = 'key' | 'envelope' | 'trace';

export class JaegerJsonStreamReader extends SpanStreamBase implements TraceFileStreamReader {
  private expect = Expect.Document;
  private readonly cutter = new JsonValueCutter();
  private cut: Cut = 'key';
  private cutStart = 0;
  private key = '';
  private sawData = false;
  private traceIndex = 0;

  write(chunk: Uint8Array): void {
    const bytes = this.textBytes(chunk, (problem) => {
      throw new NotStreamableError(problem);
    });
    let at = 0;
    while (at < bytes.length) {
      if (this.cutter.active) {
        const end = this.cutter.scan(bytes, at);
        const stop = end === -1 ? bytes.length : end;
        this.offset += stop - at;
        at = stop;
        if (end !== -1) this.finishCut();
        continue;
      }
      const code = bytes[at]!;
      if (!isJsonSpace(code)) {
        this.structural(code);
        // structural() may begin a cut at this byte, which the cutter then scans.
        if (this.cutter.active) continue;
      }
      at++;
      this.offset++;
    }
  }

  end(): StreamedTraceFile {
    if (this.cutter.active || (this.expect !== Expect.Nothing && this.expect !== Expect.Document))
      throw new StreamSyntaxError(this.offset, 'the file ends before its JSON is complete');
    if (!this.sawData) throw new NotStreamableError('the document has no "data" list');
    return { format: 'jaeger-json', spans: this.takeSpans(), warnings: [] };
  }

  private fail(problem: string): never {
    throw new StreamSyntaxError(this.offset, problem);
  }

  /** One byte outside the values that are cut out. */
  private structural(code: number): void {
    switch (this.expect) {
      case Expect.Document:
        if (code !== OPEN_BRACE) throw new NotStreamableError('the document is not an object');
        this.expect = Expect.KeyOrEnd;
        return;
      case Expect.KeyOrEnd:
      case Expect.Key:
        if (code === CLOSE_BRACE && this.expect === Expect.KeyOrEnd) {
          this.expect = Expect.Nothing;
          return;
        }
        if (code !== QUOTE) this.fail('expected a quoted key');
        return this.beginCut('key', code);
      case Expect.Colon:
        if (code !== COLON) this.fail('expected ":" after a key');
        this.expect = Expect.Value;
        return;
      case Expect.Value:
        if (this.key === 'data') {
          if (code !== OPEN_BRACKET) throw new NotStreamableError('"data" is not a list');
          this.sawData = true;
          this.expect = Expect.TraceOrEnd;
          return;
        }
        return this.beginCut('envelope', code);
      case Expect.CommaOrEnd:
        if (code === COMMA) this.expect = Expect.Key;
        else if (code === CLOSE_BRACE) this.expect = Expect.Nothing;
        else this.fail('expected "," or "}"');
        return;
      case Expect.TraceOrEnd:
      case Expect.Trace:
        if (code === CLOSE_BRACKET && this.expect === Expect.TraceOrEnd) {
          this.expect = Expect.CommaOrEnd;
          return;
        }
        if (code !== OPEN_BRACE)
          throw new StreamFieldError(`data[${this.traceIndex}]`, 'must be an object', 1);
        return this.beginCut('trace', code);
      case Expect.TraceCommaOrEnd:
        if (code === COMMA) this.expect = Expect.Trace;
        else if (code === CLOSE_BRACKET) this.expect = Expect.CommaOrEnd;
        else this.fail('expected "," or "]"');
        return;
      case Expect.Nothing:
        // More documents after the first: the whole-file readers know sequences.
        throw new NotStreamableError('holds more than one JSON document');
    }
  }

  private beginCut(cut: Cut, code: number): void {
    this.cut = cut;
    this.cutStart = this.offset;
    this.cutter.begin(code, cut !== 'envelope');
  }

  private finishCut(): void {
    switch (this.cut) {
      case 'key': {
        let key: unknown;
        try {
          key = JSON.parse(this.cutter.take().toString('utf8'));
        } catch {
          this.fail('a key is not a valid string');
        }
        this.key = key as string;
        // Only Jaeger's own members: some other JSON is left to the other readers at once.
        if (this.key !== 'data' && !ENVELOPE_KEYS.has(this.key))
          throw new NotStreamableError(`the document's key is "${this.key}", not data`);
        this.expect = Expect.Colon;
        return;
      }
      case 'envelope':
        this.expect = Expect.CommaOrEnd;
        return;
      case 'trace':
        this.readTrace(this.cutter.take());
        this.expect = Expect.TraceCommaOrEnd;
        return;
    }
  }

  private readTrace(bytes: Buffer): void {
    const index = this.traceIndex++;
    const text = bytes.toString('utf8');
    let trace: unknown;
    try {
      trace = JSON.parse(text);
    } catch {
      throw new StreamSyntaxError(this.cutStart + syntaxErrorByte(text), syntaxProblem(text));
    }
    if (index === 0 && !isJaegerTrace(trace))
      throw new NotStreamableError('the first entry of "data" is not a Jaeger trace');
    let spans;
    try {
      spans = readJaegerTrace(trace, `data[${index}]`);
    } catch (error) {
      if (error instanceof FieldError) throw new StreamFieldError(error.path, error.detail, 1);
      throw error;
    }
    for (const span of spans) this.spans.push(span);
    this.spansRead += spans.length;
  }
}

/** The byte offset in `text` of its first JSON syntax error (0 when none is found). */
function syntaxErrorByte(text: string): number {
  const error = findJsonSyntaxError(text);
  if (!error) return 0;
  let lineStart = 0;
  for (let line = 1; line < error.line; line++) lineStart = text.indexOf('\n', lineStart) + 1;
  return Buffer.byteLength(text.slice(0, lineStart + error.column - 1));
}

function syntaxProblem(text: string): string {
  return findJsonSyntaxError(text)?.problem ?? 'it could not be read as JSON';
}
