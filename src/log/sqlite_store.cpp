// The only user of SQLite. Schema: hallmark-log(5), DATABASE.
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstring>
#include <unordered_map>

#include "library_versions.h"
#include "log/store.h"

namespace hallmark::log {
namespace {

constexpr int kSchemaVersion = 1;
constexpr const char* kFormat = "hallmark-log/1";

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tree(id INTEGER PRIMARY KEY CHECK (id = 0), size INTEGER NOT NULL,
                  root BLOB NOT NULL, compact BLOB NOT NULL);
CREATE TABLE dedup(hash BLOB PRIMARY KEY, idx INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE lookup(key TEXT NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (key, idx))
  WITHOUT ROWID;
CREATE TABLE checkpoints(size INTEGER PRIMARY KEY, root BLOB NOT NULL, note TEXT NOT NULL);
)sql";

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }
  sqlite3_stmt** out() { return &stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement when it goes out of scope, so it can be reused.
class Reset {
 public:
  explicit Reset(sqlite3_stmt* s) : s_(s) {}
  ~Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3_stmt* s_;
};

Digest column_digest(sqlite3_stmt* s, int col) {
  Digest d{};
  if (sqlite3_column_bytes(s, col) == 32) {
    std::memcpy(d.data(), sqlite3_column_blob(s, col), 32);
  }
  return d;
}

class SqliteStore final : public LogStore {
 public:
  SqliteStore(sqlite3* db, std::string path, bool writable)
      : db_(db), path_(std::move(path)), writable_(writable) {}
  ~SqliteStore() override { close().ok(); }

  Status close() override {
    if (db_ == nullptr) {
      return {};
    }
    Status s;
    if (writable_) {
      // Every commit into log.db itself (and the write-ahead log emptied), so that a copy of
      // log.db alone is the whole database. SQLite would checkpoint at close only as the last
      // connection, and say nothing if it failed. A reader still using the WAL (BUSY) only
      // keeps it from being truncated; what counts is that every frame was copied.
      int frames = -1;
      int copied = -1;
      const int rc =
          sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied);
      if (!(rc == SQLITE_OK || (rc == SQLITE_BUSY && frames >= 0 && frames == copied))) {
        s = error("checkpoint");
      }
    }
    cache_.clear();
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return s;
  }

  Status exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      sqlite3_free(err);
      return error("exec");
    }
    return {};
  }

  // kCorrupt when the file is not (or no longer) a database, kIoError otherwise.
  Status error(const char* what) {
    const int code = sqlite3_errcode(db_) & 0xff;
    const std::string msg = path_ + ": " + what + ": " + sqlite3_errmsg(db_);
    return code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? corrupt(msg) : io_error(msg);
  }

  // A prepared statement, kept for the store's lifetime.
  Result<sqlite3_stmt*> prepare(const char* sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      return it->second->get();
    }
    auto stmt = std::make_unique<Stmt>();
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt->out(), nullptr) !=
        SQLITE_OK) {
      return error("prepare");
    }
    sqlite3_stmt* s = stmt->get();
    cache_.emplace(sql, std::move(stmt));
    return s;
  }

  Status step_done(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) {
      return error("write");
    }
    return {};
  }

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back on failure.
  Status transaction(const std::function<Status()>& body) {
    HALLMARK_TRY(exec("BEGIN IMMEDIATE"));
    Status s = body();
    if (!s.ok()) {
      exec("ROLLBACK").ok();
      return s;
    }
    Status c = exec("COMMIT");
    if (!c.ok()) {
      exec("ROLLBACK").ok();
    }
    return c;
  }

  Result<std::string> origin() override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s,
                              prepare("SELECT value FROM meta WHERE name = 'origin'"));
    Reset r(s);
    if (sqlite3_step(s) != SQLITE_ROW) {
      return corrupt(path_ + ": no origin recorded");
    }
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                       static_cast<size_t>(sqlite3_column_bytes(s, 0)));
  }

  Result<TreeState> tree() override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s,
                              prepare("SELECT size, root, compact FROM tree WHERE id = 0"));
    Reset r(s);
    if (sqlite3_step(s) != SQLITE_ROW) {
      return corrupt(path_ + ": no tree state");
    }
    TreeState t;
    t.size = static_cast<uint64_t>(sqlite3_column_int64(s, 0));
    if (sqlite3_column_bytes(s, 1) != 32 || sqlite3_column_bytes(s, 2) % 32 != 0) {
      return corrupt(path_ + ": malformed tree state");
    }
    t.root = column_digest(s, 1);
    const auto* compact = static_cast<const std::byte*>(sqlite3_column_blob(s, 2));
    const size_t n = static_cast<size_t>(sqlite3_column_bytes(s, 2)) / 32;
    t.compact.resize(n);
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(t.compact[i].data(), compact + i * 32, 32);
    }
    return t;
  }

  Result<std::vector<Sequenced>> append(std::span<const SequenceItem> items,
                                        const Integrate& integrate) override {
    std::vector<Sequenced> out;
    Status s = transaction([&]() -> Status {
      out.clear();
      HALLMARK_ASSIGN_OR_RETURN(TreeState tree, this->tree());
      uint64_t next = tree.size;
      HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * find,
                                prepare("SELECT idx FROM dedup WHERE hash = ?"));
      HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * add_dedup,
                                prepare("INSERT INTO dedup(hash, idx) VALUES (?, ?)"));
      HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * add_key,
                                prepare("INSERT OR IGNORE INTO lookup(key, idx) VALUES (?, ?)"));
      std::unordered_map<std::string, uint64_t> batch;  // Leaf hash -> index, this batch.
      std::vector<const SequenceItem*> fresh;
      for (const SequenceItem& item : items) {
        Sequenced seq;
        const std::string key(reinterpret_cast<const char*>(item.leaf_hash.data()), 32);
        if (auto it = batch.find(key); it != batch.end()) {
          seq = {it->second, true};
        } else {
          Reset r(find);
          sqlite3_bind_blob(find, 1, item.leaf_hash.data(), 32, SQLITE_STATIC);
          const int rc = sqlite3_step(find);
          if (rc == SQLITE_ROW) {
            seq = {static_cast<uint64_t>(sqlite3_column_int64(find, 0)), true};
          } else if (rc != SQLITE_DONE) {
            return error("dedup lookup");
          } else {
            seq = {next++, false};
            fresh.push_back(&item);
            Reset r2(add_dedup);
            sqlite3_bind_blob(add_dedup, 1, item.leaf_hash.data(), 32, SQLITE_STATIC);
            sqlite3_bind_int64(add_dedup, 2, static_cast<int64_t>(seq.index));
            HALLMARK_TRY(step_done(add_dedup));
          }
          batch.emplace(key, seq.index);
        }
        for (const std::string& k : item.lookup_keys) {
          Reset r(add_key);
          sqlite3_bind_text(add_key, 1, k.data(), static_cast<int>(k.size()), SQLITE_STATIC);
          sqlite3_bind_int64(add_key, 2, static_cast<int64_t>(seq.index));
          HALLMARK_TRY(step_done(add_key));
        }
        out.push_back(seq);
      }
      if (fresh.empty()) {
        return {};
      }
      HALLMARK_ASSIGN_OR_RETURN(Integration done, integrate(tree, fresh));
      if (done.state.size != next || done.checkpoint.size != next) {
        return internal_error("integration did not reach tree size " + std::to_string(next));
      }
      HALLMARK_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> existing,
                                checkpoint_at(done.checkpoint.size));
      if (existing && existing->root != done.checkpoint.root) {
        return internal_error(path_ + ": refusing to sign a second root for size " +
                              std::to_string(done.checkpoint.size));
      }
      Bytes compact;
      for (const Digest& d : done.state.compact) {
        compact.insert(compact.end(), d.begin(), d.end());
      }
      HALLMARK_ASSIGN_OR_RETURN(
          sqlite3_stmt * up,
          prepare("UPDATE tree SET size = ?, root = ?, compact = ? WHERE id = 0"));
      {
        Reset r(up);
        sqlite3_bind_int64(up, 1, static_cast<int64_t>(done.state.size));
        sqlite3_bind_blob(up, 2, done.state.root.data(), 32, SQLITE_STATIC);
        sqlite3_bind_blob(up, 3, compact.data(), static_cast<int>(compact.size()), SQLITE_STATIC);
        HALLMARK_TRY(step_done(up));
      }
      if (!existing) {
        HALLMARK_ASSIGN_OR_RETURN(
            sqlite3_stmt * add,
            prepare("INSERT INTO checkpoints(size, root, note) VALUES (?, ?, ?)"));
        Reset r(add);
        sqlite3_bind_int64(add, 1, static_cast<int64_t>(done.checkpoint.size));
        sqlite3_bind_blob(add, 2, done.checkpoint.root.data(), 32, SQLITE_STATIC);
        sqlite3_bind_text(add, 3, done.checkpoint.note.data(),
                          static_cast<int>(done.checkpoint.note.size()), SQLITE_STATIC);
        HALLMARK_TRY(step_done(add));
      }
      return {};
    });
    if (!s.ok()) {
      return s;
    }
    // Keep the WAL short: every process that opens the database reads all of it first (the
    // shared index does not survive the last close), so lookups would pay for a big batch's
    // WAL. A large WAL is checkpointed into the database and truncated now.
    if (wal_frames_ > kMaxWalFrames) {
      int frames = 0;
      int done = 0;
      if (sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &done) ==
          SQLITE_OK) {
        wal_frames_ = 0;
      }
    }
    return out;
  }

  // Called by SQLite after each commit with the WAL's length in frames.
  static int on_wal_commit(void* self, sqlite3*, const char*, int frames) {
    static_cast<SqliteStore*>(self)->wal_frames_ = frames;
    return SQLITE_OK;
  }

  Result<std::optional<StoredCheckpoint>> read_checkpoint(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
      return std::optional<StoredCheckpoint>();
    }
    if (rc != SQLITE_ROW) {
      return error("read checkpoint");
    }
    if (sqlite3_column_bytes(s, 1) != 32) {
      return corrupt(path_ + ": malformed checkpoint row");
    }
    StoredCheckpoint c;
    c.size = static_cast<uint64_t>(sqlite3_column_int64(s, 0));
    c.root = column_digest(s, 1);
    c.note.assign(reinterpret_cast<const char*>(sqlite3_column_text(s, 2)),
                  static_cast<size_t>(sqlite3_column_bytes(s, 2)));
    return std::optional<StoredCheckpoint>(std::move(c));
  }

  Result<std::optional<StoredCheckpoint>> checkpoint_at(uint64_t size) override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s,
                              prepare("SELECT size, root, note FROM checkpoints WHERE size = ?"));
    Reset r(s);
    sqlite3_bind_int64(s, 1, static_cast<int64_t>(size));
    return read_checkpoint(s);
  }

  Result<std::optional<StoredCheckpoint>> latest_checkpoint() override {
    HALLMARK_ASSIGN_OR_RETURN(
        sqlite3_stmt * s,
        prepare("SELECT size, root, note FROM checkpoints ORDER BY size DESC LIMIT 1"));
    Reset r(s);
    return read_checkpoint(s);
  }

  Status for_each_checkpoint(const std::function<Status(const StoredCheckpoint&)>& visit) override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s,
                              prepare("SELECT size, root, note FROM checkpoints ORDER BY size"));
    Reset r(s);
    while (true) {
      HALLMARK_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> c, read_checkpoint(s));
      if (!c) {
        return {};
      }
      HALLMARK_TRY(visit(*c));
    }
  }

  Result<std::vector<uint64_t>> lookup(std::string_view key) override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s,
                              prepare("SELECT idx FROM lookup WHERE key = ? ORDER BY idx"));
    Reset r(s);
    sqlite3_bind_text(s, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    std::vector<uint64_t> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      out.push_back(static_cast<uint64_t>(sqlite3_column_int64(s, 0)));
    }
    if (rc != SQLITE_DONE) {
      return error("lookup");
    }
    return out;
  }

  Status for_each_dedup(const std::function<Status(const Digest&, uint64_t)>& visit) override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s, prepare("SELECT hash, idx FROM dedup"));
    Reset r(s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      if (sqlite3_column_bytes(s, 0) != 32) {
        return corrupt(path_ + ": malformed dedup row");
      }
      HALLMARK_TRY(visit(column_digest(s, 0), static_cast<uint64_t>(sqlite3_column_int64(s, 1))));
    }
    if (rc != SQLITE_DONE) {
      return error("read dedup index");
    }
    return {};
  }

  Result<std::optional<uint64_t>> max_lookup_index() override {
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * s, prepare("SELECT max(idx) FROM lookup"));
    Reset r(s);
    if (sqlite3_step(s) != SQLITE_ROW) {
      return error("read lookup index");
    }
    if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
      return std::optional<uint64_t>();
    }
    return std::optional<uint64_t>(static_cast<uint64_t>(sqlite3_column_int64(s, 0)));
  }

 private:
  static constexpr int kMaxWalFrames = 2048;  // 8 MiB of 4 KiB pages.

  sqlite3* db_;
  std::string path_;
  bool writable_;
  int wal_frames_ = 0;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache_;
};

Result<std::unique_ptr<SqliteStore>> open_db(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return io_error("cannot open " + path + ": " + msg);
  }
  auto store = std::make_unique<SqliteStore>(db, path, (flags & SQLITE_OPEN_READWRITE) != 0);
  sqlite3_busy_timeout(db, 30000);
  sqlite3_extended_result_codes(db, 1);
  if ((flags & SQLITE_OPEN_READWRITE) != 0) {
    // close() checkpoints the WAL itself (and reports failures); SQLite's own checkpoint at
    // close would only add a second one. The WAL file is kept, empty, between processes:
    // no unlink and re-create (with their syncs) at every command.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    int persist = 1;
    sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    // Replaces SQLite's own auto-checkpoint hook (1000 pages) with ours (see append()).
    sqlite3_wal_hook(db, &SqliteStore::on_wal_commit, store.get());
    // The dedup and lookup indexes take random inserts: cache more of them.
    store->exec("PRAGMA cache_size = -65536").ok();
  }
  return store;
}

}  // namespace

Result<std::unique_ptr<LogStore>> create_sqlite_store(const std::string& path,
                                                      std::string_view origin,
                                                      const TreeState& empty,
                                                      const StoredCheckpoint& first) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    return io_error(path + " already exists");
  }
  HALLMARK_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store,
                            open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  HALLMARK_TRY(store->exec("PRAGMA journal_mode = WAL"));
  HALLMARK_TRY(store->exec("PRAGMA synchronous = FULL"));
  Status s = store->transaction([&]() -> Status {
    HALLMARK_TRY(store->exec(kSchema));
    HALLMARK_TRY(store->exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str()));
    HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * meta,
                              store->prepare("INSERT INTO meta(name, value) VALUES (?, ?)"));
    for (const auto& [name, value] :
         {std::pair<std::string, std::string>{"origin", std::string(origin)},
          std::pair<std::string, std::string>{"format", kFormat}}) {
      Reset r(meta);
      sqlite3_bind_text(meta, 1, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(meta, 2, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
      HALLMARK_TRY(store->step_done(meta));
    }
    HALLMARK_ASSIGN_OR_RETURN(
        sqlite3_stmt * tree,
        store->prepare("INSERT INTO tree(id, size, root, compact) VALUES (0, ?, ?, x'')"));
    {
      Reset r(tree);
      sqlite3_bind_int64(tree, 1, static_cast<int64_t>(empty.size));
      sqlite3_bind_blob(tree, 2, empty.root.data(), 32, SQLITE_STATIC);
      HALLMARK_TRY(store->step_done(tree));
    }
    HALLMARK_ASSIGN_OR_RETURN(
        sqlite3_stmt * add,
        store->prepare("INSERT INTO checkpoints(size, root, note) VALUES (?, ?, ?)"));
    Reset r(add);
    sqlite3_bind_int64(add, 1, static_cast<int64_t>(first.size));
    sqlite3_bind_blob(add, 2, first.root.data(), 32, SQLITE_STATIC);
    sqlite3_bind_text(add, 3, first.note.data(), static_cast<int>(first.note.size()),
                      SQLITE_STATIC);
    return store->step_done(add);
  });
  if (!s.ok()) {
    return s;
  }
  return std::unique_ptr<LogStore>(std::move(store));
}

Result<std::unique_ptr<LogStore>> open_sqlite_store(const std::string& path, bool read_only) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return not_found(path + ": missing");
  }
  HALLMARK_ASSIGN_OR_RETURN(
      std::unique_ptr<SqliteStore> store,
      open_db(path, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE));
  if (!read_only) {
    HALLMARK_TRY(store->exec("PRAGMA synchronous = FULL"));
  }
  // Check that this is our database, of a version we understand.
  HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * v, store->prepare("PRAGMA user_version"));
  {
    Reset r(v);
    if (sqlite3_step(v) != SQLITE_ROW) {
      return corrupt(path + ": not a hallmark log database");
    }
    const int64_t version = sqlite3_column_int64(v, 0);
    if (version != kSchemaVersion) {
      return version == 0 ? corrupt(path + ": not a hallmark log database")
                          : unsupported(path + ": log database version " + std::to_string(version) +
                                        " is not supported");
    }
  }
  HALLMARK_ASSIGN_OR_RETURN(sqlite3_stmt * f,
                            store->prepare("SELECT value FROM meta WHERE name = 'format'"));
  {
    Reset r(f);
    if (sqlite3_step(f) != SQLITE_ROW ||
        std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(f, 0))) != kFormat) {
      return corrupt(path + ": not a hallmark log database");
    }
  }
  return std::unique_ptr<LogStore>(std::move(store));
}

std::string sqlite_version() {
  return sqlite3_libversion();
}

}  // namespace hallmark::log
