// Help › About: the versions a bug report needs.

export interface AboutVersions {
  readonly app: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
  readonly openTelemetry: string;
}

export function aboutDetail(versions: AboutVersions): string {
  return [
    `Version ${versions.app}`,
    '',
    `Electron ${versions.electron}`,
    `Chromium ${versions.chrome}`,
    `Node.js ${versions.node}`,
    `OpenTelemetry JS SDK ${versions.openTelemetry}`,
  ].join('\n');
}
