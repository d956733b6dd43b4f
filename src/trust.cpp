#include "hallmark/trust.h"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "hallmark/file_io.h"
#include "hallmark/rfc3339.h"
#include "text.h"

namespace hallmark {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

}  // namespace

size_t TrustStore::KeyHash::operator()(const KeyBytes& k) const {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(k.data()), k.size()));
}

bool TrustStore::index(size_t i) {
  const TrustEntry& e = entries_[i];
  if (!by_key_.emplace(e.key.bytes, i).second) {
    return false;
  }
  next_same_name_.resize(entries_.size(), kNone);
  next_same_name_[i] = kNone;
  const auto [it, fresh] = by_name_.try_emplace(e.name, NameChain{i, i});
  if (!fresh) {
    next_same_name_[it->second.last] = i;
    it->second.last = i;
  }
  return true;
}

void TrustStore::reindex() {
  by_key_.clear();
  by_name_.clear();
  next_same_name_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) {
    index(i);
  }
}

Result<TrustStore> TrustStore::parse(std::string_view text, std::string_view file_name) {
  TrustStore store;
  const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  store.entries_.reserve(lines);
  store.by_key_.reserve(lines);
  store.next_same_name_.reserve(lines);
  size_t line_no = 0;
  bool in_header = true;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    auto fail = [&](const std::string& why) {
      return corrupt(std::string(file_name) + ":" + std::to_string(line_no) + ": " + why);
    };
    const std::vector<std::string_view> f = hallmark::text::split_words(line);
    if (f.empty() || f[0][0] == '#') {
      if (in_header && !f.empty()) {
        store.header_.emplace_back(line);
      }
      continue;
    }
    in_header = false;
    if (f.size() < 2) {
      return fail("expected \"NAME KEY [OPTION...]\"");
    }
    TrustEntry e;
    e.name = std::string(f[0]);
    if (Status s = keys::check_key_name(e.name); !s.ok()) {
      return fail(s.message());
    }
    Result<keys::PublicKey> key = keys::parse_public_key(f[1]);
    if (!key.ok()) {
      return fail(key.status().message());
    }
    e.key = *key;
    for (size_t i = 2; i < f.size(); ++i) {
      const size_t eq = f[i].find('=');
      const std::string_view opt = f[i].substr(0, eq);
      std::optional<int64_t>* slot = nullptr;
      if (opt == "valid-after") {
        slot = &e.valid_after;
      } else if (opt == "valid-before") {
        slot = &e.valid_before;
      } else if (opt == "revoked") {
        slot = &e.revoked;
      } else {
        return fail("unknown option \"" + std::string(opt) + "\"");
      }
      if (eq == std::string_view::npos) {
        return fail("option \"" + std::string(opt) + "\" needs a time");
      }
      if (slot->has_value()) {
        return fail("option \"" + std::string(opt) + "\" given twice");
      }
      Result<int64_t> t = parse_rfc3339(f[i].substr(eq + 1));
      if (!t.ok()) {
        return fail(t.status().message());
      }
      *slot = *t;
    }
    store.entries_.push_back(std::move(e));
    if (!store.index(store.entries_.size() - 1)) {
      return fail("key " + store.entries_.back().key.to_string() + " is listed twice");
    }
  }
  return store;
}

Result<TrustStore> TrustStore::load(const std::string& path, bool missing_ok) {
  Result<std::string> text = read_file(path, 16 << 20);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound && missing_ok) {
      return TrustStore{};
    }
    return text.status();
  }
  return parse(*text, path);
}

const TrustEntry* TrustStore::find(const keys::PublicKey& key) const {
  const auto it = by_key_.find(key.bytes);
  return it == by_key_.end() ? nullptr : &entries_[it->second];
}

std::vector<const TrustEntry*> TrustStore::named(std::string_view name) const {
  std::vector<const TrustEntry*> out;
  if (const auto it = by_name_.find(std::string(name)); it != by_name_.end()) {
    for (size_t i = it->second.first; i != kNone; i = next_same_name_[i]) {
      out.push_back(&entries_[i]);
    }
  }
  return out;
}

TrustDecision TrustStore::decide(const keys::PublicKey& key, int64_t signed_at) const {
  const TrustEntry* e = find(key);
  if (e == nullptr) {
    return {TrustLevel::kUnknown, nullptr};
  }
  if (e->revoked) {
    return {TrustLevel::kRevoked, e};
  }
  if ((e->valid_after && signed_at < *e->valid_after) ||
      (e->valid_before && signed_at >= *e->valid_before)) {
    return {TrustLevel::kOutsideWindow, e};
  }
  return {TrustLevel::kTrusted, e};
}

Status TrustStore::add(TrustEntry entry) {
  if (const TrustEntry* existing = find(entry.key)) {
    return invalid_argument("key " + entry.key.to_string() + " is already trusted as \"" +
                            existing->name + "\"");
  }
  HALLMARK_TRY(keys::check_key_name(entry.name));
  entries_.push_back(std::move(entry));
  index(entries_.size() - 1);
  return {};
}

Result<std::vector<TrustEntry>> TrustStore::remove(std::string_view name_or_key) {
  std::vector<TrustEntry> removed, kept;
  for (TrustEntry& e : entries_) {
    (e.name == name_or_key || e.key.to_string() == name_or_key ? removed : kept)
        .push_back(std::move(e));
  }
  entries_ = std::move(kept);
  reindex();
  if (removed.empty()) {
    return not_found("no trusted key is named or equals \"" + std::string(name_or_key) + "\"");
  }
  return removed;
}

Result<size_t> TrustStore::revoke(std::string_view name_or_key, int64_t when) {
  size_t n = 0;
  for (TrustEntry& e : entries_) {
    if (e.name == name_or_key || e.key.to_string() == name_or_key) {
      if (!e.revoked) {
        e.revoked = when;
      }
      ++n;
    }
  }
  if (n == 0) {
    return not_found("no trusted key is named or equals \"" + std::string(name_or_key) + "\"");
  }
  return n;
}

std::string TrustStore::serialize() const {
  std::string out;
  if (header_.empty()) {
    out += "# hallmark trust store: NAME KEY [valid-after=T] [valid-before=T] [revoked=T]\n";
    out += "# see hallmark-trust(5)\n";
  }
  for (const std::string& h : header_) {
    out += h + "\n";
  }
  for (const TrustEntry& e : entries_) {
    out += e.name + " " + e.key.to_string();
    if (e.valid_after) {
      out += " valid-after=" + format_rfc3339(*e.valid_after);
    }
    if (e.valid_before) {
      out += " valid-before=" + format_rfc3339(*e.valid_before);
    }
    if (e.revoked) {
      out += " revoked=" + format_rfc3339(*e.revoked);
    }
    out += "\n";
  }
  return out;
}

Status TrustStore::save(const std::string& path) const {
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return io_error("cannot create " + dir.string() + ": " + ec.message());
    }
  }
  return write_file_atomic(path, serialize(), {.mode = 0644});
}

}  // namespace hallmark
