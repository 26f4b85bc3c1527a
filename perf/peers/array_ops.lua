-- Peer of perf/programs/array_ops.nyash: a table used as an array (push, get, set, size).
local arr = {}
local i = 0
while i < 800000 do
  arr[#arr + 1] = i
  i = i + 1
end
local round = 0
local sum = 0
while round < 5 do
  local j = 0
  while j < #arr do
    arr[j + 1] = arr[j + 1] + 1
    sum = sum + arr[j + 1]
    j = j + 1
  end
  round = round + 1
end
print(sum)
