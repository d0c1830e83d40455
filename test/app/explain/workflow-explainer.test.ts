import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpan, OrderOptions, SpanExplanation } from '../../../app/contract';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { OtlpSpanKind } from '../../../app/model/otlp';
import { writeExplainBundle } from '../../../scripts/explain/find-span-sites';
import { makeTempDir } from '../../helpers/temp-dir';

const root = path.resolve(__dirname, '..', '..', '..');
const variants: readonly OrderOptions[] = [
  { paymentDeclined: false, emailServerDown: false, slowDatabase: false },
  { paymentDeclined: true, emailServerDown: false, slowDatabase: false },
  { paymentDeclined: false, emailServerDown: true, slowDatabase: false },
];
// How the workflow makes each span (see the drawing at the top of app/orders/order-workflow.ts).
const wrapperSpans = new Set(['authorize-payment', 'send confirmation-email']);
const spanCalls = /\b(startActiveSpan|startSpan|withSpan)\(/;

describe('explainSpan (the workflow source shipped with the app)', () => {
  let core: SpanlightCore;
  let cleanup: () => Promise<void>;
  const spans: AppSpan[] = [];

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    // What scripts/build.mjs writes into dist/explain/.
    const explainDir = path.join(temp.dir, 'explain');
    await writeExplainBundle(root, explainDir);
    core = await createSpanlightCore({ dataDir: temp.dir, env: {}, explainDir });
    for (const options of variants) {
      const { traceId } = await core.commands.placeOrder(options);
      spans.push(...(await core.commands.getTrace({ traceId }))!.spans);
    }
  });
  afterAll(async () => {
    await core.close();
    await cleanup();
  });

  async function explain(span: AppSpan): Promise<Extract<SpanExplanation, { available: true }>> {
    const explanation = await core.commands.explainSpan({
      traceId: span.traceId,
      spanId: span.spanId,
    });
    if (!explanation?.available)
      throw new Error(`${span.name}: ${explanation ? explanation.reason : 'not explained'}`);
    return explanation;
  }

  it('maps every span the workflow makes to the real line of its source that makes it', async () => {
    const names = new Set(spans.map((span) => `${span.name} (kind ${span.kind})`));
    // Six spans: all of them, with both kinds of the GET.
    expect(names.size).toBe(6);
    for (const span of spans) {
      const explanation = await explain(span);
      const [first] = explanation.excerpts;
      const source = (await readFile(path.join(root, first!.file), 'utf8')).split('\n');
      const making = first!.marks.find((mark) => mark.kind === 'creates' || mark.kind === 'wraps');
      expect(making, span.name).toBeDefined();
      const line = source[making!.line - 1]!;
      expect(line, `${span.name} at ${first!.file}:${making!.line}`).toMatch(spanCalls);
      // The name is spelled within the call's first lines (or the line that computes it, marked):
      // as a literal, or from the route constant.
      const head = [
        ...source.slice(making!.line - 1, making!.line + 2),
        ...first!.marks.filter((mark) => mark.kind === 'name').map((mark) => source[mark.line - 1]),
      ].join('\n');
      if (span.name.includes('/orders/{id}/confirmation'))
        expect(head, span.name).toContain('CONFIRMATION_ROUTE');
      else expect(head, span.name).toContain(`'${span.name}'`);
      // The excerpt is the shipped copy of the same source, line for line.
      expect(first!.lines).toEqual(
        source.slice(first!.firstLine - 1, first!.firstLine - 1 + first!.lines.length),
      );
    }
  });

  it('tells the wrapper (decorator) style from manual nesting, and points at the wrapper itself', async () => {
    for (const span of spans) {
      const explanation = await explain(span);
      if (wrapperSpans.has(span.name)) {
        expect(explanation.style, span.name).toBe('wrapper');
        expect(explanation.summary).toMatch(/^Decorator style/);
        const wrapper = explanation.excerpts.find((e) => e.file === 'app/telemetry/with-span.ts');
        const opens = wrapper?.marks.find((mark) => mark.kind === 'opens');
        const withSpan = (
          await readFile(path.join(root, 'app/telemetry/with-span.ts'), 'utf8')
        ).split('\n');
        expect(withSpan[opens!.line - 1]).toContain('tracer.startActiveSpan(name');
      } else {
        expect(explanation.style, span.name).toBe('manual');
        expect(explanation.summary).toMatch(/^Manual style/);
      }
    }
    const server = spans.find((span) => span.kind === OtlpSpanKind.SERVER)!;
    expect((await explain(server)).excerpts[0]!.file).toBe('app/orders/confirmation-server.ts');
  });

  it('points at the line of every attribute and event the span carries', async () => {
    for (const span of spans) {
      const marks = (await explain(span)).excerpts.flatMap((excerpt) => excerpt.marks);
      const attributeKeys = new Set(marks.filter((m) => m.kind === 'attribute').map((m) => m.key));
      const eventKeys = new Set(
        marks.filter((m) => m.kind === 'event' || m.kind === 'exception').map((m) => m.key),
      );
      for (const attribute of span.attributes ?? [])
        expect(attributeKeys, `${span.name}: ${attribute.key}`).toContain(attribute.key);
      for (const event of span.events ?? [])
        expect(eventKeys, `${span.name}: event ${event.name}`).toContain(event.name);
    }
  });

  it('answers null for spans the workflow did not make', async () => {
    const imported = await core.commands.importTraceText({
      fileName: 'other.json',
      text: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
            scopeSpans: [
              {
                scope: { name: 'spanlight-order-workflow' },
                spans: [
                  {
                    traceId: 'c'.repeat(32),
                    spanId: 'd'.repeat(16),
                    name: 'place-order',
                    kind: 1,
                    startTimeUnixNano: '1732000000000000000',
                    endTimeUnixNano: '1732000000001000000',
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect('error' in imported ? imported.error : undefined).toBeUndefined();
    // Same scope and name, but another service: not the workflow's own span.
    expect(
      await core.commands.explainSpan({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) }),
    ).toBeNull();
    expect(
      await core.commands.explainSpan({ traceId: 'c'.repeat(32), spanId: 'e'.repeat(16) }),
    ).toBeNull();
  });

  it('says what is missing when the source was not shipped', async () => {
    const temp = await makeTempDir();
    const bare = await createSpanlightCore({
      dataDir: temp.dir,
      env: {},
      explainDir: path.join(temp.dir, 'nowhere'),
    });
    try {
      const { traceId } = await bare.commands.placeOrder(variants[0]!);
      const span = (await bare.commands.getTrace({ traceId }))!.spans[0]!;
      const explanation = await bare.commands.explainSpan({ traceId, spanId: span.spanId });
      expect(explanation).toEqual({
        available: false,
        reason: expect.stringMatching(
          /not shipped with this build: cannot read .*span-sites\.json/,
        ),
      });
    } finally {
      await bare.close();
      await temp.cleanup();
    }
  });
});
