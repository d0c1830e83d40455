import { SDK_INFO } from '@opentelemetry/core';
import { ATTR_TELEMETRY_SDK_VERSION } from '@opentelemetry/semantic-conventions';

/** The OpenTelemetry JS SDK's version, as the installed package reports it (for Help › About). */
export function openTelemetrySdkVersion(): string {
  return String(SDK_INFO[ATTR_TELEMETRY_SDK_VERSION]);
}
