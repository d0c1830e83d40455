// A request named something that is not there (a trace, a span): hosts answer it as "not found"
// (HTTP 404), not as a failure of the app.
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
