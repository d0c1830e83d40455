// The OpenTelemetry Python SDK (opentelemetry-sdk with the OTLP gRPC and HTTP exporters) that
// scripts/ensure-otel-python.sh installs into a virtual environment in the tools cache; .ci/run
// runs it. Tests that need it fail, saying how to install it, when it is missing.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const OTEL_PYTHON_VERSION = '1.45.2';

export function otelPythonPath(): string {
  const toolsDir =
    process.env.SPANLIGHT_TOOLS_DIR ?? path.join(homedir(), '.cache', 'spanlight-tools');
  const venv = path.join(toolsDir, `otel-python-${OTEL_PYTHON_VERSION}`);
  const python = path.join(venv, 'bin', 'python');
  if (!existsSync(python) || !existsSync(path.join(venv, '.spanlight-ready')))
    throw new Error(
      `The OpenTelemetry Python SDK ${OTEL_PYTHON_VERSION} is not installed at ${venv}: run .ci/run (or bash scripts/ensure-otel-python.sh) to install it`,
    );
  return python;
}

/** A script of test/fixtures/otlp-clients/. */
export function pythonScript(name: string): string {
  return path.resolve(__dirname, '..', 'fixtures', 'otlp-clients', name);
}

export const pythonSenderScript = pythonScript('python_sender.py');

/** Runs a Python script with the SDK's interpreter and no OTEL_* variables of ours. */
export function runPython(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<{ stdout: string; stderr: string }> {
  const python = otelPythonPath();
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')),
  );
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [script, ...args],
      { env: { ...clean, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`${path.basename(script)} failed: ${error.message}\n${stdout}\n${stderr}`),
          );
        else resolve({ stdout, stderr });
      },
    );
  });
}
