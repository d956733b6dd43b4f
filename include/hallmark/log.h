// The embedded transparency log, what an operator runs: a directory holding a C2SP tlog-tiles
// log (checkpoint and tiles, public) and its private state, a LogStore (SQLite) with the
// sequencer, dedup and lookup indexes, and its signing keys. Entries are opaque bytes; the log
// never interprets them. Reading any log, this one or a foreign one, is the client's business
// (log_client.h); this side adds what needs the private state. Format and append protocol:
// hallmark-log(5).
//
//   init()          creates a log and returns its verifier keys.
//   Log             appends batches (one transaction, one integration, one checkpoint) and
//                   returns a tlog-proof@v1 receipt per entry.
//   Reader          a tlog::LogReader over a tlog-tiles directory, a hallmark log or a foreign
//                   one such as Tessera's POSIX log (given its verifier key), plus what a
//                   hallmark log's database adds: older signed checkpoints and lookup().
//   lookup()        finds entries by the lookup keys given when they were appended.
//   fsck()          recomputes every hash of a log from its entries.
//
// Thread-safety: a Log or Reader is used by one thread at a time. Several processes may
// append to one log: appends are serialised by an flock(2) on the directory. Readers take no
// lock and see the last published checkpoint.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/checkpoint.h"
#include "hallmark/log_client.h"
#include "hallmark/note.h"
#include "hallmark/status.h"
#include "hallmark/tiles.h"
#include "hallmark/tlog_policy.h"

namespace hallmark::log {

class LogStore;  // Private: src/log/store.h.

using tlog::kMaxEntrySize;                  // 65,535 bytes per entry.
constexpr size_t kMaxBatch = 100000;        // Entries per append.
constexpr size_t kMaxLookupKeys = 64;       // Lookup keys per entry.
constexpr size_t kMaxLookupKeySize = 1024;  // Bytes per lookup key.

struct Options {
  // POSIX seconds for the clock's cosignatures. Empty: the system clock. Tests pin it.
  std::function<uint64_t()> now;
};

// The keys of a new log.
struct LogKeys {
  std::string log_vkey;    // The checkpoint signer (Ed25519 note key); its name is the origin.
  std::string clock_vkey;  // The timestamping cosigner (cosignature/v1), named origin + "/clock".
  std::string policy;      // tlog-policy text trusting both, as written to DIR/policy.
};

// Creates an empty log in `dir` (created if missing; otherwise it must be empty): signing
// keys (mode 0600), log.db, log.vkey, policy and a signed size-0 checkpoint.
// kInvalidArgument for an origin that cannot be a key name (empty, spaces, '+') or a
// non-empty directory; kIoError if the directory cannot be written.
Result<LogKeys> init(const std::string& dir, std::string_view origin, const Options& options = {});

// One entry to append, and the lookup keys (opaque strings; hallmark's own are made by
// lookup_key.h) under which lookup() will find it.
struct Entry {
  Bytes data;  // At most kMaxEntrySize bytes.
  std::vector<std::string> lookup_keys;
};

struct Appended {
  uint64_t index = 0;
  bool duplicate = false;  // The same bytes were already in the log (or earlier in the batch).
  std::string receipt;     // tlog-proof@v1 against AppendResult::checkpoint.
};

struct AppendResult {
  std::vector<Appended> entries;  // In input order.
  std::string checkpoint;         // The signed checkpoint now published.
  uint64_t size = 0;              // Its tree size.
};

class Log {
 public:
  // Opens the log in `dir` for appending and publishes a checkpoint that a crash kept from
  // being published.
  // kNotFound if `dir` is not a hallmark log; kCorrupt (naming the file) for a damaged key or
  // database.
  static Result<std::unique_ptr<Log>> open(const std::string& dir, const Options& options = {});
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  const std::string& origin() const { return origin_; }
  const note::Verifier& log_key() const;
  const note::Verifier& clock_key() const;
  // A policy trusting this log and its clock (quorum none).
  Result<tlog::Policy> policy() const;

  // Appends `entries` as one batch, in one transaction: it assigns the indexes (an entry
  // already in the log keeps its index), writes the tiles and makes them durable, signs a new
  // checkpoint (cosigned by the clock) and records it; then the checkpoint is published.
  // Returns a verified receipt per entry. On any error nothing is appended: kInvalidArgument
  // for an entry or lookup key over the limits; other codes for I/O and damage. Files written
  // for a failed append are rewritten by the next one.
  Result<AppendResult> append(std::span<const Entry> entries);

  // Checkpoints the database's write-ahead log into log.db (hallmark-log(5), DATABASE), so
  // that log.db alone holds every append; the destructor does it too, but cannot report a
  // failure. Call it last: after close() the log cannot be used. An error (kIoError) leaves
  // every append durable in the write-ahead log.
  Status close();

 private:
  struct Keys;
  Log(std::string dir, Options options);
  Status lock();
  void unlock();
  Status recover();
  void remove_stale_temp_files();
  Status publish();
  std::string sign_checkpoint(const tlog::Checkpoint& c) const;

  std::string dir_;
  Options options_;
  std::string origin_;
  std::unique_ptr<Keys> keys_;
  std::unique_ptr<LogStore> store_;
  int dir_fd_ = -1;
};

// An entry found by lookup(), with a receipt against the log's latest checkpoint.
struct LookupHit {
  uint64_t index = 0;
  Bytes entry;
  std::string receipt;
};

// Reads a tlog-tiles directory at its published checkpoint.
class Reader {
 public:
  // Verifies `dir`/checkpoint with `key`, or, if `key` is empty and `dir` is a hallmark log,
  // with the key in `dir`/log.vkey. Origins need not equal the key name (Go's sumdb differs).
  // kInvalidArgument for a foreign log without a key; kNotFound for a missing checkpoint,
  // kCorrupt for a malformed one (both naming the file); kVerifyFailed for a bad signature.
  static Result<std::unique_ptr<Reader>> open(const std::string& dir,
                                              const std::optional<note::Verifier>& key = {});
  ~Reader();

  bool is_hallmark_log() const { return hallmark_; }
  const std::string& dir() const { return dir_; }
  const note::Verifier& key() const { return client_.key(); }
  const tlog::Checkpoint& checkpoint() const { return client_.checkpoint(); }
  const std::string& signed_checkpoint() const { return client_.signed_checkpoint(); }
  tlog::TileReader& tiles() { return client_.tiles(); }
  // The C2SP client reading this directory.
  tlog::LogReader& client() { return client_; }

  // The signed checkpoint of this log at `size`: the published one, or for hallmark logs any
  // recorded one. kNotFound if the log has none for that size.
  Result<std::string> signed_checkpoint_at(uint64_t size);

  // tlog::LogReader::receipt(): a tlog-proof@v1 for entry `index` against `signed_checkpoint`
  // (a checkpoint of this log, at most as large as the published one, that verifies with
  // key()), computed from the tiles and checked before it is returned: kVerifyFailed if the
  // tiles do not lead to that checkpoint's root.
  Result<std::string> receipt(uint64_t index, std::string_view signed_checkpoint) {
    return client_.receipt(index, signed_checkpoint);
  }

  // Entries appended under `key` that the published checkpoint covers, with receipts.
  // kInvalidArgument for a foreign log (it has no lookup index).
  Result<std::vector<LookupHit>> lookup(std::string_view key);

 private:
  Reader(std::string dir, tlog::LogReader client, bool hallmark);
  Result<LogStore*> store();

  std::string dir_;
  tlog::LogReader client_;
  bool hallmark_;
  std::unique_ptr<LogStore> store_;
};

// Reader::open(dir) then lookup(key): the entries (and receipts) of a hallmark log under `key`.
Result<std::vector<LookupHit>> lookup(const std::string& dir, std::string_view key);

struct FsckOptions {
  std::optional<note::Verifier> key;  // Required for foreign logs; see Reader::open.
  // Called from the calling thread after each entry bundle is rehashed, with the entries
  // and entry bytes done so far and the tree size. Rehashing is most of fsck's time.
  std::function<void(uint64_t entries, uint64_t bytes, uint64_t size)> on_progress;
};

struct FsckReport {
  uint64_t size = 0;         // Tree size of the published checkpoint.
  uint64_t entries = 0;      // Entries rehashed.
  uint64_t tiles = 0;        // Tile and bundle files compared.
  uint64_t checkpoints = 0;  // Recorded checkpoints compared with the entries.
  std::optional<uint64_t> first_bad_index;
  std::vector<std::string> problems;  // Each names the file or index. Empty when clean.
  std::vector<std::string> warnings;  // Harmless: e.g. an interrupted append not yet finished.
  bool clean() const { return problems.empty(); }
};

// Recomputes every leaf hash from the entry bundles and every tile from the level below,
// compares them with the stored tiles (including older partial tiles still present), checks
// the root against the published checkpoint (signature verified), and, for hallmark logs,
// checks every recorded checkpoint against the entries and the dedup index against the
// leaves. Mismatches are reported in the FsckReport; files that are missing, truncated or
// malformed make fsck fail (kNotFound, kCorrupt, naming the file). Reads only.
Result<FsckReport> fsck(const std::string& dir, const FsckOptions& options = {});

}  // namespace hallmark::log
