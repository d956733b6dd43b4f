// The trust store (man/hallmark-trust.5): which keys sign for whom, when, and which were
// revoked. Values; thread-safe once loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  static Result<TrustStore> parse(std::string_view text, std::string_view file_name = "trust");
  // Loads `path`; a missing file is an empty store (kNotFound is not an error here).
  static Result<TrustStore> load(const std::string& path);

  const std::vector<TrustEntry>& entries() const { return entries_; }
  TrustDecision decide(const keys::PublicKey& key, int64_t signed_at) const;
  const TrustEntry* find(const keys::PublicKey& key) const;

  // kInvalidArgument if the key is already listed.
  Status add(TrustEntry entry);
  // Marks every entry whose name or key text equals `name_or_key` as revoked at `when`;
  // kNotFound if none matched. Returns the number revoked.
  Result<size_t> revoke(std::string_view name_or_key, int64_t when);

  std::string serialize() const;
  // Writes atomically (0644).
  Status save(const std::string& path) const;

 private:
  std::vector<TrustEntry> entries_;
  std::vector<std::string> header_;  // Leading comment lines, kept on rewrite.
};

}  // namespace hallmark
