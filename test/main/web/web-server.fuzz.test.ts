// Fuzzes the web host: 10,000 random and mutated requests (raw bytes on a socket, commands with
// mutated JSON bodies, wrong tokens and content types) and trace files (mutated fixtures, deep
// nesting, random bytes, paths to devices and secrets). Checks: no 5xx, the server and core keep
// answering, every trace stored before is unchanged, and no answer quotes a non-trace file.
// Seeded: a failure names its seed and case, and SPANLIGHT_FUZZ_SEED=<seed> replays it.
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames } from '../../../app/contract';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { deepOtlpFile } from '../../helpers/deep-values';
import { makeTempDir } from '../../helpers/temp-dir';
import { fixture } from '../../app/trace-files/fixtures';

const CASES = Number(process.env.SPANLIGHT_FUZZ_CASES ?? 10_000);
const CONCURRENCY = 8;
const SEED = Number(process.env.SPANLIGHT_FUZZ_SEED ?? 20261202);
const TOKEN = 'fuzz-token-0123456789abcdef';
const CANARY = 'CANARY-7f3e9b1c-secret';
/** A port nothing listens on, for the mirror's endpoint: fuzzed settings must not reach a real one. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9/v1/traces';

/** mulberry32: small, fast, good enough to pick cases; the same seed gives the same cases. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof prng>;

// Fixtures with their trace ids changed, so that no mutation of them can touch a stored trace.
const corpusIds: [string, string][] = [
  ['5b8efff798038103d269b633813fc60c', 'c0ffee00c0ffee00c0ffee00c0ffee01'],
  ['7c3a1f6e2b8d4c5a9e0f1a2b3c4d5e6f', 'c0ffee00c0ffee00c0ffee00c0ffee02'],
  ['00f067aa0ba902b7', 'c0ffee00c0ffee03'],
  ['11111111111111111111111111111111', 'c0ffee00c0ffee00c0ffee00c0ffee04'],
  ['22222222222222222222222222222222', 'c0ffee00c0ffee00c0ffee00c0ffee05'],
  // otlp-lenient.json writes its ids in base64 and in upper case.
  ['AAAAAAAAAAAAAAAAAAAAAQ==', 'wP/uAMD/7gDA/+4AwP/uBw=='],
  ['0000000000000000000000000000000A', 'C0FFEE00C0FFEE00C0FFEE00C0FFEE08'],
];
function corpusText(name: string): string {
  let text = fixture(name);
  for (const [from, to] of corpusIds) text = text.split(from).join(to);
  return text;
}

const weirdStrings = [
  '',
  ' ',
  'null',
  '0',
  '-1',
  '1e309',
  '"',
  '\\',
  '\u0000',
  '\ud800',
  '😀',
  'a'.repeat(5000),
  '%E0%A4%A',
  '../../etc/passwd',
  '<script>',
  CLOSED_ENDPOINT,
];

function randomJson(random: Random, depth = 0): unknown {
  switch (random.int(depth > 3 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, -0, 42]);
    case 3:
      return random.pick(weirdStrings);
    case 4:
      return 'f'.repeat(random.pick([16, 32, 31, 33]));
    case 5:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(4); i > 0; i--)
        object[
          random.pick([
            'traceId',
            'spanId',
            'query',
            'limit',
            'paths',
            'format',
            'theme',
            'x',
            '__proto__',
            'constructor',
          ])
        ] = randomJson(random, depth + 1);
      return object;
    }
  }
}

/** Flips, inserts, deletes or truncates bytes of `text`. */
function mutateText(random: Random, text: string): string {
  let out = text;
  for (let n = 1 + random.int(4); n > 0; n--) {
    const at = random.int(out.length + 1);
    switch (random.int(5)) {
      case 0:
        out = out.slice(0, at) + String.fromCharCode(random.int(256)) + out.slice(at + 1);
        break;
      case 1:
        out =
          out.slice(0, at) +
          random.pick(['{', '}', '[', ']', '"', ',', ':', '-', '9', '\n', '\u0000']) +
          out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + 1 + random.int(20));
        break;
      case 3:
        out = out.slice(0, at);
        break;
      default:
        out = out.slice(0, at) + out.slice(random.int(out.length)); // a piece again, elsewhere
    }
  }
  return out;
}

/** Only the visible ASCII characters: what an HTTP client accepts in a path. */
function printableAscii(text: string): string {
  return [...text].filter((c) => c > ' ' && c < '\u007f').join('');
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One request; a stream (the event stream) counts as answered once its headers arrive. */
function send(
  url: string,
  method: string,
  pathName: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${pathName}`, { method, headers }, (res) => {
      if (/event-stream/.test(res.headers['content-type'] ?? '')) {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: '' });
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // A request the host never answers is a failure too (it would hang a client).
    req.setTimeout(20_000, () => {
      req.destroy();
      reject(new Error(`no answer to ${method} ${pathName.slice(0, 80)} within 20 s`));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Raw bytes on a socket: whatever status line comes back, or none when the server closed it. */
function sendRaw(port: number, bytes: Buffer): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve(status ? { status: Number(status[1]), body: text } : undefined);
    };
    const timer = setTimeout(done, 500);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        clearTimeout(timer);
        // Enough to see the status; the body of a 4xx is short and follows at once.
        setTimeout(done, 20);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.end(bytes);
  });
}

/** Commands whose job is to delete stored traces: the check below is that nothing else does (they
 * have their own tests, test/app/storage/storage-commands.test.ts). */
const DELETING_COMMANDS: ReadonlySet<string> = new Set([
  'deleteTrace',
  'deleteMatchingTraces',
  'clearTraces',
]);
const KEEPING_COMMANDS = commandNames.filter((name) => !DELETING_COMMANDS.has(name));

describe('the web host under fuzzing', () => {
  let core: SpanlightCore;
  let server: WebServer;
  let cleanup: () => Promise<void>;
  let fuzzDir: string;
  const baseline = new Map<string, string>();

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    fuzzDir = path.join(temp.dir, 'fuzz');
    await mkdir(fuzzDir);
    core = await createSpanlightCore({
      dataDir: temp.dir,
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: CLOSED_ENDPOINT,
        OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '200',
      },
      maxTraces: 1_000_000,
    });
    server = await startWebServer({ core, staticDir: temp.dir, port: 0, token: TOKEN });
    for (const name of ['otlp-checkout.json', 'jaeger-ui-download.json', 'otlp-lenient.json'])
      await core.commands.importTraceText({ fileName: name, text: fixture(name) });
    await core.commands.placeOrder({
      paymentDeclined: false,
      emailServerDown: false,
      slowDatabase: false,
    });
    await core.commands.placeOrder({
      paymentDeclined: true,
      emailServerDown: false,
      slowDatabase: false,
    });
    for (const summary of (await core.commands.listTraces({})).traces)
      baseline.set(
        summary.traceId,
        (await core.commands.exportTrace({ traceId: summary.traceId, format: 'otlp-json' })).text,
      );
    await writeFile(path.join(fuzzDir, 'secret.env'), `TOKEN=${CANARY}\n`);
    await writeFile(path.join(fuzzDir, 'secret.json'), `{"data": ["${CANARY}"], "key": ${CANARY}}`);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await core?.close();
    await cleanup?.();
  });

  it(`answers ${CASES.toLocaleString('en-US')} random and mutated requests and files without a 5xx, keeping every stored trace`, async () => {
    const random = prng(SEED);
    const corpus = [
      'otlp-checkout.json',
      'jaeger-ui-download.json',
      'otlp-collector-file-exporter.jsonl',
      'otlp-lenient.json',
    ].map(corpusText);
    const fileCounter = { n: 0 };
    const kinds = new Map<string, number>();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const auth = { authorization: `Bearer ${TOKEN}` };

    const aTraceFile = (): string => {
      const roll = random.int(20);
      if (roll === 0)
        return deepOtlpFile(random.pick([5_000, 100_000]), 'c0ffee00c0ffee00c0ffee00c0ffee06');
      if (roll === 1)
        return Buffer.from(Array.from({ length: 2000 }, () => random.int(256))).toString('latin1');
      const base = random.pick(corpus);
      return random.chance(0.1) ? base : mutateText(random, base);
    };

    const oneCase = async (index: number): Promise<void> => {
      const roll = random.next();
      let kind: string;
      let answer: Answer | undefined;
      if (roll < 0.12) {
        kind = 'raw socket';
        const valid = `POST /api/${random.pick(KEEPING_COMMANDS)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
        answer = await sendRaw(server.port, Buffer.from(mutateText(random, valid), 'latin1'));
      } else if (roll < 0.2) {
        kind = 'GET path';
        const paths = [
          '/',
          '/index.html',
          '/%E0%A4%A',
          '/api/events',
          '/api/%',
          '/..%2f..%2fetc%2fpasswd',
          '/api/getTrace',
          `/${'a'.repeat(3000)}`,
          '/?token=x',
          '/api/',
        ];
        const pathName = random.chance(0.5)
          ? random.pick(paths)
          : printableAscii(mutateText(random, random.pick(paths)));
        answer = await send(
          server.url,
          random.pick(['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS']),
          `/${pathName.replace(/^\/+/, '')}`,
          random.chance(0.8) ? auth : {},
          undefined,
        ).catch((error: Error) => {
          failures.push(`case ${index}: ${error.message}`);
          return undefined;
        });
      } else if (roll < 0.45) {
        kind = 'trace file';
        const text = aTraceFile();
        const how = random.int(4);
        if (how < 2) {
          answer = await send(
            server.url,
            'POST',
            '/api/importTraceText',
            {
              ...auth,
              'content-type': 'text/plain; charset=utf-8',
              'x-spanlight-file-name': encodeURIComponent(`fuzz-${index}.json`),
            },
            text,
          );
        } else if (how === 2) {
          answer = await send(
            server.url,
            'POST',
            '/api/importTraceText',
            { ...auth, 'content-type': 'application/json' },
            JSON.stringify({ fileName: `fuzz-${index}.json`, text }),
          );
        } else {
          const file = path.join(fuzzDir, `file-${fileCounter.n++}.json`);
          await writeFile(file, text, 'latin1');
          const paths = [
            file,
            random.pick([
              path.join(fuzzDir, 'secret.env'),
              path.join(fuzzDir, 'secret.json'),
              '/dev/zero',
              '/dev/null',
              fuzzDir,
              '/nonexistent/x.json',
              '/proc/self/status',
            ]),
          ];
          answer = await send(
            server.url,
            'POST',
            '/api/openTraceFiles',
            { ...auth, 'content-type': 'application/json' },
            JSON.stringify({ paths }),
          );
        }
      } else {
        kind = 'command';
        const name = random.chance(0.95)
          ? random.pick(
              commandNames.filter(
                (c) => !DELETING_COMMANDS.has(c) && (c !== 'placeOrder' || random.chance(0.2)),
              ),
            )
          : random.pick(['dropDatabase', '', 'events', '__proto__']);
        const traceIds = [...baseline.keys()];
        const valid: Record<string, unknown> = {
          traceId: random.pick(traceIds),
          spanId: random.pick(['e457b5a2e4d86bd1', '0000000000000001', 'f'.repeat(16)]),
          query: random.pick(['', 'GET', '{"service":"x"}']),
          format: random.pick(['otlp-json', 'jaeger-json']),
          limit: random.int(5),
          paths: [path.join(fuzzDir, 'secret.env')],
          endpoint: random.pick([CLOSED_ENDPOINT, 'not a url', null]),
        };
        let body: string;
        const bodyKind = random.next();
        if (bodyKind < 0.4) body = JSON.stringify(valid);
        else if (bodyKind < 0.7)
          body = JSON.stringify({
            ...valid,
            [random.pick(Object.keys(valid))]: randomJson(random),
          });
        else if (bodyKind < 0.85) body = JSON.stringify(randomJson(random));
        else body = mutateText(random, JSON.stringify(valid));
        const headers: Record<string, string> = {};
        const tokenRoll = random.next();
        if (tokenRoll < 0.9) Object.assign(headers, auth);
        else if (tokenRoll < 0.95) headers.authorization = `Bearer ${TOKEN.slice(1)}`;
        headers['content-type'] = random.chance(0.9)
          ? 'application/json'
          : random.pick([
              'text/plain',
              'application/xml',
              'application/json; charset=latin1',
              '*/*',
            ]);
        if (random.chance(0.05))
          headers.origin = random.pick(['http://evil.example', server.url, 'null']);
        if (random.chance(0.02)) body = 'x'.repeat(1024 * 1024 + random.int(10));
        answer = await send(
          server.url,
          random.chance(0.97) ? 'POST' : 'GET',
          `/api/${encodeURIComponent(name)}`,
          headers,
          body,
        ).catch((error: Error) => {
          failures.push(`case ${index}: ${error.message}`);
          return undefined;
        });
      }
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (answer) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer && answer.status >= 500)
        failures.push(
          `case ${index} (${kind}): HTTP ${answer.status} ${answer.body.slice(0, 300)}`,
        );
      if (answer?.body.includes(CANARY))
        failures.push(`case ${index} (${kind}): the answer quotes a secret file`);
    };

    let nextCase = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextCase < CASES) await oneCase(nextCase++);
      }),
    );
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
    // The cases reach past the token and the parsers: each of these answers came up.
    if (CASES >= 10_000)
      for (const status of [200, 400, 401, 404, 405, 413, 415])
        expect(statuses.get(status) ?? 0, `HTTP ${status} answers`).toBeGreaterThan(0);

    // Still answering, and every trace stored before is as it was.
    const listed = await send(
      server.url,
      'POST',
      '/api/listTraces',
      { ...auth, 'content-type': 'application/json' },
      '{}',
    );
    expect(listed.status).toBe(200);
    for (const [traceId, text] of baseline) {
      const exported = await core.commands.exportTrace({ traceId, format: 'otlp-json' });
      expect(exported.text, `trace ${traceId}`).toBe(text);
    }
  }, 300_000);
});
