-- The whole wizard, again and again, one visitor per wrk thread: run with as many threads as
-- connections (-t16 -c16), since wrk gives each thread its own Lua state but tells a script
-- nothing about connections. Each pass is what a new browser does:
--   GET /assess/ -> GET step -> POST step (302) -> ... -> POST review (302) -> GET /r/<token>/
-- wrk -s wizard.lua URL -- CSRF STEP1 FIELDS1 STEP2 FIELDS2 ...
-- CSRF is any 32 letters and digits: the visitor sends it as its csrftoken cookie and as the
-- form's token (Django accepts a well-formed cookie it did not set). The session cookie comes
-- from the server on the first step (the last Set-Cookie of that response).

local csrf
local fields = {}
local session
local method, path
completed = 0
failures = 0

local function restart()
  session = nil
  method, path = "GET", "/assess/"
end

function init(args)
  csrf = args[1]
  for i = 2, #args, 2 do
    fields[args[i]] = args[i + 1]
  end
  restart()
end

function request()
  local cookie = "csrftoken=" .. csrf
  if session then
    cookie = cookie .. "; sessionid=" .. session
  end
  local headers = { Cookie = cookie }
  if method ~= "POST" then
    return wrk.format("GET", path, headers)
  end
  local run, step = path:match("^/assess/(%x+)/([%w_-]+)/$")
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "assessment_" .. run .. "-current_step=" .. step .. "&csrfmiddlewaretoken=" .. csrf
  if fields[step] and fields[step] ~= "" then
    body = fields[step] .. "&" .. body
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  local cookie = headers["Set-Cookie"]
  local id = cookie and cookie:match("sessionid=([^;]+)")
  if id then
    session = id
  end
  local location = headers["Location"]
  if status == 302 and location then
    method, path = "GET", location
    return
  end
  if status == 200 and method == "GET" then
    if path:match("^/r/") then
      completed = completed + 1
      restart()
      return
    end
    if path:match("^/assess/%x+/[%w_-]+/$") then
      method = "POST"
      return
    end
  end
  failures = failures + 1
  restart()
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total, failed = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("completed")
    failed = failed + thread:get("failures")
  end
  io.write(string.format("wizard completions: %d\nwizard failures: %d\n", total, failed))
end
