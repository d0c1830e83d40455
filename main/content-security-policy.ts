/** The renderer's Content-Security-Policy: only its own scripts, styles and API; nothing remote. */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For index.html's <meta> tag (Electron loads the file, so there is no response header). */
export const META_CONTENT_SECURITY_POLICY = directives.join('; ');

/** For HTTP responses; frame-ancestors works only as a header. */
export const CONTENT_SECURITY_POLICY = [...directives, "frame-ancestors 'none'"].join('; ');
