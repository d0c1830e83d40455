// The store moved to app/storage/ (the store seam and its SQLite implementation). IncomingSpan is
// still exported here for the ingest paths that import it from this path.
export type { IncomingSpan } from '../storage/incoming-span';
