// C2SP tlog-checkpoint v1.0.0: the text of a log's signed tree head, "origin\nsize\nroot\n" plus
// optional extension lines. Signatures are note.h's business; a checkpoint checked against a
// trust policy is tlog_policy.h's. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/sha256.h"
#include "hallmark/status.h"

namespace hallmark::tlog {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Digest root{};
  std::vector<std::string> extensions;  // Opaque; hallmark logs write none.

  // The note text: each line followed by '\n'.
  std::string to_text() const;
  bool operator==(const Checkpoint&) const = default;
};

// Parses a checkpoint note text (no signature lines). kCorrupt with a reason unless it has a
// non-empty origin, a decimal size without leading zeros (below 2^63), a base64 32-byte root and
// only non-empty extension lines, each line ending in '\n'.
Result<Checkpoint> parse_checkpoint(std::string_view text);

}  // namespace hallmark::tlog
