import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ net: {}, protocol: {} }));
const { rendererFileForUrl, rendererUrl } = await import('../../../main/electron/app-protocol');

const root = path.resolve('/opt/Spanlight/resources/app.asar/dist/renderer');

describe('rendererFileForUrl', () => {
  it("maps the window's page and its assets to files in the renderer folder", () => {
    expect(rendererFileForUrl(rendererUrl, root)).toBe(path.join(root, 'index.html'));
    expect(rendererFileForUrl('app://spanlight/', root)).toBe(path.join(root, 'index.html'));
    expect(rendererFileForUrl('app://spanlight/assets/app.js?v=1#x', root)).toBe(
      path.join(root, 'assets', 'app.js'),
    );
  });

  it('refuses paths that climb out of the renderer folder, however they are spelled', () => {
    for (const url of [
      'app://spanlight/../main/electron-main.js',
      'app://spanlight/%2e%2e/%2e%2e/package.json',
      'app://spanlight/assets/..%2f..%2f..%2fpackage.json',
      'app://spanlight/%2Fetc%2Fpasswd',
    ]) {
      const file = rendererFileForUrl(url, root);
      if (file !== undefined) expect(file.startsWith(root + path.sep)).toBe(true);
    }
    // Encoded slashes survive URL parsing and only become a way out after decoding.
    expect(
      rendererFileForUrl('app://spanlight/assets/..%2f..%2f..%2fpackage.json', root),
    ).toBeUndefined();
  });

  it('refuses other schemes, other hosts and malformed URLs', () => {
    expect(rendererFileForUrl('file:///etc/passwd', root)).toBeUndefined();
    expect(rendererFileForUrl('app://elsewhere/index.html', root)).toBeUndefined();
    expect(rendererFileForUrl('https://spanlight/index.html', root)).toBeUndefined();
    expect(rendererFileForUrl('app://spanlight/%E0%A4%A', root)).toBeUndefined();
    expect(rendererFileForUrl('not a url', root)).toBeUndefined();
  });
});
