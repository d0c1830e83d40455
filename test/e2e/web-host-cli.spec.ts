// The `npm run web` process itself: start-up line, clean stop on signals, bad arguments.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
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
