import { describe, expect, it } from 'vitest';
import { statementOf, statementShape } from '../../../app/viewer/statement-shape';

describe('statementShape', () => {
  it('replaces string and number literals and bind parameters, keeping identifiers', () => {
    expect(statementShape("SELECT name FROM users2 WHERE id = 42 AND tier = 'gold''s'")).toBe(
      'SELECT name FROM users2 WHERE id = ? AND tier = ?',
    );
    expect(statementShape('UPDATE "t1" SET a = $1, b = :name, c = @p WHERE x = -3.5e2')).toBe(
      'UPDATE "t1" SET a = ?, b = ?, c = ? WHERE x = ?',
    );
  });

  it('folds a list of values and white space, so IN lists of any length read the same', () => {
    expect(statementShape('SELECT *\n  FROM items WHERE id IN (1, 2,3)')).toBe(
      statementShape('SELECT * FROM items WHERE id IN (7)'),
    );
  });
});

describe('statementOf', () => {
  const text = (key: string, value: string) => ({ key, value: { stringValue: value } });
  it('prefers db.query.text to the older db.statement', () => {
    expect(statementOf([text('db.statement', 'old'), text('db.query.text', 'new')])).toBe('new');
    expect(statementOf([text('db.statement', 'old')])).toBe('old');
    expect(statementOf([text('db.system.name', 'pg')])).toBeUndefined();
    expect(statementOf(undefined)).toBeUndefined();
  });
});
