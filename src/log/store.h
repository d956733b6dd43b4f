// LogStore: the transactional state behind a hallmark log (sequencing queue, tree state, dedup
// and lookup indexes, signed checkpoints), and nothing the Log does not need. The embedded
// backend is SQLite (sqlite_store.cpp); a server backend would be another file.
// Schema and append protocol: hallmark-log(5), DATABASE.
// Thread-safety: one LogStore per thread. Several processes may share one database; writers
// are serialised by the caller (Log takes a directory lock).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"

namespace hallmark::log {

struct TreeState {
  uint64_t size = 0;            // Entries in the tree (and in its tiles).
  Digest root{};                // Root at `size`.
  std::vector<Digest> compact;  // Compact range at `size`.
};

struct StoredCheckpoint {
  uint64_t size = 0;
  Digest root{};
  std::string note;  // The signed checkpoint, verbatim.
};

// One entry to sequence.
struct SequenceItem {
  ByteView data;
  Digest leaf_hash;
  std::span<const std::string> lookup_keys;
};

struct Sequenced {
  uint64_t index = 0;
  bool duplicate = false;  // Already in the log (or earlier in the batch).
};

class LogStore {
 public:
  virtual ~LogStore() = default;

  virtual Result<std::string> origin() = 0;
  virtual Result<TreeState> tree() = 0;

  // What an integration produced: the tree after the new entries, and its signed checkpoint.
  struct Integration {
    TreeState state;
    StoredCheckpoint checkpoint;
  };
  // Writes the tiles for `fresh` (which get indexes tree.size, tree.size + 1, ...) durably and
  // signs the new checkpoint. Called inside the append transaction.
  using Integrate = std::function<Result<Integration>(const TreeState& tree,
                                                      std::span<const SequenceItem* const> fresh)>;

  // One transaction for the whole batch: entries whose leaf hash is already known (or earlier in
  // the batch) keep their index, the others get the next indexes; dedup and lookup rows are
  // added; if there are new entries, `integrate` writes their tiles and signs, and the new tree
  // state and checkpoint are recorded. Nothing is recorded if anything fails. kInternal if a
  // different root is already recorded for the new size. Returns the indexes in input order.
  virtual Result<std::vector<Sequenced>> append(std::span<const SequenceItem> items,
                                                const Integrate& integrate) = 0;

  virtual Result<std::optional<StoredCheckpoint>> checkpoint_at(uint64_t size) = 0;
  virtual Result<std::optional<StoredCheckpoint>> latest_checkpoint() = 0;
  // Calls `visit` for every recorded checkpoint in increasing size; stops at its first error.
  virtual Status for_each_checkpoint(
      const std::function<Status(const StoredCheckpoint&)>& visit) = 0;

  // Indexes recorded under `key`, increasing.
  virtual Result<std::vector<uint64_t>> lookup(std::string_view key) = 0;
  // Every dedup row (leaf hash, index), in no particular order.
  virtual Status for_each_dedup(const std::function<Status(const Digest&, uint64_t)>& visit) = 0;
  // Largest index in the lookup index, if any.
  virtual Result<std::optional<uint64_t>> max_lookup_index() = 0;

  // Makes the database file self-contained (every commit copied from the write-ahead log into
  // it, and synced) and closes it; the destructor calls it for a store not closed. Nothing
  // may be called after it. Read-only stores only close.
  virtual Status close() = 0;
};

// Creates the database at `path` for a new log (fails with kIoError if it exists).
Result<std::unique_ptr<LogStore>> create_sqlite_store(const std::string& path,
                                                      std::string_view origin,
                                                      const TreeState& empty,
                                                      const StoredCheckpoint& first);
// Opens an existing database. Read-only opens never write.
Result<std::unique_ptr<LogStore>> open_sqlite_store(const std::string& path, bool read_only);

}  // namespace hallmark::log
