// C2SP tlog-proof@v1: the offline receipt that an entry is in a transparency log (an index, an
// inclusion proof and the cosigned checkpoint it leads to). The one owner of receipt text:
// parsing and formatting it, making one from a log's tiles, reading what one claims, and
// verifying it under a trust policy. Format: hallmark-log(5), RECEIPTS.
// Thread-safety: pure, except make_receipt(), which uses the TileReader it is given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"
#include "hallmark/tiles.h"
#include "hallmark/tlog_policy.h"

namespace hallmark::tlog {

constexpr std::string_view kTlogProofHeader = "c2sp.org/tlog-proof@v1";
constexpr size_t kMaxProofHashes = 63;
constexpr size_t kMaxTlogProofSize = 1 << 20;

struct TlogProof {
  std::optional<Bytes> extra;  // Unauthenticated; hallmark writes none.
  uint64_t index = 0;
  std::vector<Digest> inclusion;  // Leaf's sibling first.
  std::string checkpoint;         // The signed checkpoint note, verbatim.
};

// Syntax only: kCorrupt with a reason unless `text` is a tlog-proof@v1 (header, optional
// extra, index without leading zeros, 0..63 base64 hashes of 32 bytes, an empty line, a note
// that parses), at most kMaxTlogProofSize bytes. format(parse(t)) == t for every accepted t.
Result<TlogProof> parse_tlog_proof(std::string_view text);
std::string format_tlog_proof(const TlogProof& proof);

// The checkpoint a parsed receipt carries, NOT verified: what the receipt claims (origin, tree
// size), to show it or to tell receipts of different logs apart, never as evidence.
// kCorrupt if the receipt's note text is not a checkpoint.
Result<Checkpoint> claimed_checkpoint(const TlogProof& proof);

// Makes the receipt for the entry at `index` whose leaf hash is `leaf_hash`, against
// `signed_checkpoint` whose text is `checkpoint` (the caller has verified its signature). The
// inclusion proof comes from `tiles` and is checked against checkpoint.root before the receipt
// is returned. kInvalidArgument if index >= checkpoint.size or checkpoint.size > tiles.size();
// kVerifyFailed if the tiles (or the leaf hash) lead to another root; the tiles' read errors.
Result<std::string> make_receipt(TileReader& tiles, uint64_t index, const Digest& leaf_hash,
                                 const Checkpoint& checkpoint, std::string_view signed_checkpoint);

// What a verified receipt proves.
struct VerifiedReceipt {
  uint64_t index = 0;
  VerifiedCheckpoint checkpoint;  // Origin, size, root, log key, cosignatures.
  // Earliest timestamp of a trusted cosignature (the log's clock or a witness): the entry was
  // in the log by then. Empty when no cosigner the policy knows signed the checkpoint.
  std::optional<uint64_t> time;
};

// Verifies that `entry` is in a log the policy trusts: the receipt parses (kCorrupt if not),
// its checkpoint passes policy.verify_checkpoint() (kCorrupt, kNotFound for an unknown origin,
// kVerifyFailed), and the inclusion proof leads from SHA-256(0x00 || entry) at the index to the
// checkpoint's root (kVerifyFailed if not, including a proof of the wrong length or an index
// beyond the tree).
Result<VerifiedReceipt> verify_receipt(ByteView entry, std::string_view receipt,
                                       const Policy& policy);

}  // namespace hallmark::tlog
