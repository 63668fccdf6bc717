-- Starts `copydesk lsp` and attaches it to buffers: one client per root.
-- Neovim 0.8+ has vim.lsp.start, which already reuses a client with the
-- same name and root; on 0.7 we keep that map ourselves and use
-- vim.lsp.start_client + vim.lsp.buf_attach_client.
local root = require("copydesk.root")
local compat = require("copydesk.compat")

local M = {}

M.name = "copydesk"

-- root folder -> client id (0.7 path only)
local by_root = {}

local function alive(id)
  local c = id and vim.lsp.get_client_by_id(id)
  if c and not compat.is_stopped(c) then return c end
  return nil
end

-- Lua cannot tell an empty object from an empty list, and Neovim encodes
-- {} as []: mark the objects of the section so they reach the server as {}.
local function wire(section)
  section = vim.deepcopy(section or {})
  if type(section.rules) == "table" and vim.tbl_isempty(section.rules) then
    section.rules = vim.empty_dict()
  end
  if vim.tbl_isempty(section) then return vim.empty_dict() end
  return section
end

-- The client config for one root. `settings` is the copydesk section; it is
-- wrapped as { copydesk = ... } because Neovim's workspace/configuration
-- handler looks the requested section up by name in config.settings.
local function make_config(opts, root_dir)
  return {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root_dir,
    workspace_folders = {
      { uri = vim.uri_from_fname(root_dir), name = root_dir },
    },
    settings = { copydesk = wire(opts.settings) },
    flags = opts.flags,
    on_init = function(client)
      -- Neovim does not send settings after initialize (its docs say to do
      -- it here); the server would otherwise wait on workspace/configuration.
      -- (With nothing set, the server's own workspace/configuration request
      -- already gets the empty answer.)
      if not vim.tbl_isempty(client.config.settings.copydesk) then
        compat.notify(client, "workspace/didChangeConfiguration", { settings = client.config.settings })
      end
    end,
    on_attach = opts.on_attach,
    on_exit = function()
      if by_root[root_dir] and not alive(by_root[root_dir]) then by_root[root_dir] = nil end
    end,
  }
end

--- True for buffers that hold a real file: the scratch buffer of
--- :CopydeskExplain is markdown too but must not get a server.
local function is_file_buffer(bufnr)
  return vim.bo[bufnr].buftype == "" and vim.api.nvim_buf_get_name(bufnr) ~= ""
end

--- Attach (starting if needed) the copydesk client for this buffer's root.
--- Returns the client id, or nil when the buffer is not a file.
function M.attach(bufnr, opts)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not is_file_buffer(bufnr) then return nil end
  local root_dir = root.find(vim.api.nvim_buf_get_name(bufnr))
  local config = make_config(opts, root_dir)

  if vim.lsp.start then
    return vim.api.nvim_buf_call(bufnr, function()
      return vim.lsp.start(config, { bufnr = bufnr })
    end)
  end

  local id = by_root[root_dir]
  if not alive(id) then
    id = vim.lsp.start_client(config)
    if not id then
      vim.notify("copydesk: could not start " .. table.concat(opts.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    by_root[root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Every running copydesk client.
function M.all()
  local out = {}
  for _, c in ipairs(compat.clients()) do
    if c.name == M.name then out[#out + 1] = c end
  end
  return out
end

--- The copydesk clients attached to a buffer.
function M.for_buffer(bufnr)
  local out = {}
  local buf = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  for _, c in ipairs(compat.clients(buf)) do
    if c.name == M.name then out[#out + 1] = c end
  end
  return out
end

--- Replace a client's copydesk section and tell the server, which
--- re-analyses its open documents with the new settings.
function M.push_settings(client, section)
  local settings = vim.tbl_extend("force", client.config.settings or {}, { copydesk = wire(section) })
  compat.set_settings(client, settings)
  compat.notify(client, "workspace/didChangeConfiguration", { settings = settings })
end

return M
