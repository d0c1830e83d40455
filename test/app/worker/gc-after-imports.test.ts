import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { fullCollection, GcAfterImports } from '../../../app/worker/gc-after-imports';

describe('GcAfterImports', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects once, when the last of overlapping imports has been over for the quiet time', async () => {
    const collect = vi.fn();
    const gc = new GcAfterImports(collect, 1000);
    let finishFirst = () => {};
    const first = gc.around(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = gc.around(async () => 'two');
    expect(await second).toBe('two');
    await vi.advanceTimersByTimeAsync(5000);
    expect(collect).not.toHaveBeenCalled();
    finishFirst();
    await first;
    await vi.advanceTimersByTimeAsync(999);
    expect(collect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('waits again when another import starts within the quiet time, and after a failed one too', async () => {
    const collect = vi.fn();
    const gc = new GcAfterImports(collect, 1000);
    await expect(gc.around(() => Promise.reject(new Error('bad file')))).rejects.toThrow(
      'bad file',
    );
    await vi.advanceTimersByTimeAsync(600);
    await gc.around(async () => undefined);
    await vi.advanceTimersByTimeAsync(600);
    expect(collect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(collect).toHaveBeenCalledTimes(1);
  });
});

describe('fullCollection', () => {
  it('gives V8 full collection as a function that runs', () => {
    const collect = fullCollection();
    expect(collect).toBeTypeOf('function');
    expect(() => collect!()).not.toThrow();
  });

  it('hands back the pages that garbage scattered among survivors took', () => {
    const collect = fullCollection()!;
    let objects: { index: number; text: string }[] | undefined = [];
    for (let index = 0; index < 1_000_000; index++) objects.push({ index, text: `span ${index}` });
    // One in twenty survives, spread over every page the others were on.
    const survivors = objects.filter((_, index) => index % 20 === 0);
    objects = undefined;
    collect();
    const { total_heap_size: committed, used_heap_size: used } = getHeapStatistics();
    // A plain full collection leaves about 100 MB committed here, for a few MB of objects.
    expect((committed - used) / 2 ** 20).toBeLessThan(20);
    expect(survivors).toHaveLength(50_000);
  });
});
