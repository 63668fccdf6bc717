// Which publication date a draft is checked against, and where it came from,
// for the status bar. The server has no request that says so, so this mirrors
// its order (SPEC §4, analysis/pubdate.c): the client setting; front matter
// `date:`; a date line or dateline near the top; copydesk.json's
// publicationDate. It is an approximation for display only: the diagnostics
// and hovers always come from the server's own reading.
//
// No `vscode` import here, so the unit tests run under plain node.

export type PubSource = 'setting' | 'front matter' | 'dateline' | 'copydesk.json';

export interface PubDate {
  date: string; // YYYY-MM-DD
  source: PubSource;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Full names and the AP abbreviations ("Oct.", "Sept.").
const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\.?,?\\s+';
const MONTH = '([A-Za-z]+)\\.?';
// "March 23, 2016" / "23 March 2016" / "23rd of March, 2016".
const WRITTEN = new RegExp(
  `(?:${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})` +
  `|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4}))`, 'iy');

/** A written date starting exactly at `at`: its ISO form and where it ends. */
function writtenDate(text: string, at: number): { date: string; end: number } | undefined {
  WRITTEN.lastIndex = at;
  const m = WRITTEN.exec(text);
  if (!m) return undefined;
  const month = MONTHS[(m[1] ?? m[5]).toLowerCase()];
  const day = Number(m[2] ?? m[4]);
  const year = Number(m[3] ?? m[6]);
  if (!month) return undefined;
  const date = iso(year, month, day);
  return isIsoDate(date) ? { date, end: at + m[0].length } : undefined;
}

/** Front matter `date:` (YAML between `---` lines at the very top). */
function frontMatterDate(text: string): string | undefined {
  const fm = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!fm) return undefined;
  const line = /^date:[ \t]*["']?(\d{4}-\d{2}-\d{2})(?:[T ][^\n]*)?["']?[ \t]*(?:#.*)?$/m.exec(fm[1]);
  return line && isIsoDate(line[1]) ? line[1] : undefined;
}

/** The body's paragraphs (after front matter), with headings marked. */
function paragraphs(text: string): { text: string; heading: boolean }[] {
  const body = text.replace(/^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, '');
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.replace(/<!--[\s\S]*?-->/g, '').trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ text: p, heading: /^#{1,6}\s/.test(p) || /^[^\n]*\n(=+|-+)$/.test(p) }));
}

/** A paragraph that is only a date ("Friday, July 21, 2017"). */
function dateLine(p: string): string | undefined {
  const wd = new RegExp(`^${WEEKDAY}`, 'i').exec(p);
  const at = wd ? wd[0].length : 0;
  const d = writtenDate(p, at);
  return d && /^[\s.]*$/.test(p.slice(d.end)) ? d.date : undefined;
}

/** "MOSCOW, March 23, 2016 —", "March 23, 2016 (Reuters) -" at the paragraph's start. */
function dateline(p: string): string | undefined {
  // The city part ("WASHINGTON, D.C.,") is short and ends with a comma; a
  // digit, a dash or a bracket before the date means this is no dateline.
  for (let i = 0; i < Math.min(p.length, 60); i++) {
    const c = p[i];
    if (/\d/.test(c)) return undefined;
    if (i > 0 && (c === '—' || c === '–' || c === '(' || (c === '-' && /\s/.test(p[i - 1])))) return undefined;
    if (i > 0 && !/\s/.test(p[i - 1])) continue; // dates start at a word
    if (i > 0 && !/,\s*$/.test(p.slice(0, i))) continue;
    const d = writtenDate(p, i);
    if (!d) continue;
    if (/^[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:—|–|-)/.test(p.slice(d.end))) return d.date;
  }
  return undefined;
}

/** The date found in the document itself, front matter first. */
export function documentPubDate(text: string): PubDate | undefined {
  const fm = frontMatterDate(text);
  if (fm) return { date: fm, source: 'front matter' };
  let bodySeen = false;
  for (const p of paragraphs(text).slice(0, 3)) {
    const line = dateLine(p.text);
    if (line) return { date: line, source: 'dateline' };
    if (p.heading || bodySeen) continue;
    bodySeen = true; // only the first paragraph of body copy may hold a dateline
    const dl = dateline(p.text);
    if (dl) return { date: dl, source: 'dateline' };
  }
  return undefined;
}

/** The whole order: setting, document, config file. */
export function resolvePubDate(setting: string | undefined, text: string,
                               configDate: string | undefined): PubDate | undefined {
  if (setting && isIsoDate(setting)) return { date: setting, source: 'setting' };
  const fromDoc = documentPubDate(text);
  if (fromDoc) return fromDoc;
  if (configDate && isIsoDate(configDate)) return { date: configDate, source: 'copydesk.json' };
  return undefined;
}

/** The status bar text. */
export function label(p: PubDate | undefined): string {
  return p ? `Published ${p.date} (${p.source})` : 'No publication date';
}
