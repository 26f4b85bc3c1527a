#include "runtime/objects.hpp"

namespace nyash {
namespace {
// Deleted entries stay as tombstones (keeping deletion O(1)) until they outnumber the live ones.
constexpr size_t kMinTombstonesToCompact = 16;
}  // namespace

void MapObj::set(const std::string& key, Value value) {
    auto [it, inserted] = index_.try_emplace(key, entries_.size());
    if (!inserted) {
        entries_[it->second].value = std::move(value);
        return;
    }
    try {
        entries_.push_back(Entry{key, std::move(value)});
    } catch (...) {
        index_.erase(it);
        throw;
    }
}

const Value* MapObj::get(const std::string& key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second].value;
}

bool MapObj::remove(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    Entry& entry = entries_[it->second];
    index_.erase(it);
    entry.live = false;
    entry.key = std::string();
    Value dropped = std::move(entry.value);  // released last, after the map is consistent
    size_t tombstones = entries_.size() - index_.size();
    if (tombstones >= kMinTombstonesToCompact && tombstones > index_.size()) compact();
    return true;
}

void MapObj::clear() {
    std::vector<Entry> dropped = std::move(entries_);  // released after the map is empty
    entries_.clear();
    index_.clear();
}

void MapObj::compact() {
    size_t kept = 0;
    for (Entry& entry : entries_) {
        if (!entry.live) continue;
        index_.find(entry.key)->second = kept;
        if (&entries_[kept] != &entry) entries_[kept] = std::move(entry);
        ++kept;
    }
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(kept), entries_.end());
}

}  // namespace nyash
