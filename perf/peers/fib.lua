-- Peer of perf/programs/fib.nyash for Lua 5.4 / LuaJIT.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(35))
