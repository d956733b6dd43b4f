// align_leaves(): the diff of two leaf sequences, against a literal LCS reference on small
// random edits and on the cases the old prefix/suffix rule got wrong.
#include "media/align.h"

#include <random>

#include "hallmark/merkle.h"
#include "test_util.h"

namespace hallmark::media::internal {
namespace {

Digest leaf(uint64_t i) {
  return merkle::hash_leaf(as_bytes("leaf " + std::to_string(i)));
}

std::vector<Digest> leaves(std::initializer_list<uint64_t> ids) {
  std::vector<Digest> out;
  for (uint64_t i : ids) {
    out.push_back(leaf(i));
  }
  return out;
}

// The number of leaves the runs leave matched, and whether every match is an equal pair.
uint64_t matched(const std::vector<Digest>& a, const std::vector<Digest>& b,
                 const std::vector<Run>& runs) {
  uint64_t i = 0, j = 0, n = 0;
  for (const Run& r : runs) {
    REQUIRE(r.first >= i);
    REQUIRE(r.first - i == r.actual_first - j);  // Between runs, one to one.
    for (; i < r.first; ++i, ++j, ++n) {
      REQUIRE(a[i] == b[j]);
    }
    REQUIRE((r.count > 0 || r.actual_count > 0));
    i = r.first + r.count;
    j = r.actual_first + r.actual_count;
  }
  REQUIRE(a.size() - i == b.size() - j);
  for (; i < a.size(); ++i, ++j, ++n) {
    REQUIRE(a[i] == b[j]);
  }
  return n;
}

// Longest common subsequence by the textbook dynamic programme: slow and obviously right.
uint64_t reference_lcs(const std::vector<Digest>& a, const std::vector<Digest>& b) {
  std::vector<std::vector<uint64_t>> t(a.size() + 1, std::vector<uint64_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST_CASE("align: two edits that change the count are two runs, not one span") {
  // Signed 0..19; the file replaces 3-4 by three leaves and 15 by two.
  const std::vector<Digest> a =
      leaves({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
  const std::vector<Digest> b =
      leaves({0, 1, 2, 100, 101, 102, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 103, 104, 16, 17, 18, 19});
  const std::vector<Run> runs = align_leaves(a, b);
  CHECK(runs == std::vector<Run>{{3, 2, 3, 3}, {15, 1, 16, 2}});
  CHECK(matched(a, b, runs) == reference_lcs(a, b));
}

TEST_CASE("align: a leaf inserted before repeated leaves (silence) is one insertion") {
  const std::vector<Digest> a = leaves({1, 7, 7, 7, 7, 2, 7, 7, 3});
  const std::vector<Digest> b = leaves({1, 7, 7, 9, 7, 7, 2, 7, 7, 3});
  const std::vector<Run> runs = align_leaves(a, b);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].count == 0);
  CHECK(runs[0].actual_count == 1);
  CHECK(matched(a, b, runs) == reference_lcs(a, b));
}

TEST_CASE("align: equal, empty and wholly different sequences") {
  const std::vector<Digest> a = leaves({1, 2, 3});
  CHECK(align_leaves(a, a).empty());
  CHECK(align_leaves({}, {}).empty());
  CHECK(align_leaves(a, {}) == std::vector<Run>{{0, 3, 0, 0}});
  CHECK(align_leaves({}, a) == std::vector<Run>{{0, 0, 0, 3}});
  CHECK(align_leaves(a, leaves({4, 5})) == std::vector<Run>{{0, 3, 0, 2}});
}

TEST_CASE("align: random edits of random sequences keep the longest common subsequence") {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    // Few distinct values (repeats, as in silence) in some rounds, unique ones in others.
    const uint64_t alphabet = round % 3 == 0 ? 4 : 1000000;
    std::vector<Digest> a;
    const size_t n = rng() % 60;
    for (size_t i = 0; i < n; ++i) {
      a.push_back(leaf(rng() % alphabet));
    }
    std::vector<Digest> b = a;
    const int edits = int(rng() % 5);
    for (int e = 0; e < edits; ++e) {
      const size_t at = b.empty() ? 0 : rng() % (b.size() + 1);
      switch (rng() % 3) {
        case 0:
          b.insert(b.begin() + long(at), leaf(2000000 + rng() % alphabet));
          break;
        case 1:
          if (at < b.size()) {
            b.erase(b.begin() + long(at));
          }
          break;
        default:
          if (at < b.size()) {
            b[at] = leaf(3000000 + rng() % alphabet);
          }
      }
    }
    const std::vector<Run> runs = align_leaves(a, b);
    CHECK(matched(a, b, runs) == reference_lcs(a, b));
  }
}

TEST_CASE("align: a stretch past the edit limit is one run, still correct") {
  std::vector<Digest> a, b;
  for (uint64_t i = 0; i < 4 * kMaxEdits; ++i) {
    a.push_back(leaf(i % 2));  // No unique leaves, so no anchors: Myers or nothing.
    b.push_back(leaf((i + 1) % 3));
  }
  const std::vector<Run> runs = align_leaves(a, b);
  (void)matched(a, b, runs);  // Whatever it matched, it matched equal leaves one to one.
  CHECK(!runs.empty());
}

}  // namespace
}  // namespace hallmark::media::internal
