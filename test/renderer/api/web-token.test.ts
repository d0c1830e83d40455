import { describe, expect, it, vi } from 'vitest';
import {
  findApiToken,
  shareApiToken,
  takeApiToken,
  TOKEN_STORAGE_KEY,
  type OpenTokenChannel,
  type TokenChannel,
  type TokenPlace,
} from '../../../renderer/api/web-token';

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

/** BroadcastChannels of one origin, as a browser has them: a message reaches the others. */
function channels() {
  const open = new Set<TokenChannel>();
  const openChannel: OpenTokenChannel = () => {
    const channel: TokenChannel = {
      onmessage: null,
      postMessage: (message) =>
        queueMicrotask(() => {
          for (const other of open)
            if (other !== channel) other.onmessage?.({ data: message } as MessageEvent<unknown>);
        }),
      close: () => void open.delete(channel),
    };
    open.add(channel);
    return channel;
  };
  return { openChannel, open };
}

describe('findApiToken', () => {
  it('gets the token from another open tab when its own address and storage have none', async () => {
    const { openChannel, open } = channels();
    const stopSharing = shareApiToken('from-the-other-tab', openChannel);
    const { stand, storage, replaced } = place('http://127.0.0.1:8080/#/trace/abc');
    expect(await findApiToken(stand, 1000, openChannel)).toBe('from-the-other-tab');
    // Kept for this tab; the address (the link) is left as it is.
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('from-the-other-tab');
    expect(replaced).toEqual([]);
    stopSharing();
    expect(open.size).toBe(0);
  });

  it('has none when no open tab answers in time', async () => {
    const { openChannel, open } = channels();
    const { stand } = place('http://127.0.0.1:8080/');
    expect(await findApiToken(stand, 20, openChannel)).toBeUndefined();
    expect(open.size).toBe(0);
  });

  it('asks nobody when the address has the token', async () => {
    const { openChannel } = channels();
    const ask = vi.fn(openChannel);
    const { stand } = place('http://127.0.0.1:8080/?token=abc123');
    expect(await findApiToken(stand, 1000, ask)).toBe('abc123');
    expect(ask).not.toHaveBeenCalled();
  });

  it('answers only asks, not other messages on the channel', async () => {
    const { openChannel } = channels();
    shareApiToken('secret-token-value', openChannel);
    const listener = openChannel('x');
    const heard: unknown[] = [];
    listener.onmessage = (event) => heard.push(event.data);
    listener.postMessage({ kind: 'token', token: 'other' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual([]);
    listener.postMessage({ kind: 'ask' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual([{ kind: 'token', token: 'secret-token-value' }]);
  });
});
