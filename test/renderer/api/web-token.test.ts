import { describe, expect, it } from 'vitest';
import { takeApiToken, TOKEN_STORAGE_KEY, type TokenPlace } from '../../../renderer/api/web-token';

function place(href: string, stored?: string) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const stand: TokenPlace = {
    location: { href },
    history: {
      state: null,
      replaceState: (_state, _title, url) => void replaced.push(String(url)),
    },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
  };
  return { stand, storage, replaced };
}

describe('takeApiToken', () => {
  it('takes the token out of the address at once and keeps it for the tab', () => {
    const { stand, storage, replaced } = place('http://127.0.0.1:8080/?token=abc123&x=1#top');
    expect(takeApiToken(stand)).toBe('abc123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1#top']);
  });

  it('uses the kept token after a reload, and leaves the address alone', () => {
    const { stand, replaced } = place('http://127.0.0.1:8080/', 'kept');
    expect(takeApiToken(stand)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has none when neither the address nor the tab holds one', () => {
    expect(takeApiToken(place('http://127.0.0.1:8080/').stand)).toBeUndefined();
  });
});
