// The language client: `copydesk lsp` over stdio for Markdown and plain text.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  vsdiag,
} from 'vscode-languageclient/node';
import { serverSettings } from './serverSettings';

const SECTION = 'copydesk';

/** The section as the server should see it (the server asks without a scopeUri). */
function currentSettings() {
  return serverSettings(vscode.workspace.getConfiguration().get(SECTION));
}

export function createClient(binary: string, output: vscode.OutputChannel): LanguageClient {
  // No `transport` on purpose: with TransportKind.stdio the client would
  // append `--stdio` to the arguments; `copydesk lsp` already speaks stdio.
  const serverOptions: ServerOptions = { command: binary, args: ['lsp'] };
  const documentSelector = ['markdown', 'plaintext'].flatMap((language) =>
    ['file', 'untitled'].map((scheme) => ({ scheme, language })));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/copydesk.json'),
    },
    // The server both pushes diagnostics and offers them on request (pull).
    // The client would keep both sets — every finding listed twice — and
    // poll workspace/diagnostic every 2 s; pulled results also go stale on a
    // settings change (the server sends no diagnostic refresh). Pushed
    // diagnostics carry the document version and follow settings changes,
    // so they alone are used: the pull side answers empty without a request.
    diagnosticPullOptions: { onChange: false, onSave: false, onTabs: false },
    middleware: {
      provideDiagnostics: () => ({ kind: vsdiag.DocumentDiagnosticReportKind.full, items: [] }),
      provideWorkspaceDiagnostics: () => ({ items: [] }),
      workspace: {
        // The server pulls the section at start-up (workspace/configuration)...
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((r, i) => (params.items[i]?.section === SECTION ? serverSettings(r) : r));
        },
        // ...and is pushed it on every change; both are trimmed the same way.
        // An empty section makes the server ask again, which resets it to
        // its defaults: exactly right when the user cleared every setting.
        didChangeConfiguration: async () => {
          await client.sendNotification(DidChangeConfigurationNotification.type,
            { settings: { [SECTION]: currentSettings() } });
        },
      },
    },
  };
  const client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  return client;
}
