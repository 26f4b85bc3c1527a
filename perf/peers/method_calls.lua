-- Peer of perf/programs/method_calls.nyash: a table-based object with methods.
local Counter = {}
Counter.__index = Counter
function Counter.new() return setmetatable({count = 0}, Counter) end
function Counter:add(n) self.count = self.count + n; return self.count end
function Counter:get() return self.count end
local c = Counter.new()
local i = 0
while i < 13000000 do
  c:add(i % 3)
  i = i + 1
end
print(c:get())
