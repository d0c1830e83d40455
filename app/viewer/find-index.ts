// Find in trace over a big trace without reading it for every query: each span's findable text
// (name, service, attribute keys and values, event names), lowercased once, kept as one string per
// stored chunk with the spans' offsets. A query is then indexOf over those strings, not a walk over
// span objects: about 120 bytes per span of the synthetic trace, searched in tens of milliseconds
// at 1,000,000 spans. It answers exactly what findSpans (find-spans.ts) answers over the same spans.
import type { OtlpKeyValue } from '../model/otlp';
import { attributeValueText } from '../model/attribute-text';

/** What Find in trace looks at in one span. */
export interface FindableSpan {
  readonly spanId: string;
  readonly name: string;
  readonly service: string;
  readonly attributes: readonly OtlpKeyValue[] | undefined;
  readonly eventNames: readonly string[];
}

// Between fields and after each span. A needle with either could match across fields, so such a
// needle is not answered here (the caller falls back to findSpans over the trace).
const FIELD = '\u0000';
const SPAN = '\u0001';
/** Spans per piece of text: small pieces keep appending cheap and no string near V8's limit. */
const PIECE_SPANS = 4096;

interface Piece {
  /** Every span's fields, lowercased, FIELD between fields and SPAN after the span. */
  readonly text: string;
  /** Where each span's text starts in `text`, and the text's length after the last. */
  readonly starts: Uint32Array;
  /** The spans' ids: joined when all have 16 characters (as OTLP's hex ids do), else a list. */
  readonly spanIds: string | readonly string[];
}

const ID_LENGTH = 16;

function joinedIds(ids: readonly string[]): string | readonly string[] {
  return ids.every((id) => id.length === ID_LENGTH) ? ids.join('') : ids;
}

function idAt(ids: string | readonly string[], span: number): string {
  return typeof ids === 'string' ? ids.slice(span * ID_LENGTH, (span + 1) * ID_LENGTH) : ids[span]!;
}

function idCount(ids: string | readonly string[]): number {
  return typeof ids === 'string' ? ids.length / ID_LENGTH : ids.length;
}

function spanText(span: FindableSpan): string {
  let text = span.name + FIELD + span.service;
  if (span.attributes)
    for (const { key, value } of span.attributes)
      text += FIELD + key + FIELD + attributeValueText(value);
  for (const name of span.eventNames) text += FIELD + name;
  return text.toLowerCase() + SPAN;
}

export class TraceFindIndex {
  private readonly pieces: Piece[] = [];
  private pendingTexts: string[] = [];
  private pendingIds: string[] = [];
  private count = 0;
  private textBytes = 0;

  /** How many spans the index holds. */
  get spanCount(): number {
    return this.count;
  }

  /** About how many bytes the index holds (two per character, as the worst case). */
  get bytes(): number {
    return this.textBytes * 2 + this.count * 40;
  }

  /** Appends spans, in the trace's order. */
  add(spans: Iterable<FindableSpan>): void {
    this.reopenLastPiece();
    for (const span of spans) {
      this.pendingTexts.push(spanText(span));
      this.pendingIds.push(span.spanId);
      this.count++;
      if (this.pendingIds.length === PIECE_SPANS) this.seal();
    }
    this.seal();
  }

  /** Takes a last piece that is not full back, so spans added a few at a time keep pieces few. */
  private reopenLastPiece(): void {
    const last = this.pieces.at(-1);
    const count = last ? idCount(last.spanIds) : PIECE_SPANS;
    if (!last || count >= PIECE_SPANS) return;
    this.pieces.pop();
    for (let i = 0; i < count; i++) {
      this.pendingTexts.push(last.text.slice(last.starts[i], last.starts[i + 1]));
      this.pendingIds.push(idAt(last.spanIds, i));
    }
    this.textBytes -= last.text.length;
  }

  private seal(): void {
    if (this.pendingIds.length === 0) return;
    const starts = new Uint32Array(this.pendingTexts.length + 1);
    let at = 0;
    this.pendingTexts.forEach((text, i) => {
      starts[i] = at;
      at += text.length;
    });
    starts[this.pendingTexts.length] = at;
    this.pieces.push({
      text: this.pendingTexts.join(''),
      starts,
      spanIds: joinedIds(this.pendingIds),
    });
    this.textBytes += at;
    this.pendingTexts = [];
    this.pendingIds = [];
  }

  /**
   * Ids of the spans whose name, service, attribute keys or values or event names contain the
   * query (trimmed, case-insensitive), in the order added; undefined when the query holds a
   * character the index uses to separate fields.
   */
  find(query: string): string[] | undefined {
    return this.findWithIndexes(query)?.spanIds;
  }

  /** The same, with each match's place among the spans added (0 for the first added). */
  findWithIndexes(query: string): { spanIds: string[]; spanIndexes: number[] } | undefined {
    const needle = query.trim().toLowerCase();
    if (!needle) return { spanIds: [], spanIndexes: [] };
    if (needle.includes(FIELD) || needle.includes(SPAN)) return undefined;
    const spanIds: string[] = [];
    const spanIndexes: number[] = [];
    let first = 0;
    for (const { text, starts, spanIds: ids } of this.pieces) {
      let from = text.indexOf(needle);
      while (from >= 0) {
        const span = spanAt(starts, from);
        spanIds.push(idAt(ids, span));
        spanIndexes.push(first + span);
        from = text.indexOf(needle, starts[span + 1]!);
      }
      first += idCount(ids);
    }
    return { spanIds, spanIndexes };
  }
}

/** The span whose text holds offset `at`: the last start at or before it. */
function spanAt(starts: Uint32Array, at: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}
