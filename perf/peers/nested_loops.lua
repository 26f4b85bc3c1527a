-- Peer of perf/programs/nested_loops.nyash (nested loops with branches).
local count = 0
local i = 0
while i < 4600 do
  local j = 0
  while j < 4600 do
    if (i + j) % 3 == 0 then
      count = count + 1
    elseif (i - j) % 5 == 0 then
      count = count + 2
    else
      count = count - 1
    end
    j = j + 1
  end
  i = i + 1
end
print(count)
