-- End-to-end check of `ztlint server` in a real Neovim, headless.
--
-- Runs in Neovim 0.11 (`nvim --headless -u NONE -l check.lua`: UTF-8
-- positions, pull diagnostics) and in Neovim 0.7 (`nvim --headless -u NONE
-- -c 'luafile check.lua'`: UTF-16 positions, pushed diagnostics). Reads
-- ZTLINT_BIN (the binary) and ZTLINT_DIR (a scratch copy of seed.json,
-- seed-unicode.json and the Terraform module infra/). Exits 0 when everything matches, 1 on the first
-- mismatch, printing what it saw.

-- Client methods are called with `:` from 0.11 on, with `.` before.
local colon = vim.fn.has('nvim-0.11') == 1
local version = vim.version()
-- What this Neovim offers decides what the server must negotiate.
local caps = vim.lsp.protocol.make_client_capabilities()
local encodings = caps.general and caps.general.positionEncodings or {}
local want_encoding = vim.tbl_contains(encodings, 'utf-8') and 'utf-8' or 'utf-16'
local want_pull = caps.textDocument.diagnostic ~= nil
local bin = assert(os.getenv('ZTLINT_BIN'), 'ZTLINT_BIN is not set')
local dir = assert(os.getenv('ZTLINT_DIR'), 'ZTLINT_DIR is not set')

local function log(...)
  io.stderr:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n')
  io.stderr:flush()
end

local function fail(message)
  error(message, 0)
end

local function expect(what, got, want)
  if not vim.deep_equal(got, want) then
    fail(what .. ':\n  got:  ' .. vim.inspect(got) .. '\n  want: ' .. vim.inspect(want))
  end
end

local function call(client, method, params, bufnr)
  local response, err
  if colon then
    response, err = client:request_sync(method, params, 5000, bufnr)
  else
    response, err = client.request_sync(method, params, 5000, bufnr)
  end
  if not response then
    fail(method .. ' failed: ' .. tostring(err))
  end
  if response.err then
    fail(method .. ' answered an error: ' .. vim.inspect(response.err))
  end
  return response.result
end

-- Opens `name` from the scratch directory and attaches the server.
local function open(name, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = filetype or 'json'
  local config = { name = 'ztlint', cmd = { bin, 'server' }, root_dir = dir }
  local id
  if vim.lsp.start then
    id = vim.lsp.start(config, { bufnr = bufnr })
  else
    id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, id)
  end
  local client = vim.lsp.get_client_by_id(id)
  if not client then
    fail('the server did not start')
  end
  -- The encoding is settled by the `initialize` answer.
  if not vim.wait(10000, function()
    return client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil
  end, 20) then
    fail('the server did not answer `initialize`')
  end
  return bufnr, client
end

-- The buffer's ztlint diagnostics as {code, lnum, col, end_lnum, end_col}
-- (0-based, byte columns), once there are `count` of them.
local function diagnostics(bufnr, count)
  local ok = vim.wait(10000, function()
    return #vim.diagnostic.get(bufnr) == count
  end, 20)
  local found = vim.diagnostic.get(bufnr)
  table.sort(found, function(a, b)
    return a.lnum < b.lnum
  end)
  local seen = {}
  for _, d in ipairs(found) do
    table.insert(seen, { d.code, d.lnum, d.col, d.end_lnum, d.end_col })
  end
  log('  diagnostics:', vim.inspect(seen))
  if not ok then
    fail('expected ' .. count .. ' diagnostics, have ' .. #found)
  end
  return found, seen
end

-- Neovim 0.7 keeps only part of each LSP diagnostic in user_data.lsp (no
-- range): record what the server pushed.
local pushed = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  pushed[result.uri] = result.diagnostics
  return publish(err, result, ctx, config)
end

-- The LSP diagnostic, as the server sent it, behind a vim.diagnostic entry.
local function lsp_diagnostic(d)
  local raw = d.user_data and d.user_data.lsp
  if raw and raw.range then
    return raw
  end
  for _, sent in ipairs(pushed[vim.uri_from_bufnr(d.bufnr)] or {}) do
    if sent.code == d.code and sent.range.start.line == d.lnum then
      return sent
    end
  end
  fail('no LSP diagnostic behind ' .. vim.inspect(d))
end

local function code_actions(client, bufnr, range, diags, only)
  return call(client, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = diags, only = only },
  }, bufnr) or {}
end

local function main()
  log(('Neovim %d.%d.%d'):format(version.major, version.minor, version.patch))
  -- The two clients of CI: 0.11 offers UTF-8 and pulls, 0.7 does neither.
  if version.minor == 11 then
    expect('Neovim 0.11 offers', { want_encoding, want_pull }, { 'utf-8', true })
  elseif version.minor == 7 then
    expect('Neovim 0.7 offers', { want_encoding, want_pull }, { 'utf-16', false })
  end

  -- 1. The seed example: three findings at the right places.
  local bufnr, client = open('seed.json')
  expect('negotiated encoding', client.offset_encoding, want_encoding)
  local pulls = client.server_capabilities.diagnosticProvider ~= nil
  log('  encoding ' .. client.offset_encoding .. ', diagnostics ' .. (pulls and 'pulled' or 'pushed'))
  expect('pull diagnostics', pulls, want_pull)
  local found, seen = diagnostics(bufnr, 3)
  expect('seed findings', seen, {
    { 'wrong-type', 7, 21, 7, 28 },
    { 'low-contrast', 13, 18, 13, 27 },
    { 'duration-range', 18, 40, 18, 46 },
  })
  local wrong_type = lsp_diagnostic(found[1])
  expect('rule documentation', wrong_type.codeDescription and wrong_type.codeDescription.href,
    'https://github.com/ztlint/ztlint/blob/main/docs/rules.md#wrong-type')
  expect('secondary label', lsp_diagnostic(found[2]).relatedInformation[1].message, 'background')

  -- Hover on the key and on the finding.
  local hover = call(client, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 7, character = 4 },
  }, bufnr)
  local text = hover and hover.contents and hover.contents.value or ''
  if not text:find('Lock all settings as Read-Only', 1, true) then
    fail('hover on the key shows no field description: ' .. vim.inspect(hover))
  end
  hover = call(client, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 7, character = 23 },
  }, bufnr)
  text = hover and hover.contents and hover.contents.value or ''
  if not text:find('`wrong-type`', 1, true) then
    fail('hover on the finding shows no rule explanation: ' .. vim.inspect(hover))
  end

  -- The unsafe fix is offered for review, not preferred.
  local duration = lsp_diagnostic(found[3])
  local actions = code_actions(client, bufnr, duration.range, { duration }, { 'quickfix' })
  expect('unsafe quick fix', { actions[1].title, actions[1].isPreferred },
    { 'Replace with `"730h"` (needs review)', false })

  -- The safe quick fix: `"false"` -> `false`.
  actions = code_actions(client, bufnr, wrong_type.range, { wrong_type }, { 'quickfix' })
  expect('safe quick fix', { #actions, actions[1].title, actions[1].isPreferred },
    { 1, 'Replace with `false`', true })
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  expect('line after the fix', vim.api.nvim_buf_get_lines(bufnr, 7, 8, true)[1],
    '  "is_ui_read_only": false,')
  _, seen = diagnostics(bufnr, 2)
  expect('findings after the fix', seen, {
    { 'low-contrast', 13, 18, 13, 27 },
    { 'duration-range', 18, 40, 18, 46 },
  })

  -- 2. Non-ASCII text before the findings on the same line: byte columns
  -- in the buffer, and the negotiated encoding's units on the wire.
  bufnr, client = open('seed-unicode.json')
  found, seen = diagnostics(bufnr, 3)
  expect('unicode findings', seen, {
    { 'wrong-type', 7, 77, 7, 84 },
    { 'low-contrast', 12, 49, 12, 58 },
    { 'duration-range', 16, 40, 16, 46 },
  })
  local wire = {}
  for _, d in ipairs(found) do
    local r = lsp_diagnostic(d).range
    table.insert(wire, { r.start.line, r.start.character, r['end'].character })
  end
  if want_encoding == 'utf-8' then
    expect('UTF-8 positions on the wire', wire, { { 7, 77, 84 }, { 12, 49, 58 }, { 16, 40, 46 } })
  else
    expect('UTF-16 positions on the wire', wire, { { 7, 71, 78 }, { 12, 45, 54 }, { 16, 40, 46 } })
  end

  -- source.fixAll.ztlint applies the safe fix only.
  actions = code_actions(client, bufnr, { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    {}, { 'source.fixAll.ztlint' })
  expect('fix-all actions', #actions, 1)
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  expect('line after fix-all', vim.api.nvim_buf_get_lines(bufnr, 7, 8, true)[1],
    '  "ui_read_only_toggle_reason": "Grüße 😀 — bitte", "is_ui_read_only": false,')
  _, seen = diagnostics(bufnr, 2)
  expect('unicode findings after fix-all', seen, {
    { 'low-contrast', 12, 49, 12, 58 },
    { 'duration-range', 16, 40, 16, 46 },
  })

  -- 3. A Terraform file, linted with its module on disk: the duration comes
  -- from terraform.tfvars, which the finding points at.
  bufnr, client = open('infra/main.tf', 'terraform')
  found, seen = diagnostics(bufnr, 4)
  expect('terraform findings', seen, {
    { 'duration-syntax', 14, 39, 14, 59 },
    { 'duration-range', 15, 39, 15, 45 },
    { 'terraform-block-syntax', 21, 2, 21, 14 },
    { 'low-contrast', 23, 23, 23, 32 },
  })
  local related = lsp_diagnostic(found[1]).relatedInformation[1]
  expect('where the value is set', { related.location.uri, related.location.range.start },
    { vim.uri_from_fname(dir .. '/infra/terraform.tfvars'), { line = 1, character = 19 } })
  -- The safe quick fix writes v5's attribute syntax.
  local block = lsp_diagnostic(found[3])
  actions = code_actions(client, bufnr, block.range, { block }, { 'quickfix' })
  expect('terraform quick fix', { actions[1].title, actions[1].isPreferred },
    { 'Write `login_design = {`', true })
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  expect('line after the terraform fix', vim.api.nvim_buf_get_lines(bufnr, 21, 22, true)[1],
    '  login_design = {')
  _, seen = diagnostics(bufnr, 3)
  expect('terraform findings after the fix', seen, {
    { 'duration-syntax', 14, 39, 14, 59 },
    { 'duration-range', 15, 39, 15, 45 },
    { 'low-contrast', 23, 23, 23, 32 },
  })
end

local ok, err = pcall(main)
if ok then
  log('OK: all editor checks passed')
  vim.cmd('qall!')
else
  log('FAILED: ' .. tostring(err))
  vim.cmd('cquit 1')
end
