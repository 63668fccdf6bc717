// Finding the executable: copydesk.path first, else PATH; a reason when neither works.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findBinary } from '../../src/binary';

function fakeBinary(): { dir: string; bin: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-bin-'));
  const bin = path.join(dir, 'copydesk');
  fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
  return { dir, bin };
}

test('copydesk.path wins, absolute or relative to the workspace', () => {
  const { dir, bin } = fakeBinary();
  assert.deepEqual(findBinary(bin, undefined, ''), { ok: true, path: bin });
  assert.deepEqual(findBinary('copydesk', dir, ''), { ok: true, path: bin });
  fs.rmSync(dir, { recursive: true });
});

test('a wrong copydesk.path is reported, not silently replaced by PATH', () => {
  const { dir } = fakeBinary();
  const r = findBinary('/nonexistent/copydesk', undefined, dir);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /copydesk\.path/);
  fs.rmSync(dir, { recursive: true });
});

test('PATH lookup, and a reason when it fails', () => {
  const { dir, bin } = fakeBinary();
  assert.deepEqual(findBinary('', undefined, ['/nonexistent', dir].join(path.delimiter)), { ok: true, path: bin });
  const r = findBinary(undefined, undefined, '/nonexistent');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /not found on PATH/);
  fs.rmSync(dir, { recursive: true });
});

test('a file that is not executable does not count', () => {
  const { dir, bin } = fakeBinary();
  fs.chmodSync(bin, 0o644);
  // root may execute nothing without an x bit either: X_OK checks for one.
  assert.equal(findBinary('', undefined, dir).ok, false);
  fs.rmSync(dir, { recursive: true });
});
