import os from 'node:os';
import path from 'node:path';

/** Where Electron keeps Spanlight's per-user data (app.getPath('userData')), so both hosts share it. */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Spanlight');
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Spanlight');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Spanlight');
}
