#include "hallmark/log_client.h"

#include <sys/stat.h>

#include <map>

#include "hallmark/log.h"
#include "hallmark/merkle.h"
#include "hallmark/tlog_proof.h"
#include "test_util.h"

namespace hallmark::tlog {
namespace {

using test::fs::path;

constexpr std::string_view kOrigin = "example.com/client-test";

std::vector<log::Entry> entries(std::string_view prefix, uint64_t from, uint64_t count) {
  std::vector<log::Entry> out;
  for (uint64_t i = from; i < from + count; ++i) {
    out.push_back({to_bytes(std::string(prefix) + std::to_string(i)), {}});
  }
  return out;
}

// Builds a log at `dir` with entries prefix0.. (count of them), signed with the keys in
// `keys_from` if given (so a rewritten log carries the same origin and keys).
log::AppendResult build_log(const std::string& dir, std::string_view prefix, uint64_t count,
                            const std::string& keys_from = "") {
  REQUIRE(log::init(dir, kOrigin).ok());
  if (!keys_from.empty()) {
    for (const char* name : {"log.key", "clock.key", "log.vkey", "policy"}) {
      test::fs::copy_file(path(keys_from) / name, path(dir) / name,
                          test::fs::copy_options::overwrite_existing);
    }
  }
  Result<std::unique_ptr<log::Log>> l = log::Log::open(dir);
  REQUIRE(l.ok());
  Result<log::AppendResult> r = (*l)->append(entries(prefix, 0, count));
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return *r;
}

Checkpoint checkpoint_of(const std::string& receipt, const Bytes& entry, const Policy& policy) {
  Result<VerifiedReceipt> r = verify_receipt(entry, receipt, policy);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return r->checkpoint.checkpoint;
}

TEST_CASE("log_client: a growing log is consistent and the client's state follows it") {
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  const std::string state = (tmp / "state").string();
  const log::AppendResult first = build_log(dir, "a", 10);
  const Policy policy = Policy::parse(test::read_text(path(dir) / "policy")).value();
  const Checkpoint seen = checkpoint_of(first.entries[3].receipt, to_bytes("a3"), policy);

  Result<LogConsistency> c = check_consistency_with_log(seen, dir, policy, state);
  REQUIRE_MESSAGE(c.ok(), c.status().message());
  CHECK(c->consistent);
  CHECK(!c->remembered);
  CHECK(c->state_updated);
  CHECK(c->latest.checkpoint.size == 10);
  CHECK(remembered_checkpoint(state, kOrigin).value()->size == 10);
  struct stat st;
  REQUIRE(::stat(state_file(state, kOrigin).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  // The log grows; the old receipt's checkpoint and the remembered one are both prefixes.
  Result<std::unique_ptr<log::Log>> l = log::Log::open(dir);
  REQUIRE(l.ok());
  REQUIRE((*l)->append(entries("a", 10, 300)).ok());
  c = check_consistency_with_log(seen, dir, policy, state);
  REQUIRE(c.ok());
  CHECK(c->consistent);
  CHECK(c->remembered->size == 10);
  CHECK(c->state_updated);
  CHECK(remembered_checkpoint(state, kOrigin).value()->size == 310);
  // Checking again changes nothing.
  c = check_consistency_with_log(seen, dir, policy, state);
  REQUIRE(c.ok());
  CHECK(c->consistent);
  CHECK(!c->state_updated);
}

TEST_CASE("log_client: a log rewritten after the client saw it is caught as inconsistent") {
  test::TempDir tmp;
  const std::string state = (tmp / "state").string();
  const std::string original = (tmp / "original").string();
  const log::AppendResult a = build_log(original, "a", 15);
  const Policy policy = Policy::parse(test::read_text(path(original) / "policy")).value();
  const Checkpoint seen_a = checkpoint_of(a.entries[0].receipt, to_bytes("a0"), policy);
  REQUIRE(check_consistency_with_log(seen_a, original, policy, state).value().consistent);

  SUBCASE("a different, larger tree under the same origin and keys (split view)") {
    const std::string fork = (tmp / "fork").string();
    const log::AppendResult b = build_log(fork, "b", 20, original);
    // The fork's receipts verify on their own: same log key.
    const Checkpoint seen_b = checkpoint_of(b.entries[0].receipt, to_bytes("b0"), policy);
    Result<LogConsistency> c = check_consistency_with_log(seen_b, fork, policy, state);
    REQUIRE_MESSAGE(c.ok(), c.status().message());
    CHECK(!c->consistent);
    CHECK(c->problem.find("split view or rewritten log") != std::string::npos);
    CHECK(c->problem.find("the checkpoint this client saw before") != std::string::npos);
    CHECK(!c->state_updated);
    CHECK(remembered_checkpoint(state, kOrigin).value()->root == seen_a.root);
  }
  SUBCASE("the same size with another root") {
    const std::string fork = (tmp / "fork").string();
    build_log(fork, "b", 15, original);
    Result<LogConsistency> c = check_consistency_with_log(seen_a, fork, policy, state);
    REQUIRE(c.ok());
    CHECK(!c->consistent);
    CHECK(c->problem.find("same size and different roots") != std::string::npos);
  }
  SUBCASE("rolled back to a prefix") {
    const std::string fork = (tmp / "fork").string();
    const log::AppendResult b = build_log(fork, "a", 12, original);
    const Checkpoint seen_b = checkpoint_of(b.entries[0].receipt, to_bytes("a0"), policy);
    Result<LogConsistency> c = check_consistency_with_log(seen_b, fork, policy, state);
    REQUIRE(c.ok());
    CHECK(!c->consistent);
    CHECK(c->problem.find("rolled back") != std::string::npos);
    // The receipt from the original (size 15) is also beyond the rolled-back log.
    c = check_consistency_with_log(seen_a, fork, policy, state);
    REQUIRE(c.ok());
    CHECK(!c->consistent);
  }
  SUBCASE("a receipt from a fork checked against the honest log") {
    const std::string fork = (tmp / "fork").string();
    const log::AppendResult b = build_log(fork, "b", 40, original);
    const Checkpoint seen_b = checkpoint_of(b.entries[0].receipt, to_bytes("b0"), policy);
    Result<LogConsistency> c = check_consistency_with_log(seen_b, original, policy, state);
    REQUIRE(c.ok());
    CHECK(!c->consistent);
    CHECK(c->problem.find("the receipt's checkpoint") != std::string::npos);
  }
}

TEST_CASE("log_client: a log whose files cannot be checked is an error, not a verdict") {
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  const std::string state = (tmp / "state").string();
  const log::AppendResult a = build_log(dir, "a", 300);
  const Policy policy = Policy::parse(test::read_text(path(dir) / "policy")).value();
  const Checkpoint seen = checkpoint_of(a.entries[0].receipt, to_bytes("a0"), policy);

  SUBCASE("a flipped bit in a tile the root depends on") {
    std::string tile = test::read_text(path(dir) / "tile/1/000.p/1");
    tile[10] = static_cast<char>(tile[10] ^ 1);
    test::write_text(path(dir) / "tile/1/000.p/1", tile);
    CHECK(check_consistency_with_log(seen, dir, policy, state).status().code() == Code::kCorrupt);
  }
  SUBCASE("a missing checkpoint") {
    test::fs::remove(path(dir) / "checkpoint");
    CHECK(check_consistency_with_log(seen, dir, policy, state).status().code() == Code::kNotFound);
  }
  SUBCASE("another log's origin") {
    Checkpoint other = seen;
    other.origin = "example.com/elsewhere";
    CHECK(check_consistency_with_log(other, dir, policy, state).status().code() ==
          Code::kInvalidArgument);
  }
  SUBCASE("a damaged state file") {
    test::fs::create_directories(state);
    test::write_text(state_file(state, kOrigin), "junk");
    CHECK(check_consistency_with_log(seen, dir, policy, state).status().code() == Code::kCorrupt);
  }
  // A failed check never writes the state.
  const bool untouched = !test::fs::exists(state_file(state, kOrigin)) ||
                         test::read_text(state_file(state, kOrigin)) == "junk";
  CHECK(untouched);
}

// A log served from memory: the public files of a log directory (checkpoint, tile/...),
// named like URLs, with every path asked for recorded. What the client reads through it can
// come from nowhere else.
class MemorySource : public TileSource {
 public:
  explicit MemorySource(const std::string& dir) {
    for (const auto& e : test::fs::recursive_directory_iterator(dir)) {
      const std::string rel = test::fs::relative(e.path(), dir).string();
      if (e.is_regular_file() && (rel == "checkpoint" || rel.starts_with("tile/"))) {
        files[rel] = test::read_text(e.path());
      }
    }
  }
  Result<std::string> read(std::string_view path, uint64_t max_size) override {
    asked.emplace_back(path);
    const auto it = files.find(std::string(path));
    if (it == files.end()) {
      return not_found(name(path) + ": 404");
    }
    if (it->second.size() > max_size) {
      return corrupt(name(path) + ": too large");
    }
    return it->second;
  }
  std::string name(std::string_view path) const override {
    return location_ + "/" + std::string(path);
  }
  const std::string& location() const override { return location_; }

  std::map<std::string, std::string> files;
  std::vector<std::string> asked;

 private:
  std::string location_ = "https://example.com/client-test";
};

TEST_CASE("log_client: the client reads a log only through its tile source") {
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  const log::AppendResult a = build_log(dir, "a", 300);
  const Policy policy = Policy::parse(test::read_text(path(dir) / "policy")).value();
  const note::Verifier key = policy.logs()[0].key;
  auto source = std::make_shared<MemorySource>(dir);
  test::fs::remove_all(dir);  // Nothing on disk: every byte comes through the source.

  Result<LogReader> reader = LogReader::open(source, key);
  REQUIRE_MESSAGE(reader.ok(), reader.status().message());
  CHECK(reader->checkpoint().size == 300);
  CHECK(reader->signed_checkpoint() == a.checkpoint);
  for (const uint64_t index : {uint64_t{0}, uint64_t{255}, uint64_t{256}, uint64_t{299}}) {
    CAPTURE(index);
    Result<std::string> receipt = reader->receipt(index, reader->signed_checkpoint());
    REQUIRE_MESSAGE(receipt.ok(), receipt.status().message());
    CHECK(*receipt == a.entries[index].receipt);  // What the log handed out when appending.
    CHECK(verify_receipt(to_bytes("a" + std::to_string(index)), *receipt, policy).ok());
  }
  const Checkpoint seen = checkpoint_of(a.entries[7].receipt, to_bytes("a7"), policy);
  Result<LogConsistency> c = check_consistency(seen, source, policy, (tmp / "state").string());
  REQUIRE_MESSAGE(c.ok(), c.status().message());
  CHECK(c->consistent);
  // Only the read API's paths were asked for.
  REQUIRE_FALSE(source->asked.empty());
  for (const std::string& asked : source->asked) {
    CAPTURE(asked);
    CHECK((asked == "checkpoint" || parse_tile_path(asked).ok()));
  }

  SUBCASE("a flipped bit in a tile on the proof's path: no receipt, and the log is corrupt") {
    std::string& tile = source->files.at("tile/1/000.p/1");
    tile[10] = static_cast<char>(tile[10] ^ 1);
    Result<LogReader> fresh = LogReader::open(source, key);
    REQUIRE(fresh.ok());
    const Result<std::string> receipt = fresh->receipt(299, fresh->signed_checkpoint());
    CHECK(receipt.status().code() == Code::kVerifyFailed);
    CHECK(receipt.status().message().starts_with("https://example.com/client-test: the tiles"));
    CHECK(check_consistency(seen, source, policy, (tmp / "state2").string()).status().code() ==
          Code::kCorrupt);
  }
  SUBCASE("missing files are named as the source names them") {
    source->files.erase("tile/entries/001.p/44");
    Result<LogReader> fresh = LogReader::open(source, key);
    REQUIRE(fresh.ok());
    const Result<std::string> receipt = fresh->receipt(299, fresh->signed_checkpoint());
    CHECK(receipt.status().code() == Code::kNotFound);
    CHECK(receipt.status().message() ==
          "https://example.com/client-test/tile/entries/001.p/44: missing");
    source->files.erase("checkpoint");
    const Result<LogReader> none = LogReader::open(source, key);
    CHECK(none.status().code() == Code::kNotFound);
    CHECK(none.status().message() == "https://example.com/client-test/checkpoint: missing");
  }
  SUBCASE("a checkpoint another key signed is refused") {
    const note::Verifier other =
        note::Signer::generate(kOrigin, note::KeyType::kEd25519).value().verifier();
    CHECK(LogReader::open(source, other).status().code() == Code::kVerifyFailed);
  }
}

TEST_CASE("log_client: make_receipt hands out only receipts the tiles prove") {
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  const log::AppendResult a = build_log(dir, "a", 40);
  const Policy policy = Policy::parse(test::read_text(path(dir) / "policy")).value();
  const Checkpoint c = checkpoint_of(a.entries[0].receipt, to_bytes("a0"), policy);
  TileReader tiles(dir, c.size);
  const Digest leaf = merkle::hash_leaf(to_bytes("a17"));

  Result<std::string> receipt = make_receipt(tiles, 17, leaf, c, a.checkpoint);
  REQUIRE_MESSAGE(receipt.ok(), receipt.status().message());
  CHECK(*receipt == a.entries[17].receipt);
  Result<TlogProof> parsed = parse_tlog_proof(*receipt);
  REQUIRE(parsed.ok());
  CHECK(parsed->index == 17);
  CHECK(parsed->checkpoint == a.checkpoint);
  CHECK_FALSE(parsed->extra);

  // Another entry's leaf, another root, an index or a size beyond the tree: no receipt.
  CHECK(make_receipt(tiles, 17, merkle::hash_leaf(to_bytes("a18")), c, a.checkpoint)
            .status()
            .code() == Code::kVerifyFailed);
  CHECK(make_receipt(tiles, 18, leaf, c, a.checkpoint).status().code() == Code::kVerifyFailed);
  Checkpoint wrong_root = c;
  wrong_root.root[0] ^= std::byte{1};
  CHECK(make_receipt(tiles, 17, leaf, wrong_root, a.checkpoint).status().code() ==
        Code::kVerifyFailed);
  CHECK(make_receipt(tiles, 40, leaf, c, a.checkpoint).status().code() == Code::kInvalidArgument);
  Checkpoint larger = c;
  larger.size = 41;
  CHECK(make_receipt(tiles, 17, leaf, larger, a.checkpoint).status().code() ==
        Code::kInvalidArgument);
}

}  // namespace
}  // namespace hallmark::tlog
