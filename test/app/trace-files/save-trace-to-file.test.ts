import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../app/contract-validation';
import type { AppSpan, TraceDetail } from '../../../app/model/trace';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { memoryTraceStore } from '../../helpers/trace-store';
import { exportFormatForPath, saveTraceToFile } from '../../../app/trace-files/save-trace-to-file';
import { makeTempDir } from '../../helpers/temp-dir';
import { fixtureDir } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
const cores: SpanlightCore[] = [];

beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
  await cleanup();
});

/** A core whose "save dialog" answers with `answer` and records the name it suggested. */
async function coreSavingTo(answer: string | undefined, name: string) {
  const suggested: string[] = [];
  const core = await createSpanlightCore({
    dataDir: path.join(dir, name),
    chooseSavePath: async (fileName) => {
      suggested.push(fileName);
      return answer;
    },
  });
  cores.push(core);
  return { core, suggested };
}

/** A trace's spans with resource and scope inlined, independent of table order. */
function spansOf(trace: TraceDetail) {
  return trace.spans.map(({ resourceIndex, scopeIndex, ...span }: AppSpan) => ({
    span,
    resource: trace.resources[resourceIndex],
    scope: trace.scopes[scopeIndex],
  }));
}

describe('exportFormatForPath', () => {
  it('reads Jaeger JSON from the .jaeger.json ending and OTLP JSON from anything else', () => {
    expect(exportFormatForPath('/x/trace-1.jaeger.json')).toBe('jaeger-json');
    expect(exportFormatForPath('C:\\x\\T.JAEGER.JSON')).toBe('jaeger-json');
    expect(exportFormatForPath('/x/trace-1.otlp.json')).toBe('otlp-json');
    expect(exportFormatForPath('/x/trace.json')).toBe('otlp-json');
  });
});

describe('saveTraceToFile', () => {
  it('saves an OTLP JSON file that opens again as exactly the same trace', async () => {
    const target = path.join(dir, 'order.otlp.json');
    const { core, suggested } = await coreSavingTo(target, 'first');
    const { traceId } = await core.commands.placeOrder({
      paymentDeclined: false,
      emailServerDown: false,
      slowDatabase: false,
    });
    const original = await core.commands.getTrace({ traceId });

    const result = await core.commands.saveTraceToFile({ traceId });
    expect(result).toEqual({ saved: true, path: target, format: 'otlp-json', spanCount: 6 });
    expect(suggested).toEqual([`trace-${traceId}.otlp.json`]);

    const reopened = await createSpanlightCore({ dataDir: path.join(dir, 'second') });
    cores.push(reopened);
    const opened = await reopened.commands.openTraceFiles({ paths: [target] });
    expect(opened.files[0]).toMatchObject({ format: 'otlp-json', traceIds: [traceId] });
    expect(await reopened.commands.getTrace({ traceId })).toEqual(original);
  });

  it('saves Jaeger JSON when the chosen name ends in .jaeger.json, with the same spans', async () => {
    const target = path.join(dir, 'checkout.jaeger.json');
    const { core } = await coreSavingTo(target, 'first');
    await core.commands.openTraceFiles({
      paths: [path.join(fixtureDir, 'jaeger-ui-download.json')],
    });
    const traceId = '7c3a1f6e2b8d4c5a9e0f1a2b3c4d5e6f';
    const original = (await core.commands.getTrace({ traceId }))!;

    const result = await core.commands.saveTraceToFile({ traceId });
    expect(result).toMatchObject({ saved: true, format: 'jaeger-json' });
    expect(JSON.parse(await readFile(target, 'utf8'))).toHaveProperty('data');

    const reopened = await createSpanlightCore({ dataDir: path.join(dir, 'second') });
    cores.push(reopened);
    await reopened.commands.openTraceFiles({ paths: [target] });
    expect(spansOf((await reopened.commands.getTrace({ traceId }))!)).toEqual(spansOf(original));
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const { core } = await coreSavingTo(undefined, 'first');
    const { traceId } = await core.commands.placeOrder({
      paymentDeclined: false,
      emailServerDown: false,
      slowDatabase: false,
    });
    await expect(core.commands.saveTraceToFile({ traceId })).resolves.toEqual({ saved: false });
  });

  it('says so, without opening the dialog, when the trace is not in the store', async () => {
    let asked = false;
    const chooser = async () => {
      asked = true;
      return path.join(dir, 'never.json');
    };
    await expect(saveTraceToFile(memoryTraceStore(), 'a'.repeat(32), chooser)).rejects.toThrow(
      `trace ${'a'.repeat(32)} is not in the store`,
    );
    expect(asked).toBe(false);
  });

  it('refuses with a clear message on a host without a save dialog (the web host)', async () => {
    await expect(saveTraceToFile(memoryTraceStore(), 'a'.repeat(32), undefined)).rejects.toThrow(
      InvalidRequestError,
    );
  });
});
