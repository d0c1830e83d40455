import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Why the Electron specs can't run here, or undefined when they can. The `electron` npm package
 * downloads its binary from GitHub on first use; machines without that access have none.
 */
export function electronBinaryUnavailableReason(): string | undefined {
  const packageDir = path.dirname(require.resolve('electron/package.json'));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const binary = override
    ? path.join(override, relative ?? 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  if (binary && existsSync(binary)) return undefined;
  return `no Electron binary installed (looked for ${binary ?? path.join(packageDir, 'dist')}); the electron package downloads it from GitHub, which this machine cannot reach`;
}
