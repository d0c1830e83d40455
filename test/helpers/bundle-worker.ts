// A worker entry (app/worker/*.ts) bundled the way npm run build bundles it, for tests that start
// the real thread without a full build.
import { build } from 'esbuild';

export async function bundleWorker(entryPoint: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
}
