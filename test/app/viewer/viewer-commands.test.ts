import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { makeTempDir } from '../../helpers/temp-dir';
import { indexOfSpanId, spanIdAt, spanIdsOf } from '../../../app/model/outline-span-ids';

describe('the viewer commands of the core', () => {
  let core: SpanlightCore;
  let cleanup: () => Promise<void>;
  let traceId: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    ({ traceId } = await core.commands.placeOrder({
      paymentDeclined: false,
      emailServerDown: false,
      slowDatabase: false,
    }));
  });
  afterAll(async () => {
    await core.close();
    await cleanup();
  });

  it('getTraceOutline answers the placed order’s six spans, null for an unknown trace', async () => {
    const outline = (await core.commands.getTraceOutline({ traceId }))!;
    expect(spanIdsOf(outline)).toHaveLength(6);
    expect(Array.from(outline.nameIndex, (index) => outline.names[index])).toContain(
      'INSERT orders',
    );
    expect(await core.commands.getTraceOutline({ traceId: 'f'.repeat(32) })).toBeNull();
  });

  it('getSpan answers one span with its resource and scope, null for an unknown span', async () => {
    const outline = (await core.commands.getTraceOutline({ traceId }))!;
    const detail = (await core.commands.getSpan({ traceId, spanId: spanIdAt(outline, 0)! }))!;
    expect(detail.span.spanId).toBe(spanIdAt(outline, 0));
    expect(detail.resource?.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'order-service' },
    });
    expect(detail.scope?.name).toBeTruthy();
    expect(await core.commands.getSpan({ traceId, spanId: 'f'.repeat(16) })).toBeNull();
  });

  it('findSpans answers the ids of matching spans', async () => {
    const outline = (await core.commands.getTraceOutline({ traceId }))!;
    const { spanIds } = await core.commands.findSpans({ traceId, query: 'insert ORDERS' });
    expect(spanIds).toHaveLength(1);
    expect(outline.names[outline.nameIndex[indexOfSpanId(outline, spanIds[0]!)]!]).toBe(
      'INSERT orders',
    );
  });

  it('getTraceEventAttributes answers one text per event of the outline', async () => {
    const outline = (await core.commands.getTraceOutline({ traceId }))!;
    const { attributes } = (await core.commands.getTraceEventAttributes({ traceId }))!;
    expect(attributes).toHaveLength(outline.eventOffsetsUs.length);
    expect(attributes.join(' ')).toContain('payment.authorization_code=');
  });

  it('getTraceEventAttributes cuts each value to the attribute-value limit of the settings', async () => {
    const long = 'z'.repeat(5 * 1024);
    const big = 'b'.repeat(32);
    await core.commands.importTraceText({
      fileName: 'big-event.json',
      text: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: big,
                    spanId: '2'.repeat(16),
                    name: 'upload',
                    kind: 1,
                    startTimeUnixNano: '1732000000000000000',
                    endTimeUnixNano: '1732000000001000000',
                    events: [
                      {
                        timeUnixNano: '1732000000000000001',
                        name: 'body',
                        attributes: [{ key: 'text', value: { stringValue: long } }],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect((await core.commands.getTraceEventAttributes({ traceId: big }))!.attributes).toEqual([
      `text=${long}`,
    ]);
    await core.commands.updateSettings({ attributeValueLimitKiB: 2 });
    try {
      expect((await core.commands.getTraceEventAttributes({ traceId: big }))!.attributes).toEqual([
        `text=${'z'.repeat(2 * 1024)}… (cut, 5 KiB)`,
      ]);
    } finally {
      await core.commands.updateSettings({ attributeValueLimitKiB: 64 });
    }
  });

  it('refuses malformed ids and queries with a message naming the field', () => {
    expect(() => validateRequest('getSpan', { traceId, spanId: 'xyz' })).toThrow(
      new InvalidRequestError('"spanId" must be 16 lowercase hex digits'),
    );
    expect(() => validateRequest('findSpans', { traceId: 'nope', query: 'a' })).toThrow(
      /"traceId" must be 32 lowercase hex digits/,
    );
    expect(() => validateRequest('findSpans', { traceId, query: 42 })).toThrow(/"query"/);
    expect(() => validateRequest('getBacklinks', { traceId })).toThrow(/"spanId" is missing/);
    expect(() => validateRequest('explainSpan', { traceId, spanId: 'x' })).toThrow(/"spanId"/);
    expect(() => validateRequest('getTraceBacklinks', {})).toThrow(/"traceId" is missing/);
  });

  it('getBacklinks and getTraceBacklinks answer which stored spans link to a span', async () => {
    const outline = (await core.commands.getTraceOutline({ traceId }))!;
    const target = spanIdAt(outline, 0)!;
    const linker = 'e'.repeat(32);
    const imported = await core.commands.importTraceText({
      fileName: 'linker.json',
      text: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'audit' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: linker,
                    spanId: '1'.repeat(16),
                    name: 'audit order',
                    kind: 1,
                    startTimeUnixNano: '1732000000000000000',
                    endTimeUnixNano: '1732000000001000000',
                    links: [{ traceId, spanId: target }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect('error' in imported ? imported.error : undefined).toBeUndefined();
    const { backlinks, total } = await core.commands.getBacklinks({ traceId, spanId: target });
    expect(total).toBe(1);
    expect(backlinks[0]).toMatchObject({
      traceId: linker,
      spanName: 'audit order',
      serviceName: 'audit',
    });
    expect(await core.commands.getTraceBacklinks({ traceId })).toEqual({
      spanIds: [target],
      counts: [1],
    });
    const linkerOutline = (await core.commands.getTraceOutline({ traceId: linker }))!;
    expect(linkerOutline.linkCounts).toEqual({ 0: 1 });
  });
});
