// What makes an OTLP/HTTP endpoint and its headers usable: pure rules shared by the settings schema
// (which the UI may check too) and the mirror's configuration from the environment.

export const DEFAULT_TRACES_ENDPOINT = 'http://localhost:4318/v1/traces';

/** An HTTP header name: RFC 9110's token characters. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Returns why `text` is not a usable OTLP/HTTP URL, or undefined when it is. */
export function endpointProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL (expected e.g. ${DEFAULT_TRACES_ENDPOINT})`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${text}" is not an http or https URL`;
  }
  return undefined;
}

/** Returns what is wrong when a header name or value cannot go into an HTTP request. */
export function headersProblem(headers: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME_PATTERN.test(name)) return `"${name}" is not a valid HTTP header name`;
    if (/[\r\n\0]/.test(value)) return `the value of header "${name}" has a line break`;
  }
  return undefined;
}

/** Throws saying what is wrong when a header name or value cannot go into an HTTP request. */
export function checkHeaders(headers: Readonly<Record<string, string>>): void {
  const problem = headersProblem(headers);
  if (problem) throw new Error(problem);
}
