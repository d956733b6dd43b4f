// A log client's defence against split views: it remembers, per origin, the latest checkpoint
// it verified (under a state directory the caller chooses) and accepts a log's newer
// checkpoint only when the log's tiles prove the remembered tree is a prefix of it.
// Format: hallmark-log(5), CLIENT STATE.
// Thread-safety: safe across threads and processes (the state directory is locked).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hallmark/checkpoint.h"
#include "hallmark/status.h"
#include "hallmark/tlog_policy.h"

namespace hallmark::tlog {

// The outcome of comparing checkpoints with a log. Inconsistency is an answer, not an error.
struct LogConsistency {
  // False: the log cannot show that `seen` and the remembered checkpoint are prefixes of its
  // latest tree. Either the log showed different trees to different readers (a split view)
  // or it was rewritten or rolled back. Verify maps this to the verdict log-inconsistent.
  bool consistent = false;
  std::string problem;                   // When !consistent: one line saying what disagrees.
  VerifiedCheckpoint latest;             // The log's published checkpoint, verified.
  std::optional<Checkpoint> remembered;  // The client's checkpoint before this check.
  bool state_updated = false;            // The state now remembers `latest`.
};

// Reads and verifies `log_dir`/checkpoint under `policy`, then checks with the log's tiles
// that `seen` (for example a receipt's checkpoint, same origin) and the checkpoint remembered
// in `state_dir` are both consistent with it. Only when both are does it remember the log's
// checkpoint (if larger). Errors mean "could not check": kNotFound / kCorrupt for missing or
// malformed files (named), kNotFound for an origin the policy does not know, kVerifyFailed for
// a checkpoint whose signatures fail, kInvalidArgument if the log's origin is not seen's, and
// kCorrupt if the log's tiles do not even match its own checkpoint.
Result<LogConsistency> check_consistency_with_log(const Checkpoint& seen,
                                                  const std::string& log_dir, const Policy& policy,
                                                  const std::string& state_dir);

// The checkpoint remembered for `origin` in `state_dir`, if any (kCorrupt if the file is
// damaged).
Result<std::optional<Checkpoint>> remembered_checkpoint(const std::string& state_dir,
                                                        std::string_view origin);

// Path of the state file for `origin`: state_dir/hex(SHA-256(origin)).checkpoint.
std::string state_file(const std::string& state_dir, std::string_view origin);

}  // namespace hallmark::tlog
