// The Electron security checklist items that apply per window and per session.
import type { Session, WebContents } from 'electron';

/** Only web links leave the app, and only in the user's browser; file:, javascript: etc. never do. */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * No navigation away from the bundled UI and no new windows. A web link the user opens in a new
 * window (target=_blank) goes to the default browser instead, through `openExternal`.
 */
export function lockDownContents(
  contents: WebContents,
  openExternal: (url: string) => Promise<void>,
): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) {
      openExternal(url).catch((error: unknown) =>
        console.error(`Spanlight could not open ${url}:`, error),
      );
    }
    return { action: 'deny' };
  });
}

/** The UI needs no camera, notifications or any other permission. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
