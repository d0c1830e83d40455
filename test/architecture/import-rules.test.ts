// The layering of DESIGN.md, checked on every import of every source file:
//   renderer/ → app/contract.ts and app/model/ only (and browser libraries)
//   main/     → app/ and main/
//   app/      → app/ and Node or OpenTelemetry libraries; never electron, react, or main/ or renderer/
// Only main/electron/ may import electron.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      const callee = node.expression;
      if (
        callee.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(callee) && callee.text === 'require')
      ) {
        specifiers.push(node.arguments[0].text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The repository-relative target of a relative import, or the package name of a bare one. */
function resolveTarget(file: string, specifier: string): { local: string } | { pkg: string } {
  if (specifier.startsWith('.'))
    return { local: path.relative(root, path.resolve(root, path.dirname(file), specifier)) };
  const parts = specifier.split('/');
  return { pkg: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
}

type Rule = (file: string, target: { local: string } | { pkg: string }) => string | undefined;

const browserOnly = new Set(['react', 'react-dom', 'recharts']);
const inLayer = (local: string, layer: string) => local === layer || local.startsWith(`${layer}/`);

const rules: Record<string, Rule> = {
  app: (_file, target) => {
    if ('pkg' in target) {
      if (target.pkg === 'electron' || browserOnly.has(target.pkg))
        return `app/ may not import ${target.pkg}`;
      return undefined;
    }
    return inLayer(target.local, 'app')
      ? undefined
      : `app/ may import only app/, not ${target.local}`;
  },
  main: (file, target) => {
    if ('pkg' in target) {
      if (target.pkg === 'electron' && !inLayer(file, 'main/electron'))
        return 'only main/electron/ may import electron';
      if (browserOnly.has(target.pkg)) return `main/ may not import ${target.pkg}`;
      return undefined;
    }
    return inLayer(target.local, 'app') || inLayer(target.local, 'main')
      ? undefined
      : `main/ may not import ${target.local}`;
  },
  renderer: (_file, target) => {
    if ('pkg' in target) {
      const forbidden =
        target.pkg.startsWith('node:') ||
        target.pkg === 'electron' ||
        target.pkg.startsWith('@opentelemetry/');
      return forbidden ? `renderer/ may not import ${target.pkg}` : undefined;
    }
    if (inLayer(target.local, 'renderer')) return undefined;
    if (target.local.replace(/\.ts$/, '') === 'app/contract' || inLayer(target.local, 'app/model'))
      return undefined;
    return `renderer/ may import only renderer/, app/contract and app/model/, not ${target.local}`;
  },
};

export function violations(layer: keyof typeof rules, files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const specifier of importsOf(file)) {
      const problem = rules[layer]!(file, resolveTarget(file, specifier));
      if (problem) found.push(`${file}: imports "${specifier}": ${problem}`);
    }
  }
  return found;
}

describe('import rules', () => {
  for (const layer of Object.keys(rules)) {
    it(`keeps ${layer}/ within its layer`, () => {
      expect(violations(layer, sourceFiles(layer))).toEqual([]);
    });
  }

  it('catches a wrong import (the check itself can fail)', () => {
    const check = (layer: string, file: string, specifier: string) =>
      rules[layer]!(file, resolveTarget(file, specifier));
    expect(check('renderer', 'renderer/App.tsx', '../app/spanlight-core')).toMatch(
      /renderer\/ may import only/,
    );
    expect(check('renderer', 'renderer/App.tsx', 'node:fs')).toMatch(/may not import node:fs/);
    expect(check('app', 'app/store/trace-store.ts', 'electron')).toMatch(
      /app\/ may not import electron/,
    );
    expect(check('app', 'app/store/trace-store.ts', 'react')).toMatch(/may not import react/);
    expect(check('app', 'app/store/trace-store.ts', '../../main/web/web-server')).toMatch(
      /app\/ may import only app/,
    );
    expect(check('main', 'main/web/web-server.ts', 'electron')).toMatch(/only main\/electron/);
    expect(check('main', 'main/web/web-server.ts', '../../renderer/App')).toMatch(
      /main\/ may not import/,
    );
    expect(check('renderer', 'renderer/App.tsx', '../app/contract')).toBeUndefined();
  });
});
