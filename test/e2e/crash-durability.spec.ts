// Durable means acknowledged: a web host takes in spans through its real OTLP/HTTP receiver from
// several senders at once and is killed with SIGKILL at a random moment, ten rounds over one data
// directory. After each kill the database passes SQLite's integrity_check, and the next start has
// every span whose request was answered 200 (the receiver answers only once its spans are
// committed). Spans whose answer never came may or may not be there; none is there twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MAX_MAX_DATABASE_MIB, MAX_RETAINED_TRACES } from '../../app/model/retention';
import { SETTINGS_FILE_NAME } from '../../app/settings/settings-file';
import { loadNodeSqlite } from '../../app/storage/sqlite/node-sqlite';

const ROUNDS = 10;
const SENDERS = 4;
const SPANS_PER_REQUEST = 200;

interface Host {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly otlpUrl: string;
}

async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    [
      'dist/main/web-host.js',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise<Host>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const page = /Spanlight listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(output);
      const otlp = /OTLP\/HTTP receiver listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (page && otlp) {
        clearTimeout(timer);
        resolve({ child, url: page[1]!, token: decodeURIComponent(page[2]!), otlpUrl: otlp[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code ?? signal}:\n${output}`));
    });
  });
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One export request: SPANS_PER_REQUEST spans over a few traces, as OTLP JSON. */
function exportRequest(): { body: string; spans: { traceId: string; spanId: string }[] } {
  const traceIds = [hex(16), hex(16), hex(16), hex(16)];
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId: traceIds[i % traceIds.length]!,
    spanId: hex(8),
    name: `op-${i % 7}`,
    kind: 2,
    startTimeUnixNano: String(now + BigInt(i) * 1000n),
    endTimeUnixNano: String(now + BigInt(i) * 1000n + 5000n),
    attributes: [{ key: 'request.index', value: { intValue: String(i) } }],
  }));
  const body = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'crash-test' } }] },
        scopeSpans: [{ scope: { name: 'crash-test' }, spans }],
      },
    ],
  });
  return { body, spans: spans.map(({ traceId, spanId }) => ({ traceId, spanId })) };
}

async function command<T>(host: Host, name: string, request: unknown): Promise<T | null> {
  const answer = await fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  // 404: the command's answer was null (no such trace).
  if (answer.status === 404) return null;
  expect(answer.status, `${name} answered ${answer.status}`).toBe(200);
  return (await answer.json()) as T;
}

test('every acknowledged span survives SIGKILL during heavy ingest, ten times, and the database opens cleanly', async () => {
  test.setTimeout(240_000);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-crash-'));
  // A fast machine acknowledges more than the default 10,000 traces in ten rounds: retention
  // would evict the oldest, rightly, and they would count as lost. The widest limits keep all.
  await writeFile(
    path.join(dataDir, SETTINGS_FILE_NAME),
    JSON.stringify({
      retention: { maxTraces: MAX_RETAINED_TRACES, maxDatabaseMiB: MAX_MAX_DATABASE_MIB },
    }),
  );
  /** Span ids by trace, of every request answered 200. */
  const acknowledged = new Map<string, Set<string>>();
  let acknowledgedSpans = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const host = await startHost(dataDir);
      let killed = false;
      const exited = new Promise((resolve) => host.child.once('exit', resolve));
      const sender = async () => {
        while (!killed) {
          const { body, spans } = exportRequest();
          const answer = await fetch(`${host.otlpUrl}/v1/traces`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }).catch(() => undefined);
          if (answer?.status !== 200) continue;
          await answer.arrayBuffer();
          for (const { traceId, spanId } of spans) {
            let ids = acknowledged.get(traceId);
            if (!ids) acknowledged.set(traceId, (ids = new Set()));
            ids.add(spanId);
          }
          acknowledgedSpans += spans.length;
        }
      };
      const senders = Array.from({ length: SENDERS }, sender);
      // A random moment while requests are on their way and commits are being made.
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1200));
      host.child.kill('SIGKILL');
      await exited;
      killed = true;
      await Promise.all(senders);

      // The file as the kill left it (with its write-ahead log) is a sound database.
      const db = new (loadNodeSqlite()!.DatabaseSync)(path.join(dataDir, 'traces.sqlite'));
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      db.close();
    }
    expect(acknowledgedSpans).toBeGreaterThan(ROUNDS * SPANS_PER_REQUEST);
    test.info().annotations.push({
      type: 'acknowledged',
      description: `${acknowledgedSpans} spans in ${acknowledged.size} traces over ${ROUNDS} kills`,
    });
    console.log(
      `crash test: ${acknowledgedSpans} acknowledged spans in ${acknowledged.size} traces`,
    );

    const host = await startHost(dataDir);
    const exited = new Promise((resolve) => host.child.once('exit', resolve));
    try {
      const notices = await command<{ notices: string[] }>(host, 'getDataNotices', {});
      expect(notices?.notices).toEqual([]);
      const missing: string[] = [];
      const missingTraces: string[] = [];
      for (const [traceId, ids] of acknowledged) {
        const outline = await command<{ spanIds: string[] } | null>(host, 'getTraceOutline', {
          traceId,
        });
        if (!outline) missingTraces.push(traceId);
        const stored = outline?.spanIds ?? [];
        expect(new Set(stored).size, `trace ${traceId} holds a span twice`).toBe(stored.length);
        for (const id of ids) if (!stored.includes(id)) missing.push(`${traceId}/${id}`);
      }
      expect(
        missing,
        `${missing.length} acknowledged spans are missing, ${missingTraces.length} whole traces`,
      ).toEqual([]);
    } finally {
      host.child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
