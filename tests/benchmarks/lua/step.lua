-- One wizard step, GET or POST, spread over prepared visitors (each its own session and run).
-- wrk -s step.lua URL -- METHOD STEP FIELDS COOKIE1 RUN1 CSRF1 [COOKIE2 RUN2 CSRF2 ...]
-- FIELDS is the step's URL-encoded answers; each POST adds the management field and CSRF token.

local method, step, fields
local users = {}
local index = 0
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  method, step, fields = args[1], args[2], args[3]
  for i = 4, #args, 3 do
    users[#users + 1] = { cookie = args[i], run = args[i + 1], csrf = args[i + 2] }
  end
  index = (offset or 0) * 7 % #users
end

function request()
  index = index % #users + 1
  local user = users[index]
  local path = "/assess/" .. user.run .. "/" .. step .. "/"
  local headers = { Cookie = user.cookie }
  if method ~= "POST" then
    return wrk.format("GET", path, headers)
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "assessment_" .. user.run .. "-current_step=" .. step
    .. "&csrfmiddlewaretoken=" .. user.csrf
  if fields ~= "" then
    body = fields .. "&" .. body
  end
  return wrk.format("POST", path, headers, body)
end
