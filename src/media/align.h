// Aligning two leaf sequences (the signed one and the file's), to tell which leaves were
// replaced, inserted or deleted: a diff, so that two edits in one stream come out as two runs
// even when packets were added or dropped between them. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "hallmark/sha256.h"

namespace hallmark::media::internal {

// Signed leaves [first, first + count) correspond to actual leaves [actual_first,
// actual_first + actual_count); everything between two runs matches one to one.
struct Run {
  uint64_t first = 0, count = 0, actual_first = 0, actual_count = 0;
  bool operator==(const Run&) const = default;
};

// The runs in which `a` and `b` differ, in order. Equal leaves at the ends are matched first;
// then leaves that occur exactly once on each side anchor the alignment (the longest sequence
// of such pairs in the same order on both sides, as patience diff does), and stretches without
// anchors are aligned by Myers' O(ND) algorithm while they are small enough; past that
// (kMaxAligned leaves or kMaxEdits edits) a stretch is one run. Time O(n log n) for anchored
// input, memory O(n).
std::vector<Run> align_leaves(const std::vector<Digest>& a, const std::vector<Digest>& b);

inline constexpr uint64_t kMaxAligned = 1 << 16;
inline constexpr uint64_t kMaxEdits = 512;

}  // namespace hallmark::media::internal
