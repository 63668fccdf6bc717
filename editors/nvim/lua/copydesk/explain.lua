-- :CopydeskExplain: find the copydesk diagnostic under the cursor and show
-- `copydesk explain CODE` (the rule's documentation) in a scratch split.
local M = {}

local function code_of(d)
  -- Neovim 0.7 keeps the LSP code in user_data.lsp as well as top level
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

--- The code of the copydesk diagnostic covering the cursor, or nil.
--- Columns are bytes, as vim.diagnostic stores them.
function M.code_under_cursor()
  local pos = vim.api.nvim_win_get_cursor(0)
  local row, col = pos[1] - 1, pos[2]
  local best
  -- diagnostics starting on an earlier line can still cover the cursor
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == "copydesk" then
      local end_lnum = d.end_lnum or d.lnum
      local end_col = d.end_col or d.col
      local after_start = row > d.lnum or (row == d.lnum and col >= d.col)
      -- an empty range still counts when the cursor sits on it
      local before_end = row < end_lnum or (row == end_lnum and (col < end_col or end_col == d.col))
      if after_start and before_end then
        -- the innermost (latest starting) diagnostic wins
        if not best or d.lnum > best.lnum or (d.lnum == best.lnum and d.col > best.col) then best = d end
      end
    end
  end
  return best and code_of(best)
end

-- Show lines in a new scratch split, markdown so the docs read well.
local function show(code, lines)
  vim.cmd("botright new")
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].swapfile = false
  pcall(vim.api.nvim_buf_set_name, buf, "copydesk://explain/" .. code)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = "markdown"
  vim.keymap.set("n", "q", "<cmd>close<cr>", { buffer = buf, nowait = true })
end

--- Run `copydesk explain CODE` with the binary of `cmd` (cmd[1]).
function M.run(code, cmd)
  if code == nil or code == "" then
    code = M.code_under_cursor()
    if not code then
      vim.notify("copydesk: no copydesk diagnostic under the cursor (give a code: :CopydeskExplain date-relative)",
        vim.log.levels.WARN)
      return
    end
  end
  local exe = cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    vim.notify("copydesk: cannot run '" .. exe .. "' (set cmd in require('copydesk').setup)", vim.log.levels.ERROR)
    return
  end
  local out = vim.fn.systemlist({ exe, "explain", code })
  if vim.v.shell_error ~= 0 then
    vim.notify("copydesk explain " .. code .. ": " .. table.concat(out, "\n"), vim.log.levels.ERROR)
    return
  end
  show(code, out)
end

return M
