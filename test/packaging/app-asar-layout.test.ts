// Packages the app with electron-builder's `dir` target around a stand-in for Electron (this
// machine cannot download Electron) and checks what the installers would ship: the
// resources/app.asar holds the built main, preload and renderer and the production dependencies,
// nothing else, and the executable's fuses are set as electron-builder.yml says.
// Needs a production build in dist/ (npm run test:packaging builds first).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as asar from '@electron/asar';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { Arch, build, Platform } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { createElectronDistStandIn } from './electron-dist-stand-in';

const root = path.resolve(__dirname, '..', '..');
const workDir = path.join(root, '.tmp', 'app-asar-layout');
const outputDir = path.join(workDir, 'release');
const appOutDir = path.join(outputDir, 'linux-unpacked');
const archive = path.join(appOutDir, 'resources', 'app.asar');

interface PackageJson {
  name: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const projectPackage = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8'),
) as PackageJson;
let files: string[];

function packed(file: string): boolean {
  return files.includes(`/${file}`);
}

function readPacked(file: string): string {
  return asar.extractFile(archive, file).toString('utf8');
}

/** Node's lookup from a package directory inside the archive: its own node_modules, then up. */
function resolvePacked(fromDir: string, name: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.posix.join(dir, 'node_modules', name);
    if (packed(`${candidate}/package.json`)) return candidate;
    if (dir === '' || dir === '.') return undefined;
    const parent = path.posix.dirname(dir.replace(/\/node_modules\/(@[^/]+\/)?[^/]+$/, '/x'));
    dir = parent === dir ? '' : parent;
  }
}

/** Every package the app needs at run time: its dependencies and theirs, as packed. */
function productionClosure(): { packages: Map<string, string>; missing: string[] } {
  const packages = new Map<string, string>();
  const missing: string[] = [];
  const visit = (fromDir: string, dependencies: Record<string, string>, optional: Set<string>) => {
    for (const name of Object.keys(dependencies)) {
      const dir = resolvePacked(fromDir, name);
      if (!dir) {
        if (!optional.has(name)) missing.push(`${name} (needed by ${fromDir || 'the app'})`);
        continue;
      }
      if (packages.has(dir)) continue;
      packages.set(dir, name);
      const manifest = JSON.parse(readPacked(`${dir}/package.json`)) as PackageJson;
      const optionalNames = new Set(Object.keys(manifest.optionalDependencies ?? {}));
      visit(dir, { ...manifest.dependencies, ...manifest.optionalDependencies }, optionalNames);
    }
  };
  visit('', projectPackage.dependencies ?? {}, new Set());
  return { packages, missing };
}

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist', 'main', 'electron-main.js'))) {
    throw new Error('dist/ is not built: run `npm run build` first (npm run test:packaging does)');
  }
  const electronDist = await createElectronDistStandIn(
    path.join(workDir, 'electron-dist-stand-in'),
  );
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { electronDist, directories: { output: outputDir } },
  });
  files = asar.listPackage(archive, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
}, 180_000);

describe('app.asar built by electron-builder around a stand-in Electron', () => {
  it('holds the built main process, the core and parse workers, preload and renderer', () => {
    for (const file of [
      'dist/main/electron-main.js',
      'dist/main/core-worker.js',
      'dist/main/parse-worker.js',
      'dist/main/preload.js',
      'dist/renderer/index.html',
      'dist/renderer/assets/app.js',
      'dist/renderer/assets/app.css',
    ]) {
      expect(packed(file), file).toBe(true);
    }
  });

  it('has a package.json whose main is a file inside the archive', () => {
    const manifest = JSON.parse(readPacked('package.json')) as PackageJson;
    expect(manifest.main).toBe('dist/main/electron-main.js');
    expect(packed(manifest.main!)).toBe(true);
  });

  it('holds every production dependency, and theirs', () => {
    const { packages, missing } = productionClosure();
    expect(missing).toEqual([]);
    for (const name of Object.keys(projectPackage.dependencies ?? {})) {
      expect([...packages.values()], name).toContain(name);
    }
  });

  it('holds no package the app does not need at run time (no devDependencies)', () => {
    const { packages } = productionClosure();
    // A package's own package.json sits right under a chain of node_modules/<name>/ folders.
    const packedPackages = files
      .map((file) => /^\/((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+)package\.json$/.exec(file))
      .filter((match) => match !== null)
      .map((match) => match[1]!.slice(0, -1));
    expect(packedPackages.filter((dir) => !packages.has(dir))).toEqual([]);
    const devOnly = Object.keys(projectPackage.devDependencies ?? {}).filter(
      (name) => ![...packages.values()].includes(name),
    );
    expect(devOnly.filter((name) => packed(`node_modules/${name}/package.json`))).toEqual([]);
  });

  it('holds the order workflow source and its span map, for explain mode', () => {
    for (const file of [
      'dist/explain/span-sites.json',
      'dist/explain/app/orders/order-workflow.ts',
      'dist/explain/app/orders/confirmation-server.ts',
      'dist/explain/app/telemetry/with-span.ts',
    ]) {
      expect(packed(file), file).toBe(true);
    }
    expect(readPacked('dist/explain/app/orders/order-workflow.ts')).toContain('startActiveSpan');
  });

  it('holds no sources, tests, source maps or type declarations', () => {
    const offending = files.filter(
      (file) =>
        // Explain mode's copies of the workflow's sources are shown to the user, on purpose.
        (/\.(ts|tsx|mts|cts|map)$/.test(file) && !file.startsWith('/dist/explain/app/')) ||
        /^\/(app|main|renderer|test|scripts|build)\//.test(file) ||
        /\/(__tests__|test|tests)\//.test(file),
    );
    expect(offending).toEqual([]);
  });

  it('sets the fuses electron-builder.yml asks for on the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appOutDir, 'spanlight'));
    // The wire holds one byte per fuse: '1' on, '0' off.
    const on = (fuse: FuseV1Options) => wire[fuse] === '1'.charCodeAt(0);
    expect(on(FuseV1Options.RunAsNode)).toBe(false);
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
  });
});
