// Build step of explain mode: reads the order workflow's sources with the TypeScript compiler and
// writes span-sites.json, the lines where each span is made (and where its attributes, events and
// status are set), beside copies of those sources, into dist/explain/. The core reads both at run
// time (app/explain/workflow-explainer.ts) to show a span's lines in its details.
// scripts/build.mjs runs it (bundled by esbuild, like scripts/run-ts.mjs); tests import it too.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import type {
  LineRange,
  NamePattern,
  SpanSite,
  SpanSiteMap,
  SpanSiteMark,
} from '../../app/explain/span-sites';

/** The sources that make the sample workflow's spans: the workflow, the shop's server, the wrapper. */
export const WORKFLOW_SOURCES = [
  'app/orders/order-workflow.ts',
  'app/orders/confirmation-server.ts',
  'app/telemetry/with-span.ts',
];
const WRAPPER_FILE = 'app/telemetry/with-span.ts';
const WRAPPER_NAME = 'withSpan';
const SPAN_METHODS = new Set(['startActiveSpan', 'startSpan']);
// @opentelemetry/api's SpanKind names; OTLP numbers them one higher than the API does.
const OTLP_KINDS: Record<string, number> = {
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
};

export function findSpanSites(root: string): SpanSiteMap {
  const absolute = (file: string) => path.join(root, file);
  const program = ts.createProgram(WORKFLOW_SOURCES.map(absolute), {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    // Only the three files: libraries' types are not needed (and would take seconds to load).
    noLib: true,
    noResolve: true,
  });
  const checker = program.getTypeChecker();
  const relative = (sourceFile: ts.SourceFile) =>
    path.relative(root, sourceFile.fileName).split(path.sep).join('/');
  const lineOf = (node: ts.Node) => {
    const sourceFile = node.getSourceFile();
    return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  };
  const lastLineOf = (node: ts.Node) =>
    node.getSourceFile().getLineAndCharacterOfPosition(node.getEnd()).line + 1;
  const rangeOf = (from: ts.Node, to: ts.Node = from): LineRange => ({
    first: lineOf(from),
    last: lastLineOf(to),
  });
  const ourFiles = new Set(WORKFLOW_SOURCES.map((file) => path.resolve(absolute(file))));
  const isOurs = (node: ts.Node) => ourFiles.has(path.resolve(node.getSourceFile().fileName));

  // Constants imported from packages (semantic-conventions' ATTR_*): their values, read from the
  // package itself, since the program leaves libraries out.
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  const packageConstant = (identifier: ts.Identifier): string | undefined => {
    const declaration = checker.getSymbolAtLocation(identifier)?.declarations?.[0];
    if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
    const from = declaration.parent.parent.parent.moduleSpecifier;
    if (!ts.isStringLiteral(from) || from.text.startsWith('.')) return undefined;
    const exports = requireFromRoot(from.text) as Record<string, unknown>;
    const value = exports[(declaration.propertyName ?? declaration.name).text];
    return typeof value === 'string' ? value : undefined;
  };

  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias
      ? checker.getAliasedSymbol(symbol)
      : symbol;
  };

  /** Every text the expression can have; null parts are known only at run time. */
  const evaluate = (expression: ts.Expression, depth = 0): NamePattern[] => {
    if (depth > 8) return [[null]];
    const type = checker.getTypeAtLocation(expression);
    if (type.isStringLiteral()) return [[type.value]];
    if (ts.isParenthesizedExpression(expression)) return evaluate(expression.expression, depth + 1);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
      return [[expression.text]];
    if (ts.isConditionalExpression(expression))
      return [
        ...evaluate(expression.whenTrue, depth + 1),
        ...evaluate(expression.whenFalse, depth + 1),
      ];
    if (ts.isTemplateExpression(expression)) {
      let patterns: NamePattern[] = [[expression.head.text]];
      for (const span of expression.templateSpans) {
        const parts = evaluate(span.expression, depth + 1);
        patterns = patterns.flatMap((pattern) =>
          parts.map((part) => [...pattern, ...part, span.literal.text]),
        );
      }
      return patterns.map(normalizePattern);
    }
    if (ts.isIdentifier(expression)) {
      const imported = packageConstant(expression);
      if (imported !== undefined) return [[imported]];
      const declaration = symbolOf(expression)?.valueDeclaration;
      if (
        declaration &&
        ts.isVariableDeclaration(declaration) &&
        declaration.initializer &&
        ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const
      )
        return evaluate(declaration.initializer, depth + 1);
    }
    return [[null]];
  };
  const evaluateOne = (expression: ts.Expression | undefined): string | null => {
    if (!expression) return null;
    const patterns = evaluate(expression);
    const only = patterns.length === 1 ? patterns[0]! : undefined;
    return only && only.length === 1 && typeof only[0] === 'string' ? only[0] : null;
  };
  const propertyKey = (name: ts.PropertyName): string | null => {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
      return name.text;
    if (ts.isComputedPropertyName(name)) return evaluateOne(name.expression);
    return null;
  };
  const property = (options: ts.Expression | undefined, key: string) => {
    if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
    for (const element of options.properties)
      if (ts.isPropertyAssignment(element) && propertyKey(element.name) === key)
        return element.initializer;
    return undefined;
  };
  const attributeMarks = (attributes: ts.Expression | undefined): SpanSiteMark[] => {
    if (!attributes || !ts.isObjectLiteralExpression(attributes)) return [];
    const marks: SpanSiteMark[] = [];
    for (const element of attributes.properties) {
      // `...(match ? { [ATTR_HTTP_ROUTE]: route } : {})`: the keys of the objects spread in.
      if (ts.isSpreadAssignment(element)) {
        const spread = (node: ts.Node): void => {
          if (ts.isObjectLiteralExpression(node)) marks.push(...attributeMarks(node));
          else ts.forEachChild(node, spread);
        };
        spread(element.expression);
        continue;
      }
      if (!element.name) continue;
      marks.push({
        file: relative(element.getSourceFile()),
        line: lineOf(element),
        kind: 'attribute',
        key: propertyKey(element.name),
      });
    }
    return marks;
  };

  /** A name held in a constant (`const spanName = …`): the line that computes it. */
  const nameMarks = (name: ts.Expression): SpanSiteMark[] => {
    if (!ts.isIdentifier(name)) return [];
    const declaration = symbolOf(name)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !isOurs(declaration)) return [];
    return [
      { file: relative(declaration.getSourceFile()), line: lineOf(declaration), kind: 'name' },
    ];
  };

  const helperMarks = new Map<ts.Node, SpanSiteMark[]>();
  /** What the code does with the span held by `symbol`: method calls on it, helpers it is passed to. */
  const usesOf = (symbol: ts.Symbol | undefined, scope: ts.Node): SpanSiteMark[] => {
    if (!symbol) return [];
    const marks: SpanSiteMark[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && checker.getSymbolAtLocation(node) === symbol) {
        marks.push(...useOf(node));
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    return marks;
  };
  const useOf = (reference: ts.Identifier): SpanSiteMark[] => {
    const file = relative(reference.getSourceFile());
    const parent = reference.parent;
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === reference &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent
    ) {
      const call = parent.parent;
      const line = lineOf(call);
      switch (parent.name.text) {
        case 'setAttribute':
          return [{ file, line, kind: 'attribute', key: evaluateOne(call.arguments[0]) }];
        case 'setAttributes':
          return attributeMarks(call.arguments[0]);
        case 'addEvent':
          return [{ file, line, kind: 'event', key: evaluateOne(call.arguments[0]) }];
        case 'recordException':
          return [{ file, line, kind: 'exception', key: 'exception' }];
        case 'setStatus':
          return [{ file, line, kind: 'status' }];
        case 'end':
          return [{ file, line, kind: 'end' }];
        default:
          return [];
      }
    }
    if (
      ts.isCallExpression(parent) &&
      parent.arguments.some((argument) => argument === reference)
    ) {
      const position = parent.arguments.indexOf(reference);
      const line = lineOf(parent);
      const callee = parent.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'setSpan')
        return [{ file, line, kind: 'context' }];
      const declaration = symbolOf(
        ts.isPropertyAccessExpression(callee) ? callee.name : callee,
      )?.valueDeclaration;
      if (declaration && ts.isFunctionDeclaration(declaration) && isOurs(declaration)) {
        const name = declaration.name?.text ?? 'a function';
        const parameter = declaration.parameters[position];
        let inner = helperMarks.get(declaration);
        if (!inner) {
          helperMarks.set(declaration, (inner = []));
          inner.push(...usesOf(parameter && symbolOf(parameter.name), declaration));
        }
        return [{ file, line, kind: 'helper', helper: name }, ...inner];
      }
    }
    return [];
  };

  const sites: SpanSite[] = [];
  let wrapper: SpanSiteMap['wrapper'] = null;
  for (const file of WORKFLOW_SOURCES) {
    const sourceFile = program.getSourceFile(absolute(file));
    if (!sourceFile) throw new Error(`explain: cannot read ${file}`);
    const visit = (node: ts.Node): void => {
      ts.forEachChild(node, visit);
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const args = node.arguments;
      if (ts.isPropertyAccessExpression(callee) && SPAN_METHODS.has(callee.name.text)) {
        const method = callee.name.text;
        const [nameArgument, second] = args;
        if (!nameArgument) return;
        const options = second && ts.isObjectLiteralExpression(second) ? second : undefined;
        const callback = args.at(-1);
        const holder =
          method === 'startActiveSpan'
            ? callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
              ? callback.parameters[0]?.name
              : undefined
            : ts.isVariableDeclaration(node.parent)
              ? node.parent.name
              : undefined;
        const spanSymbol = holder && symbolOf(holder);
        const scope = method === 'startActiveSpan' ? node : sourceFile;
        const marks = [
          ...nameMarks(nameArgument),
          ...attributeMarks(property(options, 'attributes')),
          ...usesOf(spanSymbol, scope),
        ];
        const inWrapper = file === WRAPPER_FILE && ts.isIdentifier(nameArgument);
        if (inWrapper) {
          const declaration = enclosingFunction(node);
          if (!declaration || declaration.name?.text !== WRAPPER_NAME) return;
          wrapper = {
            name: WRAPPER_NAME,
            file,
            lines: rangeOf(declaration),
            opens: rangeOf(node, options ?? nameArgument),
            marks,
          };
          return;
        }
        sites.push({
          style: 'manual',
          call: `tracer.${method}`,
          file,
          lines: rangeOf(node),
          head: rangeOf(node, options ?? nameArgument),
          names: evaluate(nameArgument),
          kind: kindOf(property(options, 'kind')),
          marks,
        });
        return;
      }
      if (ts.isIdentifier(callee)) {
        const declaration = symbolOf(callee)?.valueDeclaration;
        if (
          !declaration ||
          !ts.isFunctionDeclaration(declaration) ||
          declaration.name?.text !== WRAPPER_NAME ||
          relative(declaration.getSourceFile()) !== WRAPPER_FILE
        )
          return;
        // withSpan(tracer, name, fn, options?)
        const [, nameArgument, fn, options] = args;
        if (!nameArgument) return;
        const spanSymbol =
          fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters[0]
            ? symbolOf(fn.parameters[0].name)
            : undefined;
        sites.push({
          style: 'wrapper',
          call: WRAPPER_NAME,
          file,
          lines: rangeOf(node),
          head: rangeOf(node, nameArgument),
          names: evaluate(nameArgument),
          kind: kindOf(property(options, 'kind')),
          marks: [...attributeMarks(property(options, 'attributes')), ...usesOf(spanSymbol, node)],
        });
      }
    };
    visit(sourceFile);
  }
  sites.sort((a, b) => a.file.localeCompare(b.file) || a.lines.first - b.lines.first);
  return { files: WORKFLOW_SOURCES, sites, wrapper };
}

function kindOf(expression: ts.Expression | undefined): number {
  if (expression && ts.isPropertyAccessExpression(expression))
    return OTLP_KINDS[expression.name.text] ?? 1;
  return 1;
}

function enclosingFunction(node: ts.Node): ts.FunctionDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (ts.isFunctionDeclaration(current)) return current;
  return undefined;
}

/** Joins neighbouring literal parts and neighbouring unknown parts. */
function normalizePattern(pattern: NamePattern): NamePattern {
  const parts: (string | null)[] = [];
  for (const part of pattern) {
    const last = parts.length > 0 ? parts[parts.length - 1] : undefined;
    if (part === '') continue;
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else if (part === null && last === null) continue;
    else parts.push(part);
  }
  return parts.length > 0 ? parts : [''];
}

/** Writes span-sites.json and copies of the sources it maps into `outDir`, under their own paths. */
export async function writeExplainBundle(root: string, outDir: string): Promise<SpanSiteMap> {
  const map = findSpanSites(root);
  for (const file of map.files) {
    await mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
    await copyFile(path.join(root, file), path.join(outDir, file));
  }
  await writeFile(path.join(outDir, 'span-sites.json'), `${JSON.stringify(map, null, 1)}\n`);
  return map;
}
