// Builds everything into dist/: the Electron main process and preload, the web host, the
// renderer (bundled, with the Content-Security-Policy written into index.html), and explain mode's
// copy of the order workflow's source with the map of where it makes spans (dist/explain/).
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderIndexHtml } from './renderer-index-html.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const production = process.env.NODE_ENV !== 'development';

await rm(dist, { recursive: true, force: true });

const nodeTargets = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // Production dependencies are installed beside dist/ (and packed into app.asar), not bundled.
  packages: 'external',
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

/** Explain mode's files: the extractor reads the sources with the TypeScript compiler. */
async function buildExplainBundle() {
  const extractor = path.join(root, '.tmp', 'build', 'find-span-sites.mjs');
  await build({
    entryPoints: [path.join(root, 'scripts', 'explain', 'find-span-sites.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: extractor,
    logLevel: 'warning',
  });
  const { writeExplainBundle } = await import(pathToFileURL(extractor).href);
  await writeExplainBundle(root, path.join(dist, 'explain'));
}

await Promise.all([
  buildExplainBundle(),
  build({
    ...nodeTargets,
    entryPoints: {
      'electron-main': 'main/electron/electron-main.ts',
      'web-host': 'main/web/web-host.ts',
      // The core's worker thread, started by both hosts (app/worker/start-core-worker.ts).
      'core-worker': 'app/worker/core-worker.ts',
      // The parse threads the core starts to read big trace files (app/trace-files/parse-thread.ts).
      'parse-worker': 'app/worker/parse-worker.ts',
    },
    outdir: path.join(dist, 'main'),
  }),
  // A sandboxed preload can only require('electron'): bundle everything else into it.
  build({
    ...nodeTargets,
    packages: undefined,
    external: ['electron'],
    entryPoints: { preload: 'main/electron/preload.ts' },
    outdir: path.join(dist, 'main'),
  }),
  build({
    entryPoints: { app: 'renderer/main.tsx' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    minify: production,
    sourcemap: production ? false : 'linked',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    outdir: path.join(dist, 'renderer', 'assets'),
    loader: { '.svg': 'file', '.png': 'file' },
    logLevel: 'warning',
  }),
]);

// index.html with the Content-Security-Policy filled in (lint:electron checks the same text).
await writeFile(path.join(dist, 'renderer', 'index.html'), await renderIndexHtml(root));
await mkdir(path.join(dist, 'renderer', 'assets'), { recursive: true });
// The app icon is the page's favicon too (browsers ask for one; without it, a 404 each load).
await copyFile(path.join(root, 'build', 'icon.svg'), path.join(dist, 'renderer', 'favicon.svg'));
// One stylesheet: the global styles, then each feature folder's own (renderer/<feature>/*.css).
const featureStyles = (
  await readdir(path.join(root, 'renderer'), { recursive: true, withFileTypes: true })
)
  .filter(
    (entry) =>
      entry.isFile() &&
      entry.name.endsWith('.css') &&
      entry.parentPath !== path.join(root, 'renderer'),
  )
  .map((entry) => path.join(entry.parentPath, entry.name))
  .sort();
await writeFile(
  path.join(dist, 'renderer', 'assets', 'app.css'),
  (
    await Promise.all(
      [path.join(root, 'renderer', 'styles.css'), ...featureStyles].map((file) =>
        readFile(file, 'utf8'),
      ),
    )
  ).join('\n'),
);
console.log('built dist/');
