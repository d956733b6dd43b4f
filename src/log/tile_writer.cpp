#include "log/tile_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "hallmark/file_io.h"

namespace hallmark::log {
namespace {

// Creates the missing directories of `rel` (relative to `root`); sync_filesystem() makes
// them durable.
Status ensure_dirs(const std::string& root, const std::string& rel) {
  size_t pos = 0;
  while ((pos = rel.find('/', pos)) != std::string::npos) {
    const std::string dir = root + "/" + rel.substr(0, pos);
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return errno_status("cannot create " + dir, errno);
    }
    ++pos;
  }
  return {};
}

}  // namespace

Status sync_filesystem(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return errno_status("cannot open " + dir, errno);
  }
  const int rc = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) {
    return errno_status("cannot sync the file system of " + dir, err);
  }
  return {};
}

TileWriter::TileWriter(std::string dir, uint64_t size)
    : dir_(std::move(dir)), start_size_(size), old_(dir_, size) {}

// Files are written to a temporary name and renamed into place without a sync each; finish()
// then syncs the whole file system once (one journal commit instead of two per file). Nothing
// refers to these files until the caller records the new tree size after finish(), so a crash
// before that leaves only files that the rerun of this integration rewrites.
Status TileWriter::write(const std::string& rel, ByteView data, bool full) {
  const std::string path = dir_ + "/" + rel;
  HALLMARK_TRY(ensure_dirs(dir_, rel));
  if (full) {
    // A full tile is written only by the integration that completes it, so one already there
    // is from an interrupted run of this same integration: identical unless a crash cut it
    // short, in which case it is replaced.
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && static_cast<size_t>(st.st_size) == data.size()) {
      Result<std::string> existing = read_file(path, data.size());
      if (existing.ok() && std::equal(data.begin(), data.end(), as_bytes(*existing).begin())) {
        return {};
      }
    }
  }
  return write_file_atomic(path, data, {.mode = 0644, .sync = false});
}

Status TileWriter::start_level(unsigned level, uint64_t n) {
  Open& o = levels_[level];
  o.started = true;
  o.n = n;
  const uint64_t below = start_size_ >> (tlog::kTileHeight * level);
  if (n == below / tlog::kTileWidth && tlog::partial_width(level, start_size_) > 0) {
    HALLMARK_ASSIGN_OR_RETURN(o.hashes, old_.tile(level, n));
  }
  return {};
}

Status TileWriter::add_hash(unsigned level, uint64_t index, const Digest& hash) {
  if (levels_.size() <= level) {
    levels_.resize(level + 1);
  }
  const uint64_t n = index / tlog::kTileWidth;
  if (!levels_[level].started) {
    HALLMARK_TRY(start_level(level, n));
  }
  Open& o = levels_[level];
  if (o.n != n || o.hashes.size() != index % tlog::kTileWidth) {
    return internal_error("tile " + std::to_string(level) + "/" + std::to_string(n) +
                          " is out of step with the tree");
  }
  o.hashes.push_back(hash);
  o.dirty = true;
  if (o.hashes.size() == tlog::kTileWidth) {
    HALLMARK_TRY(
        write(tlog::tile_path(level, n, tlog::kTileWidth), tlog::encode_tile(o.hashes), true));
    replaced_.push_back(tlog::tile_path(level, n, tlog::kTileWidth) + ".p");
    o.n = n + 1;
    o.hashes.clear();
    o.dirty = false;
  }
  return {};
}

Status TileWriter::add(ByteView entry, merkle::CompactRange& range) {
  HALLMARK_TRY(error_);
  const uint64_t index = range.size();
  const uint64_t n = index / tlog::kTileWidth;
  if (!bundle_.started) {
    bundle_.started = true;
    bundle_.n = n;
    if (start_size_ % tlog::kTileWidth != 0) {
      HALLMARK_ASSIGN_OR_RETURN(std::vector<Bytes> old, old_.bundle(n));
      for (const Bytes& e : old) {
        tlog::append_bundle_entry(bundle_bytes_, e);
      }
      bundle_.hashes.resize(old.size());  // Only the count matters for bundles.
    }
  }
  if (bundle_.n != n || bundle_.hashes.size() != index % tlog::kTileWidth) {
    return internal_error("entry bundle " + std::to_string(n) + " is out of step with the tree");
  }
  tlog::append_bundle_entry(bundle_bytes_, entry);
  bundle_.hashes.emplace_back();
  bundle_.dirty = true;
  if (bundle_.hashes.size() == tlog::kTileWidth) {
    HALLMARK_TRY(write(tlog::entries_path(n, tlog::kTileWidth), bundle_bytes_, true));
    replaced_.push_back(tlog::entries_path(n, tlog::kTileWidth) + ".p");
    bundle_.n = n + 1;
    bundle_.hashes.clear();
    bundle_bytes_.clear();
    bundle_.dirty = false;
  }
  range.append(merkle::hash_leaf(entry), [&](uint8_t level, uint64_t node, const Digest& hash) {
    if (level % tlog::kTileHeight == 0 && error_.ok()) {
      error_ = add_hash(level / tlog::kTileHeight, node, hash);
    }
  });
  return error_;
}

Status TileWriter::finish() {
  HALLMARK_TRY(error_);
  if (bundle_.dirty && !bundle_.hashes.empty()) {
    HALLMARK_TRY(write(tlog::entries_path(bundle_.n, static_cast<unsigned>(bundle_.hashes.size())),
                       bundle_bytes_, false));
  }
  for (size_t level = 0; level < levels_.size(); ++level) {
    const Open& o = levels_[level];
    if (o.dirty && !o.hashes.empty()) {
      HALLMARK_TRY(write(tlog::tile_path(static_cast<unsigned>(level), o.n,
                                         static_cast<unsigned>(o.hashes.size())),
                         tlog::encode_tile(o.hashes), false));
    }
  }
  return sync_filesystem(dir_);
}

void TileWriter::remove_replaced_partials() {
  for (const std::string& rel : replaced_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_ + "/" + rel, ec);
  }
}

}  // namespace hallmark::log
