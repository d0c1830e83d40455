// Runs a TypeScript entry point (a benchmark or tool script) with the project's Node: esbuild
// bundles it into .tmp/ (dependencies stay external), then it runs with the remaining arguments.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import path from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs ENTRY.ts [ARGS...]');
  process.exit(2);
}
const outfile = path.join('.tmp', 'run-ts', `${path.basename(entry, path.extname(entry))}.cjs`);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  packages: 'external',
  sourcemap: 'inline',
  outfile,
  logLevel: 'warning',
});
const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...args], {
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
