// The tables spans refer to by id: resources, scopes and operations, few and loaded at start.
// Attribute pairs need no table: their ids are hashes of the pairs (attribute-pair-id.ts).
// Ids handed out during a write are forgotten again when its transaction fails.
import { limitResourceDepth, limitScopeDepth } from '../model/any-value-depth';
import { attributeValueText } from '../model/attribute-text';
import type { OtlpKeyValue, OtlpResource, OtlpScope } from '../model/otlp';
import { OperationTable } from '../search/operation-table';
import { attributePairId } from './attribute-pair-id';
import { serviceNameOf } from './resource-attributes';
import type { StorageBackend } from './storage-backend';
import { decodeStoredJson, encodeStoredJson } from './stored-json';

interface ResourceEntry {
  readonly resource: OtlpResource;
  readonly service: string;
  /** Pair ids of its attributes, computed the first time a write needs them. */
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
    }
    return entry.pairIds;
  }

  /** Appends the pair id of each attribute (key and value as text) to `into`. */
  addPairIds(attributes: readonly OtlpKeyValue[] | undefined, into: number[]): void {
    if (!attributes) return;
    for (const attribute of attributes)
      into.push(attributePairId(attribute.key, attributeValueText(attribute.value)));
  }

  /** Writes through another backend from now on (see spill-backend.ts). */
  useBackend(backend: StorageBackend): void {
    this.backend = backend;
  }

  commit(): void {
    this.undo = [];
  }

  rollback(): void {
    for (const step of this.undo.reverse()) step();
    this.undo = [];
  }
}
