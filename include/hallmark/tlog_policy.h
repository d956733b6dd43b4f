// Which logs and witnesses a verifier trusts (C2SP tlog-policy), and checking a signed checkpoint
// against that trust: the log's signature, the witnesses' cosignatures, the quorum, and the
// time the cosigners vouch for. Format: hallmark-log(5), POLICY FILES.
// Thread-safety: a Policy is an immutable value once built; share it freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/checkpoint.h"
#include "hallmark/note.h"
#include "hallmark/status.h"

namespace hallmark::tlog {

// Limits on what a policy file may define (C2SP recommends supporting at least 32 of each).
constexpr size_t kMaxPolicyItems = 256;
constexpr size_t kMaxPolicySize = 1 << 20;

struct PolicyLog {
  note::Verifier key;  // Type kEd25519; its name is the log's origin.
  std::string url;     // Optional.
};

struct PolicyWitness {
  std::string name;    // Local to the policy.
  note::Verifier key;  // Type kCosignatureV1.
  std::string url;     // Optional.
};

struct PolicyGroup {
  std::string name;
  size_t threshold = 1;  // 1 <= threshold <= members.size().
  std::vector<std::string> members;
};

// A cosignature that verified under a policy.
struct Cosignature {
  std::string witness;  // The policy's name for the cosigner.
  note::Verifier key;
  uint64_t timestamp = 0;
};

// A signed checkpoint that passed a policy.
struct VerifiedCheckpoint {
  Checkpoint checkpoint;
  std::string note;                       // The signed note, verbatim.
  note::Verifier log;                     // The log key whose signature verified.
  std::vector<Cosignature> cosignatures;  // Every trusted cosignature that verified.
  std::optional<uint64_t> time;           // Earliest of their timestamps, if any.
};

class Policy {
 public:
  // Parses a tlog-policy file. kCorrupt with the line number and a reason for anything the
  // C2SP text forbids (unknown keyword, name used before definition or twice, duplicate key,
  // bad threshold, missing or repeated quorum, control characters) or beyond the limits above;
  // kUnsupported for keys of other signature types.
  static Result<Policy> parse(std::string_view text);

  // A policy trusting `keys`: note keys (kEd25519) as logs, cosigner keys (kCosignatureV1) as
  // witnesses named after their key names, and quorum none, so cosigners only contribute times.
  // kCorrupt if two keys share a public key.
  static Result<Policy> from_keys(std::span<const note::Verifier> keys);

  // The policy as a tlog-policy file (logs, witnesses, groups, quorum).
  std::string to_string() const;

  const std::vector<PolicyLog>& logs() const { return logs_; }
  const std::vector<PolicyWitness>& witnesses() const { return witnesses_; }
  const std::vector<PolicyGroup>& groups() const { return groups_; }
  const std::string& quorum() const { return quorum_; }  // "none" or a witness or group name.

  // Verifies a signed checkpoint: it must parse (kCorrupt otherwise), a log of this policy must
  // have the origin as its key name (kNotFound otherwise), that log's signature must verify,
  // every signature by a known log or witness key must verify, and the verified cosignatures
  // must satisfy the quorum (kVerifyFailed otherwise).
  Result<VerifiedCheckpoint> verify_checkpoint(std::string_view signed_note) const;

 private:
  bool satisfied(const std::string& name, std::span<const std::string> cosigned, int depth) const;

  std::vector<PolicyLog> logs_;
  std::vector<PolicyWitness> witnesses_;
  std::vector<PolicyGroup> groups_;
  std::string quorum_ = "none";
};

}  // namespace hallmark::tlog
