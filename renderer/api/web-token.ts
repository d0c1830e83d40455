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
