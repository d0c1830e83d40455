// The span-name filter's matching rule, in one pure module that every side calls: the core's trace
// filter (whatever store is behind it), the contract validation and the renderer's filter bar (to
// say at once what is wrong with a pattern). Plain text matches names that contain it, ignoring
// letter case; `/regex/` matches as written and `/regex/i` ignoring case.

export type NamePattern =
  | { readonly kind: 'substring'; /** Lowercased. */ readonly text: string }
  | { readonly kind: 'regex'; readonly source: string; readonly ignoreCase: boolean };

export type ParsedNamePattern =
  | { readonly ok: true; readonly pattern: NamePattern }
  | { readonly ok: false; readonly message: string };

/** Longer patterns are refused: a filter is typed by a person, not generated. */
export const MAX_PATTERN_LENGTH = 500;

// Only `/…/` and `/…/i`: a route such as `/api/users` stays plain text (its "flags" aren't flags).
const REGEX_FORM = /^\/(.+)\/(i?)$/s;

/** Reads what the user typed; text that is not in the /regex/ form is a substring. */
export function parseNamePattern(input: string): ParsedNamePattern {
  if (input.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `a name pattern is at most ${MAX_PATTERN_LENGTH} characters` };
  }
  const form = REGEX_FORM.exec(input);
  if (!form) return { ok: true, pattern: { kind: 'substring', text: input.toLowerCase() } };
  const source = form[1]!;
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return { ok: false, message: `not a valid regular expression: ${(error as Error).message}` };
  }
  if (hasNestedRepetition(source)) {
    return {
      ok: false,
      message: 'a repetition inside a repetition, like (a+)+, can take forever: simplify it',
    };
  }
  return { ok: true, pattern: { kind: 'regex', source, ignoreCase: form[2] === 'i' } };
}

/** A name test for a parsed pattern. Results are remembered per name: span names repeat a lot. */
export function compileNameMatcher(pattern: NamePattern): (name: string) => boolean {
  if (pattern.kind === 'substring') {
    const { text } = pattern;
    if (text === '') return () => true;
    return (name) => name.toLowerCase().includes(text);
  }
  const regex = new RegExp(pattern.source, pattern.ignoreCase ? 'iu' : 'u');
  const known = new Map<string, boolean>();
  return (name) => {
    let result = known.get(name);
    if (result === undefined) {
      result = regex.test(name);
      if (known.size < 100_000) known.set(name, result);
    }
    return result;
  };
}

/** The matcher for what the user typed; throws (with the reason) when it does not parse. */
export function nameMatcher(input: string): (name: string) => boolean {
  const parsed = parseNamePattern(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return compileNameMatcher(parsed.pattern);
}

/** A pattern that matches exactly `name`: the plain name unless another known name contains it. */
export function exactNamePattern(name: string, knownNames: readonly string[]): string {
  const lower = name.toLowerCase();
  const ambiguous = knownNames.some(
    (other) => other !== name && other.toLowerCase().includes(lower),
  );
  if (!ambiguous && !REGEX_FORM.test(name)) return name;
  return `/^${name.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}$/`;
}

/**
 * True when a repeated group itself contains a repetition — (a+)+, (a*b)*, ((x+)){2,} — the shape
 * behind catastrophic backtracking. The filter runs in the core, so one such pattern would freeze it.
 */
function hasNestedRepetition(source: string): boolean {
  // Per open group: does it contain a quantifier?
  const groups: boolean[] = [false];
  let closedGroupRepeats = false;
  let afterGroup = false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i += 1;
      afterGroup = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      afterGroup = false;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      afterGroup = false;
      continue;
    }
    if (c === ')') {
      closedGroupRepeats = groups.pop() ?? false;
      if (closedGroupRepeats) groups[groups.length - 1] = true;
      afterGroup = true;
      continue;
    }
    const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) : null;
    if (c === '*' || c === '+' || c === '?' || braces) {
      const repeats =
        c === '*' ||
        c === '+' ||
        (braces !== null &&
          (braces[2] === undefined
            ? Number(braces[1]) > 1
            : braces[3] !== '1' && braces[3] !== '0'));
      if (afterGroup && closedGroupRepeats && repeats) return true;
      groups[groups.length - 1] = true;
      if (braces) i += braces[0].length - 1;
      // A `?` right after a quantifier only makes it lazy.
      if (source[i + 1] === '?') i += 1;
      afterGroup = false;
      continue;
    }
    afterGroup = false;
  }
  return false;
}
