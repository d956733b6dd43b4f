#include "hallmark/log.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>

#include "hallmark/file_io.h"
#include "hallmark/merkle.h"
#include "hallmark/tlog_proof.h"
#include "log/store.h"
#include "log/tile_writer.h"
#include "text.h"

namespace hallmark::log {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxKeyFileSize = 4096;
constexpr uint64_t kMaxCheckpointFileSize = note::kMaxNoteSize;

std::string join(const std::string& dir, std::string_view name) {
  return dir + "/" + std::string(name);
}

Result<note::Signer> read_signer(const std::string& path, note::KeyType type) {
  Result<std::string> text = read_file(path, kMaxKeyFileSize);
  if (!text.ok()) {
    return text.status().code() == Code::kNotFound ? not_found(path + ": missing") : text.status();
  }
  std::string_view key = *text;
  if (!key.empty() && key.back() == '\n') {
    key.remove_suffix(1);
  }
  Result<note::Signer> signer = note::Signer::parse(key);
  explicit_bzero(text->data(), text->size());
  if (!signer.ok()) {
    return signer.status().with_context(path);
  }
  if (signer->verifier().type != type) {
    return corrupt(path + ": key has the wrong signature type");
  }
  return signer;
}

Status write_secret(const std::string& path, const keys::Secret& secret) {
  std::string text(secret.chars());
  text += "\n";
  Status s = write_file_atomic(path, text, {.mode = 0600, .sync = true, .exclusive = true});
  explicit_bzero(text.data(), text.size());
  return s;
}

// The tlog-policy file of a log: it trusts the log and its clock and needs no witness.
std::string policy_text(const std::string& log_vkey, const std::string& clock_vkey) {
  return "log " + log_vkey + "\nwitness clock " + clock_vkey + "\nquorum none\n";
}

uint64_t system_now() {
  return static_cast<uint64_t>(std::time(nullptr));
}

}  // namespace

struct Log::Keys {
  note::Signer log;
  note::Signer clock;
};

Result<LogKeys> init(const std::string& dir, std::string_view origin, const Options& options) {
  if (Status s = note::check_key_name(origin); !s.ok()) {
    return invalid_argument("origin \"" + std::string(origin.substr(0, 200)) +
                            "\" cannot name a log: " + s.message());
  }
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      return invalid_argument(dir + " is not a directory");
    }
    if (!fs::is_empty(dir, ec)) {
      return invalid_argument(dir + " is not empty");
    }
  } else if (::mkdir(dir.c_str(), 0755) != 0) {
    return errno_status("cannot create " + dir, errno);
  }
  HALLMARK_ASSIGN_OR_RETURN(note::Signer log_signer,
                            note::Signer::generate(origin, note::KeyType::kEd25519));
  HALLMARK_ASSIGN_OR_RETURN(
      note::Signer clock_signer,
      note::Signer::generate(std::string(origin) + "/clock", note::KeyType::kCosignatureV1));
  HALLMARK_TRY(write_secret(join(dir, "log.key"), log_signer.to_string()));
  HALLMARK_TRY(write_secret(join(dir, "clock.key"), clock_signer.to_string()));

  LogKeys keys;
  keys.log_vkey = log_signer.verifier().to_string();
  keys.clock_vkey = clock_signer.verifier().to_string();
  keys.policy = policy_text(keys.log_vkey, keys.clock_vkey);
  HALLMARK_TRY(write_file_atomic(join(dir, "log.vkey"), keys.log_vkey + "\n"));
  HALLMARK_TRY(write_file_atomic(join(dir, "policy"), keys.policy));

  // The empty tree, signed like every later checkpoint.
  const tlog::Checkpoint empty{std::string(origin), 0, merkle::empty_root(), {}};
  const std::string body = empty.to_text();
  const uint64_t now = options.now ? options.now() : system_now();
  const std::string signed_note =
      note::format(note::Note{body, {log_signer.sign(body), clock_signer.sign(body, now)}});
  TreeState state;
  state.root = empty.root;
  HALLMARK_ASSIGN_OR_RETURN(std::unique_ptr<LogStore> store,
                            create_sqlite_store(join(dir, "log.db"), origin, state,
                                                StoredCheckpoint{0, empty.root, signed_note}));
  HALLMARK_TRY(store->close());  // log.db alone is the whole database.
  HALLMARK_TRY(write_file_atomic(join(dir, "checkpoint"), signed_note));
  return keys;
}

Log::Log(std::string dir, Options options) : dir_(std::move(dir)), options_(std::move(options)) {}

Log::~Log() {
  close().ok();
}

Status Log::close() {
  Status s;
  if (store_) {
    s = store_->close();
    store_.reset();
  }
  if (dir_fd_ >= 0) {
    ::close(dir_fd_);
    dir_fd_ = -1;
  }
  return s;
}

const note::Verifier& Log::log_key() const {
  return keys_->log.verifier();
}

const note::Verifier& Log::clock_key() const {
  return keys_->clock.verifier();
}

Result<tlog::Policy> Log::policy() const {
  return tlog::Policy::parse(policy_text(log_key().to_string(), clock_key().to_string()));
}

Result<std::unique_ptr<Log>> Log::open(const std::string& dir, const Options& options) {
  std::unique_ptr<Log> log(new Log(dir, options));
  struct stat st;
  if (::stat(join(dir, "log.db").c_str(), &st) != 0) {
    return not_found(dir + " is not a hallmark log (no log.db)");
  }
  HALLMARK_ASSIGN_OR_RETURN(note::Signer log_signer,
                            read_signer(join(dir, "log.key"), note::KeyType::kEd25519));
  HALLMARK_ASSIGN_OR_RETURN(note::Signer clock_signer,
                            read_signer(join(dir, "clock.key"), note::KeyType::kCosignatureV1));
  log->keys_ = std::make_unique<Keys>(Keys{std::move(log_signer), std::move(clock_signer)});
  HALLMARK_ASSIGN_OR_RETURN(log->store_, open_sqlite_store(join(dir, "log.db"), false));
  HALLMARK_ASSIGN_OR_RETURN(log->origin_, log->store_->origin());
  if (log->keys_->log.verifier().name != log->origin_) {
    return corrupt(join(dir, "log.key") + ": key name is not the log's origin " + log->origin_);
  }
  log->dir_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (log->dir_fd_ < 0) {
    return errno_status("cannot open " + dir, errno);
  }
  HALLMARK_TRY(log->lock());
  Status s = log->recover();
  log->unlock();
  if (!s.ok()) {
    return s;
  }
  return log;
}

Status Log::lock() {
  while (::flock(dir_fd_, LOCK_EX) != 0) {
    if (errno != EINTR) {
      return errno_status("cannot lock " + dir_, errno);
    }
  }
  return {};
}

void Log::unlock() {
  ::flock(dir_fd_, LOCK_UN);
}

std::string Log::sign_checkpoint(const tlog::Checkpoint& c) const {
  const std::string body = c.to_text();
  const uint64_t now = options_.now ? options_.now() : system_now();
  return note::format(note::Note{body, {keys_->log.sign(body), keys_->clock.sign(body, now)}});
}

Status Log::recover() {
  HALLMARK_TRY(publish());
  remove_stale_temp_files();
  return {};
}

// Cleans up after writers that died mid-append (we hold the lock, so no writer is active):
// temporary files, partial tiles beyond the tree (from an append that never committed) and
// partial directories whose full tile exists (a writer died before removing them). All of these
// can only be in the log's own directory and the directories of the tree's right edge.
void Log::remove_stale_temp_files() {
  Result<TreeState> tree = store_->tree();
  if (!tree.ok()) {
    return;
  }
  struct Edge {
    std::string parent;  // Directory holding the right-edge tile of a level.
    std::string name;    // That tile's file name ("039").
    unsigned width;      // Its width at the tree's size (0: none).
  };
  std::vector<Edge> edges;
  const auto add_edge = [&](const std::string& rel_full, unsigned width) {
    const std::string full = join(dir_, rel_full);
    const size_t slash = full.rfind('/');
    edges.push_back({full.substr(0, slash), full.substr(slash + 1), width});
  };
  add_edge(tlog::entries_path(tree->size / tlog::kTileWidth, tlog::kTileWidth),
           tlog::partial_width(0, tree->size));
  for (unsigned level = 0; level <= tlog::kMaxTileLevel; ++level) {
    const uint64_t nodes = tree->size >> (tlog::kTileHeight * level);
    add_edge(tlog::tile_path(level, nodes / tlog::kTileWidth, tlog::kTileWidth),
             tlog::partial_width(level, tree->size));
    if (nodes < tlog::kTileWidth) {
      break;
    }
  }
  const auto remove_temps = [](const std::string& d) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (it->path().filename().string().find(".tmp-") != std::string::npos) {
        fs::remove(it->path(), ec);
      }
    }
  };
  remove_temps(dir_);
  for (const Edge& e : edges) {
    remove_temps(e.parent);
    std::error_code ec;
    for (auto it = fs::directory_iterator(e.parent, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.size() > 2 && name.ends_with(".p") && it->is_directory(ec)) {
        const std::string tile = name.substr(0, name.size() - 2);
        if (fs::exists(e.parent + "/" + tile, ec)) {
          fs::remove_all(it->path(), ec);  // Superseded by the full tile.
        } else if (tile == e.name) {
          remove_temps(it->path().string());
          for (auto p = fs::directory_iterator(it->path(), ec);
               !ec && p != fs::directory_iterator(); p.increment(ec)) {
            const std::optional<uint64_t> w = text::parse_decimal(p->path().filename().string());
            if (w && *w > e.width) {
              fs::remove(p->path(), ec);  // Beyond the tree: never published.
            }
          }
        }
      }
    }
  }
}

// Makes `checkpoint` the latest recorded checkpoint, if it is not already (a crash may have
// come between recording and publishing).
Status Log::publish() {
  HALLMARK_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> latest, store_->latest_checkpoint());
  if (!latest) {
    return corrupt(join(dir_, "log.db") + ": no checkpoint recorded");
  }
  const std::string path = join(dir_, "checkpoint");
  Result<std::string> current = read_file(path, kMaxCheckpointFileSize);
  if (current.ok() && *current == latest->note) {
    return {};
  }
  // Rename, then one file system sync (cheaper than syncing the file and the directory). If a
  // crash loses it, the next open publishes the recorded checkpoint again.
  HALLMARK_TRY(write_file_atomic(path, latest->note, {.mode = 0644, .sync = false}));
  return sync_filesystem(dir_);
}

Result<AppendResult> Log::append(std::span<const Entry> entries) {
  if (!store_) {
    return internal_error(dir_ + ": the log was closed");
  }
  if (entries.size() > kMaxBatch) {
    return invalid_argument("a batch holds at most " + std::to_string(kMaxBatch) + " entries");
  }
  std::vector<Digest> leaves;
  std::vector<SequenceItem> items;
  leaves.reserve(entries.size());
  items.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (e.data.size() > kMaxEntrySize) {
      return invalid_argument("entry " + std::to_string(i) + " is " +
                              std::to_string(e.data.size()) + " bytes, more than " +
                              std::to_string(kMaxEntrySize));
    }
    if (e.lookup_keys.size() > kMaxLookupKeys) {
      return invalid_argument("entry " + std::to_string(i) + " has more than " +
                              std::to_string(kMaxLookupKeys) + " lookup keys");
    }
    for (const std::string& k : e.lookup_keys) {
      if (k.empty() || k.size() > kMaxLookupKeySize) {
        return invalid_argument("entry " + std::to_string(i) +
                                " has an empty or over-long lookup key");
      }
    }
    leaves.push_back(merkle::hash_leaf(e.data));
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    items.push_back({entries[i].data, leaves[i], entries[i].lookup_keys});
  }

  HALLMARK_TRY(lock());
  struct Unlock {
    Log* log;
    ~Unlock() { log->unlock(); }
  } unlock_on_exit{this};

  HALLMARK_TRY(publish());  // Another writer may have died before publishing.
  std::optional<TileWriter> writer;
  const auto integrate =
      [&](const TreeState& tree,
          std::span<const SequenceItem* const> fresh) -> Result<LogStore::Integration> {
    Result<merkle::CompactRange> range = merkle::CompactRange::from_hashes(tree.size, tree.compact);
    if (!range.ok()) {
      return range.status().with_context(join(dir_, "log.db"));
    }
    if (range->root() != tree.root) {
      return corrupt(join(dir_, "log.db") + ": tree state does not match its root");
    }
    writer.emplace(dir_, tree.size);
    for (const SequenceItem* item : fresh) {
      HALLMARK_TRY(writer->add(item->data, *range));
    }
    HALLMARK_TRY(writer->finish());  // The tiles are durable before the tree state says so.
    const tlog::Checkpoint c{origin_, range->size(), range->root(), {}};
    return LogStore::Integration{TreeState{range->size(), c.root, range->hashes()},
                                 StoredCheckpoint{c.size, c.root, sign_checkpoint(c)}};
  };
  HALLMARK_ASSIGN_OR_RETURN(std::vector<Sequenced> sequenced, store_->append(items, integrate));
  HALLMARK_TRY(publish());
  if (writer) {
    writer->remove_replaced_partials();
  }

  HALLMARK_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> latest, store_->latest_checkpoint());
  if (!latest) {
    return corrupt(join(dir_, "log.db") + ": no checkpoint recorded");
  }
  AppendResult out;
  out.checkpoint = latest->note;
  out.size = latest->size;
  tlog::TileReader tiles(dir_, out.size);
  const tlog::Checkpoint published{origin_, latest->size, latest->root, {}};
  for (size_t i = 0; i < sequenced.size(); ++i) {
    const uint64_t index = sequenced[i].index;
    // make_receipt checks every receipt before handing it out.
    Result<std::string> receipt =
        tlog::make_receipt(tiles, index, leaves[i], published, latest->note);
    if (!receipt.ok()) {
      if (receipt.status().code() == Code::kVerifyFailed) {
        return internal_error("receipt for entry " + std::to_string(index) +
                              " does not verify: " + receipt.status().message());
      }
      return receipt.status();
    }
    out.entries.push_back({index, sequenced[i].duplicate, std::move(receipt).value()});
  }
  return out;
}

Reader::Reader(std::string dir, tlog::LogReader client, bool hallmark)
    : dir_(std::move(dir)), client_(std::move(client)), hallmark_(hallmark) {}

Reader::~Reader() = default;

Result<std::unique_ptr<Reader>> Reader::open(const std::string& dir,
                                             const std::optional<note::Verifier>& key) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return not_found(dir + ": no such log directory");
  }
  const bool hallmark = fs::exists(join(dir, "log.db"), ec);
  note::Verifier verifier;
  if (key) {
    verifier = *key;
  } else if (hallmark) {
    const std::string path = join(dir, "log.vkey");
    Result<std::string> text = read_file(path, kMaxKeyFileSize);
    if (!text.ok()) {
      return text.status().code() == Code::kNotFound ? not_found(path + ": missing")
                                                     : text.status();
    }
    std::string_view v = *text;
    if (!v.empty() && v.back() == '\n') {
      v.remove_suffix(1);
    }
    Result<note::Verifier> parsed = note::parse_verifier(v);
    if (!parsed.ok()) {
      return parsed.status().with_context(path);
    }
    verifier = *parsed;
  } else {
    return invalid_argument(dir + " is not a hallmark log (no log.db): give its verifier key");
  }
  HALLMARK_ASSIGN_OR_RETURN(
      tlog::LogReader client,
      tlog::LogReader::open(std::make_shared<tlog::DirectorySource>(dir), verifier));
  return std::unique_ptr<Reader>(new Reader(dir, std::move(client), hallmark));
}

Result<LogStore*> Reader::store() {
  if (!hallmark_) {
    return invalid_argument(dir_ + " is not a hallmark log (no log.db)");
  }
  if (!store_) {
    HALLMARK_ASSIGN_OR_RETURN(store_, open_sqlite_store(join(dir_, "log.db"), true));
  }
  return store_.get();
}

Result<std::string> Reader::signed_checkpoint_at(uint64_t size) {
  if (size == checkpoint().size) {
    return signed_checkpoint();
  }
  if (hallmark_ && size < checkpoint().size) {
    HALLMARK_ASSIGN_OR_RETURN(LogStore * s, store());
    HALLMARK_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> c, s->checkpoint_at(size));
    if (c) {
      return c->note;
    }
  }
  return not_found(dir_ + " has no signed checkpoint at size " + std::to_string(size));
}

Result<std::vector<LookupHit>> Reader::lookup(std::string_view key) {
  HALLMARK_ASSIGN_OR_RETURN(LogStore * s, store());
  HALLMARK_ASSIGN_OR_RETURN(std::vector<uint64_t> indexes, s->lookup(key));
  std::vector<LookupHit> out;
  for (uint64_t index : indexes) {
    if (index >= checkpoint().size) {
      continue;  // Sequenced but not yet published.
    }
    LookupHit hit;
    hit.index = index;
    HALLMARK_ASSIGN_OR_RETURN(hit.entry, tiles().entry(index));
    HALLMARK_ASSIGN_OR_RETURN(hit.receipt, receipt(index, signed_checkpoint()));
    out.push_back(std::move(hit));
  }
  return out;
}

Result<std::vector<LookupHit>> lookup(const std::string& dir, std::string_view key) {
  HALLMARK_ASSIGN_OR_RETURN(std::unique_ptr<Reader> reader, Reader::open(dir));
  return reader->lookup(key);
}

}  // namespace hallmark::log
