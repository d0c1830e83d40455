import { describe, expect, it } from 'vitest';
import { savedNotice } from '../../../renderer/desktop/use-menu-commands';

describe('savedNotice', () => {
  it('says how many spans went where, in which format', () => {
    expect(
      savedNotice({ saved: true, path: '/tmp/t.jaeger.json', format: 'jaeger-json', spanCount: 6 }),
    ).toEqual({ kind: 'info', text: 'Exported 6 spans as Jaeger JSON to /tmp/t.jaeger.json' });
    expect(
      savedNotice({ saved: true, path: 'C:\\t.json', format: 'otlp-json', spanCount: 1 }),
    ).toEqual({ kind: 'info', text: 'Exported 1 span as OTLP JSON to C:\\t.json' });
  });

  it('says nothing when the user cancelled the dialog', () => {
    expect(savedNotice({ saved: false })).toBeUndefined();
  });
});
