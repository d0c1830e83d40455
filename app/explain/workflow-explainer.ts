// Explain mode: for a span of the sample order workflow, the lines of the workflow's source that
// made it. The source ships with the app (dist/explain/, copied by scripts/build.mjs) beside
// span-sites.json, the map of where spans are made that the build wrote from that same source;
// both are read here, at run time, the first time a span is explained.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceExcerpt, SourceMark, SpanExplanation } from '../model/explain';
import type { SpanDetail } from '../model/trace-outline';
import { serviceNameOf } from '../storage/resource-attributes';
import {
  SPAN_SITES_FILE,
  type NamePattern,
  type SpanSite,
  type SpanSiteMap,
  type SpanSiteMark,
} from './span-sites';

/** Where the shipped sources are: dist/explain/, beside dist/main/ that the hosts run from. */
export function defaultExplainDir(): string {
  return path.join(__dirname, '..', 'explain');
}

export interface WorkflowExplainerOptions {
  readonly dir: string;
  /** Only spans of this instrumentation scope and service are the workflow's own. */
  readonly scopeName: string;
  readonly serviceName: string;
}

export interface WorkflowExplainer {
  /** null when the span is not one of the workflow's own. */
  explain(detail: SpanDetail): Promise<SpanExplanation | null>;
}

interface LoadedSources {
  readonly map: SpanSiteMap;
  readonly lines: ReadonlyMap<string, readonly string[]>;
}

const MAX_EXCERPT_LINES = 80;

export function createWorkflowExplainer(options: WorkflowExplainerOptions): WorkflowExplainer {
  let loading: Promise<LoadedSources | string> | undefined;
  return {
    async explain(detail) {
      const { span, scope, resource } = detail;
      if (
        scope?.name !== options.scopeName ||
        serviceNameOf(resource ?? undefined) !== options.serviceName
      )
        return null;
      loading ??= loadSources(options.dir);
      const sources = await loading;
      if (typeof sources === 'string') return { available: false, reason: sources };
      const site = siteFor(sources.map.sites, span.name, span.kind);
      if (!site)
        return {
          available: false,
          reason: `No line of the workflow's source (${sources.map.files.join(', ')}) makes a span named "${span.name}" of this kind.`,
        };
      return explainSite(sources, site, span.name);
    },
  };
}

async function loadSources(dir: string): Promise<LoadedSources | string> {
  const mapFile = path.join(dir, SPAN_SITES_FILE);
  let map: SpanSiteMap;
  try {
    map = JSON.parse(await readFile(mapFile, 'utf8')) as SpanSiteMap;
  } catch (error) {
    return `The workflow's source is not shipped with this build: cannot read ${mapFile} (${(error as Error).message}).`;
  }
  if (!Array.isArray(map.sites) || !Array.isArray(map.files))
    return `${mapFile} is not a map of span sites (no "sites" and "files" lists).`;
  const lines = new Map<string, readonly string[]>();
  for (const file of map.files) {
    try {
      lines.set(file, (await readFile(path.join(dir, file), 'utf8')).split(/\r?\n/));
    } catch (error) {
      return `The workflow's source ${path.join(dir, file)} cannot be read (${(error as Error).message}).`;
    }
  }
  // The map must describe this very source: each site's first line makes a span.
  for (const site of map.sites) {
    const text = lines.get(site.file)?.[site.head.first - 1] ?? '';
    if (!text.includes(site.call.replace(/^tracer\./, '')))
      return `${mapFile} does not match the shipped ${site.file} (line ${site.head.first} has no ${site.call}); rebuild the app.`;
  }
  return { map, lines };
}

function patternRegex(pattern: NamePattern): RegExp {
  const body = pattern
    .map((part) => (part === null ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

const literalLength = (pattern: NamePattern) =>
  pattern.reduce((sum, part) => sum + (part?.length ?? 0), 0);

/** The site whose name pattern matches best (most literal text), among those of the span's kind. */
function siteFor(sites: readonly SpanSite[], name: string, kind: number): SpanSite | undefined {
  let best: SpanSite | undefined;
  let bestScore = -1;
  for (const site of sites) {
    if (site.kind !== kind) continue;
    for (const pattern of site.names) {
      const score = literalLength(pattern);
      if (score > bestScore && patternRegex(pattern).test(name)) {
        best = site;
        bestScore = score;
      }
    }
  }
  return best;
}

function markNote(mark: SpanSiteMark): string {
  switch (mark.kind) {
    case 'name':
      return "computes the span's name";
    case 'attribute':
      return mark.key ? `sets attribute ${mark.key}` : 'sets an attribute';
    case 'event':
      return mark.key ? `adds event ${mark.key}` : 'adds an event';
    case 'exception':
      return 'records the error as an "exception" event';
    case 'status':
      return 'sets the status';
    case 'end':
      return 'ends the span';
    case 'context':
      return 'puts the span in the context the request carries on (traceparent)';
    case 'helper':
      return `hands the span to ${mark.helper ?? 'a helper'}()`;
  }
}

function toMark(mark: SpanSiteMark): SourceMark {
  return {
    line: mark.line,
    kind: mark.kind,
    note: markNote(mark),
    ...(mark.key ? { key: mark.key } : {}),
  };
}

function excerpt(
  sources: LoadedSources,
  file: string,
  first: number,
  last: number,
  marks: readonly SourceMark[],
): SourceExcerpt {
  const all = sources.lines.get(file) ?? [];
  let from = Math.max(1, Math.min(first, ...marks.map((mark) => mark.line)));
  const to = Math.min(all.length, Math.max(last, ...marks.map((mark) => mark.line)));
  if (to - from + 1 > MAX_EXCERPT_LINES) from = to - MAX_EXCERPT_LINES + 1;
  // One mark per line and kind, in line order (a helper's marks can repeat when it is reached twice).
  const seen = new Set<string>();
  const unique = [...marks]
    .sort((a, b) => a.line - b.line)
    .filter((mark) => {
      const key = `${mark.line}:${mark.kind}:${mark.key ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { file, firstLine: from, lines: all.slice(from - 1, to), marks: unique };
}

function explainSite(sources: LoadedSources, site: SpanSite, name: string): SpanExplanation {
  const { wrapper } = sources.map;
  const base = path.posix.basename(site.file);
  const marksIn = (file: string, marks: readonly SpanSiteMark[]) =>
    marks.filter((mark) => mark.file === file).map(toMark);
  const excerpts: SourceExcerpt[] = [];
  if (site.style === 'wrapper') {
    const wraps: SourceMark = {
      line: site.head.first,
      kind: 'wraps',
      note: `withSpan(tracer, '${name}', …) wraps this function: each call of it is a span`,
    };
    excerpts.push(
      excerpt(sources, site.file, site.lines.first, site.lines.last, [
        wraps,
        ...marksIn(site.file, site.marks),
      ]),
    );
    if (wrapper) {
      const opens: SourceMark = {
        line: wrapper.opens.first,
        kind: 'opens',
        note: 'opens the span on every call, makes it active, and ends it OK or ERROR',
      };
      excerpts.push(
        excerpt(sources, wrapper.file, wrapper.lines.first, wrapper.lines.last, [
          opens,
          ...marksIn(wrapper.file, wrapper.marks),
        ]),
      );
    }
    const where = wrapper
      ? ` (${path.posix.basename(wrapper.file)} line ${wrapper.opens.first})`
      : '';
    return {
      available: true,
      style: 'wrapper',
      summary: `Decorator style: ${base} line ${site.head.first} wraps a function once with withSpan(tracer, '${name}', …); every call of that function opens this span, makes it the active span and ends it${where}. Nothing in the function itself opens or ends a span.`,
      excerpts,
    };
  }
  const active = site.call === 'tracer.startActiveSpan';
  const creates: SourceMark = {
    line: site.head.first,
    kind: 'creates',
    note: active
      ? `${site.call}('${name}', …) opens the span and makes it active while the callback runs`
      : `${site.call}(…) opens the span (without making it active)`,
  };
  excerpts.push(
    excerpt(sources, site.file, site.lines.first, site.lines.last, [
      creates,
      ...marksIn(site.file, site.marks),
    ]),
  );
  // Helpers the span is handed to (endWhenSettled, markFailed) live in other files.
  for (const file of new Set(site.marks.map((mark) => mark.file))) {
    if (file === site.file) continue;
    const marks = marksIn(file, site.marks);
    const lines = marks.map((mark) => mark.line);
    excerpts.push(excerpt(sources, file, Math.min(...lines) - 1, Math.max(...lines) + 1, marks));
  }
  const end = site.marks.find((mark) => mark.kind === 'end' && mark.file === site.file);
  const ending = end
    ? ` It is ended by hand at line ${end.line}.`
    : site.marks.some((mark) => mark.kind === 'helper')
      ? ' A helper it is handed to ends it.'
      : '';
  return {
    available: true,
    style: 'manual',
    summary: active
      ? `Manual style: opened by hand with ${site.call}('${name}', …) at ${base} line ${site.head.first}; it is the active span while its callback runs, so spans opened in there become its children.${ending}`
      : `Manual style: opened by hand with ${site.call}(…) at ${base} line ${site.head.first}, with the parent given explicitly.${ending}`,
    excerpts,
  };
}
