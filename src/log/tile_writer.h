// Writes the tiles and entry bundles of a batch of new entries (integration): full tiles once,
// then the partial tiles of the new size; every file temp -> rename, then one syncfs(2) makes
// them all durable. Tiles are a pure function of the sequenced entries, so a rerun after a
// crash rewrites identical files. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/merkle.h"
#include "hallmark/status.h"
#include "hallmark/tiles.h"

namespace hallmark::log {

// syncfs(2) of the file system holding `dir`: every write so far is durable.
Status sync_filesystem(const std::string& dir);

class TileWriter {
 public:
  // Extends the tiles of the tree of `size` entries under `dir`.
  TileWriter(std::string dir, uint64_t size);

  // Appends `entry` to the bundles and its leaf hash to `range` (which must be at the size
  // the writer has reached), buffering the tile hashes this completes. Full tiles and bundles
  // are written as soon as they fill.
  Status add(ByteView entry, merkle::CompactRange& range);
  // Writes the partial tiles and bundle of the final size, then syncs the file system: when
  // it returns OK every file written is durable.
  Status finish();
  // Deletes the partial tiles and bundles superseded by full ones written here (best effort;
  // call after the new checkpoint is published).
  void remove_replaced_partials();

 private:
  struct Open {
    bool started = false;
    uint64_t n = 0;
    std::vector<Digest> hashes;
    bool dirty = false;
  };
  Status start_level(unsigned level, uint64_t n);
  Status add_hash(unsigned level, uint64_t index, const Digest& hash);
  Status write(const std::string& rel, ByteView data, bool full);

  std::string dir_;
  uint64_t start_size_;
  tlog::TileReader old_;  // The tree before this batch, for its partial tiles.
  std::vector<Open> levels_;
  Open bundle_;
  Bytes bundle_bytes_;
  Status error_;
  std::vector<std::string> replaced_;  // Partial directories ("tile/0/000.p") to remove.
};

}  // namespace hallmark::log
