// fsck: recompute a tlog-tiles log from its entries and compare with everything stored.
#include <algorithm>
#include <filesystem>
#include <set>

#include "hallmark/file_io.h"
#include "hallmark/log.h"
#include "hallmark/merkle.h"
#include "log/store.h"

namespace hallmark::log {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxProblems = 100;

class Checker {
 public:
  explicit Checker(FsckReport& report) : report_(report) {}

  void problem(std::optional<uint64_t> index, std::string what) {
    if (index) {
      bad_.insert(*index);
      if (!report_.first_bad_index || *index < *report_.first_bad_index) {
        report_.first_bad_index = index;
      }
    }
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back(std::move(what));
    } else if (report_.problems.size() == kMaxProblems) {
      report_.problems.push_back("more problems not listed");
    }
  }

  // Whether a problem was reported for an index in [begin, end): a mismatch higher up the
  // tree over that range is then its consequence, not a second fault.
  bool has_problem_in(uint64_t begin, uint64_t end) const {
    const auto it = bad_.lower_bound(begin);
    return it != bad_.end() && *it < end;
  }

 private:
  FsckReport& report_;
  std::set<uint64_t> bad_;
};

Digest tile_root(std::span<const Digest> hashes) {
  return merkle::root(hashes);
}

// Checks the partial tiles and bundles left from earlier sizes: each must be a prefix of the
// (already checked) current data. Files beyond the checkpoint are an unpublished append.
// `published`: the sizes of the log's recorded checkpoints, sorted, or empty for a foreign log
// (whose partial tiles are all taken as published).
Status check_old_partials(Reader& reader, const std::vector<uint64_t>& published,
                          FsckReport& report, Checker& check) {
  const std::string root = reader.dir() + "/tile";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return {};
  }
  const uint64_t size = reader.checkpoint().size;
  std::vector<std::string> paths;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      paths.push_back(fs::relative(it->path(), reader.dir(), ec).generic_string());
    }
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& rel : paths) {
    if (rel.find(".tmp-") != std::string::npos) {
      report.warnings.push_back(rel + ": temporary file left by an interrupted write");
      continue;
    }
    Result<tlog::TilePath> p = tlog::parse_tile_path(rel);
    if (!p.ok()) {
      report.warnings.push_back(rel + ": not a tile path");
      continue;
    }
    if (p->width == tlog::kTileWidth) {
      continue;  // Full tiles were checked, or lie beyond the checkpoint.
    }
    const unsigned level = p->entries ? 0 : p->level;
    const unsigned width = tlog::tile_width(level, p->n, size);
    if (width == 0 || p->width > width) {
      report.warnings.push_back(rel + ": beyond the published checkpoint");
      continue;
    }
    if (p->width == width) {
      continue;  // The current partial tile: checked in the main pass.
    }
    if (!published.empty()) {
      // Tree sizes whose partial tile at this level is this one.
      const unsigned shift = tlog::kTileHeight * level;
      const uint64_t first = (p->n * tlog::kTileWidth + p->width) << shift;
      const uint64_t end = first + (uint64_t{1} << shift);
      const auto it = std::lower_bound(published.begin(), published.end(), first);
      if (it == published.end() || *it >= end) {
        report.warnings.push_back(rel +
                                  ": written for no recorded checkpoint (an interrupted "
                                  "append)");
        continue;
      }
    }
    HALLMARK_ASSIGN_OR_RETURN(std::string data, read_file(reader.dir() + "/" + rel, 1 << 25));
    ++report.tiles;
    if (p->entries) {
      HALLMARK_ASSIGN_OR_RETURN(std::vector<Bytes> current, reader.tiles().bundle(p->n));
      Result<std::vector<Bytes>> old = tlog::parse_bundle(as_bytes(data), p->width);
      if (!old.ok()) {
        return old.status().with_context(reader.dir() + "/" + rel);
      }
      for (unsigned i = 0; i < p->width; ++i) {
        if ((*old)[i] != current[i]) {
          const uint64_t index = p->n * tlog::kTileWidth + i;
          check.problem(index, rel + ": entry " + std::to_string(index) + " differs from " +
                                   tlog::entries_path(p->n, width));
          break;
        }
      }
    } else {
      HALLMARK_ASSIGN_OR_RETURN(std::vector<Digest> current, reader.tiles().tile(level, p->n));
      Result<std::vector<Digest>> old = tlog::parse_tile(as_bytes(data), p->width);
      if (!old.ok()) {
        return old.status().with_context(reader.dir() + "/" + rel);
      }
      for (unsigned i = 0; i < p->width; ++i) {
        if ((*old)[i] != current[i]) {
          const uint64_t index = (p->n * tlog::kTileWidth + i) << (tlog::kTileHeight * level);
          check.problem(index, rel + ": hash " + std::to_string(i) + " differs from " +
                                   tlog::tile_path(level, p->n, width));
          break;
        }
      }
    }
  }
  return {};
}

}  // namespace

Result<FsckReport> fsck(const std::string& dir, const FsckOptions& options) {
  HALLMARK_ASSIGN_OR_RETURN(std::unique_ptr<Reader> reader, Reader::open(dir, options.key));
  FsckReport report;
  Checker check(report);
  const tlog::Checkpoint& cp = reader->checkpoint();
  report.size = cp.size;
  tlog::TileReader& tiles = reader->tiles();

  std::unique_ptr<LogStore> store;
  std::vector<StoredCheckpoint> recorded;
  if (reader->is_hallmark_log()) {
    HALLMARK_ASSIGN_OR_RETURN(store, open_sqlite_store(dir + "/log.db", true));
    HALLMARK_TRY(store->for_each_checkpoint([&](const StoredCheckpoint& c) -> Status {
      recorded.push_back({c.size, c.root, {}});
      Result<note::Note> n = note::parse(c.note);
      Result<tlog::Checkpoint> parsed =
          n.ok() ? tlog::parse_checkpoint(n->text) : Result<tlog::Checkpoint>(n.status());
      if (!parsed.ok() || parsed->size != c.size || parsed->root != c.root ||
          parsed->origin != cp.origin) {
        check.problem(std::nullopt, "log.db: recorded checkpoint at size " +
                                        std::to_string(c.size) + " is malformed");
      }
      return {};
    }));
  }

  // Level 0: rehash every entry, compare with the leaf tiles, and follow the tree's roots
  // through every recorded checkpoint.
  std::vector<Digest> leaves;  // For the dedup index (hallmark logs only).
  if (store) {
    leaves.reserve(std::min<uint64_t>(cp.size, uint64_t{1} << 24));  // A signed size may lie.
  }
  merkle::CompactRange range;
  size_t next_recorded = 0;
  const auto check_recorded = [&] {
    while (next_recorded < recorded.size() && recorded[next_recorded].size == range.size()) {
      ++report.checkpoints;
      if (recorded[next_recorded].root != range.root()) {
        check.problem(std::nullopt, "log.db: recorded checkpoint at size " +
                                        std::to_string(range.size()) +
                                        " does not match the entries");
      }
      ++next_recorded;
    }
  };
  check_recorded();
  std::vector<Digest> above;  // Roots of the full tiles of the level being checked.
  uint64_t entry_bytes = 0;
  const uint64_t bundles = (cp.size + tlog::kTileWidth - 1) / tlog::kTileWidth;
  for (uint64_t n = 0; n < bundles; ++n) {
    HALLMARK_ASSIGN_OR_RETURN(std::vector<Bytes> entries, tiles.bundle(n));
    HALLMARK_ASSIGN_OR_RETURN(std::vector<Digest> stored, tiles.tile(0, n));
    report.tiles += 2;
    for (size_t i = 0; i < entries.size(); ++i) {
      const uint64_t index = n * tlog::kTileWidth + i;
      const Digest leaf = merkle::hash_leaf(entries[i]);
      if (leaf != stored[i]) {
        check.problem(index, "entry " + std::to_string(index) + " does not match its hash in " +
                                 tlog::tile_path(0, n, static_cast<unsigned>(stored.size())));
      }
      range.append(leaf);
      if (store) {
        leaves.push_back(leaf);
      }
      check_recorded();
    }
    report.entries += entries.size();
    for (const Bytes& e : entries) {
      entry_bytes += e.size();
    }
    if (options.on_progress) {
      options.on_progress(report.entries, entry_bytes, cp.size);
    }
    if (stored.size() == tlog::kTileWidth) {
      above.push_back(tile_root(stored));
    }
  }
  if (range.root() != cp.root) {
    check.problem(std::nullopt, "the entries do not lead to the checkpoint's root");
  }

  // Levels 1 and up: each hash must be the root of the full tile below it.
  for (unsigned level = 1; level <= tlog::kMaxTileLevel && (cp.size >> (8 * level)) > 0; ++level) {
    std::vector<Digest> next_above;
    const uint64_t count = (cp.size >> (8 * level));
    for (uint64_t n = 0; n * tlog::kTileWidth < count; ++n) {
      HALLMARK_ASSIGN_OR_RETURN(std::vector<Digest> stored, tiles.tile(level, n));
      ++report.tiles;
      for (size_t i = 0; i < stored.size(); ++i) {
        const uint64_t node = n * tlog::kTileWidth + i;
        const uint64_t begin = node << (8 * level);
        if ((node >= above.size() || stored[i] != above[node]) &&
            !check.has_problem_in(begin, begin + (uint64_t{1} << (8 * level)))) {
          check.problem(begin, tlog::tile_path(level, n, static_cast<unsigned>(stored.size())) +
                                   ": hash " + std::to_string(i) +
                                   " does not match the tile below");
        }
      }
      if (stored.size() == tlog::kTileWidth) {
        next_above.push_back(tile_root(stored));
      }
    }
    above = std::move(next_above);
  }
  if (Result<Digest> r = tiles.root(cp.size); !r.ok() || *r != cp.root) {
    if (!r.ok()) {
      return r.status();
    }
    check.problem(std::nullopt, "the tiles do not lead to the checkpoint's root");
  }

  std::vector<uint64_t> published;
  for (const StoredCheckpoint& c : recorded) {
    published.push_back(c.size);
  }
  HALLMARK_TRY(check_old_partials(*reader, published, report, check));

  if (store) {
    while (next_recorded < recorded.size()) {
      report.warnings.push_back("log.db: checkpoint at size " +
                                std::to_string(recorded[next_recorded].size) +
                                " is recorded but not published (an interrupted append; the "
                                "next append publishes it)");
      ++next_recorded;
    }
    HALLMARK_ASSIGN_OR_RETURN(TreeState tree, store->tree());
    if (tree.size < cp.size) {
      check.problem(std::nullopt, "log.db: tree size " + std::to_string(tree.size) +
                                      " is below the published checkpoint");
    }
    uint64_t rows = 0;
    HALLMARK_TRY(store->for_each_dedup([&](const Digest& hash, uint64_t index) -> Status {
      ++rows;
      if (index < leaves.size() && leaves[index] != hash) {
        check.problem(index,
                      "log.db: dedup index maps another entry to index " + std::to_string(index));
      } else if (index >= tree.size) {
        check.problem(std::nullopt, "log.db: dedup index names entry " + std::to_string(index) +
                                        " beyond the log");
      }
      return {};
    }));
    if (rows != tree.size) {
      check.problem(std::nullopt, "log.db: dedup index has " + std::to_string(rows) + " rows for " +
                                      std::to_string(tree.size) + " entries");
    }
    HALLMARK_ASSIGN_OR_RETURN(std::optional<uint64_t> max_lookup, store->max_lookup_index());
    if (max_lookup && *max_lookup >= tree.size) {
      check.problem(std::nullopt, "log.db: lookup index names entry " +
                                      std::to_string(*max_lookup) + " beyond the log");
    }
  }
  return report;
}

}  // namespace hallmark::log
