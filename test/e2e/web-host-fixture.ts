// Starts a real web host (the built dist/main/web-host.js) on an ephemeral port for each test,
// with its own data directory, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface WebHost {
  /** http://127.0.0.1:<port>, for API requests (with authHeaders). */
  readonly url: string;
  /** The page's address with the API token, as the host printed it: what a user opens. */
  readonly pageUrl: string;
  /** The launch's API token. */
  readonly token: string;
  /** `Authorization: Bearer <token>`, for API requests from a test. */
  readonly authHeaders: Readonly<Record<string, string>>;
  readonly dataDir: string;
  readonly process: ChildProcess;
  readonly output: () => string;
}

export async function startWebHost(
  extraArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  /** Puts files into the data directory before the host starts. */
  prepareDataDir?: (dataDir: string) => Promise<void>,
): Promise<WebHost & { stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-e2e-'));
  await prepareDataDir?.(dataDir);
  const child = spawn(
    process.execPath,
    ['dist/main/web-host.js', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const printed = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Spanlight listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(
        output,
      );
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, token: decodeURIComponent(match[2]!) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // 'close', not 'exit': only then has all of its output arrived for the message.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code ?? signal}:\n${output}`));
    });
  });
  const stop = async () => {
    // A child killed by a signal has exitCode null too, and its 'exit' has already been emitted:
    // waiting for another one would hang the test until its timeout, hiding the real failure.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const { url, token } = printed;
  return {
    url,
    pageUrl: `${url}/?token=${encodeURIComponent(token)}`,
    token,
    authHeaders: { authorization: `Bearer ${token}` },
    dataDir,
    process: child,
    output: () => output,
    stop,
  };
}

export const test = base.extend<{ webHost: WebHost }>({
  // Playwright reads a fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const host = await startWebHost();
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
