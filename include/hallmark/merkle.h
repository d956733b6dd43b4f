// Merkle trees per RFC 6962 section 2.1 (unchanged in RFC 9162): leaf = SHA-256(0x00 || data),
// node = SHA-256(0x01 || left || right), split at the largest power of two below n, and the
// empty tree's root is SHA-256(""). The prefixes keep a leaf from passing for a node.
// This is the only code that knows the tree's shape. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "hallmark/sha256.h"
#include "hallmark/status.h"

namespace hallmark::merkle {

using hallmark::Digest;

Digest hash_leaf(ByteView data);
Digest hash_children(const Digest& left, const Digest& right);
// SHA-256 of nothing: the root of a tree with no leaves.
Digest empty_root();

// Root over `leaf_hashes`, in order.
Digest root(std::span<const Digest> leaf_hashes);

// Audit path from leaf `index` up to the root, leaf's sibling first (RFC 6962 PATH).
// Requires index < leaf_hashes.size().
std::vector<Digest> inclusion_proof(std::span<const Digest> leaf_hashes, uint64_t index);
// RFC 6962 PROOF(old_size, D[n]) between the first `old_size` leaves and all of them.
// Requires 0 < old_size <= leaf_hashes.size().
std::vector<Digest> consistency_proof(std::span<const Digest> leaf_hashes, uint64_t old_size);

// The same proofs without the leaves in memory. A NodeReader returns the hash of the perfect
// subtree at `level` covering leaves [index << level, (index + 1) << level); level 0 is a leaf
// hash. Trees stored as tiles (tlog-tiles) answer these directly. Errors are passed through.
using NodeReader = std::function<Result<Digest>(uint8_t level, uint64_t index)>;
Result<Digest> root(uint64_t size, const NodeReader& read);
Result<std::vector<Digest>> inclusion_proof(uint64_t index, uint64_t size, const NodeReader& read);
Result<std::vector<Digest>> consistency_proof(uint64_t old_size, uint64_t size,
                                              const NodeReader& read);

// OK if `proof` places `leaf_hash` at `index` in a tree of `size` leaves with root `root`
// (RFC 9162 section 2.1.3.2). kInvalidArgument if index >= size or the proof has the wrong
// length for (index, size); kVerifyFailed if it leads to a different root.
Status verify_inclusion(const Digest& leaf_hash, uint64_t index, uint64_t size,
                        std::span<const Digest> proof, const Digest& root);

// OK if `proof` shows the tree (old_size, old_root) is a prefix of (new_size, new_root)
// (RFC 9162 section 2.1.4.2). Equal sizes need an empty proof and equal roots. kInvalidArgument
// if old_size is 0 (even when new_size is 0) or greater than new_size, or the proof has the wrong
// length; kVerifyFailed if the roots do not follow.
Status verify_consistency(uint64_t old_size, uint64_t new_size, const Digest& old_root,
                          const Digest& new_root, std::span<const Digest> proof);

// The right border of a growing tree: the roots of its maximal perfect subtrees, largest
// first (at most 64 hashes). Appending a leaf and computing the root need no other state, so
// a log can integrate new entries without reading old ones.
class CompactRange {
 public:
  CompactRange() = default;
  // Restores a range saved from hashes() at `size` leaves. kCorrupt if the number of hashes
  // does not match popcount(size).
  static Result<CompactRange> from_hashes(uint64_t size, std::vector<Digest> hashes);

  void append(const Digest& leaf_hash);
  uint64_t size() const { return size_; }
  const std::vector<Digest>& hashes() const { return hashes_; }
  Digest root() const;
  // Calls visit(level, index, hash) for every perfect subtree completed by the last append,
  // the leaf itself first. Used to maintain stored hashes (tiles) as leaves are added.
  void append(const Digest& leaf_hash,
              const std::function<void(uint8_t level, uint64_t index, const Digest&)>& visit);

 private:
  uint64_t size_ = 0;
  std::vector<Digest> hashes_;
};

}  // namespace hallmark::merkle
