import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isWebLink, lockDownContents } from '../../../main/electron/window-security';

type Handler = (details: { url: string }) => { action: string };

/** Just the parts of WebContents that lockDownContents uses, recording what it installs. */
function standInContents() {
  const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
  let openHandler: Handler | undefined;
  const contents = {
    on: (name: string, listener: (event: { preventDefault: () => void }) => void) =>
      listeners.set(name, listener),
    setWindowOpenHandler: (handler: Handler) => (openHandler = handler),
  };
  return { contents: contents as unknown as WebContents, listeners, open: () => openHandler! };
}

describe('isWebLink', () => {
  it('accepts http and https only', () => {
    expect(isWebLink('https://opentelemetry.io/docs/')).toBe(true);
    expect(isWebLink('http://localhost:16686/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/x', 'not a url'])
      expect(isWebLink(url)).toBe(false);
  });
});

describe('lockDownContents', () => {
  it('prevents every navigation, redirect and webview', () => {
    const { contents, listeners } = standInContents();
    lockDownContents(contents, vi.fn());
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)!(event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies new windows, handing web links to the browser and nothing else', () => {
    const { contents, open } = standInContents();
    const openExternal = vi.fn(async () => {});
    lockDownContents(contents, openExternal);
    expect(open()({ url: 'https://www.jaegertracing.io/' })).toEqual({ action: 'deny' });
    expect(open()({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.jaegertracing.io/']]);
  });
});
