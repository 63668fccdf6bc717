// The section sent to the server holds only what the user set.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { serverSettings } from '../../src/serverSettings';

test('defaults and the client-only path are dropped', () => {
  assert.deepEqual(serverSettings({
    path: '/usr/bin/copydesk', publicationDate: '', rules: {}, names: [], attributionVerbs: [],
    dateOrder: '', debounceMs: 150,
  }), { debounceMs: 150 });
});

test('set values pass through, blank list entries do not', () => {
  assert.deepEqual(serverSettings({
    publicationDate: '2016-03-23', rules: { 'date-relative': 'off' }, names: ['Erdoğan', ' '],
    attributionVerbs: ['quipped'], dateOrder: 'DMY',
  }), {
    publicationDate: '2016-03-23', rules: { 'date-relative': 'off' }, names: ['Erdoğan'],
    attributionVerbs: ['quipped'], dateOrder: 'DMY',
  });
});

test('nothing in, nothing out', () => {
  assert.deepEqual(serverSettings(undefined), {});
  assert.deepEqual(serverSettings(null), {});
});
