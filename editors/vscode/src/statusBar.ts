// The status bar item: which publication date the open draft is checked
// against and where it came from, because every relative-date finding
// depends on it. Clicking it runs the set-date command.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { label, resolvePubDate } from './pubdate';

const LANGUAGES = new Set(['markdown', 'plaintext']);

/** publicationDate of the nearest copydesk.json above the file, if any. */
function configFileDate(doc: vscode.TextDocument): string | undefined {
  if (doc.uri.scheme !== 'file') return undefined;
  for (let dir = path.dirname(doc.uri.fsPath); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'copydesk.json');
    if (fs.existsSync(file)) {
      // The nearest file decides, even when it is invalid (as in the server).
      try {
        const v = JSON.parse(fs.readFileSync(file, 'utf8'))?.publicationDate;
        return typeof v === 'string' ? v : undefined;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export class PubDateStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('copydesk.publicationDate',
    vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The text shown, without the icon; undefined while hidden. */
  label: string | undefined;

  constructor() {
    this.item.name = 'copydesk publication date';
    this.item.command = 'copydesk.setPublicationDate';
    const watcher = vscode.workspace.createFileSystemWatcher('**/copydesk.json');
    this.subs.push(
      watcher,
      watcher.onDidChange(() => this.update()),
      watcher.onDidCreate(() => this.update()),
      watcher.onDidDelete(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('copydesk.publicationDate')) this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.updateSoon();
      }),
    );
    this.update();
  }

  /** Typing in the front matter or dateline changes the answer; no need to redo it per key. */
  private updateSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 300);
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      this.label = undefined;
      this.item.hide();
      return;
    }
    // Read as the server reads it: the workspace-level value, no scopeUri.
    const setting = vscode.workspace.getConfiguration('copydesk').get<string>('publicationDate');
    const found = resolvePubDate(setting, doc.getText(), configFileDate(doc));
    this.label = label(found);
    this.item.text = `$(calendar) ${this.label}`;
    this.item.tooltip = found
      ? `copydesk resolves relative dates (yesterday, on Monday) against ${found.date}, taken from the ${found.source}. Click to set the publication date.`
      : 'copydesk found no publication date (setting, front matter date:, dateline or copydesk.json): relative dates are flagged without a calendar date. Click to set one.';
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
