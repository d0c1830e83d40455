// Attribute values nest (lists of lists, maps of maps) as deep as a file or a sender likes; every
// walk over them is iterative or stops at MAX_VALUE_DEPTH, so no value can overflow the stack.
// JSON.stringify and structured cloning recurse, so a value goes through limitAnyValueDepth before
// either sees it.
import type { OtlpAnyValue, OtlpKeyValue, OtlpResource, OtlpScope, OtlpSpan } from './otlp';

/** Levels of an attribute value that are kept; the top-level value is level 1. */
export const MAX_VALUE_DEPTH = 64;

/** What stands for the parts of a value deeper than MAX_VALUE_DEPTH. */
export const DEEPER_PARTS_TEXT = '…';

const DEEPER_PARTS: OtlpAnyValue = { stringValue: DEEPER_PARTS_TEXT };

/** Nested values of a list or map value (none for a scalar or a malformed value). */
function childrenOf(value: OtlpAnyValue): readonly (OtlpAnyValue | undefined)[] {
  const list = value.arrayValue?.values;
  if (Array.isArray(list)) return list as readonly OtlpAnyValue[];
  const entries = value.kvlistValue?.values;
  if (Array.isArray(entries)) return (entries as readonly OtlpKeyValue[]).map((kv) => kv?.value);
  return [];
}

function isNested(value: OtlpAnyValue | undefined): value is OtlpAnyValue {
  return typeof value === 'object' && value !== null && (!!value.arrayValue || !!value.kvlistValue);
}

/** True when the value nests deeper than `maxDepth` levels (walked iteratively). */
export function isDeeperThan(value: OtlpAnyValue | undefined, maxDepth = MAX_VALUE_DEPTH): boolean {
  if (!isNested(value)) return false;
  const stack: { value: OtlpAnyValue; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (depth > maxDepth) return true;
    for (const child of childrenOf(current))
      if (isNested(child)) stack.push({ value: child, depth: depth + 1 });
      else if (child !== undefined && depth + 1 > maxDepth) return true;
  }
  return false;
}

/**
 * The value with every part below level `maxDepth` replaced by "…". The same object when it is
 * not that deep, so the common case copies nothing.
 */
export function limitAnyValueDepth(value: OtlpAnyValue, maxDepth?: number): OtlpAnyValue;
export function limitAnyValueDepth(
  value: OtlpAnyValue | undefined,
  maxDepth?: number,
): OtlpAnyValue | undefined;
export function limitAnyValueDepth(
  value: OtlpAnyValue | undefined,
  maxDepth = MAX_VALUE_DEPTH,
): OtlpAnyValue | undefined {
  if (!isDeeperThan(value, maxDepth)) return value;
  // Copied top-down with an explicit stack: each entry fills one slot of an already made parent.
  const root: { value?: OtlpAnyValue } = {};
  const work: { source: OtlpAnyValue; depth: number; put: (copy: OtlpAnyValue) => void }[] = [
    { source: value!, depth: 1, put: (copy) => (root.value = copy) },
  ];
  while (work.length > 0) {
    const { source, depth, put } = work.pop()!;
    if (depth > maxDepth) {
      put(DEEPER_PARTS);
      continue;
    }
    if (!isNested(source) || !isDeeperThan(source, maxDepth - depth + 1)) {
      put(source);
      continue;
    }
    const list = source.arrayValue?.values;
    if (Array.isArray(list)) {
      const values: OtlpAnyValue[] = new Array(list.length);
      put({ arrayValue: { values } });
      list.forEach((child: OtlpAnyValue, i) =>
        work.push({ source: child, depth: depth + 1, put: (copy) => (values[i] = copy) }),
      );
      continue;
    }
    const entries = (source.kvlistValue?.values ?? []) as readonly OtlpKeyValue[];
    const values: OtlpKeyValue[] = new Array(entries.length);
    put({ kvlistValue: { values } });
    entries.forEach((entry, i) => {
      if (entry?.value === undefined) values[i] = entry;
      else
        work.push({
          source: entry.value,
          depth: depth + 1,
          put: (copy) => (values[i] = { key: entry.key, value: copy }),
        });
    });
  }
  return root.value;
}

/** Attributes with each value limited as limitAnyValueDepth does; the same list when none is deep. */
export function limitAttributesDepth<T extends readonly OtlpKeyValue[] | undefined>(
  attributes: T,
  maxDepth = MAX_VALUE_DEPTH,
): T {
  if (!attributes || !attributes.some((attribute) => isDeeperThan(attribute?.value, maxDepth)))
    return attributes;
  return attributes.map((attribute) =>
    isDeeperThan(attribute.value, maxDepth)
      ? { ...attribute, value: limitAnyValueDepth(attribute.value, maxDepth) }
      : attribute,
  ) as readonly OtlpKeyValue[] as T;
}

/** The resource with its attribute values limited as limitAnyValueDepth does; itself when none
 * is deep. */
export function limitResourceDepth(resource: OtlpResource): OtlpResource {
  const attributes = limitAttributesDepth(resource.attributes);
  return attributes === resource.attributes ? resource : { ...resource, attributes };
}

/** The scope with its attribute values limited; itself when none is deep. */
export function limitScopeDepth(scope: OtlpScope): OtlpScope {
  const attributes = limitAttributesDepth(scope.attributes);
  return attributes === scope.attributes ? scope : { ...scope, attributes };
}

/** The span with the values of its attributes, events' and links' attributes limited; itself when
 * none is deep. */
export function limitSpanDepth(span: OtlpSpan): OtlpSpan {
  const attributes = limitAttributesDepth(span.attributes);
  let events = span.events;
  if (events?.some((event) => limitAttributesDepth(event.attributes) !== event.attributes))
    events = events.map((event) => ({
      ...event,
      attributes: limitAttributesDepth(event.attributes),
    }));
  let links = span.links;
  if (links?.some((link) => limitAttributesDepth(link.attributes) !== link.attributes))
    links = links.map((link) => ({ ...link, attributes: limitAttributesDepth(link.attributes) }));
  if (attributes === span.attributes && events === span.events && links === span.links) return span;
  return {
    ...span,
    ...(attributes && { attributes }),
    ...(events && { events }),
    ...(links && { links }),
  };
}

/** Nesting of plain JSON data past which limitNestingIn cuts whatever it finds. */
const MAX_JSON_NESTING = 1000;

/**
 * A copy of JSON-like data (an answer to send, say) whose attribute values are limited as
 * limitAnyValueDepth does, and in which anything nested more than 1,000 levels deep is cut to
 * "…". Iterative: for data that JSON.stringify or structured cloning refused as too deep.
 */
export function limitNestingIn(data: unknown): unknown {
  const root: { value?: unknown } = {};
  const work: { source: unknown; nesting: number; put: (copy: unknown) => void }[] = [
    { source: data, nesting: 0, put: (copy) => (root.value = copy) },
  ];
  while (work.length > 0) {
    const { source, nesting, put } = work.pop()!;
    if (typeof source !== 'object' || source === null) {
      put(source);
      continue;
    }
    if (nesting > MAX_JSON_NESTING) {
      put(DEEPER_PARTS_TEXT);
      continue;
    }
    if (Array.isArray(source)) {
      const copy: unknown[] = new Array(source.length);
      put(copy);
      source.forEach((child: unknown, i) =>
        work.push({ source: child, nesting: nesting + 1, put: (value) => (copy[i] = value) }),
      );
      continue;
    }
    if ('arrayValue' in source || 'kvlistValue' in source) {
      const limited = limitAnyValueDepth(source as OtlpAnyValue);
      // Within the limit now, unless malformed: then it is walked (and cut) like other data.
      if (limited !== source) {
        put(limited);
        continue;
      }
    }
    const copy: Record<string, unknown> = {};
    put(copy);
    for (const [key, child] of Object.entries(source))
      work.push({ source: child, nesting: nesting + 1, put: (value) => (copy[key] = value) });
  }
  return root.value;
}
