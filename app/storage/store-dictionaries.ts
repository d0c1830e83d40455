// The tables spans refer to by id: resources, scopes, operations and attribute pairs. Resources,
// scopes and operations are few and loaded at start; attribute pairs can be as many as the values
// spans carry, so only a bounded cache of them is in memory and the rest is looked up in the
// database. Ids handed out during a write are forgotten again when its transaction fails.
import { createHash } from 'node:crypto';
import { limitResourceDepth, limitScopeDepth } from '../model/any-value-depth';
import { cutAttributeText, DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB } from '../model/attribute-limit';
import { attributeValueText } from '../model/attribute-text';
import type { OtlpKeyValue, OtlpResource, OtlpScope } from '../model/otlp';
import { OperationTable } from '../search/operation-table';
import { serviceNameOf } from './resource-attributes';
import type { StorageBackend } from './storage-backend';
import { decodeStoredJson, encodeStoredJson } from './stored-json';

/** Pairs kept in memory before the cache starts over (the database keeps them all). */
const PAIR_CACHE_ENTRIES = 200_000;

/** Attribute values longer than this are indexed cut (see indexedValueText). */
const INDEXED_VALUE_LIMIT_KIB = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB;

/**
 * The text an attribute value is indexed by: the value's text, or for one longer than
 * INDEXED_VALUE_LIMIT_KIB its cut text ("… (cut, N KiB)") and a SHA-256 of the whole text, so a
 * filter on the whole value still matches exactly, and no more than about 64 KiB of a value is
 * held in the index (the span's details keep it whole). The limit is fixed, not the setting's: the
 * index is kept in the database, and a filter matches whatever the setting was when spans arrived.
 */
export function indexedValueText(text: string): string {
  const cut = cutAttributeText(text, INDEXED_VALUE_LIMIT_KIB);
  if (cut === text) return text;
  return `${cut} sha256:${createHash('sha256').update(text).digest('hex')}`;
}

interface ResourceEntry {
  readonly resource: OtlpResource;
  readonly service: string;
  /** Pair ids of its attributes, looked up the first time a write needs them. */
  pairIds: readonly number[] | undefined;
}

export class StoreDictionaries {
  readonly operations = new OperationTable();
  private readonly resourceIds = new Map<string, number>();
  private readonly resourceById = new Map<number, ResourceEntry>();
  private readonly resourceByObject = new WeakMap<OtlpResource, number>();
  private readonly scopeIds = new Map<string, number>();
  private readonly scopeById = new Map<number, OtlpScope>();
  private readonly scopeByObject = new WeakMap<OtlpScope, number>();
  private pairIds = new Map<string, Map<string, number>>();
  private pairCount = 0;
  /** Undoes what the current write added, should its transaction fail. */
  private undo: (() => void)[] = [];

  constructor(private backend: StorageBackend) {
    for (const { id, text } of backend.resources()) {
      const resource = decodeStoredJson<OtlpResource>(text);
      this.resourceIds.set(text, id);
      this.resourceById.set(id, { resource, service: serviceNameOf(resource), pairIds: undefined });
    }
    for (const { id, text } of backend.scopes()) {
      this.scopeIds.set(text, id);
      this.scopeById.set(id, decodeStoredJson<OtlpScope>(text));
    }
    for (const { id, service, spanName } of backend.operations())
      this.operations.add(id, service, spanName);
  }

  resource(id: number): OtlpResource | undefined {
    return this.resourceById.get(id)?.resource;
  }

  serviceOf(resourceId: number): string {
    return this.resourceById.get(resourceId)?.service ?? 'unknown_service';
  }

  scope(id: number): OtlpScope | undefined {
    return this.scopeById.get(id);
  }

  /** The pair's id, or undefined when nothing stored has it (for filters). */
  findAttributePair(key: string, value: string): number | undefined {
    const text = indexedValueText(value);
    return this.pairIds.get(key)?.get(text) ?? this.backend.attributePairId(key, text);
  }

  // Everything below writes: call it only inside a transaction, then commit() or rollback().

  resourceId(given: OtlpResource): number {
    const known = this.resourceByObject.get(given);
    if (known !== undefined) return known;
    // Values deeper than MAX_VALUE_DEPTH are kept cut: JSON.stringify must not meet them.
    const resource = limitResourceDepth(given);
    const body = encodeStoredJson(resource);
    let id = this.resourceIds.get(body);
    if (id === undefined) {
      const newId = this.backend.insertResource(body);
      id = newId;
      this.resourceIds.set(body, newId);
      this.resourceById.set(newId, {
        resource,
        service: serviceNameOf(resource),
        pairIds: undefined,
      });
      this.undo.push(() => {
        this.resourceIds.delete(body);
        this.resourceById.delete(newId);
      });
    }
    this.resourceByObject.set(given, id);
    this.undo.push(() => this.resourceByObject.delete(given));
    return id;
  }

  scopeId(given: OtlpScope): number {
    const known = this.scopeByObject.get(given);
    if (known !== undefined) return known;
    const scope = limitScopeDepth(given);
    const body = encodeStoredJson(scope);
    let id = this.scopeIds.get(body);
    if (id === undefined) {
      const newId = this.backend.insertScope(body);
      id = newId;
      this.scopeIds.set(body, newId);
      this.scopeById.set(newId, scope);
      this.undo.push(() => {
        this.scopeIds.delete(body);
        this.scopeById.delete(newId);
      });
    }
    this.scopeByObject.set(given, id);
    this.undo.push(() => this.scopeByObject.delete(given));
    return id;
  }

  operationId(service: string, spanName: string): number {
    const known = this.operations.find(service, spanName);
    if (known !== undefined) return known;
    const id = this.backend.insertOperation(service, spanName);
    this.operations.add(id, service, spanName);
    this.undo.push(() => this.operations.remove(id));
    return id;
  }

  /** Pair ids of the resource's attributes. */
  resourcePairIds(resourceId: number): readonly number[] {
    const entry = this.resourceById.get(resourceId);
    if (!entry) return [];
    if (!entry.pairIds) {
      const ids: number[] = [];
      this.addPairIds(entry.resource.attributes, ids);
      entry.pairIds = ids;
      this.undo.push(() => (entry.pairIds = undefined));
    }
    return entry.pairIds;
  }

  /** Appends the pair id of each attribute (key and value as text) to `into`. */
  addPairIds(attributes: readonly OtlpKeyValue[] | undefined, into: number[]): void {
    if (!attributes) return;
    for (const attribute of attributes)
      into.push(this.pairId(attribute.key, indexedValueText(attributeValueText(attribute.value))));
  }

  private pairId(key: string, value: string): number {
    let values = this.pairIds.get(key);
    const cached = values?.get(value);
    if (cached !== undefined) return cached;
    let id = this.backend.attributePairId(key, value);
    if (id === undefined) {
      const newId = this.backend.insertAttributePair(key, value);
      id = newId;
      // Forget the new pair should the write fail (a rolled-back id may be handed out again).
      this.undo.push(() => this.pairIds.get(key)?.delete(value));
    }
    if (this.pairCount >= PAIR_CACHE_ENTRIES) {
      this.pairIds = new Map();
      this.pairCount = 0;
      values = undefined;
    }
    if (!values) this.pairIds.set(key, (values = new Map()));
    values.set(value, id);
    this.pairCount += 1;
    return id;
  }

  /** Writes (and looks up pairs) through another backend from now on (see spill-backend.ts). */
  useBackend(backend: StorageBackend): void {
    this.backend = backend;
  }

  /** Forgets a pair deleted from the database (no stored trace has it any more). */
  forgetPair(key: string, value: string): void {
    if (this.pairIds.get(key)?.delete(value)) this.pairCount -= 1;
  }

  /** Resources hold their pairs' ids: after pairs were deleted they are looked up again. */
  forgetResourcePairs(): void {
    for (const entry of this.resourceById.values()) entry.pairIds = undefined;
  }

  commit(): void {
    this.undo = [];
  }

  rollback(): void {
    for (const step of this.undo.reverse()) step();
    this.undo = [];
  }
}
