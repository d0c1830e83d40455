import { describe, expect, it, vi } from 'vitest';
import type { SpanlightApi } from '../../../app/contract';
import { sendTraceFile } from '../../../renderer/trace-files/send-trace-file';
import { MAX_UPLOAD_BYTES } from '../../../renderer/trace-files/trace-file-messages';

const opened = {
  fileName: 'x',
  format: 'otlp-json',
  traceIds: [],
  spanCount: 0,
  duplicateSpanCount: 0,
  warnings: [],
};

function fakeApi(extra: Record<string, unknown> = {}) {
  const api = {
    importTraceFile: vi.fn(async () => ({ ...opened, via: 'path' })),
    importTraceText: vi.fn(async () => ({ ...opened, via: 'text' })),
    ...extra,
  };
  return api as unknown as SpanlightApi & typeof api;
}

/** A File whose size is `size` without holding that many bytes. */
function fileOfSize(name: string, size: number): File {
  const file = new File(['{}'], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('sendTraceFile', () => {
  it('sends a dropped desktop file by its path, whatever its size, never reading it', async () => {
    const pathForFile = vi.fn(() => '/data/huge.pb');
    const api = fakeApi({ pathForFile });
    const file = fileOfSize('huge.pb', 4 * 1024 ** 3);
    const text = vi.spyOn(file, 'text');
    await expect(sendTraceFile(api, file)).resolves.toMatchObject({ via: 'path' });
    expect(api.importTraceFile).toHaveBeenCalledWith({
      path: '/data/huge.pb',
      fileName: 'huge.pb',
    });
    expect(text).not.toHaveBeenCalled();
  });

  it('reads a file with no path on disk into the page, up to the limit', async () => {
    const api = fakeApi({ pathForFile: () => '' });
    await expect(sendTraceFile(api, new File(['{}'], 'small.json'))).resolves.toMatchObject({
      via: 'text',
    });
    expect(api.importTraceText).toHaveBeenCalledWith({ fileName: 'small.json', text: '{}' });
    await expect(sendTraceFile(api, fileOfSize('big.json', MAX_UPLOAD_BYTES + 1))).resolves.toBe(
      'too-large',
    );
    expect(api.importTraceFile).not.toHaveBeenCalled();
  });

  it("uploads through the web host's transport", async () => {
    const uploadTraceFile = vi.fn(async () => ({ ...opened, via: 'upload' }));
    const api = fakeApi({ uploadTraceFile });
    const file = fileOfSize('big.binpb', 4 * 1024 ** 3);
    await expect(sendTraceFile(api, file)).resolves.toMatchObject({ via: 'upload' });
    expect(uploadTraceFile).toHaveBeenCalledWith(file);
  });
});
