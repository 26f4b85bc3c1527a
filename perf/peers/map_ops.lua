-- Peer of perf/programs/map_ops.nyash: a table with string keys (set, get, size).
local m = {}
local count = 0
local i = 0
while i < 1500000 do
  local key = "k" .. i % 5000
  if m[key] == nil then count = count + 1 end
  m[key] = i
  i = i + 1
end
local sum = 0
local j = 0
while j < 1500000 do
  sum = sum + m["k" .. j % 5000]
  j = j + 1
end
print(count)
print(sum)
