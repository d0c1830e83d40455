import { describe, expect, it } from 'vitest';
import { findSpans } from '../../../app/viewer/find-spans';
import { text, trace } from '../../renderer/trace-view/span-fixtures';

// checkout ─┬─ charge card (payments; attribute card.brand=Visa)
//           └─ write db    (event "row.inserted"; attribute rows=3)
const stored = trace([
  { id: 'checkout', start: 0, end: 100 },
  {
    id: 'charge card',
    parent: 'checkout',
    start: 1,
    end: 10,
    resource: 1,
    attributes: [text('card.brand', 'Visa')],
  },
  {
    id: 'write db',
    parent: 'checkout',
    start: 20,
    end: 30,
    attributes: [{ key: 'rows', value: { intValue: '3' } }],
    events: [{ name: 'row.inserted', at: 25 }],
  },
]);
const find = (query: string) => findSpans(stored, query);

describe('findSpans', () => {
  it('matches span names case-insensitively', () =>
    expect(find('CHARGE')).toEqual(['charge card']));
  it('matches service names', () => expect(find('payments')).toEqual(['charge card']));
  it('matches attribute keys and values of any type', () => {
    expect(find('card.brand')).toEqual(['charge card']);
    expect(find('visa')).toEqual(['charge card']);
    expect(find('3')).toEqual(['write db']);
  });
  it('matches event names', () => expect(find('inserted')).toEqual(['write db']));
  it('finds nothing for a blank query', () => expect(find('  ')).toEqual([]));
});
