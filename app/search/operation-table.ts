// (service, span name) pairs interned as small numbers, so per-span facts fit typed arrays. The
// store gives each operation its id (ids are kept in the database); this table only looks them up.
export class OperationTable {
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly byService = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  readonly services: string[] = [];
  readonly spanNames: string[] = [];

  add(id: number, service: string, spanName: string): void {
    let names = this.ids.get(service);
    if (!names) this.ids.set(service, (names = new Map()));
    names.set(spanName, id);
    this.services[id] = service;
    this.spanNames[id] = spanName;
    push(this.byService, service, id);
    push(this.byName, spanName, id);
  }

  remove(id: number): void {
    const service = this.services[id];
    const spanName = this.spanNames[id];
    if (service === undefined || spanName === undefined) return;
    this.ids.get(service)?.delete(spanName);
    drop(this.byService, service, id);
    drop(this.byName, spanName, id);
    delete this.services[id];
    delete this.spanNames[id];
  }

  find(service: string, spanName: string): number | undefined {
    return this.ids.get(service)?.get(spanName);
  }

  /** Every operation of the service. */
  ofService(service: string): readonly number[] {
    return this.byService.get(service) ?? [];
  }

  /** Every operation with this span name, whatever its service. */
  named(spanName: string): readonly number[] {
    return this.byName.get(spanName) ?? [];
  }

  /** Every operation whose span name passes the test, whatever its service. */
  namedLike(matches: (spanName: string) => boolean): readonly number[] {
    const ids: number[] = [];
    for (const [spanName, list] of this.byName) if (matches(spanName)) ids.push(...list);
    return ids;
  }
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function drop(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key)?.filter((other) => other !== id);
  if (list && list.length > 0) map.set(key, list);
  else map.delete(key);
}
