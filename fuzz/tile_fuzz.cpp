// Tiles: tile paths, tile and bundle decoding, and the TileReader over files holding the input
// (as a partial tile, a partial bundle, and a full tile to fall back on). Never crashes; every
// failure is a Status.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "hallmark/file_io.h"
#include "hallmark/tiles.h"

using namespace hallmark;

namespace {

// A scratch log directory for this process, removed when it exits (libFuzzer ends with exit()).
struct ScratchDir {
  ScratchDir()
      : path(std::filesystem::temp_directory_path().string() + "/hallmark-tile-fuzz-" +
             std::to_string(::getpid())) {
    std::filesystem::create_directories(path + "/tile/0/000.p");
    std::filesystem::create_directories(path + "/tile/entries/000.p");
    std::filesystem::create_directories(path + "/tile/1");
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string path;
};

const std::string& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<tlog::TilePath> path = tlog::parse_tile_path(text);
  if (path.ok()) {
    const std::string again = path->entries ? tlog::entries_path(path->n, path->width)
                                            : tlog::tile_path(path->level, path->n, path->width);
    if (again != text) {
      std::abort();
    }
  }
  if (size < 1) {
    return 0;
  }
  const unsigned width = 1 + data[0] % 255;  // A partial width, 1..255.
  const ByteView body(reinterpret_cast<const std::byte*>(data + 1), size - 1);
  Result<std::vector<Digest>> tile = tlog::parse_tile(body, width);
  if (tile.ok() && tlog::encode_tile(*tile).size() != body.size()) {
    std::abort();
  }
  Result<std::vector<Bytes>> bundle = tlog::parse_bundle(body, width);
  if (bundle.ok()) {
    Bytes again;
    for (const Bytes& e : *bundle) {
      tlog::append_bundle_entry(again, e);
    }
    if (!std::equal(again.begin(), again.end(), body.begin(), body.end())) {
      std::abort();
    }
  }
  // The same bytes as files of a tree of `width` entries: read every node and entry.
  const std::string dir = scratch_dir();
  const WriteOptions fast{.mode = 0644, .sync = false};
  const std::string w = std::to_string(width);
  if (!write_file_atomic(dir + "/tile/0/000.p/" + w, body, fast).ok() ||
      !write_file_atomic(dir + "/tile/entries/000.p/" + w, body, fast).ok()) {
    return 0;
  }
  tlog::TileReader reader(dir, width);
  for (uint8_t level = 0; level < 8; ++level) {
    for (uint64_t i = 0; i < (uint64_t{width} >> level); ++i) {
      (void)reader.node(level, i);
    }
  }
  (void)reader.root(width);
  (void)reader.inclusion_proof(width - 1, width);
  (void)reader.entry(width - 1);
  (void)reader.node(8, 0);
  std::filesystem::remove(dir + "/tile/0/000.p/" + w);
  std::filesystem::remove(dir + "/tile/entries/000.p/" + w);
  return 0;
}
