#include "hallmark/log.h"

#include <sys/stat.h>

#include <random>
#include <set>

#include "hallmark/merkle.h"
#include "hallmark/tlog_proof.h"
#include "test_util.h"

namespace hallmark::log {
namespace {

using test::fs::path;

constexpr uint64_t kTime = 1800000000;

Options pinned_clock() {
  return Options{[] { return kTime; }};
}

std::string entry_text(uint64_t i) {
  return "{\"entry\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i % 97, 'x') + "\"}";
}

std::vector<Entry> numbered(uint64_t from, uint64_t count) {
  std::vector<Entry> out;
  for (uint64_t i = from; i < from + count; ++i) {
    out.push_back(
        {to_bytes(entry_text(i)), {"n:" + std::to_string(i), "parity:" + std::to_string(i % 2)}});
  }
  return out;
}

// A fresh log in a temporary directory.
struct Fixture {
  test::TempDir tmp;
  std::string dir = (tmp / "log").string();
  LogKeys keys;
  std::unique_ptr<Log> log;

  Fixture() {
    Result<LogKeys> k = init(dir, "example.com/test-log", pinned_clock());
    REQUIRE_MESSAGE(k.ok(), k.status().message());
    keys = *k;
    Result<std::unique_ptr<Log>> l = Log::open(dir, pinned_clock());
    REQUIRE_MESSAGE(l.ok(), l.status().message());
    log = std::move(l).value();
  }
  tlog::Policy policy() const { return tlog::Policy::parse(keys.policy).value(); }
  AppendResult append(const std::vector<Entry>& entries) {
    Result<AppendResult> r = log->append(entries);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return std::move(r).value();
  }
};

void flip_bit(const path& file, size_t offset) {
  std::string data = test::read_text(file);
  REQUIRE(offset < data.size());
  data[offset] = static_cast<char>(data[offset] ^ 0x10);
  test::write_text(file, data);
}

TEST_CASE("log: init creates the layout, private keys 0600, and a signed empty checkpoint") {
  Fixture f;
  for (const char* name : {"checkpoint", "log.db", "log.key", "clock.key", "log.vkey", "policy"}) {
    CAPTURE(name);
    CHECK(test::fs::exists(path(f.dir) / name));
  }
  for (const char* name : {"log.key", "clock.key"}) {
    struct stat st;
    REQUIRE(::stat((path(f.dir) / name).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  CHECK(test::read_text(path(f.dir) / "log.vkey") == f.keys.log_vkey + "\n");
  CHECK(f.keys.log_vkey.starts_with("example.com/test-log+"));
  CHECK(f.keys.clock_vkey.starts_with("example.com/test-log/clock+"));
  Result<tlog::VerifiedCheckpoint> cp =
      f.policy().verify_checkpoint(test::read_text(path(f.dir) / "checkpoint"));
  REQUIRE(cp.ok());
  CHECK(cp->checkpoint.size == 0);
  CHECK(cp->checkpoint.root == merkle::empty_root());
  CHECK(cp->time == kTime);
  CHECK(f.log->log_key().to_string() == f.keys.log_vkey);
  CHECK(f.log->clock_key().to_string() == f.keys.clock_vkey);

  CHECK(init(f.dir, "example.com/other").status().code() == Code::kInvalidArgument);
  CHECK(init((f.tmp / "x").string(), "has space").status().code() == Code::kInvalidArgument);
  CHECK(init((f.tmp / "y").string(), "a+b").status().code() == Code::kInvalidArgument);
  CHECK(init((f.tmp / "z").string(), "").status().code() == Code::kInvalidArgument);
  CHECK(Log::open((f.tmp / "missing").string()).status().code() == Code::kNotFound);
}

TEST_CASE("log: appended entries get receipts that verify with index, size and clock time") {
  Fixture f;
  const AppendResult first = f.append(numbered(0, 10));
  CHECK(first.size == 10);
  REQUIRE(first.entries.size() == 10);
  const tlog::Policy policy = f.policy();
  for (uint64_t i = 0; i < 10; ++i) {
    CHECK(first.entries[i].index == i);
    CHECK(!first.entries[i].duplicate);
    Result<tlog::VerifiedReceipt> r =
        tlog::verify_receipt(to_bytes(entry_text(i)), first.entries[i].receipt, policy);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    CHECK(r->index == i);
    CHECK(r->checkpoint.checkpoint.size == 10);
    CHECK(r->time == kTime);
    // The receipt is for this entry only.
    CHECK(tlog::verify_receipt(to_bytes(entry_text(i + 1)), first.entries[i].receipt, policy)
              .status()
              .code() == Code::kVerifyFailed);
  }
  CHECK(test::read_text(path(f.dir) / "checkpoint") == first.checkpoint);
  // A second batch continues the numbering; old receipts stay valid.
  const AppendResult second = f.append(numbered(10, 5));
  CHECK(second.size == 15);
  CHECK(second.entries[0].index == 10);
  CHECK(tlog::verify_receipt(to_bytes(entry_text(3)), first.entries[3].receipt, policy).ok());
  // An empty batch changes nothing.
  const AppendResult none = f.append({});
  CHECK(none.size == 15);
  CHECK(none.entries.empty());
}

TEST_CASE("log: the same bytes appended again keep their index") {
  Fixture f;
  f.append(numbered(0, 5));
  std::vector<Entry> batch = numbered(5, 2);
  batch.push_back({to_bytes(entry_text(2)), {"again:2"}});  // Already in the log.
  batch.push_back({to_bytes(entry_text(5)), {"again:5"}});  // Earlier in this batch.
  batch.push_back({to_bytes(entry_text(7)), {}});
  const AppendResult r = f.append(batch);
  CHECK(r.size == 8);
  REQUIRE(r.entries.size() == 5);
  CHECK(r.entries[0].index == 5);
  CHECK(!r.entries[0].duplicate);
  CHECK(r.entries[2].index == 2);
  CHECK(r.entries[2].duplicate);
  CHECK(r.entries[3].index == 5);
  CHECK(r.entries[3].duplicate);
  CHECK(r.entries[4].index == 7);
  const tlog::Policy policy = f.policy();
  CHECK(tlog::verify_receipt(to_bytes(entry_text(2)), r.entries[2].receipt, policy).ok());
  // The duplicate's new lookup keys find the original entry.
  Result<std::vector<LookupHit>> hits = lookup(f.dir, "again:2");
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 1);
  CHECK((*hits)[0].index == 2);
  // All duplicates: no new checkpoint.
  const AppendResult dup = f.append(numbered(0, 3));
  CHECK(dup.size == 8);
  CHECK(dup.checkpoint == r.checkpoint);
}

TEST_CASE("log: a 70,000-entry log matches an in-memory RFC 6962 tree, tile for tile") {
  Fixture f;
  std::mt19937_64 rng(7);
  std::vector<Digest> leaves;
  std::vector<std::string> receipts;
  std::set<uint64_t> published;
  uint64_t size = 0;
  while (size < 70000) {
    const uint64_t batch = std::min<uint64_t>(70000 - size, 1 + rng() % 3000);
    const AppendResult r = f.append(numbered(size, batch));
    for (uint64_t i = size; i < size + batch; ++i) {
      leaves.push_back(merkle::hash_leaf(to_bytes(entry_text(i))));
    }
    size += batch;
    REQUIRE(r.size == size);
    published.insert(size);
    receipts.push_back(r.entries.back().receipt);
  }
  Result<std::unique_ptr<Reader>> reader = Reader::open(f.dir);
  REQUIRE(reader.ok());
  CHECK((*reader)->checkpoint().root == merkle::root(leaves));
  // Proofs from the tiles equal proofs from the leaves in memory, for a spread of indexes.
  tlog::TileReader& tiles = (*reader)->tiles();
  for (uint64_t i = 0; i < size; i += 997) {
    CAPTURE(i);
    CHECK(tiles.inclusion_proof(i, size).value() == merkle::inclusion_proof(leaves, i));
  }
  for (uint64_t old : {uint64_t{1}, uint64_t{255}, uint64_t{256}, uint64_t{257}, uint64_t{65536},
                       uint64_t{69999}}) {
    CAPTURE(old);
    CHECK(tiles.consistency_proof(old, size).value() == merkle::consistency_proof(leaves, old));
  }
  // Every published checkpoint is recorded, and each last-entry receipt still verifies.
  const tlog::Policy policy = f.policy();
  for (uint64_t s : published) {
    CHECK((*reader)->signed_checkpoint_at(s).ok());
  }
  CHECK((*reader)->signed_checkpoint_at(3).status().code() == Code::kNotFound);
  uint64_t at = 0;
  for (const std::string& receipt : receipts) {
    Result<tlog::TlogProof> p = tlog::parse_tlog_proof(receipt);
    REQUIRE(p.ok());
    at = p->index;
    CHECK(tlog::verify_receipt(to_bytes(entry_text(at)), receipt, policy).ok());
  }
  // On disk: exactly the 277 tiles and 274 bundles of size 70000, and partial tiles of older
  // sizes only where no full tile has replaced them.
  std::set<std::string> files;
  for (const auto& e : test::fs::recursive_directory_iterator(path(f.dir) / "tile")) {
    if (e.is_regular_file()) {
      files.insert(test::fs::relative(e.path(), f.dir).generic_string());
    }
  }
  size_t implied = 0;
  for (unsigned level = 0; level < 3; ++level) {
    for (uint64_t n = 0; tlog::tile_width(level, n, size) > 0; ++n) {
      CHECK(files.count(tlog::tile_path(level, n, tlog::tile_width(level, n, size))) == 1);
      ++implied;
    }
  }
  CHECK(implied == 277);
  for (const std::string& file : files) {
    const tlog::TilePath p = tlog::parse_tile_path(file).value();
    if (p.width < tlog::kTileWidth) {
      CAPTURE(file);
      CHECK(files.count(p.entries ? tlog::entries_path(p.n, 256)
                                  : tlog::tile_path(p.level, p.n, 256)) == 0);
    }
  }
  Result<FsckReport> report = fsck(f.dir);
  REQUIRE(report.ok());
  CHECK(report->clean());
  CHECK(report->entries == 70000);
  CHECK(report->checkpoints == published.size() + 1);
}

TEST_CASE("log: lookup finds entries by their keys, with receipts") {
  Fixture f;
  f.append(numbered(0, 300));
  Result<std::vector<LookupHit>> hits = lookup(f.dir, "n:257");
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 1);
  CHECK((*hits)[0].index == 257);
  CHECK(as_chars((*hits)[0].entry) == entry_text(257));
  CHECK(tlog::verify_receipt((*hits)[0].entry, (*hits)[0].receipt, f.policy()).ok());
  Result<std::vector<LookupHit>> odd = lookup(f.dir, "parity:1");
  REQUIRE(odd.ok());
  CHECK(odd->size() == 150);
  CHECK(lookup(f.dir, "n:300").value().empty());
  CHECK(lookup(f.dir, "").value().empty());
}

TEST_CASE("log: over-limit entries and keys are refused before anything is appended") {
  Fixture f;
  std::vector<Entry> batch = numbered(0, 3);
  batch.push_back({Bytes(kMaxEntrySize + 1), {}});
  CHECK(f.log->append(batch).status().code() == Code::kInvalidArgument);
  std::vector<Entry> keys = numbered(0, 1);
  keys[0].lookup_keys.push_back(std::string(kMaxLookupKeySize + 1, 'k'));
  CHECK(f.log->append(keys).status().code() == Code::kInvalidArgument);
  keys[0].lookup_keys = {""};
  CHECK(f.log->append(keys).status().code() == Code::kInvalidArgument);
  CHECK(Reader::open(f.dir).value()->checkpoint().size == 0);
  // The largest entry and the empty entry are fine.
  const AppendResult r = f.append({{Bytes(kMaxEntrySize, std::byte{7}), {}}, {Bytes(), {}}});
  CHECK(r.size == 2);
  CHECK(fsck(f.dir).value().clean());
}

TEST_CASE("log: receipts against older checkpoints come from the tiles and verify") {
  Fixture f;
  const AppendResult r1 = f.append(numbered(0, 100));
  f.append(numbered(100, 200));
  Result<std::unique_ptr<Reader>> reader = Reader::open(f.dir);
  REQUIRE(reader.ok());
  Result<std::string> old = (*reader)->signed_checkpoint_at(100);
  REQUIRE(old.ok());
  CHECK(*old == r1.checkpoint);
  Result<std::string> receipt = (*reader)->receipt(42, *old);
  REQUIRE(receipt.ok());
  CHECK(*receipt == r1.entries[42].receipt);
  CHECK((*reader)->receipt(100, *old).status().code() == Code::kInvalidArgument);
}

// Tampering: each of these must make fsck (or opening the log) fail, naming what is wrong.
TEST_CASE("log: fsck finds a flipped bit in an entry, a tile or a checkpoint signature") {
  Fixture f;
  f.append(numbered(0, 600));
  f.append(numbered(600, 100));
  REQUIRE(fsck(f.dir).value().clean());
  const path dir(f.dir);

  SUBCASE("an entry in a full bundle") {
    // Entry 300 is the 45th of bundle 1; flip a byte in its body.
    const std::string bundle = test::read_text(dir / "tile/entries/001");
    size_t pos = 0;
    for (int i = 0; i < 44; ++i) {
      pos += 2 + ((static_cast<unsigned char>(bundle[pos]) << 8) |
                  static_cast<unsigned char>(bundle[pos + 1]));
    }
    flip_bit(dir / "tile/entries/001", pos + 5);
    Result<FsckReport> r = fsck(f.dir);
    REQUIRE(r.ok());
    CHECK(!r->clean());
    CHECK(r->first_bad_index == uint64_t{300});
  }
  SUBCASE("a leaf hash in a level-0 tile") {
    flip_bit(dir / "tile/0/000", 32 * 17 + 3);
    Result<FsckReport> r = fsck(f.dir);
    REQUIRE(r.ok());
    CHECK(r->first_bad_index == uint64_t{17});
  }
  SUBCASE("a hash in the level-1 tile") {
    flip_bit(dir / "tile/1/000.p/2", 32 + 1);
    Result<FsckReport> r = fsck(f.dir);
    REQUIRE(r.ok());
    CHECK(r->first_bad_index == uint64_t{256});
  }
  SUBCASE("an entry in the partial bundle") {
    const std::string name = "tile/entries/002.p/188";
    REQUIRE(test::fs::exists(dir / name));
    flip_bit(dir / name, 10);
    Result<FsckReport> r = fsck(f.dir);
    REQUIRE(r.ok());
    CHECK(r->first_bad_index == uint64_t{512});
  }
  SUBCASE("an older partial tile left for an earlier checkpoint") {
    // Size 600 published tile/0/002.p/88; it must stay a prefix of tile/0/002.p/188.
    const std::string name = "tile/0/002.p/88";
    REQUIRE(test::fs::exists(dir / name));
    flip_bit(dir / name, 32 * 5);
    Result<FsckReport> r = fsck(f.dir);
    REQUIRE(r.ok());
    CHECK(r->first_bad_index == uint64_t{517});
  }
  SUBCASE("the checkpoint's signature") {
    std::string cp = test::read_text(dir / "checkpoint");
    const size_t at = cp.find("\n\n") + 2 + cp.substr(cp.find("\n\n") + 2).find(' ') + 1;
    const size_t sig = cp.find(' ', at) + 20;
    cp[sig] = cp[sig] == 'A' ? 'B' : 'A';
    test::write_text(dir / "checkpoint", cp);
    const Status s = fsck(f.dir).status();
    CHECK(s.code() == Code::kVerifyFailed);
    CHECK(s.message().starts_with(f.dir + "/checkpoint: "));
  }
  SUBCASE("the checkpoint's root, re-signed by another key") {
    Result<note::Signer> other =
        note::Signer::generate("example.com/test-log", note::KeyType::kEd25519);
    const tlog::Checkpoint fake{"example.com/test-log", 700, sha256(as_bytes("x")), {}};
    test::write_text(dir / "checkpoint",
                     note::format({fake.to_text(), {other->sign(fake.to_text())}}));
    CHECK(fsck(f.dir).status().code() == Code::kVerifyFailed);
  }
}

TEST_CASE("log: damaged or missing files stop fsck with a line naming the file") {
  Fixture f;
  f.append(numbered(0, 300));
  const path dir(f.dir);
  SUBCASE("truncated tile") {
    test::fs::resize_file(dir / "tile/0/000", 8000);
    const Status s = fsck(f.dir).status();
    CHECK(s.code() == Code::kCorrupt);
    CHECK(s.message() == f.dir + "/tile/0/000: truncated (8000 bytes, want 8192)");
  }
  SUBCASE("missing bundle") {
    test::fs::remove(dir / "tile/entries/001.p/44");
    const Status s = fsck(f.dir).status();
    CHECK(s.code() == Code::kNotFound);
    CHECK(s.message() == f.dir + "/tile/entries/001.p/44: missing");
  }
  SUBCASE("truncated bundle") {
    test::fs::resize_file(dir / "tile/entries/001.p/44", 50);
    const Status s = fsck(f.dir).status();
    CHECK(s.code() == Code::kCorrupt);
    CHECK(s.message().starts_with(f.dir + "/tile/entries/001.p/44: truncated"));
  }
  SUBCASE("garbage checkpoint") {
    test::write_text(dir / "checkpoint", "garbage\n");
    const Status s = fsck(f.dir).status();
    CHECK(s.code() == Code::kCorrupt);
    CHECK(s.message().starts_with(f.dir + "/checkpoint: "));
  }
  SUBCASE("missing checkpoint") {
    test::fs::remove(dir / "checkpoint");
    const Status s = fsck(f.dir).status();
    CHECK(s.code() == Code::kNotFound);
    CHECK(s.message() == f.dir + "/checkpoint: missing");
  }
  SUBCASE("garbage database") {
    test::fs::remove(dir / "log.db-wal");
    test::fs::remove(dir / "log.db-shm");
    test::write_text(dir / "log.db", std::string(4096, 'g'));
    CHECK(fsck(f.dir).status().code() == Code::kCorrupt);
    CHECK(Log::open(f.dir).status().code() == Code::kCorrupt);
  }
  SUBCASE("garbage key") {
    test::write_text(dir / "log.key", "PRIVATE+KEY+nonsense\n");
    const Status s = Log::open(f.dir).status();
    CHECK(s.code() == Code::kCorrupt);
    CHECK(s.message().starts_with(f.dir + "/log.key: "));
  }
}

TEST_CASE("log: fsck reads the Tessera POSIX log read-only with its verifier key" *
          test::needs_shared("tlog/tessera-posix-log")) {
  const std::optional<path> tessera = test::shared_path("tlog/tessera-posix-log");
  if (!tessera) {
    return;
  }
  const std::string dir = tessera->string();
  const note::Verifier key =
      note::parse_verifier(
          "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")
          .value();
  FsckOptions options;
  options.key = key;
  std::vector<uint64_t> progress;  // entries, size of each report
  options.on_progress = [&](uint64_t entries, uint64_t bytes, uint64_t size) {
    CHECK(bytes > 0);
    progress.push_back(entries);
    progress.push_back(size);
  };
  Result<FsckReport> r = fsck(dir, options);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->clean());
  CHECK(r->size == 15);
  CHECK(progress == std::vector<uint64_t>{15, 15});  // One entry bundle.
  CHECK(r->entries == 15);
  CHECK(r->tiles == 30);  // The latest tile and bundle, plus 14 older partials of each.
  CHECK(fsck(dir).status().code() == Code::kInvalidArgument);  // Foreign: needs the key.
  Result<std::unique_ptr<Reader>> reader = Reader::open(dir, key);
  REQUIRE(reader.ok());
  CHECK(!(*reader)->is_hallmark_log());
  Result<std::string> receipt = (*reader)->receipt(3, (*reader)->signed_checkpoint());
  REQUIRE(receipt.ok());
  const tlog::Policy policy = tlog::Policy::from_keys({&key, 1}).value();
  CHECK(tlog::verify_receipt(to_bytes("four"), *receipt, policy).ok());
  CHECK((*reader)->lookup("x").status().code() == Code::kInvalidArgument);
}

}  // namespace
}  // namespace hallmark::log
