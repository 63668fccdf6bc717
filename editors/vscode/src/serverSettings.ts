// What the server is sent for the "copydesk" settings section. VS Code hands
// over every key with its default filled in; the server treats a present key
// as the user's word, and rejects some defaults outright (dateOrder "" is not
// "MDY" or "DMY"; a list may not hold an empty string). So the section is
// trimmed to what was actually set, and `path` — ours, not the server's —
// is dropped. No `vscode` import: unit-tested under plain node.

export type Section = Record<string, unknown>;

const SERVER_KEYS = ['publicationDate', 'rules', 'names', 'attributionVerbs', 'dateOrder', 'debounceMs'];

function nonEmptyStrings(v: unknown): unknown {
  // Not a list: pass it on so the server reports the mistake.
  if (!Array.isArray(v)) return v;
  return v.filter((s) => typeof s !== 'string' || s.trim() !== '');
}

export function serverSettings(section: unknown): Section {
  const out: Section = {};
  if (!section || typeof section !== 'object') return out;
  const src = section as Section;
  for (const key of SERVER_KEYS) {
    let v = src[key];
    if (v === undefined || v === null || v === '') continue;
    if (key === 'names' || key === 'attributionVerbs') v = nonEmptyStrings(v);
    if (Array.isArray(v) && v.length === 0) continue;
    if (key === 'rules' && typeof v === 'object' && Object.keys(v as object).length === 0) continue;
    out[key] = v;
  }
  return out;
}
