// C2SP tlog-tiles: tile and entry-bundle paths and encodings, and a reader that answers Merkle
// node queries (hence proofs) and entry reads from the tiles of any tlog-tiles log, a hallmark
// log or a foreign one such as Tessera's POSIX log, read through a TileSource (tile_source.h).
// Format: hallmark-log(5), TILES.
// Thread-safety: free functions are pure; a TileReader is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/merkle.h"
#include "hallmark/status.h"
#include "hallmark/tile_source.h"

namespace hallmark::tlog {

constexpr unsigned kTileHeight = 8;
constexpr unsigned kTileWidth = 256;  // Hashes in a full tile, entries in a full bundle.
constexpr size_t kMaxEntrySize = 65535;
constexpr unsigned kMaxTileLevel = 63;

// "tile/<L>/<N>" or "tile/<L>/<N>.p/<W>", N as x-prefixed 3-digit groups (1234067 ->
// "x001/x234/067"). `width` is 1..256; 256 is a full tile. Preconditions: level <= 63.
std::string tile_path(unsigned level, uint64_t n, unsigned width);
// "tile/entries/<N>[.p/<W>]".
std::string entries_path(uint64_t n, unsigned width);

// What a path under a tlog-tiles directory names.
struct TilePath {
  bool entries = false;  // An entry bundle rather than a hash tile.
  unsigned level = 0;    // Hash tiles only.
  uint64_t n = 0;
  unsigned width = kTileWidth;
};
// Parses exactly the paths tile_path() and entries_path() make; kCorrupt otherwise.
Result<TilePath> parse_tile_path(std::string_view path);

// Width of the rightmost tile at `level` for a tree of `size` entries (0: no partial tile).
unsigned partial_width(unsigned level, uint64_t size);
// Width of tile `n` at `level` in a tree of `size` entries: 256 if full, 1..255 if partial,
// 0 if the tree has no such tile.
unsigned tile_width(unsigned level, uint64_t n, uint64_t size);

// A tile's bytes: the hashes concatenated.
Bytes encode_tile(std::span<const Digest> hashes);
// kCorrupt unless `data` is exactly `width` hashes ("truncated" or "too long").
Result<std::vector<Digest>> parse_tile(ByteView data, unsigned width);

// Appends uint16be(len) || entry. Precondition: entry.size() <= kMaxEntrySize.
void append_bundle_entry(Bytes& bundle, ByteView entry);
// kCorrupt unless `data` is exactly `count` length-prefixed entries.
Result<std::vector<Bytes>> parse_bundle(ByteView data, unsigned count);

// Reads the tiles and bundles of the tree with `size` entries from a TileSource. It reads only
// files that tree implies (partial tiles of its size; the full tile's prefix when a partial one
// is gone) and never authenticates them: callers check what they derive (roots, proofs) against
// a verified checkpoint. Errors name the file: kNotFound for a missing one, kCorrupt for a
// truncated or oversized one. Caches up to a few thousand tiles.
class TileReader {
 public:
  // Reads from `source` (shared: it may be used by others too). Precondition: source != null.
  TileReader(std::shared_ptr<TileSource> source, uint64_t size);
  // Reads the files under the directory `dir` (a DirectorySource).
  TileReader(std::string dir, uint64_t size);

  uint64_t size() const { return size_; }
  // Hash of the perfect subtree at `level` covering entries [index << level, (index+1) << level).
  // kInvalidArgument if that range is not inside the tree.
  Result<Digest> node(uint8_t level, uint64_t index);
  // node() as a merkle::NodeReader; valid while this reader lives.
  merkle::NodeReader node_reader();

  Result<Digest> root(uint64_t size);  // Root of the first `size` <= size() entries.
  Result<std::vector<Digest>> inclusion_proof(uint64_t index, uint64_t size);
  Result<std::vector<Digest>> consistency_proof(uint64_t old_size, uint64_t size);

  // The hashes of tile `n` at `level`, as wide as the tree implies.
  Result<std::vector<Digest>> tile(unsigned level, uint64_t n);
  // The entries of bundle `n`.
  Result<std::vector<Bytes>> bundle(uint64_t n);
  Result<Bytes> entry(uint64_t index);

 private:
  struct Cached {
    std::vector<std::vector<Digest>> levels;  // levels[k]: subtree roots of height k.
  };
  Result<const Cached*> load(unsigned level, uint64_t n);
  Result<const std::vector<Bytes>*> load_bundle(uint64_t n);
  Result<std::string> read_tile_file(const std::string& partial, const std::string& full,
                                     size_t full_size, unsigned width, bool entries);

  std::shared_ptr<TileSource> source_;
  uint64_t size_;
  std::unordered_map<uint64_t, std::unique_ptr<Cached>> cache_;
  uint64_t bundle_n_ = UINT64_MAX;  // The last bundle read, kept for sequential entry reads.
  std::vector<Bytes> bundle_;
};

}  // namespace hallmark::tlog
