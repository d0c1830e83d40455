// A stand-in for Electron's unpacked distribution, for packaging tests on machines that cannot
// download Electron: one executable named like Electron's that only says it is a stand-in, and that
// carries a fuse wire laid out as in Electron's binary (sentinel, version 1, length, one byte per
// fuse with Electron's defaults), so electron-builder's fuse flipping runs for real on it.
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
// EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
// LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges: Electron's defaults.
const DEFAULT_FUSE_WIRE = '10110001';

export const STAND_IN_NOTICE = 'stand-in for the Electron binary (packaging tests), not Electron';

/** Creates the stand-in directory (replacing an old one) and returns its path. */
export async function createElectronDistStandIn(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const script = Buffer.concat([
    Buffer.from(`#!/bin/sh\necho '${STAND_IN_NOTICE}' >&2\nexit 1\n# `),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(DEFAULT_FUSE_WIRE),
    Buffer.from('\n'),
  ]);
  const executable = path.join(dir, process.platform === 'win32' ? 'electron.exe' : 'electron');
  await writeFile(executable, script);
  await chmod(executable, 0o755);
  await writeFile(path.join(dir, 'version'), 'stand-in');
  return dir;
}
