-- copydesk for Neovim: runs `copydesk lsp` on markdown and text buffers,
-- answers its settings, and adds :CopydeskDate and :CopydeskExplain.
local client = require("copydesk.client")

local M = {}

-- The settings keys the server reads from its "copydesk" section (SPEC §5).
M.setting_keys = {
  publicationDate = "string", rules = "table", names = "table",
  attributionVerbs = "table", dateOrder = "string", debounceMs = "number",
}

local defaults = {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  settings = {},
  -- The server debounces analysis itself (debounceMs); a second debounce
  -- in Neovim would only add its delay on top.
  flags = { debounce_text_changes = 0 },
  on_attach = nil,
}

M.options = nil -- set by setup()

local function check_settings(settings)
  for key, value in pairs(settings) do
    local want = M.setting_keys[key]
    if not want then
      vim.notify("copydesk: unknown setting '" .. key .. "' (sent anyway)", vim.log.levels.WARN)
    elseif type(value) ~= want then
      vim.notify(("copydesk: setting '%s' should be a %s"):format(key, want), vim.log.levels.WARN)
    end
  end
end

--- YYYY-MM-DD with a real month and day (the server checks the calendar).
function M.valid_date(s)
  local y, m, d = tostring(s):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return false end
  m, d = tonumber(m), tonumber(d)
  return m >= 1 and m <= 12 and d >= 1 and d <= 31
end

--- Start copydesk for buffers of the configured filetypes. Calling it again
--- replaces the options and sends the new settings to running servers.
function M.setup(opts)
  -- (tbl_deep_extend replaces lists such as cmd and names whole)
  opts = vim.tbl_deep_extend("force", defaults, opts or {})
  check_settings(opts.settings)
  local restarting = M.options ~= nil
  M.options = opts

  local group = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args) client.attach(args.buf, M.options) end,
  })
  -- Neovim 0.7 has no file watching for LSP: tell the server ourselves when
  -- a copydesk.json is written from this editor.
  vim.api.nvim_create_autocmd("BufWritePost", {
    group = group,
    pattern = "copydesk.json",
    callback = function(args)
      local uri = vim.uri_from_fname(vim.fn.fnamemodify(args.file, ":p"))
      for _, c in ipairs(client.all()) do
        require("copydesk.compat").notify(c, "workspace/didChangeWatchedFiles",
          { changes = { { uri = uri, type = 2 } } })
      end
    end,
  })

  if restarting then
    for _, c in ipairs(client.all()) do client.push_settings(c, vim.deepcopy(opts.settings)) end
  end
  -- buffers opened before setup() was called
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(opts.filetypes, vim.bo[buf].filetype) then
      client.attach(buf, opts)
    end
  end
end

--- The copydesk client of the current buffer, or nil with a message.
local function buffer_client()
  local clients = client.for_buffer(0)
  if #clients == 0 then
    local why = M.options and "this buffer has no copydesk server (filetypes: "
      .. table.concat(M.options.filetypes, ", ") .. ")"
      or "call require('copydesk').setup{} first"
    vim.notify("copydesk: " .. why, vim.log.levels.ERROR)
    return nil
  end
  return clients[1]
end

--- The publication date the current buffer's server was given, or nil.
function M.get_date()
  local c = buffer_client()
  if not c then return nil end
  return ((c.config.settings or {}).copydesk or {}).publicationDate
end

--- Set (or with "none", remove) the publication date for the current
--- buffer's server. Returns true when it was sent.
function M.set_date(date)
  if date ~= "none" and not M.valid_date(date) then
    vim.notify("copydesk: expected a date as YYYY-MM-DD (or 'none'), got '" .. tostring(date) .. "'",
      vim.log.levels.ERROR)
    return false
  end
  local c = buffer_client()
  if not c then return false end
  local section = vim.deepcopy(((c.config.settings or {}).copydesk) or {})
  section.publicationDate = date ~= "none" and date or nil
  client.push_settings(c, section)
  return true
end

--- :CopydeskDate [YYYY-MM-DD|none]
function M.date_command(arg)
  if arg == nil or arg == "" then
    if not buffer_client() then return end
    local d = M.get_date()
    print(d and ("copydesk: publication date " .. d .. " (set in Neovim)")
      or "copydesk: no publication date set in Neovim; the server uses front matter, a dateline or copydesk.json")
    return
  end
  if M.set_date(arg) then
    print("copydesk: publication date " .. (arg == "none" and "cleared" or arg))
  end
end

--- :CopydeskExplain [CODE]
function M.explain_command(code)
  require("copydesk.explain").run(code, M.options and M.options.cmd or defaults.cmd)
end

return M
