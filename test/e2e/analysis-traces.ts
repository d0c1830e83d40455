// Traces for the analysis views' end-to-end tests: an N+1 query pattern, and links both ways.
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export const ORDERS_TRACE_ID = hex(0xc0ffee, 32);
export const REPORT_TRACE_ID = hex(0xbeef, 32);
export const N_PLUS_ONE_COUNT = 37;
/** The id of the span the report trace links to ("SELECT orders"). */
export const LINKED_SPAN_ID = hex(3, 16);

/**
 * Two traces, drawn (times in ms):
 *   orders: GET /orders 0–700 (frontend)
 *           ├─ authenticate 2–20 (frontend)
 *           ├─ SELECT orders 22–40 (orders-db)                      ◀── linked from the report's span
 *           ├─ SELECT order_items × 37, one after another, 42–449: 11 ms each (orders-db),
 *           │  db.query.text "SELECT * FROM order_items WHERE order_id = <n>"
 *           ├─ render page 460–600 (frontend)
 *           │  ├─ fetch avatar 465–520, alongside the rows: off the critical path
 *           │  └─ render row × 3: 470–500, 510–540, 550–580 (frontend)
 *           └─ publish orders.viewed 610–690 (frontend)  ──link──▶ the report's "build report"
 *   report: build report 1000–1300 (reports) ──link──▶ orders' "SELECT orders"
 */
export function analysisTraces(): string {
  const start = 1_732_000_000_000_000_000n;
  const at = (ms: number) => String(start + BigInt(Math.round(ms * 1000)) * 1000n);
  let next = 1;
  const span = (
    traceId: string,
    parent: number | undefined,
    name: string,
    from: number,
    to: number,
    extra: object = {},
  ) => ({
    traceId,
    spanId: hex(next++, 16),
    ...(parent ? { parentSpanId: hex(parent, 16) } : {}),
    name,
    kind: 1,
    startTimeUnixNano: at(from),
    endTimeUnixNano: at(to),
    attributes: [],
    status: { code: 0 },
    ...extra,
  });
  const statement = (text: string) => ({
    kind: 3,
    attributes: [
      { key: 'db.system.name', value: { stringValue: 'postgresql' } },
      { key: 'db.query.text', value: { stringValue: text } },
    ],
  });
  const root = span(ORDERS_TRACE_ID, undefined, 'GET /orders', 0, 700, { kind: 2 });
  const frontend = [root, span(ORDERS_TRACE_ID, 1, 'authenticate', 2, 20)];
  const database = [
    span(
      ORDERS_TRACE_ID,
      1,
      'SELECT orders',
      22,
      40,
      statement("SELECT * FROM orders WHERE customer = 'c-1'"),
    ),
  ];
  for (let i = 0; i < N_PLUS_ONE_COUNT; i++)
    database.push(
      span(
        ORDERS_TRACE_ID,
        1,
        'SELECT order_items',
        42 + i * 11,
        42 + i * 11 + 10.5,
        statement(`SELECT * FROM order_items WHERE order_id = ${1000 + i}`),
      ),
    );
  const render = span(ORDERS_TRACE_ID, 1, 'render page', 460, 600);
  const renderId = next - 1;
  frontend.push(render);
  frontend.push(span(ORDERS_TRACE_ID, renderId, 'fetch avatar', 465, 520));
  for (let i = 0; i < 3; i++)
    frontend.push(span(ORDERS_TRACE_ID, renderId, 'render row', 470 + i * 40, 500 + i * 40));
  const reportSpanId = hex(next + 1, 16);
  frontend.push(
    span(ORDERS_TRACE_ID, 1, 'publish orders.viewed', 610, 690, {
      kind: 4,
      links: [{ traceId: REPORT_TRACE_ID, spanId: reportSpanId }],
    }),
  );
  const report = span(REPORT_TRACE_ID, undefined, 'build report', 1000, 1300, {
    links: [
      {
        traceId: ORDERS_TRACE_ID,
        spanId: LINKED_SPAN_ID,
        attributes: [{ key: 'link.reason', value: { stringValue: 'reads the same orders' } }],
      },
    ],
  });
  if (report.spanId !== reportSpanId) throw new Error('analysis-traces: span ids out of step');
  const resourceSpans = (service: string, spans: object[]) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [{ scope: { name: 'analysis-fixture' }, spans }],
  });
  return JSON.stringify({
    resourceSpans: [
      resourceSpans('frontend', frontend),
      resourceSpans('orders-db', database),
      resourceSpans('reports', [report]),
    ],
  });
}
