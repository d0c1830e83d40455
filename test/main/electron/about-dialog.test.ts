import { describe, expect, it } from 'vitest';
import { aboutDetail } from '../../../main/electron/about-dialog';

describe('aboutDetail', () => {
  it('lists the app, Electron, Chromium, Node and OpenTelemetry versions', () => {
    const detail = aboutDetail({
      app: '0.1.0',
      electron: '45.4.1',
      chrome: '142.0.7444.1',
      node: '22.20.0',
      openTelemetry: '2.12.1',
    });
    expect(detail.split('\n')).toEqual([
      'Version 0.1.0',
      '',
      'Electron 45.4.1',
      'Chromium 142.0.7444.1',
      'Node.js 22.20.0',
      'OpenTelemetry JS SDK 2.12.1',
    ]);
  });
});
