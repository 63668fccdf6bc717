// Finding the copydesk executable: the copydesk.path setting, else
// `copydesk` on PATH. Returns undefined (and why) rather than letting the
// language client fail later with a bare ENOENT the reporter cannot act on.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type Found = { ok: true; path: string } | { ok: false; reason: string };

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~/bin/copydesk` and paths relative to the first workspace folder. */
function expand(setting: string, workspaceRoot: string | undefined): string {
  let p = setting.trim();
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (!path.isAbsolute(p) && workspaceRoot) p = path.join(workspaceRoot, p);
  return p;
}

function onPath(name: string, envPath: string | undefined): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      if (isExecutable(p)) return p;
    }
  }
  return undefined;
}

export function findBinary(setting: string | undefined, workspaceRoot: string | undefined,
                           envPath = process.env.PATH): Found {
  if (setting && setting.trim() !== '') {
    const p = expand(setting, workspaceRoot);
    if (isExecutable(p)) return { ok: true, path: p };
    return { ok: false, reason: `copydesk.path is set to "${setting}", but no executable file is there.` };
  }
  const p = onPath('copydesk', envPath);
  if (p) return { ok: true, path: p };
  return { ok: false, reason: 'The copydesk program was not found on PATH.' };
}
