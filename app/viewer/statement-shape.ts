// A database statement without its values, so that `SELECT * FROM items WHERE id = 17` and
// `… id = 18` read as the same query: the waterfall folds runs of such siblings (the N+1 pattern).
import type { OtlpKeyValue } from '../model/otlp';

const MAX_SHAPE_LENGTH = 400;

/** The span's statement: db.query.text (current semantic conventions), else db.statement (older). */
export function statementOf(attributes: readonly OtlpKeyValue[] | undefined): string | undefined {
  if (!attributes) return undefined;
  let older: string | undefined;
  for (const { key, value } of attributes) {
    if (key === 'db.query.text' && typeof value?.stringValue === 'string') return value.stringValue;
    if (key === 'db.statement' && typeof value?.stringValue === 'string') older = value.stringValue;
  }
  return older;
}

/**
 * String and number literals and bind parameters become `?`, a list of them `(?)`, and runs of
 * white space one space. Identifiers stay, quoted or not (`"user1"`, `table2`).
 */
export function statementShape(statement: string): string {
  const shape = statement
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w"])/gi, '?')
    .replace(/\$\d+|(?<![:\w]):[A-Za-z_]\w*|@[A-Za-z_]\w*/g, '?')
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '(?)')
    .replace(/\s+/g, ' ')
    .trim();
  return shape.length > MAX_SHAPE_LENGTH ? `${shape.slice(0, MAX_SHAPE_LENGTH)}…` : shape;
}
