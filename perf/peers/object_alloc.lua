-- Peer of perf/programs/object_alloc.nyash: table-based objects created and dropped in a loop.
local Node = {}
Node.__index = Node
function Node.new(v) return setmetatable({value = v, next = nil}, Node) end
local total = 0
local i = 0
while i < 2700000 do
  local a = Node.new(i)
  local b = Node.new(i + 1)
  a.next = b
  total = total + a.next.value - a.value
  i = i + 1
end
print(total)
