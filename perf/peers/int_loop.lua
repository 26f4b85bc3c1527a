-- Peer of perf/programs/int_loop.nyash (integer ops; Lua's % differs for negatives, unused here).
local sum = 0
local i = 0
while i < 36000000 do
  sum = sum + i * 3 % 7 - 1
  i = i + 1
end
print(sum)
