import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACE_FILE_EXTENSIONS } from '../../../app/model/trace-files';

const builderConfig = readFileSync(
  path.resolve(__dirname, '..', '..', '..', 'electron-builder.yml'),
  'utf8',
);

describe("the desktop app's trace file types", () => {
  it('registers with the OS for every name the pickers offer but .proto (protobuf schemas)', () => {
    const associated = [...builderConfig.matchAll(/^\s+- ext: (\S+)$/gm)].map((match) => match[1]);
    expect(associated).toEqual(TRACE_FILE_EXTENSIONS.filter((extension) => extension !== 'proto'));
  });
});
