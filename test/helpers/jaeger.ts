// A real Jaeger v2 (in-memory storage, loopback ports) for the mirror's tests: found in the tools
// cache that scripts/ensure-jaeger.sh fills, started on free ports, stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import type { OtlpTraceRequest } from '../../app/model/otlp';

const MODULE_VERSION = 'v1.76.0';
// Next to this file, or from the repository root when a benchmark runs it bundled elsewhere.
function configFile(name: string): string {
  return [path.resolve(__dirname, '..', 'jaeger', name), path.resolve('test', 'jaeger', name)].find(
    (file) => existsSync(file),
  )!;
}

function toolsDir(): string {
  return process.env.SPANLIGHT_TOOLS_DIR ?? path.join(homedir(), '.cache', 'spanlight-tools');
}

/** The Jaeger binary, or why there is none (the tests then report themselves skipped with it). */
export function findJaeger(): { binary: string } | { missing: string } {
  const fromEnv = process.env.SPANLIGHT_JAEGER_BIN;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { binary: fromEnv }
      : { missing: `SPANLIGHT_JAEGER_BIN=${fromEnv} does not exist` };
  }
  const dir = path.join(toolsDir(), `jaeger-${MODULE_VERSION}`);
  const binary = path.join(dir, 'jaeger');
  if (existsSync(binary)) return { binary };
  const failure = path.join(dir, 'build-failure.txt');
  const reason = existsSync(failure)
    ? readFileSync(failure, 'utf8').trim()
    : 'it has not been built; run scripts/ensure-jaeger.sh (.ci/run does)';
  return { missing: `no Jaeger binary at ${binary}: ${reason}` };
}

/** A port that was free a moment ago (the OS picks it; Jaeger binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface Jaeger {
  /** Where the mirror sends: http://127.0.0.1:PORT/v1/traces */
  readonly tracesEndpoint: string;
  readonly otlpPort: number;
  /** Set when started with `{ otlpGrpc: true }`. */
  readonly otlpGrpcPort?: number;
  readonly queryUrl: string;
  /** GET /api/v3/traces/{traceId}; undefined while Jaeger has no such trace. */
  getTrace(traceId: string): Promise<OtlpTraceRequest | undefined>;
  /** Polls until the trace has `spanCount` spans (or the deadline passes, then throws). */
  waitForTrace(traceId: string, spanCount: number, timeoutMs?: number): Promise<OtlpTraceRequest>;
  stop(): Promise<void>;
  /** Starts it again on the same ports (its memory is empty again). */
  restart(): Promise<void>;
  output(): string;
}

async function waitUntilReady(queryUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Jaeger exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${queryUrl}/api/v3/services`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Jaeger did not become ready within 30 s:\n${output()}`);
}

export async function startJaeger(
  binary: string,
  options: {
    readonly otlpGrpc?: boolean;
    /** Serve the UI and the query API under this path prefix (Jaeger's base_path), e.g. /jaeger. */
    readonly basePath?: string;
  } = {},
): Promise<Jaeger> {
  const ports: Record<string, number> = {
    JAEGER_OTLP_HTTP_PORT: await freePort(),
    JAEGER_QUERY_HTTP_PORT: await freePort(),
    JAEGER_QUERY_GRPC_PORT: await freePort(),
    ...(options.otlpGrpc && { JAEGER_OTLP_GRPC_PORT: await freePort() }),
  };
  const config = configFile(
    options.otlpGrpc ? 'jaeger-memory-otlp-grpc.yaml' : 'jaeger-memory.yaml',
  );
  const queryUrl = `http://127.0.0.1:${ports.JAEGER_QUERY_HTTP_PORT!}${options.basePath ?? ''}`;
  let log = '';
  let child: ChildProcess;

  const launch = async () => {
    child = spawn(binary, ['--config', `file:${config}`], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
        ...(options.basePath && { JAEGER_QUERY_BASE_PATH: options.basePath }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitUntilReady(queryUrl, child, () => log);
  };

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(killTimer);
  };

  const getTrace = async (traceId: string) => {
    const response = await fetch(`${queryUrl}/api/v3/traces/${traceId}`);
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new Error(`Jaeger answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { result?: OtlpTraceRequest };
    return body.result;
  };

  await launch();
  return {
    tracesEndpoint: `http://127.0.0.1:${ports.JAEGER_OTLP_HTTP_PORT!}/v1/traces`,
    otlpPort: ports.JAEGER_OTLP_HTTP_PORT!,
    ...(ports.JAEGER_OTLP_GRPC_PORT !== undefined && { otlpGrpcPort: ports.JAEGER_OTLP_GRPC_PORT }),
    queryUrl,
    getTrace,
    async waitForTrace(traceId, spanCount, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last: OtlpTraceRequest | undefined;
      while (Date.now() < deadline) {
        last = await getTrace(traceId);
        if (last && spanCountOf(last) >= spanCount) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(
        `Jaeger has ${last ? spanCountOf(last) : 0} of ${spanCount} spans of trace ${traceId}`,
      );
    },
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    output: () => log,
  };
}

export function spanCountOf(request: OtlpTraceRequest): number {
  return (request.resourceSpans ?? []).reduce(
    (sum, rs) => sum + (rs.scopeSpans ?? []).reduce((n, ss) => n + (ss.spans?.length ?? 0), 0),
    0,
  );
}
