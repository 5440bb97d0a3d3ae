-- One wizard step, GET or POST, spread over prepared visitors (each its own session and run).
-- wrk -s step.lua URL -- METHOD STEP FIELDS COOKIE1 RUN1 CSRF1 [COOKIE2 RUN2 CSRF2 ...]
-- FIELDS is the step's URL-encoded answers; each POST adds the management field and CSRF token.

local requests = {}
local index = 0
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

-- Each visitor's request is built once, here: the load generator's own work per request
-- stays as small as for the trivial view it is compared with.
local function build(method, step, fields, cookie, run, csrf)
  local path = "/assess/" .. run .. "/" .. step .. "/"
  local headers = { Cookie = cookie }
  if method ~= "POST" then
    return wrk.format("GET", path, headers)
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "assessment_" .. run .. "-current_step=" .. step .. "&csrfmiddlewaretoken=" .. csrf
  if fields ~= "" then
    body = fields .. "&" .. body
  end
  return wrk.format("POST", path, headers, body)
end

function init(args)
  local method, step, fields = args[1], args[2], args[3]
  for i = 4, #args, 3 do
    requests[#requests + 1] = build(method, step, fields, args[i], args[i + 1], args[i + 2])
  end
  index = (offset or 0) * 7 % #requests
end

function request()
  index = index % #requests + 1
  return requests[index]
end
