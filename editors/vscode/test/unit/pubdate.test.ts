// The status bar's publication date, computed in the extension, must agree
// with the server's. Fixed cases here; with COPYDESK_BIN set, also every
// corpus draft against what `copydesk check` says in its date-relative
// messages ("publication date 2021-09-12, from the front matter").
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentPubDate, isIsoDate, label, resolvePubDate } from '../../src/pubdate';

test('ISO dates are checked against the calendar', () => {
  assert.ok(isIsoDate('2016-02-29'));
  assert.ok(!isIsoDate('2015-02-29'));
  assert.ok(!isIsoDate('2016-13-01'));
  assert.ok(!isIsoDate('16-03-23'));
});

test('front matter date, with or without time and quotes', () => {
  assert.deepEqual(documentPubDate('---\ntitle: x\ndate: 2021-09-12\n---\n\nBody.'),
    { date: '2021-09-12', source: 'front matter' });
  assert.deepEqual(documentPubDate('---\ndate: "2019-06-12T10:00:00Z"\n---\nBody.'),
    { date: '2019-06-12', source: 'front matter' });
});

test('datelines and date lines', () => {
  assert.equal(documentPubDate('MOSCOW, March 23, 2016 — Talks began.')?.date, '2016-03-23');
  assert.equal(documentPubDate('CHICAGO, Oct. 6, 2021 (AP) — A judge ruled.')?.date, '2021-10-06');
  assert.equal(documentPubDate('LONDON, Nov. 20, 2019 (Reuters) - A deal.')?.date, '2019-11-20');
  assert.equal(documentPubDate('WASHINGTON, D.C., May 1, 2020 — Text.')?.date, '2020-05-01');
  assert.equal(documentPubDate('# Headline\n\nFriday, July 21, 2017\n\nBody text.')?.source, 'dateline');
  // A date inside the body is no dateline.
  assert.equal(documentPubDate('The vote, held March 23, 2016 — was close.'), undefined);
  assert.equal(documentPubDate('First paragraph.\n\nMOSCOW, March 23, 2016 — late.'), undefined);
});

test('order: setting, document, copydesk.json', () => {
  const doc = '---\ndate: 2021-09-12\n---\nBody.';
  assert.equal(resolvePubDate('2016-03-23', doc, '2000-01-01')?.source, 'setting');
  assert.equal(resolvePubDate('', doc, '2000-01-01')?.source, 'front matter');
  assert.equal(resolvePubDate('', 'Body.', '2000-01-01')?.source, 'copydesk.json');
  assert.equal(label(resolvePubDate(undefined, 'Body.', undefined)), 'No publication date');
  assert.equal(label({ date: '2016-03-23', source: 'dateline' }), 'Published 2016-03-23 (dateline)');
});

const bin = process.env.COPYDESK_BIN;
const corpus = path.resolve(__dirname, '../../../../../tests/corpus');

test('agrees with the server on every corpus draft', { skip: !bin && 'COPYDESK_BIN not set' }, () => {
  const files = ['examples', 'mine'].flatMap((d) => {
    const dir = path.join(corpus, d);
    return fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f)).map((f) => path.join(dir, f))
      : [];
  });
  assert.ok(files.length > 0, `no drafts under ${corpus}`);
  let compared = 0;
  for (const file of files) {
    let out: string;
    try {
      out = execFileSync(bin!, ['check', '--format', 'json', file], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit 1: findings
    }
    const msgs: string[] = JSON.parse(out).flatMap((r: { diagnostics: { code: string; message: string }[] }) =>
      r.diagnostics.filter((d) => d.code === 'date-relative').map((d) => d.message));
    const said = msgs.map((t) => /publication date (\d{4}-\d{2}-\d{2}), from the (front matter|dateline)/.exec(t))
      .find((m) => m);
    const none = msgs.some((t) => /no publication date/.test(t));
    if (!said && !none) continue; // the messages name a date in another form only
    const mine = documentPubDate(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(mine, said ? { date: said[1], source: said[2] } : undefined, path.basename(file));
    compared++;
  }
  assert.ok(compared > 0, 'no draft with a relative date');
});
