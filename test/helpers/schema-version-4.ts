// Trace databases as schema version 4 wrote them, for migration tests: a database written now is
// taken back to version 4's attribute pairs, a table of (key, value text) rows whose int32 ids the
// chunks' new_pairs held, as they were before version 5 named a pair by its hash.
import type { DatabaseSync } from 'node:sqlite';
import { attributeValueText } from '../../app/model/attribute-text';
import type { TraceDetail } from '../../app/model/trace';
import { hashAttributePair, indexedValueText } from '../../app/storage/attribute-pair-id';
import { int32Bytes, pairIdsOf } from '../../app/storage/span-chunk';

/** The attribute pairs a trace's spans and resources carry, as indexed: (key, value text). */
export function pairsOfTrace(trace: TraceDetail): [string, string][] {
  const pairs: [string, string][] = [];
  const attributes = [
    ...trace.resources.flatMap((resource) => resource.attributes ?? []),
    ...trace.spans.flatMap((span) => span.attributes ?? []),
  ];
  for (const { key, value } of attributes)
    pairs.push([key, indexedValueText(attributeValueText(value))]);
  return pairs;
}

/**
 * Rewrites the chunks' pair hashes into ids of an attribute_pairs table (version 1's), numbered in
 * the order chunks first name them as version 4 numbered them, and sets the version to 4. Every
 * hash must be one of `pairs`' (a test names all the pairs its spans carry).
 */
export function downgradeToVersion4(
  db: DatabaseSync,
  pairs: Iterable<readonly [string, string]>,
): void {
  const byHash = new Map<number, readonly [string, string]>();
  for (const pair of pairs) byHash.set(hashAttributePair(pair[0], pair[1]), pair);
  db.exec(`CREATE TABLE attribute_pairs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (key, value)
  )`);
  const insert = db.prepare('INSERT INTO attribute_pairs (key, value) VALUES (?, ?)');
  const update = db.prepare('UPDATE span_chunks SET new_pairs = ? WHERE id = ?');
  const ids = new Map<number, number>();
  const chunks = db
    .prepare('SELECT id, new_pairs FROM span_chunks WHERE new_pairs IS NOT NULL ORDER BY id')
    .all() as unknown as { id: number; new_pairs: Uint8Array }[];
  for (const chunk of chunks) {
    const chunkIds = [...pairIdsOf(chunk.new_pairs)].map((hash) => {
      let id = ids.get(hash);
      if (id === undefined) {
        const pair = byHash.get(hash);
        if (!pair) throw new Error(`no pair given for the hash ${hash}`);
        id = Number(insert.run(pair[0], pair[1]).lastInsertRowid);
        ids.set(hash, id);
      }
      return id;
    });
    update.run(int32Bytes(chunkIds), chunk.id);
  }
  db.exec('PRAGMA user_version = 4');
}
