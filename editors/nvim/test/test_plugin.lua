-- End-to-end test of the copydesk plugin in real headless Neovim (0.7+).
-- Run by run.sh from the repository root with the plugin on the runtimepath;
-- COPYDESK_TEST_EXE is the binary under test, COPYDESK_TEST_OUT gets "ok".
local EXE = assert(vim.env.COPYDESK_TEST_EXE, "COPYDESK_TEST_EXE not set")
local OUT = assert(vim.env.COPYDESK_TEST_OUT, "COPYDESK_TEST_OUT not set")
local DATE = "2016-03-23"
local KERRY = "tests/corpus/examples/seed-kerry.txt"
local RUNOFF = "tests/corpus/examples/liveblog-runoff.md"
local WAIT = 15000

local function log(...) io.stderr:write(table.concat({ ... }, " "), "\n") end

-- a hard stop that fires even inside vim.wait
vim.defer_fn(function() log("FAIL: test took over 100 s"); os.exit(3) end, 100000)

local function check(cond, msg, ...)
  if not cond then error(string.format(msg, ...), 2) end
end

-- Count publishDiagnostics per URI and keep the raw LSP diagnostics, so the
-- test can wait for "one more publish" and send exact ranges back.
local publishes, raw = {}, {}
local default_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, res, ctx, config)
  if res then
    publishes[res.uri] = (publishes[res.uri] or 0) + 1
    raw[res.uri] = res.diagnostics or {}
  end
  return default_publish(err, res, ctx, config)
end

local function diags(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" then out[#out + 1] = d end
  end
  return out
end

-- Wait until pred() holds, then until no new publish arrives for 300 ms.
local function settle(buf, pred, what)
  check(vim.wait(WAIT, pred, 10), "timed out waiting for %s", what)
  local uri = vim.uri_from_bufnr(buf)
  local n = publishes[uri]
  while true do
    vim.wait(300, function() return publishes[uri] ~= n end, 10)
    if publishes[uri] == n then return end
    n = publishes[uri]
  end
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  settle(buf, function() return (publishes[vim.uri_from_bufnr(buf)] or 0) > 0 end, "diagnostics for " .. path)
  return buf
end

-- byte offset in `line` of UTF-16 offset `ch`
local function byte_of(line, ch)
  if ch == 0 then return 0 end
  return vim.str_byteindex(line, ch, true)
end

local function key(code, l1, c1, l2, c2) return table.concat({ code, l1, c1, l2, c2 }, ":") end

-- The buffer's diagnostics must be exactly `copydesk check`'s, on the same bytes.
local function compare_with_check(buf, path)
  local out = vim.fn.system({ EXE, "check", "--format", "json", "--date", DATE, path })
  local ok, parsed = pcall(vim.fn.json_decode, out)
  check(ok and type(parsed) == "table" and parsed[1], "copydesk check gave no JSON for %s: %s", path, out)
  local lines = vim.fn.readfile(path)
  local want, got = {}, {}
  for _, d in ipairs(parsed[1].diagnostics) do
    local s, e = d.range.start, d.range["end"]
    want[#want + 1] = key(d.code, s.line, byte_of(lines[s.line + 1], s.character),
      e.line, byte_of(lines[e.line + 1], e.character))
  end
  for _, d in ipairs(diags(buf)) do
    got[#got + 1] = key(d.code, d.lnum, d.col, d.end_lnum, d.end_col)
  end
  table.sort(want); table.sort(got)
  check(#want > 0, "check found nothing in %s", path)
  check(vim.deep_equal(want, got), "%s: Neovim has\n  %s\nbut check has\n  %s", path,
    table.concat(got, "\n  "), table.concat(want, "\n  "))
  log("ok: " .. #got .. " diagnostics in " .. path .. " match copydesk check")
end

-- LSP (UTF-16) position of the middle of the first `needle` in the buffer
local function position_of(buf, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = line:find(needle, 1, true)
    if s then
      local _, u16 = vim.str_utfindex(line, s - 1 + math.floor(#needle / 2))
      return { line = i - 1, character = u16 }
    end
  end
  error("'" .. needle .. "' not in the buffer")
end

local function run()
  require("copydesk").setup({ cmd = { EXE, "lsp" }, settings = { publicationDate = DATE } })

  -- 1. diagnostics, on the same bytes as check, also past emoji and Turkish letters
  local runoff = open(RUNOFF)
  compare_with_check(runoff, RUNOFF)
  local kerry = open(KERRY)
  vim.bo[kerry].readonly = false -- the corpus files are read-only; the test never writes
  check(vim.bo[kerry].filetype == "text", "filetype of %s is '%s'", KERRY, vim.bo[kerry].filetype)
  compare_with_check(kerry, KERRY)
  local clients = require("copydesk.client").all()
  check(#clients == 1, "expected one client for one root, have %d", #clients)
  check(clients[1].config.root_dir == vim.fn.getcwd(), "root is %s, not the repository",
    tostring(clients[1].config.root_dir))
  local uri = vim.uri_from_bufnr(kerry)

  -- 2. hover over "yesterday"
  local params = { textDocument = { uri = uri }, position = position_of(kerry, "yesterday") }
  local resp = vim.lsp.buf_request_sync(kerry, "textDocument/hover", params, WAIT)
  local text
  for _, r in pairs(resp or {}) do
    if r.result and r.result.contents then
      text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.result.contents), "\n")
    end
  end
  check(text and text:find("March 22, 2016", 1, true), "hover over 'yesterday' is %s", tostring(text))
  log("ok: hover renders 'March 22, 2016'")

  -- 3. quick fix on the first date-relative diagnostic
  local first
  for _, d in ipairs(raw[uri]) do
    if d.code == "date-relative" and (not first or d.range.start.line < first.range.start.line
        or (d.range.start.line == first.range.start.line and d.range.start.character < first.range.start.character)) then
      first = d
    end
  end
  check(first, "no date-relative diagnostic")
  local before = #diags(kerry)
  resp = vim.lsp.buf_request_sync(kerry, "textDocument/codeAction",
    { textDocument = { uri = uri }, range = first.range, context = { diagnostics = { first } } }, WAIT)
  local action
  local titles = {}
  for _, r in pairs(resp or {}) do
    for _, a in ipairs(r.result or {}) do
      titles[#titles + 1] = a.title
      if a.title == "Replace with 'Tuesday'" then action = a end
    end
  end
  check(action and action.edit, "no \"Replace with 'Tuesday'\" action with an edit; got: %s", table.concat(titles, " | "))
  local lnum = first.range.start.line
  local old = vim.api.nvim_buf_get_lines(kerry, lnum, lnum + 1, false)[1]
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  local new = vim.api.nvim_buf_get_lines(kerry, lnum, lnum + 1, false)[1]
  check(new ~= old and new:find("late Tuesday after", 1, true), "line %d after the fix: %s", lnum + 1, new)
  -- "Tuesday" is itself a relative date, so the count stays: the finding
  -- moves from "yesterday" to "Tuesday" once the server has the new text
  local function on_line(word)
    local s = new:find(word, 1, true) - 1
    for _, d in ipairs(vim.diagnostic.get(kerry, { lnum = lnum })) do
      if d.col == s then return true end
    end
    return false
  end
  settle(kerry, function() return on_line("Tuesday") end, "the diagnostic to move onto 'Tuesday'")
  check(#diags(kerry) == before, "%d diagnostics after the fix, %d before", #diags(kerry), before)
  log("ok: quick fix applied: " .. new:sub(1, 60) .. "...")

  -- 4. an edit updates the diagnostics
  before = #diags(kerry)
  vim.api.nvim_buf_set_lines(kerry, -1, -1, false, { "He left yesterday." })
  settle(kerry, function() return #diags(kerry) == before + 1 end, "one more diagnostic after appending a line")
  local last = vim.api.nvim_buf_line_count(kerry) - 1
  check(#vim.diagnostic.get(kerry, { lnum = last }) == 1, "no diagnostic on the appended line")
  log("ok: appended line gets its diagnostic")

  -- 5. :CopydeskDate
  local shown = vim.fn.execute("CopydeskDate")
  check(shown:find(DATE, 1, true), ":CopydeskDate printed %q", shown)
  local _, msg = pcall(vim.fn.execute, "CopydeskDate 2016-13-40") -- rejected: nothing changes
  check(tostring(msg):find("YYYY-MM-DD", 1, true), "no message for an invalid date: %s", tostring(msg))
  check(require("copydesk").get_date() == DATE, "an invalid date was accepted")
  local function says(s)
    for _, d in ipairs(diags(kerry)) do
      if d.message:find(s, 1, true) then return true end
    end
    return false
  end
  vim.cmd("CopydeskDate 2016-04-01")
  settle(kerry, function() return says("March 31, 2016") end, "messages resolved against 2016-04-01")
  check(not says("March 22, 2016"), "old resolutions remain after :CopydeskDate")
  check(require("copydesk").get_date() == "2016-04-01", ":CopydeskDate did not store the date")
  log("ok: :CopydeskDate 2016-04-01 re-resolves 'yesterday' to March 31, 2016")

  -- 6. :CopydeskExplain, under the cursor and with nothing there
  local wins = #vim.api.nvim_list_wins()
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd("CopydeskExplain")
  check(#vim.api.nvim_list_wins() == wins, "a window opened with no diagnostic under the cursor")
  vim.api.nvim_win_set_cursor(0, { last + 1, #"He left ye" })
  vim.cmd("CopydeskExplain")
  check(#vim.api.nvim_list_wins() == wins + 1, ":CopydeskExplain opened no window")
  local doc = vim.api.nvim_get_current_buf()
  check(vim.bo[doc].filetype == "markdown", "explain buffer filetype is %s", vim.bo[doc].filetype)
  local body = table.concat(vim.api.nvim_buf_get_lines(doc, 0, -1, false), "\n")
  check(body:find("# date-relative", 1, true), "explain buffer holds: %s", body:sub(1, 200))
  check(#require("copydesk.client").for_buffer(doc) == 0, "the explain buffer got a language server")
  log("ok: :CopydeskExplain shows the date-relative docs")

  -- 7. the help file builds its tags (in a copy: the plugin folder stays clean)
  local docdir = vim.fn.tempname()
  vim.fn.mkdir(docdir, "p")
  local helpfile = vim.api.nvim_get_runtime_file("doc/copydesk.txt", false)[1]
  check(helpfile, "doc/copydesk.txt is not on the runtimepath")
  vim.fn.writefile(vim.fn.readfile(helpfile), docdir .. "/copydesk.txt")
  vim.cmd("helptags " .. vim.fn.fnameescape(docdir))
  local tags = table.concat(vim.fn.readfile(docdir .. "/tags"), "\n")
  for _, tag in ipairs({ "copydesk", "copydesk-setup", ":CopydeskDate", ":CopydeskExplain",
                         "copydesk-settings", "copydesk-publicationDate", "copydesk-debounceMs" }) do
    check(tags:find("^" .. vim.pesc(tag) .. "\t") or tags:find("\n" .. vim.pesc(tag) .. "\t"), "help tag %s missing", tag)
  end
  log("ok: help tags")

  -- 8. a project with its own copydesk.json gets its own server, rooted
  -- there, and writing that file from Neovim makes the server reload it
  local project = vim.fn.tempname()
  vim.fn.mkdir(project .. "/drafts", "p")
  vim.fn.writefile({ "{}" }, project .. "/copydesk.json")
  vim.fn.writefile({ "He left yesterday." }, project .. "/drafts/draft.txt")
  local draft = open(project .. "/drafts/draft.txt")
  check(#diags(draft) == 1, "%d diagnostics in the draft, expected 1", #diags(draft))
  local mine = require("copydesk.client").for_buffer(draft)[1]
  check(mine and mine.config.root_dir == vim.fn.fnamemodify(project, ":p:h"),
    "draft rooted at %s", mine and tostring(mine.config.root_dir))
  check(#require("copydesk.client").all() == 2, "expected a second client for the second root")
  vim.cmd("split " .. vim.fn.fnameescape(project .. "/copydesk.json"))
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '{"rules": {"date-relative": "off"}}' })
  vim.cmd("silent write")
  settle(draft, function() return #diags(draft) == 0 end, "date-relative to go after copydesk.json turned it off")
  log("ok: second root at copydesk.json; writing it reloads the config")

  -- 9. the servers shut down cleanly
  for _, c in ipairs(require("copydesk.client").all()) do
    local id = c.id
    vim.lsp.stop_client(id)
    check(vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 10), "server did not exit")
  end
end

local ok, err = xpcall(run, debug.traceback)
if ok then
  vim.fn.writefile({ "ok" }, OUT)
  vim.cmd("qa!")
else
  log("\nFAIL: " .. tostring(err))
  vim.cmd("cquit 1")
end
