// Entry point: find the binary, start the client, register the command and
// the status bar item; restart the server when copydesk.path changes.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { findBinary } from './binary';
import { createClient } from './client';
import { setPublicationDate } from './setDate';
import { PubDateStatus } from './statusBar';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function reportMissing(reason: string): Promise<void> {
  const open = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(
    `copydesk: ${reason} Install copydesk (build it with scripts/quickstart.sh from the copydesk repository ` +
      'and put build/copydesk on PATH) or set "copydesk.path" to the full path of the copydesk program.',
    open);
  if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.path');
}

async function start(): Promise<void> {
  const found = findBinary(vscode.workspace.getConfiguration('copydesk').get<string>('path'), workspaceRoot());
  if (!found.ok) {
    output.appendLine(found.reason);
    void reportMissing(found.reason);
    return;
  }
  output.appendLine(`starting ${found.path} lsp`);
  client = createClient(found.path, output);
  try {
    await client.start();
  } catch (e) {
    // The client has already logged the details to the output channel.
    void vscode.window.showErrorMessage(`copydesk: could not start "${found.path} lsp": ${e instanceof Error ? e.message : e}`);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}

/** What other extensions (and the in-editor test) can ask of this one. */
export interface CopydeskApi {
  /** The status bar's publication date text, e.g. "Published 2021-09-12 (front matter)". */
  publicationDateLabel(): string | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<CopydeskApi> {
  output = vscode.window.createOutputChannel('copydesk');
  const status = new PubDateStatus();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('copydesk.setPublicationDate', setPublicationDate),
    vscode.commands.registerCommand('copydesk.restartServer', async () => { await stop(); await start(); }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('copydesk.path')) { await stop(); await start(); }
    }),
  );
  await start();
  return { publicationDateLabel: () => status.label };
}

export function deactivate(): Promise<void> {
  return stop();
}
