import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openTelemetrySdkVersion } from '../../../app/telemetry/sdk-version';

describe('openTelemetrySdkVersion', () => {
  it("is the installed @opentelemetry/core package's version, not a copy of it", async () => {
    const packageFile = createRequire(import.meta.url).resolve('@opentelemetry/core/package.json');
    const { version } = JSON.parse(await readFile(packageFile, 'utf8')) as { version: string };
    expect(openTelemetrySdkVersion()).toBe(version);
  });
});
