// Where a C2SP log client reads a log from: the resources of the tlog-tiles static read API
// ("checkpoint", "tile/<L>/<N>[.p/<W>]", "tile/entries/<N>[.p/<W>]"), each by its path
// relative to the log's root. A directory today (a hallmark log's public files, or a foreign
// log such as Tessera's POSIX one); an HTTP source is another implementation of the same
// interface. Nothing read through a source is trusted: callers check what they derive from it
// against a verified checkpoint.
// Thread-safety: DirectorySource keeps no state and may be shared across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "hallmark/status.h"

namespace hallmark::tlog {

class TileSource {
 public:
  virtual ~TileSource() = default;

  // The bytes at `path` (relative, as tile_path(), entries_path() or "checkpoint" spell it).
  // kNotFound if the source has nothing there, kCorrupt if it is larger than `max_size`
  // bytes, kIoError (or another code) if it cannot be read. Messages name where it was read.
  virtual Result<std::string> read(std::string_view path, uint64_t max_size) = 0;

  // How messages name `path` in this source: "DIR/path", or a URL.
  virtual std::string name(std::string_view path) const = 0;
  // How messages name the source itself: the directory, or the log's URL prefix.
  virtual const std::string& location() const = 0;
};

// A log whose files are under a local directory.
class DirectorySource : public TileSource {
 public:
  explicit DirectorySource(std::string dir) : dir_(std::move(dir)) {}

  // read_file(dir/path): its codes and messages (which name the file).
  Result<std::string> read(std::string_view path, uint64_t max_size) override;
  std::string name(std::string_view path) const override;
  const std::string& location() const override { return dir_; }

 private:
  std::string dir_;
};

}  // namespace hallmark::tlog
