-- Commands only: nothing starts until require("copydesk").setup{} is called,
-- so installing the plugin never launches a server behind the user's back.
if vim.g.loaded_copydesk then return end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command("CopydeskDate", function(args)
  require("copydesk").date_command(args.args)
end, { nargs = "?", desc = "Set or show the publication date copydesk checks this buffer against" })

vim.api.nvim_create_user_command("CopydeskExplain", function(args)
  require("copydesk").explain_command(args.args)
end, {
  nargs = "?",
  desc = "Explain the copydesk rule under the cursor (or the given code)",
  complete = function(lead)
    return vim.tbl_filter(function(c) return c:sub(1, #lead) == lead end, {
      "quote-unattributed", "quote-unbalanced", "quote-anonymous-source",
      "name-variant", "name-first-reference", "date-relative",
      "date-ambiguous-numeric", "date-weekday-mismatch", "date-two-digit-year",
    })
  end,
})
