// Reads OTLP JSON trace files (one ExportTraceServiceRequest, several one after another, or JSON
// Lines) from a stream of byte chunks, never holding the file as one string. A byte scanner walks
// the request's outline (resourceSpans → scopeSpans → spans) and cuts out each span's text; spans
// are parsed in batches, wrapped in their resource and scope, by the same reader as whole files
// (readOtlpJsonRequest), so what is accepted and what a path in a message means do not change.
// Measured on the 100,000-span synthetic trace (67 MB): JSON.parse of the whole text 1.4 s,
// @streamparser/json 5.9 s, so the well-kept streaming parsers were too slow for the target.
import type { TraceFileFormat } from '../model/trace-files';
import type { OtlpResource, OtlpScope } from '../model/otlp';
import type { IncomingSpan } from '../storage/incoming-span';
import { FieldError } from '../otlp/field-error';
import { readOtlpJsonRequest } from '../otlp/otlp-json-reader';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isJsonSpace,
  JsonValueCutter,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-value-cutter';
import {
  SpanStreamBase,
  type StreamedTraceFile,
  type TraceFileStreamReader,
} from './trace-file-stream-reader';

/** Spans parsed together: big enough that the wrapper costs nothing, small enough to stay cheap. */
const BATCH_SPANS = 2000;
/** A scope's first batch is small: a big trace's first spans are stored within moments. */
const FIRST_BATCH_SPANS = 50;

/**
 * A resource or scope the reader handed spans on with changed after them (a member such as
 * schemaUrl after the span list): the file must be read again without binding early.
 */
export class EarlyBindingError extends Error {
  override name = 'EarlyBindingError';
}

export interface OtlpJsonStreamOptions {
  /**
   * Hand a big scope's spans on as they are parsed, with the resource and scope read so far
   * (default), instead of when their ResourceSpans ends: a trace is then stored and shown from its
   * first spans. Should the resource or scope change after that, `end`/`write` throw
   * EarlyBindingError.
   */
  readonly bindEarly?: boolean;
}

/** The stream is not a document the scanner reads (for OTLP JSON's: Jaeger JSON, api/v3
 * answers, …); another reader may know it. */
export class NotStreamableError extends Error {
  override name = 'NotStreamableError';
}

/** Invalid JSON at a byte offset of the stream. */
export class StreamSyntaxError extends Error {
  override name = 'StreamSyntaxError';
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`${problem} (at byte ${offset})`);
  }
}

/** An invalid span or request: `path` points into the file's JSON, `line` for JSON Lines. */
export class StreamFieldError extends Error {
  override name = 'StreamFieldError';
  constructor(
    readonly path: string,
    readonly detail: string,
    readonly document: number,
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

/** Where the scanner is, structurally, outside the values it cuts out whole. */
type Role =
  'request' | 'resourceSpansList' | 'resourceSpans' | 'scopeSpansList' | 'scopeSpans' | 'spanList';

interface Frame {
  readonly role: Role;
  readonly isArray: boolean;
  index: number;
  /** The key whose value comes next (objects). */
  key: string;
}

/** What the scanner expects next outside a cut-out value. */
const enum Expect {
  Value,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
  ValueOrEnd,
}

/** One ScopeSpans being read: its members other than spans, and its spans read so far. */
interface ScopeGroup {
  readonly members: string[];
  /** Span texts not parsed yet. */
  readonly pending: string[];
  /** Spans parsed (without their resource and scope, which may come later in the file). */
  readonly parsed: IncomingSpan[];
  /** How many of its spans were parsed so far (held in `parsed` or handed on). */
  parsedCount: number;
  /** Once its spans are handed on as parsed: the resource and scope they went with, and how many
   * members each group had then. */
  early: EarlyBinding | undefined;
  /** Its first span's text, parsed again with the resource and scope once both are known. */
  firstSpan: string | undefined;
}

interface EarlyBinding {
  readonly resource: OtlpResource;
  readonly scope: OtlpScope;
  readonly resourceMembers: number;
  readonly scopeMembers: number;
}

/** One ResourceSpans being read: its members other than the scope list, and its scopes. */
interface ResourceGroup {
  readonly index: number;
  readonly members: string[];
  readonly scopes: ScopeGroup[];
  /** The key of its scope list: scopeSpans, or the pre-1.0 instrumentationLibrarySpans. */
  listKey: string;
}

/**
 * Incremental scanner: `write` each chunk (and `takeSpans` what it read, or leave them to `end`),
 * then `end`. Throws NotStreamableError, StreamSyntaxError
 * or StreamFieldError; a caller that can should read the whole file for the exact message.
 */
export class OtlpJsonStreamReader extends SpanStreamBase implements TraceFileStreamReader {
  private readonly warnings = new Set<string>();
  private readonly stack: Frame[] = [];
  private expect = Expect.Value;
  /** Top-level documents seen, and whether each after the first began on a new line. */
  private documents = 0;
  private allOnNewLines = true;
  private newlineSinceDocument = false;
  // The value being cut out whole (a key, a member, a span) and what it is for.
  private readonly cutter = new JsonValueCutter();
  private captureFor: 'span' | 'member' | 'key' = 'span';
  private resource: ResourceGroup | undefined;
  private scope: ScopeGroup | undefined;
  private readonly bindEarly: boolean;

  constructor(options: OtlpJsonStreamOptions = {}) {
    super();
    this.bindEarly = options.bindEarly ?? true;
  }

  write(chunk: Uint8Array): void {
    const bytes = this.textBytes(chunk, (problem) => this.fail(problem));
    let at = 0;
    const length = bytes.length;
    while (at < length) {
      if (this.cutter.active) {
        const end = this.cutter.scan(bytes, at);
        if (end === -1) {
          this.offset += length - at;
          return;
        }
        this.offset += end - at;
        at = end;
        this.finishCapture();
        continue;
      }
      const code = bytes[at]!;
      if (isJsonSpace(code)) {
        if (code === NEWLINE && this.stack.length === 0) this.newlineSinceDocument = true;
        // JSON Lines keep each document on its line; a document over several lines is not one.
        else if (code === NEWLINE) this.allOnNewLines = false;
        at++;
        this.offset++;
        continue;
      }
      this.structural(code);
      // structural() may start a capture at this byte (which it then scans itself).
      if (this.cutter.active) continue;
      at++;
      this.offset++;
    }
  }

  end(): StreamedTraceFile {
    if (this.cutter.active || this.stack.length > 0)
      throw new StreamSyntaxError(this.offset, 'the file ends before its JSON is complete');
    if (this.documents === 0) throw new NotStreamableError('holds no JSON document');
    const format: TraceFileFormat =
      this.documents > 1 && this.allOnNewLines ? 'otlp-json-lines' : 'otlp-json';
    return { format, spans: this.takeSpans(), warnings: [...this.warnings] };
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private fail(problem: string): never {
    throw new StreamSyntaxError(this.offset, problem);
  }

  /** One byte of the outline (not inside a cut-out value). */
  private structural(code: number): void {
    const frame = this.top();
    switch (this.expect) {
      case Expect.KeyOrEnd:
      case Expect.Key:
        if (code === CLOSE_BRACE && this.expect === Expect.KeyOrEnd) return this.close(false);
        if (code !== QUOTE) this.fail('expected a quoted key');
        return this.startCapture('key', code);
      case Expect.Colon:
        if (code !== COLON) this.fail('expected ":" after a key');
        this.expect = Expect.Value;
        return;
      case Expect.CommaOrEnd:
        if (!frame) this.fail('unexpected text after the document');
        if (code === COMMA) {
          if (frame.isArray) frame.index++;
          this.expect = frame.isArray ? Expect.Value : Expect.Key;
          return;
        }
        if (code === (frame.isArray ? CLOSE_BRACKET : CLOSE_BRACE))
          return this.close(frame.isArray);
        return this.fail(`expected "," or "${frame.isArray ? ']' : '}'}"`);
      case Expect.ValueOrEnd:
        if (code === CLOSE_BRACKET) return this.close(true);
        this.expect = Expect.Value;
        return this.value(code);
      case Expect.Value:
        return this.value(code);
    }
  }

  /** A value starts with `code`: descend into the outline, or cut it out whole. */
  private value(code: number): void {
    const frame = this.top();
    if (!frame) {
      if (code !== OPEN_BRACE) throw new NotStreamableError('the document is not an object');
      if (this.documents > 0 && !this.newlineSinceDocument) this.allOnNewLines = false;
      this.documents++;
      return this.open('request', false);
    }
    switch (frame.role) {
      case 'request':
        this.sawResourceSpans = true;
        if (frame.key !== 'resourceSpans')
          throw new NotStreamableError(`the document's key is "${frame.key}", not resourceSpans`);
        if (code !== OPEN_BRACKET) this.expectedList(frame.key);
        return this.open('resourceSpansList', true);
      case 'resourceSpansList':
        if (code !== OPEN_BRACE) this.expectedObject();
        this.resource = {
          index: this.resourceCount++,
          members: [],
          scopes: [],
          listKey: 'scopeSpans',
        };
        return this.open('resourceSpans', false);
      case 'resourceSpans':
        if (frame.key === 'scopeSpans' || frame.key === 'instrumentationLibrarySpans') {
          if (code !== OPEN_BRACKET) this.expectedList(frame.key);
          this.resource!.listKey = frame.key;
          return this.open('scopeSpansList', true);
        }
        return this.startCapture('member', code);
      case 'scopeSpansList':
        if (code !== OPEN_BRACE) this.expectedObject();
        this.scope = {
          members: [],
          pending: [],
          parsed: [],
          parsedCount: 0,
          early: undefined,
          firstSpan: undefined,
        };
        this.resource!.scopes.push(this.scope);
        return this.open('scopeSpans', false);
      case 'scopeSpans':
        if (frame.key === 'spans') {
          if (code !== OPEN_BRACKET) this.expectedList('spans');
          return this.open('spanList', true);
        }
        return this.startCapture('member', code);
      case 'spanList':
        return this.startCapture('span', code);
    }
  }

  private resourceCount = 0;
  private sawResourceSpans = false;

  /** The strict reader's own message for a value that is not a list. */
  private expectedList(key: string): never {
    throw new NotStreamableError(`${key} is not a list`);
  }

  private expectedObject(): never {
    throw new NotStreamableError('an entry is not an object');
  }

  private open(role: Role, isArray: boolean): void {
    this.stack.push({ role, isArray, index: 0, key: '' });
    this.expect = isArray ? Expect.ValueOrEnd : Expect.KeyOrEnd;
  }

  private close(isArray: boolean): void {
    const frame = this.stack.pop()!;
    if (frame.isArray !== isArray) this.fail('a bracket does not match');
    if (frame.role === 'scopeSpans') {
      this.parsePending(this.scope!);
      this.scope = undefined;
    }
    if (frame.role === 'resourceSpans') {
      this.bindResource(this.resource!);
      this.resource = undefined;
    }
    if (frame.role === 'request') {
      if (!this.sawResourceSpans) throw new NotStreamableError('the document has no resourceSpans');
      this.sawResourceSpans = false;
      this.resourceCount = 0;
      this.newlineSinceDocument = false;
    }
    this.expect = Expect.CommaOrEnd;
    if (this.stack.length === 0) this.expect = Expect.Value;
  }

  /** A value to cut out whole starts with `code` (the byte under the scanner). */
  private startCapture(kind: 'span' | 'member' | 'key', code: number): void {
    this.captureFor = kind;
    this.cutter.begin(code, true);
  }

  private finishCapture(): void {
    const text = this.cutter.take().toString('utf8');
    const frame = this.top()!;
    switch (this.captureFor) {
      case 'key': {
        let key: unknown;
        try {
          key = JSON.parse(text);
        } catch {
          this.fail('a key is not a valid string');
        }
        frame.key = key as string;
        this.expect = Expect.Colon;
        return;
      }
      case 'member':
        if (frame.role === 'resourceSpans')
          this.resource!.members.push(`${JSON.stringify(frame.key)}:${text}`);
        else this.scope!.members.push(`${JSON.stringify(frame.key)}:${text}`);
        break;
      case 'span': {
        const scope = this.scope!;
        scope.firstSpan ??= text;
        scope.pending.push(text);
        if (scope.pending.length >= (scope.parsedCount === 0 ? FIRST_BATCH_SPANS : BATCH_SPANS)) {
          // Part of a big scope: its spans go on now if its resource and scope are known.
          if (this.bindEarly && !scope.early) scope.early = this.earlyBinding(scope);
          this.parsePending(scope);
        }
        break;
      }
    }
    this.expect = Expect.CommaOrEnd;
  }

  /** Parses the scope's pending spans, wrapped as a request of one bare resource and scope. */
  private parsePending(scope: ScopeGroup): void {
    if (scope.pending.length === 0) return;
    const resource = this.resource!;
    const scopeIndex = resource.scopes.indexOf(scope);
    const first = scope.parsedCount;
    const text = `{"resourceSpans":[{${JSON.stringify(resource.listKey)}:[{"spans":[${scope.pending.join(',')}]}]}]}`;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      // Which span: parse them one by one (only on the error path).
      const bad = scope.pending.findIndex((span) => !parses(span));
      throw this.fieldError(
        `resourceSpans[${resource.index}].${resource.listKey}[${scopeIndex}].spans[${first + Math.max(0, bad)}]`,
        'is not valid JSON',
      );
    }
    const spanPath = new RegExp(
      `^resourceSpans\\[0\\]\\.${resource.listKey}\\[0\\]\\.spans\\[(\\d+)\\]`,
    );
    const place = (path: string) =>
      path.replace(
        spanPath,
        (_, k: string) =>
          `resourceSpans[${resource.index}].${resource.listKey}[${scopeIndex}].spans[${first + Number(k)}]`,
      );
    const result = this.read(document, place);
    scope.parsedCount += result.length;
    scope.pending.length = 0;
    const { early } = scope;
    if (!early) {
      for (const span of result) scope.parsed.push(span);
      return;
    }
    for (const { span } of result)
      this.spans.push({ span, resource: early.resource, scope: early.scope });
    this.spansRead += result.length;
  }

  /**
   * The resource and scope a big scope's spans get before its ResourceSpans ends: those read so far,
   * once the members `resource` and `scope` were read (before the span lists, as writers put them).
   */
  private earlyBinding(scope: ScopeGroup): EarlyBinding | undefined {
    const resource = this.resource!;
    const has = (members: readonly string[], keys: readonly string[]) =>
      members.some((member) => keys.some((key) => member.startsWith(`${JSON.stringify(key)}:`)));
    if (!has(resource.members, ['resource'])) return undefined;
    if (!has(scope.members, ['scope', 'instrumentationLibrary'])) return undefined;
    const bound = this.bind(resource, [scope])[0]!;
    return {
      ...bound,
      resourceMembers: resource.members.length,
      scopeMembers: scope.members.length,
    };
  }

  /**
   * The ResourceSpans is complete: reads its resource and each scope (with the scope's first span,
   * for the reader to hand them back) and gives every span read before them its own.
   */
  private bindResource(resource: ResourceGroup): void {
    const withSpans = resource.scopes.filter((scope) => scope.firstSpan !== undefined);
    const bound = this.bind(resource, resource.scopes);
    withSpans.forEach((scope, i) => {
      const { resource: otlpResource, scope: otlpScope } = bound[i]!;
      if (scope.early && !sameBinding(scope.early, resource, scope, otlpResource, otlpScope))
        throw new EarlyBindingError(
          `resourceSpans[${resource.index}]: its resource or a scope changed after spans were read with it`,
        );
      for (const { span } of scope.parsed)
        this.spans.push({ span, resource: otlpResource, scope: otlpScope });
      this.spansRead += scope.parsed.length;
      scope.parsed.length = 0;
    });
  }

  /**
   * The resource and scope of each of `scopes` that has spans, read (with its first span, for the
   * reader to hand them back) from the members read so far.
   */
  private bind(
    resource: ResourceGroup,
    scopes: readonly ScopeGroup[],
  ): { resource: OtlpResource; scope: OtlpScope }[] {
    const members = (list: readonly string[]) => list.map((member) => `${member},`).join('');
    const scopeTexts = scopes
      .map((scope) => `{${members(scope.members)}"spans":[${scope.firstSpan ?? ''}]}`)
      .join(',');
    const text = `{"resourceSpans":[{${members(resource.members)}${JSON.stringify(resource.listKey)}:[${scopeTexts}]}]}`;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw this.fieldError(`resourceSpans[${resource.index}]`, 'is not valid JSON');
    }
    // One scope alone (early): its index in the file is its place among the resource's scopes.
    const scopeIndex = scopes.length === 1 ? resource.scopes.indexOf(scopes[0]!) : -1;
    const place = (path: string) =>
      scopeIndex > 0
        ? path.replace(
            /^resourceSpans\[0\]\.(\w+)\[0\]/,
            (_, list: string) => `resourceSpans[${resource.index}].${list}[${scopeIndex}]`,
          )
        : path.replace(/^resourceSpans\[0\]/, `resourceSpans[${resource.index}]`);
    return this.read(document, place);
  }

  /** readOtlpJsonRequest, strict; paths in its errors and warnings placed in the file by `place`. */
  private read(document: unknown, place: (path: string) => string): IncomingSpan[] {
    let result;
    try {
      result = readOtlpJsonRequest(document, { tolerant: false });
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      throw this.fieldError(place(error.path), error.detail);
    }
    for (const problem of result.problems) this.warnings.add(place(problem));
    return result.spans;
  }

  private fieldError(path: string, detail: string): StreamFieldError {
    return new StreamFieldError(path, detail, this.documents);
  }
}

/** Whether the resource and scope read at the end are those a scope's spans were handed on with. */
function sameBinding(
  early: EarlyBinding,
  resourceGroup: ResourceGroup,
  scopeGroup: ScopeGroup,
  resource: OtlpResource,
  scope: OtlpScope,
): boolean {
  if (
    resourceGroup.members.length === early.resourceMembers &&
    scopeGroup.members.length === early.scopeMembers
  )
    return true;
  // Read from the same kind of members, so built alike: equal when their JSON is.
  return (
    JSON.stringify(resource) === JSON.stringify(early.resource) &&
    JSON.stringify(scope) === JSON.stringify(early.scope)
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
