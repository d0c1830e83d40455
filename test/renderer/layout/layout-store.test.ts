import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLayoutStore,
  defaultLayout,
  LAYOUT_STORAGE_KEY,
  readLayout,
} from '../../../renderer/layout/layout-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('readLayout', () => {
  const fallback = defaultLayout(1600);

  it('takes each stored field that is valid and the default for the rest', () => {
    expect(
      readLayout(
        JSON.stringify({ listWidth: 500, detailsPosition: 'right', nameColumnWidth: -3 }),
        fallback,
      ),
    ).toEqual({ ...fallback, listWidth: 500, detailsPosition: 'right' });
  });

  it('falls back to the default for text that is not a layout', () => {
    expect(readLayout('{broken', fallback)).toEqual(fallback);
    expect(readLayout('null', fallback)).toEqual(fallback);
    expect(readLayout(null, fallback)).toEqual(fallback);
  });
});

describe('createLayoutStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts from this window’s layout, else the last one any window saved', () => {
    const local = memoryStorage({ [LAYOUT_STORAGE_KEY]: JSON.stringify({ listWidth: 410 }) });
    const session = memoryStorage({ [LAYOUT_STORAGE_KEY]: JSON.stringify({ listWidth: 620 }) });
    expect(createLayoutStore(1600, { session, local }).getState().listWidth).toBe(620);
    expect(createLayoutStore(1600, { session: memoryStorage(), local }).getState().listWidth).toBe(
      410,
    );
  });

  it('writes a change to both storages once it rests', () => {
    const session = memoryStorage();
    const local = memoryStorage();
    const store = createLayoutStore(1024, { session, local });
    store.setState({ detailsPosition: 'right' });
    store.setState({ detailsWidth: 444 });
    expect(session.items.size).toBe(0);
    vi.advanceTimersByTime(200);
    for (const where of [session, local]) {
      expect(JSON.parse(where.items.get(LAYOUT_STORAGE_KEY)!)).toMatchObject({
        detailsPosition: 'right',
        detailsWidth: 444,
      });
    }
  });

  it('keeps working when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const store = createLayoutStore(1024, { session: broken, local: broken });
    store.setState({ listWidth: 333 });
    vi.advanceTimersByTime(200);
    expect(store.getState().listWidth).toBe(333);
  });
});
