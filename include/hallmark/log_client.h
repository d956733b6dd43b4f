// The C2SP log client: what any reader of any tlog-tiles log needs, over a TileSource
// (tile_source.h), and nothing of how a log is run (that is log.h).
//
//   open_checkpoint()   verifies a signed checkpoint with a log's key.
//   LogReader           reads a log at its verified published checkpoint: tiles, entries,
//                       receipts (tlog-proof@v1) computed from the tiles and checked.
//   check_consistency() the defence against split views: it remembers, per origin, the
//                       latest checkpoint it verified (under a state directory the caller
//                       chooses) and accepts a log's newer checkpoint only when the log's
//                       tiles prove the remembered tree is a prefix of it.
// Format: hallmark-log(5), CLIENT STATE.
// Thread-safety: a LogReader is used by one thread at a time. check_consistency() is safe
// across threads and processes (the state directory is locked).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "hallmark/checkpoint.h"
#include "hallmark/note.h"
#include "hallmark/status.h"
#include "hallmark/tile_source.h"
#include "hallmark/tiles.h"
#include "hallmark/tlog_policy.h"

namespace hallmark::tlog {

// The checkpoint in `signed_note`, whose signature by `key` verified. The origin need not be
// the key's name (Go's sumdb differs). kCorrupt if the note or its checkpoint is malformed;
// kVerifyFailed if `key` did not sign it.
Result<Checkpoint> open_checkpoint(std::string_view signed_note, const note::Verifier& key);

// A tlog-tiles log read at its published checkpoint, which verified with its key.
class LogReader {
 public:
  // Reads source's "checkpoint" and verifies it with `key` (see open_checkpoint()).
  // kNotFound for a missing checkpoint ("<name>: missing"), kCorrupt for a malformed one and
  // kVerifyFailed for a bad signature, naming the file.
  static Result<LogReader> open(std::shared_ptr<TileSource> source, const note::Verifier& key);

  TileSource& source() const { return *source_; }
  const note::Verifier& key() const { return key_; }
  const Checkpoint& checkpoint() const { return checkpoint_; }
  const std::string& signed_checkpoint() const { return signed_checkpoint_; }
  TileReader& tiles() { return tiles_; }

  // A tlog-proof@v1 for entry `index` against `signed_checkpoint` (a checkpoint of this log,
  // at most as large as the published one, that verifies with key()). The proof is computed
  // from the tiles and checked before it is returned (make_receipt(), tlog_proof.h):
  // kInvalidArgument for another origin, a larger checkpoint or an index beyond it;
  // kVerifyFailed if the tiles do not lead to that checkpoint's root.
  Result<std::string> receipt(uint64_t index, std::string_view signed_checkpoint);

 private:
  LogReader(std::shared_ptr<TileSource> source, note::Verifier key, std::string signed_checkpoint,
            Checkpoint checkpoint);

  std::shared_ptr<TileSource> source_;
  note::Verifier key_;
  std::string signed_checkpoint_;
  Checkpoint checkpoint_;
  TileReader tiles_;
};

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

// Reads and verifies the log's checkpoint from `log` under `policy`, then checks with the
// log's tiles that `seen` (for example a receipt's checkpoint, same origin) and the checkpoint
// remembered in `state_dir` are both consistent with it. Only when both are does it remember
// the log's checkpoint (if larger). Errors mean "could not check": kNotFound / kCorrupt for
// missing or malformed files (named), kNotFound for an origin the policy does not know,
// kVerifyFailed for a checkpoint whose signatures fail, kInvalidArgument if the log's origin
// is not seen's, and kCorrupt if the log's tiles do not even match its own checkpoint.
Result<LogConsistency> check_consistency(const Checkpoint& seen,
                                         const std::shared_ptr<TileSource>& log,
                                         const Policy& policy, const std::string& state_dir);
// check_consistency() with the log in the directory `log_dir`.
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
