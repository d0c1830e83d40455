// The one error of talking to a remote source. Its kind says what class of problem it is (the UI
// can pick an icon or an action by it); its message says it in words a user can act on.
import type { SourceFailure, SourceFailureKind } from '../model/sources';

export class SourceError extends Error {
  override name = 'SourceError';
  constructor(
    readonly kind: SourceFailureKind,
    message: string,
  ) {
    super(message);
  }

  toFailure(): SourceFailure {
    return { kind: this.kind, message: this.message };
  }
}

/** `host:port` of a URL, with the scheme's default port written out (users look for the number). */
export function hostAndPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/** A remote source's failure where a command cannot answer one (a viewer command reading a trace
 * it must fetch): its message is the failure's, worded for the user. Hosts answer it as a 502. */
export class SourceFailureError extends Error {
  override name = 'SourceFailureError';
}
