// The trust store (man/hallmark-trust.5): which keys sign for whom, when, and which were
// revoked. Values; thread-safe once loaded (const member functions only).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hallmark/keys.h"
#include "hallmark/status.h"

namespace hallmark {

struct TrustEntry {
  std::string name;
  keys::PublicKey key;
  std::optional<int64_t> valid_after;   // Unix seconds.
  std::optional<int64_t> valid_before;  // Unix seconds.
  std::optional<int64_t> revoked;       // Unix seconds.
};

// The verdict on one key for a manifest created at a given time.
enum class TrustLevel {
  kTrusted,        // Listed, not revoked, and the time is inside its window.
  kOutsideWindow,  // Listed, not revoked, but the time is outside its window.
  kRevoked,        // Listed as revoked.
  kUnknown,        // Not listed.
};

struct TrustDecision {
  TrustLevel level = TrustLevel::kUnknown;
  const TrustEntry* entry = nullptr;  // Points into the store; null when kUnknown.
};

class TrustStore {
 public:
  // Parses the file format; kCorrupt naming the line ("trust:3: ...") for any problem.
  // Linear in the size of the text.
  static Result<TrustStore> parse(std::string_view text, std::string_view file_name = "trust");
  // Loads `path`. A missing file is an empty store when `missing_ok` (the default store, which
  // nobody has created yet); otherwise kNotFound naming the path (a store the user named).
  static Result<TrustStore> load(const std::string& path, bool missing_ok = true);

  // In file order. Pointers into it (find(), named(), TrustDecision::entry) stay valid until
  // the store is next changed.
  const std::vector<TrustEntry>& entries() const { return entries_; }
  TrustDecision decide(const keys::PublicKey& key, int64_t signed_at) const;
  // The entry for `key`, or null. Constant time.
  const TrustEntry* find(const keys::PublicKey& key) const;
  // Every entry listed under `name`, in file order (several keys may share a name: a second
  // device, a rotation).
  std::vector<const TrustEntry*> named(std::string_view name) const;

  // kInvalidArgument if the key is already listed. A name already listed for another key is
  // allowed here (the file format allows it); `hallmark trust add` asks first.
  Status add(TrustEntry entry);
  // Marks every entry whose name or key text equals `name_or_key` as revoked at `when`;
  // kNotFound if none matched. Returns the number revoked.
  Result<size_t> revoke(std::string_view name_or_key, int64_t when);
  // Deletes every entry whose name or key text equals `name_or_key`; kNotFound if none
  // matched. Returns the entries removed.
  Result<std::vector<TrustEntry>> remove(std::string_view name_or_key);

  std::string serialize() const;
  // Writes atomically (0644).
  Status save(const std::string& path) const;

 private:
  using KeyBytes = std::array<std::byte, keys::kPublicKeySize>;
  struct KeyHash {
    size_t operator()(const KeyBytes& k) const;
  };
  struct NameChain {
    size_t first, last;  // Indexes into entries_; next_same_name_ links the rest.
  };
  // Appends entries_[i] to the indexes; false if its key is listed already.
  bool index(size_t i);
  void reindex();

  std::vector<TrustEntry> entries_;
  std::vector<std::string> header_;  // Leading comment lines, kept on rewrite.
  // Indexes into entries_, kept in step with it: by key, and by name (a chain through
  // next_same_name_, in file order), so that loading is linear in the number of lines.
  std::unordered_map<KeyBytes, size_t, KeyHash> by_key_;
  std::unordered_map<std::string, NameChain> by_name_;
  std::vector<size_t> next_same_name_;
};

}  // namespace hallmark
