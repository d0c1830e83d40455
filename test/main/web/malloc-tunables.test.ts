import { describe, expect, it } from 'vitest';
import { MALLOC_TUNABLES, withMallocTunables } from '../../../main/web/malloc-tunables';

describe('withMallocTunables', () => {
  it('sets the mmap threshold when GLIBC_TUNABLES is unset or empty', () => {
    expect(withMallocTunables(undefined)).toBe(MALLOC_TUNABLES);
    expect(withMallocTunables('')).toBe(MALLOC_TUNABLES);
  });

  it("keeps the user's other tunables", () => {
    expect(withMallocTunables('glibc.malloc.arena_max=2')).toBe(
      `${MALLOC_TUNABLES}:glibc.malloc.arena_max=2`,
    );
  });

  it('asks for no restart once the mmap threshold is set, by us or by the user', () => {
    expect(withMallocTunables(MALLOC_TUNABLES)).toBeUndefined();
    expect(withMallocTunables('glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=1')).toBe(
      undefined,
    );
  });
});
