// CI helper: runs inside the real VS Code extension host. Configured by environment variables
// (inherited from the code-server process):
//   DIAG_PROBE_OUT        path of the JSON result file (required; probe is inert without it)
//   DIAG_PROBE_FILE       absolute path of the file to open in an editor
//   DIAG_PROBE_TIMEOUT_MS how long to wait for diagnostics on that file (default 60000)
//   DIAG_PROBE_SETTLE_MS  after the first diagnostics arrive, wait this long for more (default 2000)
//   DIAG_PROBE_SOURCE     if set, only count diagnostics whose `source` equals this
//   DIAG_PROBE_CHECKS=1   then also exercise hovers, code actions, a quick fix and a setting
//                         (checks.js), after the diagnostics above were recorded
// (Copied from the shared vscode-smoke tool; DIAG_PROBE_CHECKS is this project's addition.)
const vscode = require('vscode');
const fs = require('fs');

function log(msg) {
  const out = process.env.DIAG_PROBE_OUT;
  try { fs.appendFileSync(out + '.log', `${new Date().toISOString()} ${msg}\n`); } catch (e) { /* ignore */ }
}
const sev = ['error', 'warning', 'information', 'hint'];
function dumpDiag(d) {
  return {
    severity: sev[d.severity] ?? d.severity,
    message: d.message,
    source: d.source,
    code: typeof d.code === 'object' && d.code ? String(d.code.value) : d.code,
    range: { start: { line: d.range.start.line, character: d.range.start.character },
             end: { line: d.range.end.line, character: d.range.end.character } },
  };
}
function collect() {
  return vscode.languages.getDiagnostics()
    .filter(([, ds]) => ds.length > 0)
    .map(([uri, ds]) => ({ uri: uri.toString(), fsPath: uri.fsPath, diagnostics: ds.map(dumpDiag) }));
}

exports.activate = async function () {
  const out = process.env.DIAG_PROBE_OUT;
  if (!out) return;
  const file = process.env.DIAG_PROBE_FILE;
  const timeoutMs = Number(process.env.DIAG_PROBE_TIMEOUT_MS || 60000);
  const settleMs = Number(process.env.DIAG_PROBE_SETTLE_MS || 2000);
  const wantSource = process.env.DIAG_PROBE_SOURCE;
  const t0 = Date.now();
  log(`activated; vscode ${vscode.version}; file=${file}`);

  let target;
  if (file) {
    target = vscode.Uri.file(file);
    try {
      const doc = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(doc, { preview: false });
      log(`opened ${target.toString()} languageId=${doc.languageId}`);
    } catch (e) {
      log(`open failed: ${e && e.stack || e}`);
    }
  }
  const relevant = () => {
    let ds = target ? vscode.languages.getDiagnostics(target) : collect().flatMap(e => e.diagnostics);
    if (wantSource) ds = ds.filter(d => d.source === wantSource);
    return ds.length;
  };

  const got = await new Promise((resolve) => {
    const check = () => { if (relevant() > 0) { cleanup(); resolve(true); } };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const timer = setTimeout(() => { cleanup(); resolve(false); }, timeoutMs);
    const poll = setInterval(check, 500);
    function cleanup() { sub.dispose(); clearTimeout(timer); clearInterval(poll); }
    check();
  });
  const firstMs = Date.now() - t0;
  log(got ? `diagnostics seen after ${firstMs} ms` : `timeout after ${firstMs} ms`);
  if (got) await new Promise(r => setTimeout(r, settleMs));

  const result = {
    status: got ? 'ok' : 'timeout',
    vscodeVersion: vscode.version,
    file: target ? target.toString() : null,
    msUntilFirstDiagnostic: got ? firstMs : null,
    activeExtensions: vscode.extensions.all.filter(e => e.isActive && !e.id.startsWith('vscode.')).map(e => e.id),
    diagnostics: collect(),
  };
  if (got && target && process.env.DIAG_PROBE_CHECKS === '1') {
    try {
      result.checks = await require('./checks').run(target, log);
    } catch (e) {
      result.checks = { error: String(e && e.stack || e) };
    }
  }
  fs.writeFileSync(out + '.tmp', JSON.stringify(result, null, 2));
  fs.renameSync(out + '.tmp', out);
  log('result written');
};
exports.deactivate = function () {};
