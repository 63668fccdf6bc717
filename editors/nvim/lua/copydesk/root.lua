-- Finds the workspace root for a file: the nearest folder, going upwards,
-- that holds copydesk.json or .git. Written by hand because vim.fs.find
-- only arrived in Neovim 0.8 and this plugin supports 0.7.
local M = {}

M.markers = { "copydesk.json", ".git" }

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The parent folder, or nil at the top of the filesystem.
local function parent(dir)
  local up = vim.fn.fnamemodify(dir, ":h")
  if up == dir then return nil end
  return up
end

--- Root folder for an absolute file path; the file's own folder when no
--- marker is found, so a loose draft still gets a server.
function M.find(file)
  local start = vim.fn.fnamemodify(file, ":p:h")
  local dir = start
  while dir do
    for _, marker in ipairs(M.markers) do
      if exists(dir .. "/" .. marker) then return dir end
    end
    dir = parent(dir)
  end
  return start
end

return M
