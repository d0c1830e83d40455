// The bundled renderer is served from app://spanlight/ rather than file:// (Electron's security
// checklist: file:// pages get privileges no web page has; with none loaded from file://, the
// GrantFileProtocolExtraPrivileges fuse is off). Only files inside the renderer folder are served.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';

const SCHEME = 'app';
const HOST = 'spanlight';

/** The page the window loads; the IPC sender check trusts only this page. */
export const rendererUrl = `${SCHEME}://${HOST}/index.html`;

/** The file an app:// URL names inside `rootDir`, or undefined for anything else. */
export function rendererFileForUrl(url: string, rootDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${SCHEME}:` || parsed.host !== HOST) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return undefined;
  }
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  return file;
}

/** Before app ready: app:// behaves like https (an origin for 'self' in the CSP, fetch works). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer's files on app://spanlight/ in `session`. */
export function serveRenderer(session: Session, rootDir: string): void {
  session.protocol.handle(SCHEME, (request) => {
    const file = rendererFileForUrl(request.url, rootDir);
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
}
