// The tables spans refer to by id: resources, scopes, operations and attribute pairs. Resources,
// scopes and operations are few and loaded at start; attribute pairs can be as many as the values
// spans carry, so only a bounded cache of them is in memory and the rest is looked up in the
// database. Ids handed out during a write are forgotten again when its transaction fails.
import { attributeValueText } from '../model/attribute-text';
import type { OtlpKeyValue, OtlpResource, OtlpScope } from '../model/otlp';
import { OperationTable } from '../search/operation-table';
import { serviceNameOf } from './resource-attributes';
import type { StorageBackend } from './storage-backend';
import { decodeStoredJson, encodeStoredJson } from './stored-json';

/** Pairs kept in memory before the cache starts over (the database keeps them all). */
const PAIR_CACHE_ENTRIES = 200_000;

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

  constructor(private readonly backend: StorageBackend) {
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
    return this.pairIds.get(key)?.get(value) ?? this.backend.attributePairId(key, value);
  }

  // Everything below writes: call it only inside a transaction, then commit() or rollback().

  resourceId(resource: OtlpResource): number {
    const known = this.resourceByObject.get(resource);
    if (known !== undefined) return known;
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
    this.resourceByObject.set(resource, id);
    this.undo.push(() => this.resourceByObject.delete(resource));
    return id;
  }

  scopeId(scope: OtlpScope): number {
    const known = this.scopeByObject.get(scope);
    if (known !== undefined) return known;
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
    this.scopeByObject.set(scope, id);
    this.undo.push(() => this.scopeByObject.delete(scope));
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
      into.push(this.pairId(attribute.key, attributeValueText(attribute.value)));
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

  commit(): void {
    this.undo = [];
  }

  rollback(): void {
    for (const step of this.undo.reverse()) step();
    this.undo = [];
  }
}
