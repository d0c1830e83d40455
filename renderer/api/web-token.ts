// The web host's API token in the page. The host prints the page's address with ?token=…; the
// page keeps the token in sessionStorage (this tab only, gone when it closes) and takes it out of
// the address at once, so it is not in the history, in bookmarks, in later URLs or in a referrer.

export const TOKEN_PARAMETER = 'token';
export const TOKEN_STORAGE_KEY = 'spanlight.apiToken';

/** The parts of window this needs, so tests can pass stand-ins. */
export interface TokenPlace {
  readonly location: Pick<Location, 'href'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The token of the address (then kept, and removed from the address), else the kept one. */
export function takeApiToken(place: TokenPlace): string | undefined {
  const url = new URL(place.location.href);
  const fromAddress = url.searchParams.get(TOKEN_PARAMETER);
  if (fromAddress) {
    try {
      place.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromAddress);
    } catch {
      // Storage refused (a private mode, say): the token then lasts until the page reloads.
    }
    url.searchParams.delete(TOKEN_PARAMETER);
    place.history.replaceState(place.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromAddress;
  }
  try {
    return place.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

// Another tab of this browser opened on a link (Copy link, a bookmark while the host runs) has no
// token in its address or its storage. It asks the open Spanlight tabs of the same origin (this
// launch's host: the port is the launch's) over a BroadcastChannel, which never leaves the browser
// and no other origin can join; a tab that holds the token answers. Nothing goes into a URL.
export const TOKEN_CHANNEL = 'spanlight.apiToken';

type TokenMessage = { readonly kind: 'ask' } | { readonly kind: 'token'; readonly token: string };

/** The part of BroadcastChannel this needs. */
export interface TokenChannel {
  postMessage(message: TokenMessage): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  close(): void;
}

export type OpenTokenChannel = (name: string) => TokenChannel;

const openBroadcastChannel: OpenTokenChannel = (name) =>
  new BroadcastChannel(name) as unknown as TokenChannel;

/** Answers other tabs that ask for the token, for as long as this tab is open. */
export function shareApiToken(
  token: string,
  open: OpenTokenChannel = openBroadcastChannel,
): () => void {
  const channel = open(TOKEN_CHANNEL);
  channel.onmessage = (event) => {
    if ((event.data as Partial<TokenMessage> | null)?.kind === 'ask')
      channel.postMessage({ kind: 'token', token });
  };
  return () => channel.close();
}

/** The token from an open tab that has it, or undefined when none answers within `waitMillis`. */
export function askOpenTabsForApiToken(
  waitMillis: number,
  open: OpenTokenChannel = openBroadcastChannel,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const channel = open(TOKEN_CHANNEL);
    const finish = (token: string | undefined) => {
      clearTimeout(timer);
      channel.close();
      resolve(token);
    };
    const timer = setTimeout(() => finish(undefined), waitMillis);
    channel.onmessage = (event) => {
      const message = event.data as Partial<TokenMessage> | null;
      if (message?.kind === 'token' && typeof message.token === 'string' && message.token !== '')
        finish(message.token);
    };
    channel.postMessage({ kind: 'ask' });
  });
}

/** takeApiToken, else the token of another open tab (then kept for this tab too). */
export async function findApiToken(
  place: TokenPlace,
  waitMillis: number,
  open: OpenTokenChannel = openBroadcastChannel,
): Promise<string | undefined> {
  const own = takeApiToken(place);
  if (own !== undefined) return own;
  const shared = await askOpenTabsForApiToken(waitMillis, open);
  if (shared !== undefined) {
    try {
      place.sessionStorage.setItem(TOKEN_STORAGE_KEY, shared);
    } catch {
      // Storage refused: this tab asks again after a reload.
    }
  }
  return shared;
}
