#include "media/align.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace hallmark::media::internal {
namespace {

struct Span {
  uint64_t alo, ahi, blo, bhi;
};

uint64_t key_of(const Digest& d) {
  uint64_t k;
  std::memcpy(&k, d.data(), sizeof k);
  return k;
}

class Aligner {
 public:
  Aligner(const std::vector<Digest>& a, const std::vector<Digest>& b) : a_(a), b_(b) {}

  std::vector<Run> run() {
    // Spans are taken from the back of the stack, so pushed in reverse order: runs come out
    // in order.
    std::vector<Span> stack = {{0, a_.size(), 0, b_.size()}};
    while (!stack.empty()) {
      Span s = stack.back();
      stack.pop_back();
      while (s.alo < s.ahi && s.blo < s.bhi && a_[s.alo] == b_[s.blo]) {
        ++s.alo;
        ++s.blo;
      }
      while (s.alo < s.ahi && s.blo < s.bhi && a_[s.ahi - 1] == b_[s.bhi - 1]) {
        --s.ahi;
        --s.bhi;
      }
      if (s.alo == s.ahi && s.blo == s.bhi) {
        continue;
      }
      if (s.alo == s.ahi || s.blo == s.bhi) {
        emit(s.alo, s.ahi - s.alo, s.blo, s.bhi - s.blo);
        continue;
      }
      std::vector<std::pair<uint64_t, uint64_t>> anchors = unique_anchors(s);
      if (!anchors.empty()) {
        // Gaps between consecutive anchors, pushed last-first.
        uint64_t ahi = s.ahi, bhi = s.bhi;
        for (auto it = anchors.rbegin(); it != anchors.rend(); ++it) {
          stack.push_back({it->first + 1, ahi, it->second + 1, bhi});
          ahi = it->first;
          bhi = it->second;
        }
        stack.push_back({s.alo, ahi, s.blo, bhi});
        continue;
      }
      myers(s);
    }
    return std::move(runs_);
  }

 private:
  void emit(uint64_t first, uint64_t count, uint64_t actual_first, uint64_t actual_count) {
    if (count == 0 && actual_count == 0) {
      return;
    }
    if (!runs_.empty()) {
      Run& last = runs_.back();
      if (last.first + last.count == first &&
          last.actual_first + last.actual_count == actual_first) {
        last.count += count;
        last.actual_count += actual_count;
        return;
      }
    }
    runs_.push_back({first, count, actual_first, actual_count});
  }

  // Pairs (i, j) with a[i] == b[j] occurring once in each side of the span, the longest
  // sequence of them increasing on both sides.
  std::vector<std::pair<uint64_t, uint64_t>> unique_anchors(const Span& s) {
    struct Seen {
      uint32_t in_a = 0, in_b = 0;
      uint64_t i = 0, j = 0;
    };
    std::unordered_multimap<uint64_t, std::pair<const Digest*, Seen>> index;
    index.reserve(size_t((s.ahi - s.alo) + (s.bhi - s.blo)));
    const auto find = [&](const Digest& d) -> Seen& {
      auto range = index.equal_range(key_of(d));
      for (auto it = range.first; it != range.second; ++it) {
        if (*it->second.first == d) {
          return it->second.second;
        }
      }
      return index.emplace(key_of(d), std::make_pair(&d, Seen{}))->second.second;
    };
    for (uint64_t i = s.alo; i < s.ahi; ++i) {
      Seen& e = find(a_[i]);
      ++e.in_a;
      e.i = i;
    }
    for (uint64_t j = s.blo; j < s.bhi; ++j) {
      Seen& e = find(b_[j]);
      ++e.in_b;
      e.j = j;
    }
    std::vector<std::pair<uint64_t, uint64_t>> pairs;
    for (const auto& [key, entry] : index) {
      const Seen& e = entry.second;
      if (e.in_a == 1 && e.in_b == 1) {
        pairs.emplace_back(e.i, e.j);
      }
    }
    std::sort(pairs.begin(), pairs.end());
    // Longest increasing subsequence by j (patience sorting), O(k log k).
    std::vector<size_t> tails;  // Index into pairs of the smallest tail per length.
    std::vector<size_t> prev(pairs.size(), SIZE_MAX);
    for (size_t k = 0; k < pairs.size(); ++k) {
      const auto pos = std::lower_bound(tails.begin(), tails.end(), pairs[k].second,
                                        [&](size_t t, uint64_t j) { return pairs[t].second < j; });
      if (pos != tails.begin()) {
        prev[k] = *(pos - 1);
      }
      if (pos == tails.end()) {
        tails.push_back(k);
      } else {
        *pos = k;
      }
    }
    std::vector<std::pair<uint64_t, uint64_t>> out;
    for (size_t k = tails.empty() ? SIZE_MAX : tails.back(); k != SIZE_MAX; k = prev[k]) {
      out.push_back(pairs[k]);
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

  // Myers' greedy shortest edit script, with the trace kept for the way back; a span too
  // large or too different is one run.
  void myers(const Span& s) {
    const int64_t n = int64_t(s.ahi - s.alo), m = int64_t(s.bhi - s.blo);
    if (uint64_t(n + m) > kMaxAligned) {
      emit(s.alo, uint64_t(n), s.blo, uint64_t(m));
      return;
    }
    const int64_t max_d = std::min<int64_t>(n + m, int64_t(kMaxEdits));
    const int64_t offset = max_d + 1;
    std::vector<int64_t> v(size_t(2 * max_d + 3), 0);
    // trace[d] is v as it was before step d, entries k = -d-1 .. d+1 only: O(D^2) in all.
    std::vector<std::vector<int64_t>> trace;
    int64_t found = -1;
    for (int64_t d = 0; d <= max_d && found < 0; ++d) {
      trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
      for (int64_t k = -d; k <= d; k += 2) {
        int64_t x;
        if (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)])) {
          x = v[size_t(offset + k + 1)];  // Down: an insertion.
        } else {
          x = v[size_t(offset + k - 1)] + 1;  // Right: a deletion.
        }
        int64_t y = x - k;
        while (x < n && y < m && a_[s.alo + uint64_t(x)] == b_[s.blo + uint64_t(y)]) {
          ++x;
          ++y;
        }
        v[size_t(offset + k)] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    if (found < 0) {
      emit(s.alo, uint64_t(n), s.blo, uint64_t(m));
      return;
    }
    // Walk back from (n, m), collecting the matched diagonal steps; runs are what lies
    // between them.
    std::vector<std::pair<int64_t, int64_t>> matches;  // (x, y) of matched leaves, backwards.
    int64_t x = n, y = m;
    for (int64_t d = found; d >= 0; --d) {
      const std::vector<int64_t>& row = trace[size_t(d)];
      const auto pv = [&](int64_t k) { return row[size_t(k + d + 1)]; };
      const int64_t k = x - y;
      const bool down = k == -d || (k != d && pv(k - 1) < pv(k + 1));
      const int64_t pk = down ? k + 1 : k - 1;
      const int64_t px = pv(pk);
      const int64_t py = px - pk;
      while (x > px && y > py) {
        --x;
        --y;
        matches.emplace_back(x, y);
      }
      x = px;
      y = py;
    }
    std::reverse(matches.begin(), matches.end());
    int64_t ax = 0, by = 0;
    for (const auto& [mx, my] : matches) {
      emit(s.alo + uint64_t(ax), uint64_t(mx - ax), s.blo + uint64_t(by), uint64_t(my - by));
      ax = mx + 1;
      by = my + 1;
    }
    emit(s.alo + uint64_t(ax), uint64_t(n - ax), s.blo + uint64_t(by), uint64_t(m - by));
  }

  const std::vector<Digest>& a_;
  const std::vector<Digest>& b_;
  std::vector<Run> runs_;
};

}  // namespace

std::vector<Run> align_leaves(const std::vector<Digest>& a, const std::vector<Digest>& b) {
  return Aligner(a, b).run();
}

}  // namespace hallmark::media::internal
