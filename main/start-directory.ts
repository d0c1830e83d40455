// Where relative paths on a command line (and in SPANLIGHT_DATA_DIR) are resolved: the directory
// the user ran the command in. npm runs scripts in the package's folder, not there; it passes the
// user's folder as INIT_CWD. Both hosts resolve every path option from this one directory.
import path from 'node:path';

export function startDirectory(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  // INIT_CWD alone could be left over from an unrelated npm run; npm_lifecycle_event says that
  // npm started this process (or its parent script).
  return env.INIT_CWD && env.npm_lifecycle_event ? path.resolve(env.INIT_CWD) : cwd;
}

/** `value` (a path from the user) resolved from the start directory; undefined stays undefined. */
export function resolveFromStart(value: string | undefined, start: string): string | undefined {
  return value === undefined || value === '' ? undefined : path.resolve(start, value);
}
