// The `npm run web` process itself: start-up line, clean stop on signals, bad arguments, where
// relative paths lead, and --jaeger-url.
import { spawn, spawnSync } from 'node:child_process';
import { access, copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebHost } from './web-host-fixture';

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`prints its address, then stops cleanly on ${signal}`, async () => {
    const host = await startWebHost();
    try {
      expect(host.output()).toMatch(
        /^Spanlight listening on http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}\n/,
      );
      // 'close' comes after the output pipes are drained, unlike 'exit'.
      const exited = new Promise<number | null>((resolve) =>
        host.process.once('close', (code) => resolve(code)),
      );
      host.process.kill(signal);
      expect(await exited).toBe(0);
      expect(host.output()).toContain(`Spanlight stopping (${signal})`);
    } finally {
      await host.stop();
    }
  });
}

test('runs with glibc malloc set to map big blocks', async () => {
  test.skip(process.platform !== 'linux', 'GLIBC_TUNABLES is for glibc on Linux');
  const host = await startWebHost();
  try {
    // The process started again with the setting (how it joins the user's own tunables is
    // test/main/web/malloc-tunables.test.ts: glibc rewrites the variable's text as it reads it).
    const environment = (await readFile(`/proc/${host.process.pid!}/environ`, 'utf8')).split('\0');
    expect(environment).toContain('GLIBC_TUNABLES=glibc.malloc.mmap_threshold=65536');
    // The restarted process is the one that serves.
    const answer = await fetch(`${host.url}/api/listTraces`, {
      method: 'POST',
      headers: { ...host.authHeaders, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
  } finally {
    await host.stop();
  }
});

test('refuses a bad --port with a message and exit code 2', () => {
  const result = spawnSync(process.execPath, ['dist/main/web-host.js', '--port', 'eighty'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('--port must be a whole number from 0 to 65535, got "eighty"');
});

test('refuses an unknown option with the usage line', () => {
  const result = spawnSync(process.execPath, ['dist/main/web-host.js', '--colour', 'blue'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('usage: npm run web --');
});

test('says so when the port is taken', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const result = spawnSync(
      process.execPath,
      ['dist/main/web-host.js', '--port', String(port), '--data-dir', 'test-results/port-taken'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  } finally {
    blocker.close();
  }
});

test('resolves --data-dir, --open and SPANLIGHT_DATA_DIR from the folder npm was run in', async () => {
  // As `cd <user folder> && npm run web -- --data-dir data --open trace.json` does: npm runs the
  // script in the package folder and names the user's folder in INIT_CWD.
  const userFolder = await mkdtemp(path.join(tmpdir(), 'spanlight-start-'));
  try {
    await copyFile(
      path.join('test', 'fixtures', 'trace-files', 'otlp-checkout.json'),
      path.join(userFolder, 'trace.json'),
    );
    const npmEnv = { INIT_CWD: userFolder, npm_lifecycle_event: 'web' };
    const host = await startWebHostWith(['--data-dir', 'data', '--open', 'trace.json'], npmEnv);
    try {
      // --open files are read after the host listens.
      await expect
        .poll(() => host.output())
        .toContain(`Opened ${path.join(userFolder, 'trace.json')}: 1 trace, 4 spans`);
      await placeOrder(host);
      await expect.poll(() => exists(path.join(userFolder, 'data', 'order-book.jsonl'))).toBe(true);
    } finally {
      await host.stop();
    }
    const fromEnv = await startWebHostWith([], { ...npmEnv, SPANLIGHT_DATA_DIR: 'env-data' });
    try {
      await placeOrder(fromEnv);
      await expect
        .poll(() => exists(path.join(userFolder, 'env-data', 'order-book.jsonl')))
        .toBe(true);
    } finally {
      await fromEnv.stop();
    }
  } finally {
    await rm(userFolder, { recursive: true, force: true });
  }
});

/** A web host started with exactly these arguments (no --data-dir of the fixture's own). */
async function startWebHostWith(args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['dist/main/web-host.js', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Spanlight listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(
        output,
      );
      if (match) resolve({ url: match[1]!, token: decodeURIComponent(match[2]!) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('close', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    token,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function placeOrder({ url, token }: { url: string; token: string }): Promise<void> {
  const response = await fetch(`${url}/api/placeOrder`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: url,
      authorization: `Bearer ${token}`,
    },
    body: '{}',
  });
  expect(response.ok).toBe(true);
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

test('browses the Jaeger given with --jaeger-url, answering its failures as data', async () => {
  // A stand-in for a Jaeger query service: one service, over api/v3.
  const jaeger = createHttpServer((request, response) => {
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    if (request.url === '/api/v3/services') response.end('{"services":["checkout"]}');
    else response.writeHead(404).end('404 page not found\n');
  });
  await new Promise<void>((resolve) => jaeger.listen(0, '127.0.0.1', resolve));
  const port = (jaeger.address() as { port: number }).port;
  const host = await startWebHost(['--jaeger-url', `http://127.0.0.1:${port}/`]);
  try {
    const post = async (command: string, body: unknown) => {
      const response = await fetch(`${host.url}/api/${command}`, {
        method: 'POST',
        headers: { ...host.authHeaders, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await post('listSources', {})).toEqual({
      status: 200,
      body: {
        sources: [
          {
            id: 'jaeger-url-1',
            name: `127.0.0.1:${port}`,
            baseUrl: `http://127.0.0.1:${port}`,
            hasAuthorization: false,
            saved: false,
          },
        ],
      },
    });
    expect(await post('getSourceServices', { sourceId: 'jaeger-url-1' })).toEqual({
      status: 200,
      body: { ok: true, services: ['checkout'] },
    });
    await new Promise<void>((resolve) => jaeger.close(() => resolve()));
    const down = await post('getSourceServices', { sourceId: 'jaeger-url-1' });
    expect(down).toMatchObject({
      status: 200,
      body: { ok: false, error: { kind: 'unreachable' } },
    });
    expect(await post('getSourceServices', { sourceId: 'nope' })).toMatchObject({ status: 404 });
    expect(await post('searchSource', { sourceId: 'jaeger-url-1', query: {} })).toMatchObject({
      status: 400,
      body: { error: '"query.service" is missing' },
    });
  } finally {
    jaeger.close();
    await host.stop();
  }
});

test('refuses a --jaeger-url that is not an http(s) URL, with exit code 2', () => {
  const result = spawnSync(process.execPath, ['dist/main/web-host.js', '--jaeger-url', 'jaeger'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('--jaeger-url: "jaeger" is not a URL');
});
