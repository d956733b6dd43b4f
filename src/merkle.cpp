#include "hallmark/merkle.h"

#include <array>
#include <bit>
#include <cstring>

namespace hallmark::merkle {
namespace {

constexpr std::byte kLeafPrefix{0x00};
constexpr std::byte kNodePrefix{0x01};

// Largest power of two strictly below n; requires n >= 2.
uint64_t split_point(uint64_t n) {
  return std::bit_floor(n - 1);
}

// Number of hashes in the audit path of leaf `index` in a tree of `size` leaves: `inner` along
// the part of the path where siblings are perfect subtrees of the same size, `border` where the
// path runs along the tree's right border (as in transparency-dev/merkle's decompInclProof).
struct ProofShape {
  int inner;
  int border;
};
ProofShape inclusion_shape(uint64_t index, uint64_t size) {
  const int inner = std::bit_width(index ^ (size - 1));
  const int border = std::popcount(index >> inner);
  return {inner, border};
}

// Merkle Tree Hash of leaves [begin, end) from perfect subtrees. `begin` is always aligned to
// the largest perfect subtree inside the range, which the RFC recursion guarantees.
Result<Digest> range_hash(uint64_t begin, uint64_t end, const NodeReader& read) {
  const uint64_t n = end - begin;
  if (n == 0) {
    return empty_root();
  }
  if (std::has_single_bit(n) && begin % n == 0) {
    return read(static_cast<uint8_t>(std::countr_zero(n)), begin >> std::countr_zero(n));
  }
  const uint64_t k = split_point(n);
  Result<Digest> left = range_hash(begin, begin + k, read);
  if (!left.ok()) {
    return left;
  }
  Result<Digest> right = range_hash(begin + k, end, read);
  if (!right.ok()) {
    return right;
  }
  return hash_children(*left, *right);
}

// RFC 6962 section 2.1.1 PATH(m, D[begin:end]), appended to `out` in proof order.
Status path(uint64_t m, uint64_t begin, uint64_t end, const NodeReader& read,
            std::vector<Digest>& out) {
  const uint64_t n = end - begin;
  if (n <= 1) {
    return {};
  }
  const uint64_t k = split_point(n);
  if (m < k) {
    HALLMARK_TRY(path(m, begin, begin + k, read, out));
    Result<Digest> sibling = range_hash(begin + k, end, read);
    HALLMARK_TRY(sibling);
    out.push_back(*sibling);
  } else {
    HALLMARK_TRY(path(m - k, begin + k, end, read, out));
    Result<Digest> sibling = range_hash(begin, begin + k, read);
    HALLMARK_TRY(sibling);
    out.push_back(*sibling);
  }
  return {};
}

// RFC 6962 section 2.1.2 SUBPROOF(m, D[begin:end], b).
Status subproof(uint64_t m, uint64_t begin, uint64_t end, bool b, const NodeReader& read,
                std::vector<Digest>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!b) {
      Result<Digest> whole = range_hash(begin, end, read);
      HALLMARK_TRY(whole);
      out.push_back(*whole);
    }
    return {};
  }
  const uint64_t k = split_point(n);
  if (m <= k) {
    HALLMARK_TRY(subproof(m, begin, begin + k, b, read, out));
    Result<Digest> right = range_hash(begin + k, end, read);
    HALLMARK_TRY(right);
    out.push_back(*right);
  } else {
    HALLMARK_TRY(subproof(m - k, begin + k, end, false, read, out));
    Result<Digest> left = range_hash(begin, begin + k, read);
    HALLMARK_TRY(left);
    out.push_back(*left);
  }
  return {};
}

// A NodeReader over leaf hashes held in memory: a perfect subtree is hashed from its leaves.
NodeReader memory_reader(std::span<const Digest> leaves) {
  return [leaves](uint8_t level, uint64_t index) -> Result<Digest> {
    const uint64_t width = uint64_t{1} << level;
    return root(leaves.subspan(index * width, width));
  };
}

template <typename T>
T value_or_die(Result<T> r) {
  // Memory readers cannot fail; a failure here is a precondition violation by the caller.
  assert(r.ok());
  return std::move(r).value();
}

}  // namespace

Digest hash_leaf(ByteView data) {
  thread_local Sha256 hasher;
  hasher.update(ByteView(&kLeafPrefix, 1));
  return hasher.update(data).finish();
}

Digest hash_children(const Digest& left, const Digest& right) {
  std::array<std::byte, 65> buf;
  buf[0] = kNodePrefix;
  std::memcpy(buf.data() + 1, left.data(), 32);
  std::memcpy(buf.data() + 33, right.data(), 32);
  return sha256(buf);
}

Digest empty_root() {
  return sha256({});
}

Digest root(std::span<const Digest> leaf_hashes) {
  CompactRange range;
  for (const Digest& leaf : leaf_hashes) {
    range.append(leaf);
  }
  return range.root();
}

std::vector<Digest> inclusion_proof(std::span<const Digest> leaf_hashes, uint64_t index) {
  assert(index < leaf_hashes.size());
  return value_or_die(inclusion_proof(index, leaf_hashes.size(), memory_reader(leaf_hashes)));
}

std::vector<Digest> consistency_proof(std::span<const Digest> leaf_hashes, uint64_t old_size) {
  assert(old_size > 0 && old_size <= leaf_hashes.size());
  return value_or_die(consistency_proof(old_size, leaf_hashes.size(), memory_reader(leaf_hashes)));
}

Result<Digest> root(uint64_t size, const NodeReader& read) {
  return range_hash(0, size, read);
}

Result<std::vector<Digest>> inclusion_proof(uint64_t index, uint64_t size, const NodeReader& read) {
  if (index >= size) {
    return invalid_argument("index " + std::to_string(index) + " is not below tree size " +
                            std::to_string(size));
  }
  std::vector<Digest> out;
  HALLMARK_TRY(path(index, 0, size, read, out));
  return out;
}

Result<std::vector<Digest>> consistency_proof(uint64_t old_size, uint64_t size,
                                              const NodeReader& read) {
  if (old_size == 0 || old_size > size) {
    return invalid_argument("no consistency proof from size " + std::to_string(old_size) +
                            " to size " + std::to_string(size));
  }
  std::vector<Digest> out;
  HALLMARK_TRY(subproof(old_size, 0, size, true, read, out));
  return out;
}

Status verify_inclusion(const Digest& leaf_hash, uint64_t index, uint64_t size,
                        std::span<const Digest> proof, const Digest& root) {
  if (index >= size) {
    return invalid_argument("inclusion proof: index " + std::to_string(index) +
                            " is not below tree size " + std::to_string(size));
  }
  const ProofShape shape = inclusion_shape(index, size);
  if (proof.size() != static_cast<size_t>(shape.inner + shape.border)) {
    return invalid_argument("inclusion proof has " + std::to_string(proof.size()) +
                            " hashes, expected " + std::to_string(shape.inner + shape.border));
  }
  // RFC 9162 section 2.1.3.2.
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Digest r = leaf_hash;
  for (const Digest& p : proof) {
    if (sn == 0) {
      return invalid_argument("inclusion proof is too long");
    }
    if ((fn & 1) != 0 || fn == sn) {
      r = hash_children(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = hash_children(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return invalid_argument("inclusion proof is too short");
  }
  if (r != root) {
    return verify_failed("inclusion proof leads to a different root");
  }
  return {};
}

Status verify_consistency(uint64_t old_size, uint64_t new_size, const Digest& old_root,
                          const Digest& new_root, std::span<const Digest> proof) {
  if (new_size < old_size) {
    return invalid_argument("consistency proof: new size " + std::to_string(new_size) +
                            " is below old size " + std::to_string(old_size));
  }
  if (old_size == 0) {
    // RFC 9162 requires 0 < first; C2SP tlog-witness's "size 0 is always consistent" rule
    // belongs to the witness-facing code, not here.
    return invalid_argument("consistency proof from the empty tree is meaningless");
  }
  if (old_size == new_size) {
    if (!proof.empty()) {
      return invalid_argument("consistency proof between equal sizes must be empty");
    }
    if (old_root != new_root) {
      return verify_failed("trees of equal size have different roots");
    }
    return {};
  }
  // Expected length, as transparency-dev/merkle computes it.
  ProofShape shape = inclusion_shape(old_size - 1, new_size);
  const int shift = std::countr_zero(old_size);
  shape.inner -= shift;
  const bool old_is_perfect = old_size == uint64_t{1} << shift;
  const size_t want = (old_is_perfect ? 0 : 1) + shape.inner + shape.border;
  if (proof.size() != want) {
    return invalid_argument("consistency proof has " + std::to_string(proof.size()) +
                            " hashes, expected " + std::to_string(want));
  }
  // RFC 9162 section 2.1.4.2.
  std::vector<Digest> path;
  path.reserve(proof.size() + 1);
  if (old_is_perfect) {
    path.push_back(old_root);
  }
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Digest fr = path[0];
  Digest sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Digest& c = path[i];
    if (sn == 0) {
      return invalid_argument("consistency proof is too long");
    }
    if ((fn & 1) != 0 || fn == sn) {
      fr = hash_children(c, fr);
      sr = hash_children(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = hash_children(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return invalid_argument("consistency proof is too short");
  }
  if (fr != old_root) {
    return verify_failed("consistency proof does not lead to the old root");
  }
  if (sr != new_root) {
    return verify_failed("consistency proof does not lead to the new root");
  }
  return {};
}

Result<CompactRange> CompactRange::from_hashes(uint64_t size, std::vector<Digest> hashes) {
  if (hashes.size() != static_cast<size_t>(std::popcount(size))) {
    return corrupt("compact range for size " + std::to_string(size) + " needs " +
                   std::to_string(std::popcount(size)) + " hashes, got " +
                   std::to_string(hashes.size()));
  }
  CompactRange range;
  range.size_ = size;
  range.hashes_ = std::move(hashes);
  return range;
}

void CompactRange::append(const Digest& leaf_hash) {
  append(leaf_hash, [](uint8_t, uint64_t, const Digest&) {});
}

void CompactRange::append(
    const Digest& leaf_hash,
    const std::function<void(uint8_t level, uint64_t index, const Digest&)>& visit) {
  Digest node = leaf_hash;
  uint8_t level = 0;
  uint64_t index = size_;
  visit(level, index, node);
  // Each set low bit of the old size is a perfect subtree of the same height to merge with.
  while (((size_ >> level) & 1) != 0) {
    node = hash_children(hashes_.back(), node);
    hashes_.pop_back();
    ++level;
    index >>= 1;
    visit(level, index, node);
  }
  hashes_.push_back(node);
  ++size_;
}

Digest CompactRange::root() const {
  if (hashes_.empty()) {
    return empty_root();
  }
  Digest r = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) {
    r = hash_children(hashes_[i], r);
  }
  return r;
}

}  // namespace hallmark::merkle
