// "copydesk: Set publication date for this file". It writes the
// copydesk.publicationDate setting at workspace level (user level when no
// folder is open), because that is the value the server reads; it therefore
// applies to every draft in the workspace until it is cleared.
import * as vscode from 'vscode';
import { isIsoDate } from './pubdate';

export async function setPublicationDate(): Promise<void> {
  const config = vscode.workspace.getConfiguration('copydesk');
  const current = config.get<string>('publicationDate') ?? '';
  const hasWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const target = hasWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const value = await vscode.window.showInputBox({
    title: 'copydesk: Set publication date for this file',
    prompt: `Publication date YYYY-MM-DD that relative dates resolve against (saved in the ${hasWorkspace ? 'workspace' : 'user'} setting copydesk.publicationDate). Empty clears it.`,
    placeHolder: 'YYYY-MM-DD',
    value: current || new Date().toISOString().slice(0, 10),
    validateInput: (s) => (s.trim() === '' || isIsoDate(s.trim()) ? undefined : 'A calendar date YYYY-MM-DD, e.g. 2016-03-23'),
  });
  if (value === undefined) return; // cancelled
  const date = value.trim();
  await config.update('publicationDate', date === '' ? undefined : date, target);
  vscode.window.setStatusBarMessage(date ? `copydesk: publication date ${date}` : 'copydesk: publication date cleared', 4000);
}
