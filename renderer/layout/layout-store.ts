// Where the panes' borders are: the trace list's width, the details' place (below or beside the
// waterfall) and size, the waterfall's name column. Remembered per window (sessionStorage, which
// lives as long as the window or tab) and as the default for new windows (localStorage).
import { createStore } from 'zustand/vanilla';

export type DetailsPosition = 'bottom' | 'right';

export interface Layout {
  readonly listWidth: number;
  readonly detailsPosition: DetailsPosition;
  readonly detailsHeight: number;
  readonly detailsWidth: number;
  readonly nameColumnWidth: number;
}

export const LAYOUT_STORAGE_KEY = 'spanlight.layout.v1';

/** The least room each pane keeps, so a splitter can never hide one. */
export const LIMITS = {
  listMin: 300,
  tracePaneMin: 420,
  detailsMin: 120,
  timelineMin: 260,
  nameColumnMin: 120,
  nameColumnMax: 900,
} as const;

/** The trace pane keeps at least this much by default (the waterfall needs the room). */
const DEFAULT_TRACE_PANE = 560;

export function defaultLayout(windowWidth: number): Layout {
  const list = Math.min(720, windowWidth * 0.52, windowWidth - DEFAULT_TRACE_PANE);
  return {
    listWidth: Math.round(Math.max(LIMITS.listMin, list)),
    detailsPosition: 'bottom',
    detailsHeight: 280,
    detailsWidth: 380,
    nameColumnWidth: windowWidth < 1300 ? 240 : 300,
  };
}

/** A stored layout, field by field: anything missing or malformed takes the default. */
export function readLayout(text: string | null, fallback: Layout): Layout {
  if (!text) return fallback;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (typeof stored !== 'object' || stored === null) return fallback;
  const record = stored as Record<string, unknown>;
  const size = (key: keyof Layout) => {
    const value = record[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0
      ? Math.round(value)
      : (fallback[key] as number);
  };
  return {
    listWidth: size('listWidth'),
    detailsPosition:
      record.detailsPosition === 'right' || record.detailsPosition === 'bottom'
        ? record.detailsPosition
        : fallback.detailsPosition,
    detailsHeight: size('detailsHeight'),
    detailsWidth: size('detailsWidth'),
    nameColumnWidth: size('nameColumnWidth'),
  };
}

interface LayoutStorage {
  readonly session: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly local: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

function browserStorage(): LayoutStorage {
  // Storage can be switched off (or throw on access in some privacy modes): then nothing is kept.
  const get = (name: 'sessionStorage' | 'localStorage') => {
    try {
      return globalThis[name];
    } catch {
      return undefined;
    }
  };
  return { session: get('sessionStorage'), local: get('localStorage') };
}

export function createLayoutStore(windowWidth: number, storage = browserStorage()) {
  const fallback = defaultLayout(windowWidth);
  const read = (where: LayoutStorage['session']) => {
    try {
      return where?.getItem(LAYOUT_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  };
  const initial = readLayout(read(storage.session) ?? read(storage.local), fallback);
  const store = createStore<Layout>()(() => initial);
  let timer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((layout) => {
    clearTimeout(timer);
    // A drag changes the layout every frame; it is written once the pointer rests.
    timer = setTimeout(() => {
      const text = JSON.stringify(layout);
      for (const where of [storage.session, storage.local]) {
        try {
          where?.setItem(LAYOUT_STORAGE_KEY, text);
        } catch {
          // Full or switched-off storage: the layout just isn't remembered.
        }
      }
    }, 150);
  });
  return store;
}

export type LayoutStore = ReturnType<typeof createLayoutStore>;
