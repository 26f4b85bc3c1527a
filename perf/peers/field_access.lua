-- Peer of perf/programs/field_access.nyash: field reads and writes on a table-based object.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
local p = Point.new(0, 0)
local i = 0
while i < 15000000 do
  p.x = p.x + 1
  p.y = p.y + p.x % 5
  i = i + 1
end
print(p.x + p.y)
