// The copydesk checks the probe runs inside VS Code once the first diagnostics are in
// (DIAG_PROBE_CHECKS=1). It only gathers facts; test/check-smoke.py judges them.
//   hovers:   vscode.executeHoverProvider at the start of every diagnostic
//   actions:  vscode.executeCodeActionProvider over every diagnostic's range
//   fix:      applies one preferred quick fix to the buffer, waits for the diagnostics of the
//             new text, then reverts the buffer (never saved: the file on disk is untouched)
//   setting:  sets copydesk.publicationDate (user level, a throw-away profile) and waits for
//             the server to re-resolve the relative dates; reads the status bar label via the
//             copydesk extension's API; then clears the setting again
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// With a codeDescription the client hands over code as {value, target}.
const codeOf = (d) => String(d.code && typeof d.code === 'object' ? d.code.value : d.code);
const key = (d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
const text = (c) => (typeof c === 'string' ? c : c.value);

/** Polls until pred() is truthy or ms pass; returns its last value. */
async function waitFor(pred, ms) {
  const end = Date.now() + ms;
  let v = pred();
  while (!v && Date.now() < end) { await sleep(200); v = pred(); }
  return v;
}

function copydeskApi() {
  const ext = vscode.extensions.getExtension('copydesk.copydesk');
  return ext && ext.isActive ? ext.exports : undefined;
}

async function hovers(uri, diags) {
  const out = [];
  for (const d of diags) {
    const hs = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, d.range.start);
    out.push({ code: codeOf(d), line: d.range.start.line, character: d.range.start.character,
               text: (hs || []).flatMap((h) => h.contents.map(text)).join('\n---\n') });
  }
  return out;
}

async function actions(uri, diags) {
  const out = [];
  for (const d of diags) {
    const as = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
    out.push({ code: codeOf(d), line: d.range.start.line, character: d.range.start.character,
               actions: (as || []).map((a) => ({ title: a.title, kind: a.kind && a.kind.value, isPreferred: !!a.isPreferred,
                                                 hasEdit: !!a.edit, diagnostics: (a.diagnostics || []).map((x) => codeOf(x)) })) });
  }
  return out;
}

async function applyFix(uri, diags, log) {
  // Prefer a fix that changes the words themselves (not a suppression comment).
  const order = ['name-variant', 'date-weekday-mismatch', 'date-relative', 'date-ambiguous-numeric'];
  const rank = (d) => { const i = order.indexOf(codeOf(d)); return i < 0 ? order.length : i; };
  const ranked = [...diags].sort((a, b) => rank(a) - rank(b));
  for (const d of ranked) {
    const as = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
    const fix = (as || []).find((a) => a.isPreferred && a.edit && a.kind && a.kind.value.startsWith('quickfix'));
    if (!fix) continue;
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText(), version = doc.version, fixedKey = key(d);
    const applied = await vscode.workspace.applyEdit(fix.edit);
    log(`applied "${fix.title}" to ${fixedKey}: ${applied}`);
    // New diagnostics arrive for the new text: the fixed one is gone.
    const gone = await waitFor(() => !vscode.languages.getDiagnostics(uri).some((x) => key(x) === fixedKey), 15000);
    const r = { code: codeOf(d), title: fix.title, applied, textChanged: doc.getText() !== before,
                versionBefore: version, versionAfter: doc.version, diagnosticGone: !!gone,
                line: doc.lineAt(d.range.start.line).text };
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    r.reverted = doc.getText() === before && !doc.isDirty;
    const back = await waitFor(() => vscode.languages.getDiagnostics(uri).some((x) => key(x) === fixedKey), 15000);
    r.diagnosticBack = !!back;
    return r;
  }
  return { error: 'no preferred quick fix with an edit on any diagnostic' };
}

async function setting(uri, log) {
  const cfg = () => vscode.workspace.getConfiguration('copydesk');
  const msgs = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'date-relative').map((d) => d.message);
  const api = copydeskApi();
  const r = { labelBefore: api && api.publicationDateLabel() };
  await cfg().update('publicationDate', '2016-03-23', vscode.ConfigurationTarget.Global);
  const seen = await waitFor(() => msgs().some((m) => m.includes('2016-03-23')), 15000);
  r.messagesWithSetting = msgs();
  r.serverUsedSetting = !!seen;
  r.labelWithSetting = await waitFor(() => { const l = api && api.publicationDateLabel(); return l && l.includes('2016-03-23') ? l : undefined; }, 5000)
    || (api && api.publicationDateLabel());
  await cfg().update('publicationDate', undefined, vscode.ConfigurationTarget.Global);
  const back = await waitFor(() => msgs().length > 0 && !msgs().some((m) => m.includes('2016-03-23')), 15000);
  r.serverDroppedSetting = !!back;
  r.labelAfter = api && api.publicationDateLabel();
  log(`setting round trip: ${JSON.stringify(r)}`);
  return r;
}

exports.run = async function (uri, log) {
  const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'copydesk');
  const r = { hovers: await hovers(uri, diags), actions: await actions(uri, diags) };
  r.fix = await applyFix(uri, diags, log);
  r.setting = await setting(uri, log);
  log('checks done');
  return r;
};
