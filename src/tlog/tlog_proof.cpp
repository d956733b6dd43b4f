#include "hallmark/tlog_proof.h"

#include "hallmark/merkle.h"
#include "hallmark/note.h"
#include "text.h"

namespace hallmark::tlog {
namespace {

// Takes the next line (without its '\n') from `text`; nullopt if there is no complete line.
std::optional<std::string_view> next_line(std::string_view& text) {
  const size_t eol = text.find('\n');
  if (eol == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view line = text.substr(0, eol);
  text.remove_prefix(eol + 1);
  return line;
}

}  // namespace

Result<TlogProof> parse_tlog_proof(std::string_view text) {
  if (text.size() > kMaxTlogProofSize) {
    return corrupt("receipt is larger than " + std::to_string(kMaxTlogProofSize) + " bytes");
  }
  TlogProof proof;
  std::optional<std::string_view> line = next_line(text);
  if (!line || *line != kTlogProofHeader) {
    return corrupt("receipt does not start with " + std::string(kTlogProofHeader));
  }
  line = next_line(text);
  if (line && line->substr(0, 6) == "extra ") {
    Result<Bytes> extra = from_base64(line->substr(6));
    if (!extra.ok()) {
      return corrupt("receipt extra line is not base64");
    }
    proof.extra = std::move(extra).value();
    line = next_line(text);
  }
  if (!line || line->substr(0, 6) != "index ") {
    return corrupt("receipt has no index line");
  }
  const std::optional<uint64_t> index = text::parse_decimal(line->substr(6));
  if (!index) {
    return corrupt("receipt index is not a decimal number");
  }
  proof.index = *index;
  while (true) {
    line = next_line(text);
    if (!line) {
      return corrupt("receipt has no checkpoint");
    }
    if (line->empty()) {
      break;
    }
    if (proof.inclusion.size() == kMaxProofHashes) {
      return corrupt("receipt has more than " + std::to_string(kMaxProofHashes) + " proof hashes");
    }
    Result<Digest> hash = fixed_from_base64<32>(*line);
    if (!hash.ok()) {
      return corrupt("receipt proof line " + std::to_string(proof.inclusion.size() + 1) +
                     " is not 32 bytes of base64");
    }
    proof.inclusion.push_back(*hash);
  }
  if (Result<note::Note> n = note::parse(text); !n.ok()) {
    return n.status().with_context("receipt checkpoint");
  }
  proof.checkpoint = std::string(text);
  return proof;
}

std::string format_tlog_proof(const TlogProof& proof) {
  std::string out = std::string(kTlogProofHeader) + "\n";
  if (proof.extra) {
    out += "extra " + to_base64(*proof.extra) + "\n";
  }
  out += "index " + std::to_string(proof.index) + "\n";
  for (const Digest& h : proof.inclusion) {
    out += to_base64(h) + "\n";
  }
  out += "\n";
  out += proof.checkpoint;
  return out;
}

Result<Checkpoint> claimed_checkpoint(const TlogProof& proof) {
  HALLMARK_ASSIGN_OR_RETURN(note::Note n, note::parse(proof.checkpoint));
  return parse_checkpoint(n.text);
}

Result<std::string> make_receipt(TileReader& tiles, uint64_t index, const Digest& leaf_hash,
                                 const Checkpoint& checkpoint, std::string_view signed_checkpoint) {
  if (index >= checkpoint.size) {
    return invalid_argument("index " + std::to_string(index) + " is not below tree size " +
                            std::to_string(checkpoint.size));
  }
  HALLMARK_ASSIGN_OR_RETURN(std::vector<Digest> inclusion,
                            tiles.inclusion_proof(index, checkpoint.size));
  if (Status s =
          merkle::verify_inclusion(leaf_hash, index, checkpoint.size, inclusion, checkpoint.root);
      !s.ok()) {
    return verify_failed("the tiles do not prove entry " + std::to_string(index) +
                         " in the checkpoint at size " + std::to_string(checkpoint.size) + ": " +
                         s.message());
  }
  TlogProof receipt;
  receipt.index = index;
  receipt.inclusion = std::move(inclusion);
  receipt.checkpoint = std::string(signed_checkpoint);
  return format_tlog_proof(receipt);
}

Result<VerifiedReceipt> verify_receipt(ByteView entry, std::string_view receipt,
                                       const Policy& policy) {
  HALLMARK_ASSIGN_OR_RETURN(TlogProof proof, parse_tlog_proof(receipt));
  Result<VerifiedCheckpoint> checkpoint = policy.verify_checkpoint(proof.checkpoint);
  if (!checkpoint.ok()) {
    return checkpoint.status().with_context("receipt");
  }
  const Checkpoint& c = checkpoint->checkpoint;
  Status included = merkle::verify_inclusion(merkle::hash_leaf(entry), proof.index, c.size,
                                             proof.inclusion, c.root);
  if (!included.ok()) {
    // A proof of the wrong shape proves nothing either: the answer is "not included".
    return verify_failed("receipt: entry is not at index " + std::to_string(proof.index) + " of " +
                         c.origin + " at size " + std::to_string(c.size) + ": " +
                         included.message());
  }
  VerifiedReceipt out;
  out.index = proof.index;
  out.time = checkpoint->time;
  out.checkpoint = std::move(checkpoint).value();
  return out;
}

}  // namespace hallmark::tlog
