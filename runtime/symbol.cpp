#include "runtime/symbol.hpp"

#include <deque>
#include <unordered_map>

namespace nyash {
namespace {

struct SymbolTable {
    std::deque<std::string> names;  // deque: references stay valid as it grows
    std::unordered_map<std::string_view, Symbol> ids;
};

SymbolTable& table() {
    static SymbolTable instance;
    return instance;
}

}  // namespace

Symbol intern(std::string_view name) {
    SymbolTable& t = table();
    if (auto it = t.ids.find(name); it != t.ids.end()) return it->second;
    const std::string& stored = t.names.emplace_back(name);
    auto id = static_cast<Symbol>(t.names.size() - 1);
    t.ids.emplace(stored, id);
    return id;
}

const std::string& symbol_name(Symbol symbol) { return table().names[symbol]; }

}  // namespace nyash
