-- Peer of perf/programs/float_math.nyash (Float arithmetic in a loop).
local x = 0.0
local acc = 0.0
local step = 0.000001
local i = 0
while i < 12000000 do
  acc = acc + x * x * step
  x = x + step
  i = i + 1
end
print(string.format("%.16g", acc))  -- Nyash prints the shortest round-trip form: 16 digits here
