#include "hallmark/tiles.h"

#include <cassert>
#include <cstring>

#include "text.h"

namespace hallmark::tlog {
namespace {

constexpr size_t kMaxCachedTiles = 4096;

std::string index_path(uint64_t n) {
  // Groups of three digits, most significant first; all but the last prefixed with 'x'.
  std::vector<std::string> groups;
  do {
    const uint64_t g = n % 1000;
    n /= 1000;
    std::string s = std::to_string(g);
    groups.push_back(std::string(3 - s.size(), '0') + s);
  } while (n > 0);
  std::string out;
  for (size_t i = groups.size(); i-- > 0;) {
    if (i > 0) {
      out += "x" + groups[i] + "/";
    } else {
      out += groups[i];
    }
  }
  return out;
}

std::string with_width(std::string path, unsigned width) {
  if (width < kTileWidth) {
    path += ".p/" + std::to_string(width);
  }
  return path;
}

bool all_digits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string tile_path(unsigned level, uint64_t n, unsigned width) {
  assert(level <= kMaxTileLevel && width >= 1 && width <= kTileWidth);
  return with_width("tile/" + std::to_string(level) + "/" + index_path(n), width);
}

std::string entries_path(uint64_t n, unsigned width) {
  assert(width >= 1 && width <= kTileWidth);
  return with_width("tile/entries/" + index_path(n), width);
}

Result<TilePath> parse_tile_path(std::string_view path) {
  const std::string original(path);
  const auto bad = [&] { return corrupt("not a tile path: " + original.substr(0, 200)); };
  if (path.substr(0, 5) != "tile/") {
    return bad();
  }
  path.remove_prefix(5);
  TilePath out;
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos) {
    return bad();
  }
  const std::string_view level = path.substr(0, slash);
  if (level == "entries") {
    out.entries = true;
  } else {
    const std::optional<uint64_t> l = text::parse_decimal(level);
    if (!l || *l > kMaxTileLevel) {
      return bad();
    }
    out.level = static_cast<unsigned>(*l);
  }
  path.remove_prefix(slash + 1);
  if (const size_t p = path.find(".p/"); p != std::string_view::npos) {
    const std::optional<uint64_t> w = text::parse_decimal(path.substr(p + 3));
    if (!w || *w < 1 || *w >= kTileWidth) {
      return bad();
    }
    out.width = static_cast<unsigned>(*w);
    path = path.substr(0, p);
  }
  // Groups of three digits ("x123/" for all but the last); at most 7 groups fit in 64 bits.
  uint64_t n = 0;
  for (size_t groups = 1;; ++groups) {
    const size_t s = path.find('/');
    std::string_view g = path.substr(0, s);
    if (s != std::string_view::npos) {
      if (g.empty() || g[0] != 'x') {
        return bad();
      }
      g.remove_prefix(1);
    }
    if (g.size() != 3 || !all_digits(g) || groups > 6) {
      return bad();
    }
    n = n * 1000 + static_cast<uint64_t>((g[0] - '0') * 100 + (g[1] - '0') * 10 + (g[2] - '0'));
    if (s == std::string_view::npos) {
      break;
    }
    path.remove_prefix(s + 1);
  }
  out.n = n;
  // Exactly one spelling per tile: no leading "x000/" groups.
  const std::string canonical =
      out.entries ? entries_path(n, out.width) : tile_path(out.level, n, out.width);
  if (canonical != original) {
    return bad();
  }
  return out;
}

unsigned partial_width(unsigned level, uint64_t size) {
  const unsigned shift = kTileHeight * level;
  if (shift >= 64) {
    return 0;
  }
  return static_cast<unsigned>((size >> shift) % kTileWidth);
}

unsigned tile_width(unsigned level, uint64_t n, uint64_t size) {
  const unsigned shift = kTileHeight * level;
  if (shift >= 64) {
    return 0;
  }
  const uint64_t hashes = size >> shift;  // Complete subtrees of height 8*level.
  const uint64_t full = hashes / kTileWidth;
  if (n < full) {
    return kTileWidth;
  }
  if (n == full) {
    return static_cast<unsigned>(hashes % kTileWidth);  // 0 if there is no partial tile.
  }
  return 0;
}

Bytes encode_tile(std::span<const Digest> hashes) {
  Bytes out;
  out.reserve(hashes.size() * 32);
  for (const Digest& h : hashes) {
    out.insert(out.end(), h.begin(), h.end());
  }
  return out;
}

Result<std::vector<Digest>> parse_tile(ByteView data, unsigned width) {
  const size_t want = size_t{width} * 32;
  if (data.size() < want) {
    return corrupt("truncated (" + std::to_string(data.size()) + " bytes, want " +
                   std::to_string(want) + ")");
  }
  if (data.size() > want) {
    return corrupt("too long (" + std::to_string(data.size()) + " bytes, want " +
                   std::to_string(want) + ")");
  }
  std::vector<Digest> out(width);
  for (unsigned i = 0; i < width; ++i) {
    std::memcpy(out[i].data(), data.data() + size_t{i} * 32, 32);
  }
  return out;
}

void append_bundle_entry(Bytes& bundle, ByteView entry) {
  assert(entry.size() <= kMaxEntrySize);
  bundle.push_back(static_cast<std::byte>(entry.size() >> 8));
  bundle.push_back(static_cast<std::byte>(entry.size() & 0xff));
  bundle.insert(bundle.end(), entry.begin(), entry.end());
}

Result<std::vector<Bytes>> parse_bundle(ByteView data, unsigned count) {
  std::vector<Bytes> out;
  out.reserve(count);
  size_t pos = 0;
  for (unsigned i = 0; i < count; ++i) {
    if (data.size() - pos < 2) {
      return corrupt("truncated at entry " + std::to_string(i) + " of " + std::to_string(count));
    }
    const size_t len = (static_cast<size_t>(data[pos]) << 8) | static_cast<size_t>(data[pos + 1]);
    pos += 2;
    if (data.size() - pos < len) {
      return corrupt("truncated at entry " + std::to_string(i) + " of " + std::to_string(count));
    }
    out.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(pos),
                     data.begin() + static_cast<std::ptrdiff_t>(pos + len));
    pos += len;
  }
  if (pos != data.size()) {
    return corrupt("has " + std::to_string(data.size() - pos) + " bytes after entry " +
                   std::to_string(count));
  }
  return out;
}

TileReader::TileReader(std::shared_ptr<TileSource> source, uint64_t size)
    : source_(std::move(source)), size_(size) {}

TileReader::TileReader(std::string dir, uint64_t size)
    : TileReader(std::make_shared<DirectorySource>(std::move(dir)), size) {}

Result<std::string> TileReader::read_tile_file(const std::string& partial, const std::string& full,
                                               size_t full_size, unsigned width, bool entries) {
  const std::string& rel = width == kTileWidth ? full : partial;
  const std::string path = source_->name(rel);
  Result<std::string> data = source_->read(rel, full_size);
  if (data.ok() || width == kTileWidth || data.status().code() != Code::kNotFound) {
    if (!data.ok() && data.status().code() == Code::kNotFound) {
      return not_found(path + ": missing");
    }
    return data;
  }
  // The partial tile may be gone once the full one exists: use the full one's prefix.
  Result<std::string> whole = source_->read(full, full_size);
  if (!whole.ok()) {
    return not_found(path + ": missing");
  }
  if (!entries) {
    if (whole->size() != size_t{kTileWidth} * 32) {
      return corrupt(source_->name(full) + ": " +
                     parse_tile(as_bytes(*whole), kTileWidth).status().message());
    }
    whole->resize(size_t{width} * 32);
    return whole;
  }
  // Entries: keep the first `width` entries' bytes.
  size_t pos = 0;
  for (unsigned i = 0; i < width; ++i) {
    if (whole->size() - pos < 2) {
      return corrupt(source_->name(full) + ": truncated");
    }
    const size_t len = (static_cast<size_t>(static_cast<unsigned char>((*whole)[pos])) << 8) |
                       static_cast<unsigned char>((*whole)[pos + 1]);
    pos += 2;
    if (whole->size() - pos < len) {
      return corrupt(source_->name(full) + ": truncated");
    }
    pos += len;
  }
  whole->resize(pos);
  return whole;
}

Result<const TileReader::Cached*> TileReader::load(unsigned level, uint64_t n) {
  const uint64_t key = (static_cast<uint64_t>(level) << 58) | n;
  if (auto it = cache_.find(key); it != cache_.end()) {
    return it->second.get();
  }
  const unsigned width = tile_width(level, n, size_);
  if (width == 0) {
    return invalid_argument("tile " + std::to_string(level) + "/" + std::to_string(n) +
                            " is beyond tree size " + std::to_string(size_));
  }
  HALLMARK_ASSIGN_OR_RETURN(
      std::string data, read_tile_file(tile_path(level, n, width), tile_path(level, n, kTileWidth),
                                       kTileWidth * 32, width, false));
  Result<std::vector<Digest>> hashes = parse_tile(as_bytes(data), width);
  if (!hashes.ok()) {
    return hashes.status().with_context(source_->name(tile_path(level, n, width)));
  }
  auto cached = std::make_unique<Cached>();
  cached->levels.push_back(std::move(hashes).value());
  while (cached->levels.back().size() >= 2) {
    const std::vector<Digest>& below = cached->levels.back();
    std::vector<Digest> above(below.size() / 2);
    for (size_t i = 0; i < above.size(); ++i) {
      above[i] = merkle::hash_children(below[2 * i], below[2 * i + 1]);
    }
    cached->levels.push_back(std::move(above));
  }
  if (cache_.size() >= kMaxCachedTiles) {
    cache_.clear();
  }
  const Cached* out = cached.get();
  cache_.emplace(key, std::move(cached));
  return out;
}

Result<Digest> TileReader::node(uint8_t level, uint64_t index) {
  if (level >= 64 || index >= (size_ >> level) || ((index + 1) << level) > size_) {
    return invalid_argument("node " + std::to_string(level) + "/" + std::to_string(index) +
                            " is beyond tree size " + std::to_string(size_));
  }
  const unsigned tile_level = level / kTileHeight;
  const unsigned within = level % kTileHeight;
  const uint64_t first = index << within;  // Index among the tile level's hashes.
  HALLMARK_ASSIGN_OR_RETURN(const Cached* tile, load(tile_level, first / kTileWidth));
  const std::vector<Digest>& row = tile->levels[within];
  const uint64_t slot = (first % kTileWidth) >> within;
  if (slot >= row.size()) {
    return internal_error("tile row shorter than the tree implies");
  }
  return row[slot];
}

merkle::NodeReader TileReader::node_reader() {
  return [this](uint8_t level, uint64_t index) { return node(level, index); };
}

Result<Digest> TileReader::root(uint64_t size) {
  if (size > size_) {
    return invalid_argument("tree size " + std::to_string(size) + " is beyond " +
                            std::to_string(size_));
  }
  return merkle::root(size, node_reader());
}

Result<std::vector<Digest>> TileReader::inclusion_proof(uint64_t index, uint64_t size) {
  if (size > size_) {
    return invalid_argument("tree size " + std::to_string(size) + " is beyond " +
                            std::to_string(size_));
  }
  return merkle::inclusion_proof(index, size, node_reader());
}

Result<std::vector<Digest>> TileReader::consistency_proof(uint64_t old_size, uint64_t size) {
  if (size > size_) {
    return invalid_argument("tree size " + std::to_string(size) + " is beyond " +
                            std::to_string(size_));
  }
  return merkle::consistency_proof(old_size, size, node_reader());
}

Result<std::vector<Digest>> TileReader::tile(unsigned level, uint64_t n) {
  HALLMARK_ASSIGN_OR_RETURN(const Cached* t, load(level, n));
  return t->levels[0];
}

Result<std::vector<Bytes>> TileReader::bundle(uint64_t n) {
  HALLMARK_ASSIGN_OR_RETURN(const std::vector<Bytes>* entries, load_bundle(n));
  return *entries;
}

Result<const std::vector<Bytes>*> TileReader::load_bundle(uint64_t n) {
  if (n == bundle_n_) {
    return &bundle_;
  }
  const unsigned width = tile_width(0, n, size_);
  if (width == 0) {
    return invalid_argument("entry bundle " + std::to_string(n) + " is beyond tree size " +
                            std::to_string(size_));
  }
  HALLMARK_ASSIGN_OR_RETURN(std::string data,
                            read_tile_file(entries_path(n, width), entries_path(n, kTileWidth),
                                           size_t{kTileWidth} * (kMaxEntrySize + 2), width, true));
  Result<std::vector<Bytes>> entries = parse_bundle(as_bytes(data), width);
  if (!entries.ok()) {
    return entries.status().with_context(source_->name(entries_path(n, width)));
  }
  bundle_n_ = n;
  bundle_ = std::move(entries).value();
  return &bundle_;
}

Result<Bytes> TileReader::entry(uint64_t index) {
  if (index >= size_) {
    return invalid_argument("entry " + std::to_string(index) + " is beyond tree size " +
                            std::to_string(size_));
  }
  HALLMARK_ASSIGN_OR_RETURN(const std::vector<Bytes>* entries, load_bundle(index / kTileWidth));
  return (*entries)[index % kTileWidth];
}

}  // namespace hallmark::tlog
