// What the "open trace by id" box was given: a trace id, the first digits of one, or a Spanlight
// link (which also names a span). Spaces and dashes some tools put in ids are ignored.
import { routeOfLink, type TraceRoute } from '../routing/trace-route';

export type TraceLookupInput =
  | { readonly kind: 'empty' }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'link'; readonly route: TraceRoute }
  | { readonly kind: 'invalid'; readonly message: string };

export function parseTraceLookupInput(text: string): TraceLookupInput {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  if (trimmed.includes('#')) {
    const route = routeOfLink(trimmed);
    return route
      ? { kind: 'link', route }
      : { kind: 'invalid', message: 'this link does not lead to a trace (#/trace/<id>)' };
  }
  const digits = trimmed.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digits)) {
    return { kind: 'invalid', message: 'a trace id has only the hex digits 0-9 and a-f' };
  }
  if (digits.length > 32) {
    return { kind: 'invalid', message: `a trace id has 32 hex digits, this has ${digits.length}` };
  }
  return { kind: 'prefix', prefix: digits };
}
