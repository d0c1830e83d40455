// How deep an attribute value may nest (arrays and key-value lists inside each other). Readers stop
// there, so a hostile value can neither overflow the stack nor slow down whatever shows it later.

/** Levels of AnyValue kept: a span attribute's value is level 1. */
export const MAX_VALUE_DEPTH = 64;

/** What stands in for the part of a value below MAX_VALUE_DEPTH. */
export const CUT_VALUE_TEXT = `… (cut: nested deeper than ${MAX_VALUE_DEPTH} levels)`;

/** The message for a span (or resource, scope) one of whose values was cut. */
export function cutValueProblem(where: string, cuts: number): string {
  return `${where}: ${cuts === 1 ? 'a value' : `${cuts} values`} nested deeper than ${MAX_VALUE_DEPTH} levels ${cuts === 1 ? 'was' : 'were'} cut (shown as "…")`;
}
