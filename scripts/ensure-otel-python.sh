#!/usr/bin/env bash
# Makes sure a Python virtual environment with the OpenTelemetry Python SDK and its OTLP exporters
# (gRPC and HTTP protobuf) is in the tools cache (outside the repository) and prints its python's
# path. The receiver's tests send spans with it as a real foreign client. Quick when present.
set -euo pipefail

version="${SPANLIGHT_OTEL_PYTHON_VERSION:-1.45.2}"
tools_dir="${SPANLIGHT_TOOLS_DIR:-${HOME:-/tmp}/.cache/spanlight-tools}"
venv="$tools_dir/otel-python-$version"
python="$venv/bin/python"
ready="$venv/.spanlight-ready"

if [ -x "$python" ] && [ -f "$ready" ]; then
  echo "$python"
  exit 0
fi

base_python="$(command -v python3 || true)"
if [ -z "$base_python" ]; then
  echo "ensure-otel-python: python3 is not installed (apt-get install python3 python3-venv)" >&2
  exit 1
fi
rm -rf "$venv"
mkdir -p "$tools_dir"
echo "ensure-otel-python: creating $venv with opentelemetry-sdk $version" >&2
if ! "$base_python" -m venv "$venv" >/dev/null 2>&1; then
  echo "ensure-otel-python: python3 -m venv failed; installing Debian's python3-venv" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  rm -rf "$venv"
  "$base_python" -m venv "$venv"
fi
"$python" -m pip install --quiet --disable-pip-version-check --no-input \
  "opentelemetry-sdk==$version" \
  "opentelemetry-exporter-otlp-proto-grpc==$version" \
  "opentelemetry-exporter-otlp-proto-http==$version" >&2
"$python" -c 'import opentelemetry.sdk, opentelemetry.exporter.otlp.proto.grpc.trace_exporter, opentelemetry.exporter.otlp.proto.http.trace_exporter'
touch "$ready"
echo "$python"
