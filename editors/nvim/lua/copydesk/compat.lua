-- Small shims over LSP client APIs that changed between Neovim 0.7 and
-- today, so the rest of the plugin reads the same on every version.
local M = {}

-- 0.11 turned client functions into methods (client:notify) and warns on
-- the old dot form; 0.7 only has the dot form.
local methods = vim.fn.has("nvim-0.11") == 1

function M.notify(client, method, params)
  if methods then return client:notify(method, params) end
  return client.notify(method, params)
end

function M.request(client, method, params, handler, bufnr)
  if methods then return client:request(method, params, handler, bufnr) end
  return client.request(method, params, handler, bufnr)
end

function M.is_stopped(client)
  if methods then return client:is_stopped() end
  return client.is_stopped()
end

--- Clients, optionally only those attached to bufnr
--- (vim.lsp.get_clients arrived in 0.10; the older calls are deprecated).
function M.clients(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients(bufnr and { bufnr = bufnr } or nil) end
  if bufnr then return vim.tbl_values(vim.lsp.buf_get_clients(bufnr)) end
  return vim.lsp.get_active_clients()
end

--- Settings as the workspace/configuration handler reads them: 0.10 moved
--- them from client.config.settings to client.settings.
function M.set_settings(client, settings)
  client.config.settings = settings
  if client.settings ~= nil then client.settings = settings end
end

return M
