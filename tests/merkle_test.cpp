#include "hallmark/merkle.h"

#include <bit>

#include "test_util.h"

namespace hallmark::merkle {
namespace {

using test::digest_hex;

// RFC 6962 section 2.1 transcribed literally: slow and obviously right; tests only.
Digest reference_root(std::span<const Digest> leaves) {
  if (leaves.empty()) {
    return sha256({});
  }
  if (leaves.size() == 1) {
    return leaves[0];
  }
  const size_t k = std::bit_floor(leaves.size() - 1);  // Largest power of two < n.
  return hash_children(reference_root(leaves.first(k)), reference_root(leaves.subspan(k)));
}

std::vector<Digest> reference_path(uint64_t m, std::span<const Digest> d) {
  if (d.size() <= 1) {
    return {};
  }
  const size_t k = std::bit_floor(d.size() - 1);
  std::vector<Digest> out;
  if (m < k) {
    out = reference_path(m, d.first(k));
    out.push_back(reference_root(d.subspan(k)));
  } else {
    out = reference_path(m - k, d.subspan(k));
    out.push_back(reference_root(d.first(k)));
  }
  return out;
}

std::vector<Digest> reference_subproof(uint64_t m, std::span<const Digest> d, bool b) {
  if (m == d.size()) {
    return b ? std::vector<Digest>{} : std::vector<Digest>{reference_root(d)};
  }
  const size_t k = std::bit_floor(d.size() - 1);
  std::vector<Digest> out;
  if (m <= k) {
    out = reference_subproof(m, d.first(k), b);
    out.push_back(reference_root(d.subspan(k)));
  } else {
    out = reference_subproof(m - k, d.subspan(k), false);
    out.push_back(reference_root(d.first(k)));
  }
  return out;
}

std::vector<Digest> numbered_leaves(uint64_t n) {
  std::vector<Digest> out;
  for (uint64_t i = 0; i < n; ++i) {
    out.push_back(hash_leaf(as_bytes("leaf " + std::to_string(i))));
  }
  return out;
}

std::vector<Digest> digests(const nlohmann::json& list) {
  std::vector<Digest> out;
  if (list.is_null()) {
    return out;
  }
  for (const auto& h : list) {
    out.push_back(digest_hex(h.get<std::string>()));
  }
  return out;
}

const nlohmann::json& vectors() {
  static const nlohmann::json v = test::load_json(test::data_dir() / "tlog-vectors.json");
  return v;
}

TEST_CASE("merkle: hash vectors from vectors.json") {
  const auto& v = vectors();
  CHECK(to_hex(empty_root()) == v["empty_root_hex"].get<std::string>());
  size_t checked = 0;
  for (const auto& h : v["hash_vectors"]) {
    CAPTURE(h["desc"].get<std::string>());
    const std::string desc = h["desc"];
    Result<Bytes> input = from_hex(h["input_hex"].get<std::string>());
    REQUIRE(input.ok());
    std::string got;
    if (h.contains("left_hex")) {
      // The children here are raw 4-byte strings, so the node message is built by hand.
      Bytes msg = {std::byte{0x01}};
      for (const char* side : {"left_hex", "right_hex"}) {
        Result<Bytes> part = from_hex(h[side].get<std::string>());
        REQUIRE(part.ok());
        msg.insert(msg.end(), part->begin(), part->end());
      }
      got = to_hex(sha256(msg));
    } else if (desc.rfind("leaf hash", 0) == 0) {
      got = to_hex(hash_leaf(*input));
    } else {
      got = to_hex(sha256(*input));
    }
    CHECK(got == h["hash_hex"].get<std::string>());
    ++checked;
  }
  CHECK(checked == 4);
}

TEST_CASE("merkle: leaf hashes and roots of the reference leaves match vectors.json") {
  const auto& v = vectors();
  std::vector<Digest> leaves;
  for (const auto& hex : v["leaves_hex"]) {
    Result<Bytes> data = from_hex(hex.get<std::string>());
    REQUIRE(data.ok());
    leaves.push_back(hash_leaf(*data));
  }
  REQUIRE(leaves == digests(v["leaf_hashes_hex"]));
  const auto& roots = v["roots_hex_by_size"];
  for (size_t n = 0; n <= leaves.size(); ++n) {
    CAPTURE(n);
    const std::string want = roots[n].get<std::string>();
    CHECK(to_hex(root(std::span(leaves).first(n))) == want);
  }
}

TEST_CASE("merkle: every inclusion and consistency proof in vectors.json") {
  const auto& v = vectors();
  std::vector<Digest> leaves = digests(v["leaf_hashes_hex"]);
  size_t inclusion = 0, consistency = 0;
  for (const auto& c : v["inclusion"]) {
    const uint64_t index = c["index"], size = c["size"];
    CAPTURE(index);
    CAPTURE(size);
    const std::vector<Digest> want = digests(c["proof_hex"]);
    CHECK(inclusion_proof(std::span(leaves).first(size), index) == want);
    CHECK(verify_inclusion(digest_hex(c["leaf_hash_hex"].get<std::string>()), index, size, want,
                           digest_hex(c["root_hex"].get<std::string>()))
              .ok());
    ++inclusion;
  }
  for (const auto& c : v["consistency"]) {
    const uint64_t size1 = c["size1"], size2 = c["size2"];
    CAPTURE(size1);
    CAPTURE(size2);
    const std::vector<Digest> want = digests(c["proof_hex"]);
    CHECK(consistency_proof(std::span(leaves).first(size2), size1) == want);
    CHECK(verify_consistency(size1, size2, digest_hex(c["root1_hex"].get<std::string>()),
                             digest_hex(c["root2_hex"].get<std::string>()), want)
              .ok());
    ++consistency;
  }
  CHECK(inclusion == 36);
  CHECK(consistency == 36);
}

TEST_CASE("merkle: the 196 transparency-dev/merkle probes are accepted or rejected as wanted") {
  const auto probes = test::load_json(test::data_dir() / "transparency-dev-merkle-probes.json");
  size_t count = 0;
  // A probe may carry a root or proof hash that is not 32 bytes: such input is rejected.
  auto decode = [](const nlohmann::json& b64, Digest& out) {
    if (!b64.is_string()) {
      return false;
    }
    Result<std::array<std::byte, 32>> d = fixed_from_base64<32>(b64.get<std::string>());
    if (!d.ok()) {
      return false;
    }
    out = *d;
    return true;
  };
  for (const auto& p : probes["probes"]) {
    CAPTURE(p["file"].get<std::string>());
    bool well_formed = true;
    std::vector<Digest> proof;
    if (p["proof"].is_array()) {
      for (const auto& h : p["proof"]) {
        Digest d;
        well_formed = decode(h, d) && well_formed;
        proof.push_back(d);
      }
    }
    bool accepted = false;
    if (p.contains("leafIdx")) {
      Digest leaf, r;
      well_formed = decode(p["leafHash"], leaf) && decode(p["root"], r) && well_formed;
      accepted = well_formed && verify_inclusion(leaf, p["leafIdx"].get<uint64_t>(),
                                                 p["treeSize"].get<uint64_t>(), proof, r)
                                    .ok();
    } else {
      // Roots are compared as opaque values in these probes ("don't care" placeholders of
      // other lengths): equal strings must stay equal, so a non-digest maps to its own hash.
      auto opaque_root = [&](const nlohmann::json& b64) {
        Digest d;
        return decode(b64, d) ? d : sha256(as_bytes(b64.get<std::string>()));
      };
      const Digest r1 = opaque_root(p["root1"]);
      const Digest r2 = opaque_root(p["root2"]);
      accepted = well_formed && verify_consistency(p["size1"].get<uint64_t>(),
                                                   p["size2"].get<uint64_t>(), r1, r2, proof)
                                    .ok();
    }
    CHECK(accepted == !p["wantErr"].get<bool>());
    ++count;
  }
  CHECK(count == 196);
}

TEST_CASE("merkle: roots and proofs agree with the literal RFC 6962 reference for sizes 1..64") {
  for (uint64_t size = 1; size <= 64; ++size) {
    CAPTURE(size);
    const std::vector<Digest> leaves = numbered_leaves(size);
    const Digest want = reference_root(leaves);
    REQUIRE(root(leaves) == want);
    for (uint64_t index = 0; index < size; ++index) {
      CAPTURE(index);
      const std::vector<Digest> proof = inclusion_proof(leaves, index);
      CHECK(proof == reference_path(index, leaves));
      CHECK(verify_inclusion(leaves[index], index, size, proof, want).ok());
    }
    for (uint64_t old_size = 1; old_size <= size; ++old_size) {
      CAPTURE(old_size);
      const std::vector<Digest> proof = consistency_proof(leaves, old_size);
      CHECK(proof == reference_subproof(old_size, leaves, true));
      const Digest old_root = reference_root(std::span(leaves).first(old_size));
      CHECK(verify_consistency(old_size, size, old_root, want, proof).ok());
    }
  }
}

TEST_CASE("merkle: a proof with one flipped bit fails with kVerifyFailed") {
  const std::vector<Digest> leaves = numbered_leaves(7);
  for (size_t i = 0; i < 3; ++i) {
    std::vector<Digest> proof = inclusion_proof(leaves, 3);
    proof[i][0] ^= std::byte{0x01};
    CHECK(verify_inclusion(leaves[3], 3, 7, proof, root(leaves)).code() == Code::kVerifyFailed);
  }
  std::vector<Digest> proof = consistency_proof(leaves, 3);
  proof.back()[31] ^= std::byte{0x80};
  CHECK(verify_consistency(3, 7, root(std::span(leaves).first(3)), root(leaves), proof).code() ==
        Code::kVerifyFailed);
}

TEST_CASE("merkle: wrong index, size or proof length is rejected") {
  const std::vector<Digest> leaves = numbered_leaves(13);
  const Digest r = root(leaves);
  const std::vector<Digest> proof = inclusion_proof(leaves, 3);
  CHECK_FALSE(verify_inclusion(leaves[3], 13, 13, proof, r).ok());
  CHECK_FALSE(verify_inclusion(leaves[3], 4, 13, proof, r).ok());
  // A path has the same shape in trees of 12..16 leaves (only a checkpoint binds the size),
  // so the wrong size is tried where the shape differs.
  CHECK_FALSE(verify_inclusion(leaves[3], 3, 17, proof, r).ok());
  std::vector<Digest> longer = proof;
  longer.push_back(r);
  CHECK(verify_inclusion(leaves[3], 3, 13, longer, r).code() == Code::kInvalidArgument);
  CHECK(verify_consistency(0, 13, empty_root(), r, {}).code() == Code::kInvalidArgument);
  CHECK(verify_consistency(14, 13, r, r, {}).code() == Code::kInvalidArgument);
}

TEST_CASE("merkle: proofs from a NodeReader equal proofs from leaves, and errors pass through") {
  const std::vector<Digest> leaves = numbered_leaves(300);
  NodeReader read = [&](uint8_t level, uint64_t index) -> Result<Digest> {
    const uint64_t w = uint64_t{1} << level;
    return root(std::span(leaves).subspan(index * w, w));
  };
  REQUIRE(root(300, read).ok());
  CHECK(*root(300, read) == root(leaves));
  CHECK(*inclusion_proof(257, 300, read) == inclusion_proof(leaves, 257));
  CHECK(*consistency_proof(100, 300, read) == consistency_proof(leaves, 100));
  NodeReader broken = [](uint8_t, uint64_t) -> Result<Digest> { return corrupt("tile gone"); };
  CHECK(inclusion_proof(5, 300, broken).status().message() == "tile gone");
}

TEST_CASE("merkle: CompactRange grows to the same roots and reports completed subtrees") {
  const std::vector<Digest> leaves = numbered_leaves(70);
  CompactRange range;
  CHECK(range.root() == empty_root());
  std::vector<std::tuple<uint8_t, uint64_t, Digest>> seen;
  for (size_t i = 0; i < leaves.size(); ++i) {
    range.append(leaves[i], [&](uint8_t level, uint64_t index, const Digest& d) {
      seen.emplace_back(level, index, d);
    });
    CHECK(range.root() == reference_root(std::span(leaves).first(i + 1)));
    CHECK(range.hashes().size() == static_cast<size_t>(std::popcount(i + 1)));
  }
  for (const auto& [level, index, d] : seen) {
    const uint64_t w = uint64_t{1} << level;
    CHECK(d == reference_root(std::span(leaves).subspan(index * w, w)));
  }
  Result<CompactRange> restored = CompactRange::from_hashes(range.size(), range.hashes());
  REQUIRE(restored.ok());
  CHECK(restored->root() == range.root());
  CHECK_FALSE(CompactRange::from_hashes(71, range.hashes()).ok());
}

}  // namespace
}  // namespace hallmark::merkle
