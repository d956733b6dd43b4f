#include "hallmark/tiles.h"

#include <set>

#include "hallmark/checkpoint.h"
#include "hallmark/log.h"
#include "hallmark/note.h"
#include "hallmark/tlog_proof.h"
#include "test_util.h"

namespace hallmark::tlog {
namespace {

using nlohmann::json;
using test::fs::path;

constexpr std::string_view kTesseraKey =
    "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
// From the Tessera log's SOURCE file: the 15 leaves, in order.
const std::vector<std::string> kTesseraLeaves = {
    "one",  "two", "three",  "four",  "five",     "six",     "seven", "eit",
    "nain", "ten", "ileven", "twelf", "threeten", "fourten", "fivten"};

json vectors() {
  return test::load_json(test::data_dir() / "tlog-vectors.json");
}

// The inclusion proof hashes of a tlog-proof receipt.
std::vector<Digest> parse_tlog_proof_hashes(const std::string& receipt) {
  Result<TlogProof> p = parse_tlog_proof(receipt);
  REQUIRE(p.ok());
  return p->inclusion;
}

// Tessera's POSIX log in the shared data: a case that reads it has test::needs_shared(kTessera).
constexpr const char* kTessera = "tlog/tessera-posix-log";
std::optional<path> tessera_dir() {
  return test::shared_path(kTessera);
}

// The tiles a tree of `size` entries implies, per tlog-tiles, from partial_width/tile_width.
std::vector<std::string> implied_tiles(uint64_t size) {
  std::vector<std::string> out;
  for (unsigned level = 0; level <= kMaxTileLevel && (size >> (8 * level)) > 0; ++level) {
    for (uint64_t n = 0;; ++n) {
      const unsigned w = tile_width(level, n, size);
      if (w == 0) {
        break;
      }
      out.push_back(tile_path(level, n, w));
    }
  }
  return out;
}

// Every file under dir/tile, relative to dir.
std::set<std::string> tile_files(const path& dir) {
  std::set<std::string> out;
  for (const auto& e : test::fs::recursive_directory_iterator(dir / "tile")) {
    if (e.is_regular_file()) {
      out.insert(test::fs::relative(e.path(), dir).generic_string());
    }
  }
  return out;
}

TEST_CASE("tiles: paths match the tlog-tiles vectors and parse back") {
  const json all = vectors();
  for (const json& v : all["tile_paths"]) {
    const std::string want = v["path"];
    CAPTURE(want);
    const int level = v["level"];
    const uint64_t n = v["n"];
    const unsigned w = v["w"];
    const std::string got = level < 0 ? entries_path(n, w) : tile_path(level, n, w);
    CHECK(got == want);
    Result<TilePath> parsed = parse_tile_path(want);
    REQUIRE(parsed.ok());
    CHECK(parsed->entries == (level < 0));
    CHECK(parsed->n == n);
    CHECK(parsed->width == w);
  }
  CHECK(tile_path(0, 1000, 256) == "tile/0/x001/000");
  CHECK(tile_path(63, 999999999999999999ull, 1) == "tile/63/x999/x999/x999/x999/x999/999.p/1");
}

TEST_CASE("tiles: non-canonical or hostile tile paths are rejected") {
  for (const char* bad :
       {"tile/0/0", "tile/0/0000", "tile/0/x000/001", "tile/0/001.p/0", "tile/0/001.p/256",
        "tile/0/001.p/01", "tile/64/000", "tile/00/000", "tile/0/x1/000", "tile/0/001/", "tile/0/",
        "tile/data/000", "tile/0/00a", "tile/0/x001/x002/x003/x004/x005/x006/007", "tiles/0/000",
        "tile/entries/000.p/", "tile/0/000.p/1/2", "tile/-1/000"}) {
    CAPTURE(bad);
    CHECK(parse_tile_path(bad).status().code() == Code::kCorrupt);
  }
}

TEST_CASE("tiles: the tiles implied by a tree size match the tlog-tiles vectors") {
  const json all = vectors();
  for (const json& set : all["tile_sets"]) {
    const uint64_t size = set["tree_size"];
    CAPTURE(size);
    const std::vector<std::string> got = implied_tiles(size);
    const std::set<std::string> have(got.begin(), got.end());
    for (const std::string want : set["tiles"]) {
      if (want.starts_with("(")) {
        CHECK(want.find(std::to_string(got.size()) + " tiles in total") != std::string::npos);
        continue;
      }
      CHECK(have.count(want) == 1);
    }
  }
  CHECK(partial_width(0, 70000) == 112);
  CHECK(partial_width(1, 70000) == 17);
  CHECK(partial_width(2, 70000) == 1);
  CHECK(partial_width(3, 70000) == 0);
  CHECK(tile_width(0, 273, 70000) == 112);
  CHECK(tile_width(0, 272, 70000) == 256);
  CHECK(tile_width(0, 274, 70000) == 0);
  CHECK(tile_width(1, 0, 256) == 1);
  CHECK(tile_width(0, 1, 256) == 0);
}

TEST_CASE("tiles: the entry bundle and leaf tile of the 8 reference leaves match the vectors") {
  const json v = vectors();
  Bytes bundle;
  std::vector<Digest> leaves;
  for (const json& hex : v["leaves_hex"]) {
    Result<Bytes> leaf = from_hex(hex.get<std::string>());
    REQUIRE(leaf.ok());
    append_bundle_entry(bundle, *leaf);
    leaves.push_back(merkle::hash_leaf(*leaf));
  }
  CHECK(to_hex(bundle) == v["entry_bundle_example"]["bundle_hex"].get<std::string>());
  CHECK(to_hex(encode_tile(leaves)) ==
        v["entry_bundle_example"]["level0_tile_hex"].get<std::string>());
  Result<std::vector<Bytes>> parsed = parse_bundle(bundle, 8);
  REQUIRE(parsed.ok());
  CHECK(parsed->size() == 8);
  CHECK(to_hex((*parsed)[7]) == v["leaves_hex"][7].get<std::string>());
  // Exactly 8 entries: fewer or more is corrupt.
  CHECK(parse_bundle(bundle, 9).status().code() == Code::kCorrupt);
  CHECK(parse_bundle(bundle, 7).status().code() == Code::kCorrupt);
  Bytes truncated(bundle.begin(), bundle.end() - 1);
  CHECK(parse_bundle(truncated, 8).status().code() == Code::kCorrupt);
  CHECK(parse_tile(encode_tile(leaves), 8).value() == leaves);
  CHECK(parse_tile(encode_tile(leaves), 7).status().code() == Code::kCorrupt);
  const Bytes short_tile(8 * 32 - 1);
  CHECK(parse_tile(short_tile, 8).status().message().starts_with("truncated"));
}

TEST_CASE("tiles: a log of the Tessera leaves writes Tessera's tiles and bundles byte for byte" *
          test::needs_shared(kTessera)) {
  const std::optional<path> tessera = tessera_dir();
  if (!tessera) {
    return;
  }
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  REQUIRE(log::init(dir, "example.com/log/testdata").ok());
  Result<std::unique_ptr<log::Log>> log = log::Log::open(dir);
  REQUIRE(log.ok());
  // One append per leaf, as Tessera's testdata was built: every size 1..15 is published.
  for (const std::string& leaf : kTesseraLeaves) {
    const log::Entry e{to_bytes(leaf), {}};
    REQUIRE((*log)->append({&e, 1}).ok());
  }
  const std::set<std::string> theirs = tile_files(*tessera);
  const std::set<std::string> ours = tile_files(dir);
  CHECK(theirs.size() == 30);
  CHECK(ours == theirs);
  for (const std::string& rel : theirs) {
    CAPTURE(rel);
    CHECK(test::read_text(path(dir) / rel) == test::read_text(*tessera / rel));
  }
  // Same root as Tessera's signed checkpoint.
  const note::Verifier key = note::parse_verifier(kTesseraKey).value();
  Result<note::Opened> theirs_cp = note::open(test::read_text(*tessera / "checkpoint"), {&key, 1});
  REQUIRE(theirs_cp.ok());
  Result<std::unique_ptr<log::Reader>> reader = log::Reader::open(dir);
  REQUIRE(reader.ok());
  CHECK((*reader)->checkpoint().root == parse_checkpoint(theirs_cp->text).value().root);
}

TEST_CASE("tiles: every pair of the Tessera log's historical checkpoints is consistent" *
          test::needs_shared(kTessera)) {
  const std::optional<path> tessera = tessera_dir();
  if (!tessera) {
    return;
  }
  const note::Verifier key = note::parse_verifier(kTesseraKey).value();
  std::vector<Checkpoint> history;
  for (int i = 0; i <= 15; ++i) {
    const std::string note = test::read_text(*tessera / ("checkpoint." + std::to_string(i)));
    Result<note::Opened> opened = note::open(note, {&key, 1});
    REQUIRE_MESSAGE(opened.ok(), opened.status().message());
    history.push_back(parse_checkpoint(opened->text).value());
    CHECK(history.back().size == static_cast<uint64_t>(i));
  }
  CHECK(history[0].root == merkle::empty_root());
  TileReader latest(tessera->string(), 15);
  size_t pairs = 0;
  for (uint64_t a = 1; a <= 15; ++a) {
    // Each historical size's own partial tiles give its root.
    TileReader then(tessera->string(), a);
    CHECK(then.root(a).value() == history[a].root);
    CHECK(latest.root(a).value() == history[a].root);
    for (uint64_t b = a; b <= 15; ++b) {
      CAPTURE(a);
      CAPTURE(b);
      Result<std::vector<Digest>> proof = latest.consistency_proof(a, b);
      REQUIRE(proof.ok());
      CHECK(merkle::verify_consistency(a, b, history[a].root, history[b].root, *proof).ok());
      // And from the smaller tree's reader (its own partial tiles).
      TileReader at_b(tessera->string(), b);
      CHECK(at_b.consistency_proof(a, b).value() == *proof);
      ++pairs;
    }
  }
  CHECK(pairs == 120);
  // Every entry's inclusion proof against the latest checkpoint verifies.
  for (uint64_t i = 0; i < 15; ++i) {
    const Bytes entry = latest.entry(i).value();
    CHECK(as_chars(entry) == kTesseraLeaves[i]);
    CHECK(merkle::verify_inclusion(merkle::hash_leaf(entry), i, 15,
                                   latest.inclusion_proof(i, 15).value(), history[15].root)
              .ok());
  }
}

TEST_CASE("tiles: proofs read from a log's tiles equal all 72 proofs in the vectors") {
  const json v = vectors();
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  REQUIRE(log::init(dir, "example.com/vectors").ok());
  Result<std::unique_ptr<log::Log>> log = log::Log::open(dir);
  REQUIRE(log.ok());
  // One append per leaf, so the log signs a checkpoint at every size 1..8.
  for (const json& hex : v["leaves_hex"]) {
    const log::Entry e{from_hex(hex.get<std::string>()).value(), {}};
    REQUIRE((*log)->append({&e, 1}).ok());
  }
  Result<std::unique_ptr<log::Reader>> reader = log::Reader::open(dir);
  REQUIRE(reader.ok());
  TileReader& tiles = (*reader)->tiles();
  const auto hexes = [](const std::vector<Digest>& proof) {
    std::vector<std::string> out;
    for (const Digest& d : proof) {
      out.push_back(to_hex(d));
    }
    return out;
  };
  for (uint64_t size = 0; size <= 8; ++size) {
    CHECK(to_hex(tiles.root(size).value()) == v["roots_hex_by_size"][size].get<std::string>());
  }
  for (const json& c : v["inclusion"]) {
    const uint64_t index = c["index"];
    const uint64_t size = c["size"];
    CAPTURE(index);
    CAPTURE(size);
    CHECK(hexes(tiles.inclusion_proof(index, size).value()) ==
          c["proof_hex"].get<std::vector<std::string>>());
    // And as a receipt against the checkpoint the log signed at that size.
    Result<std::string> receipt =
        (*reader)->receipt(index, (*reader)->signed_checkpoint_at(size).value());
    REQUIRE(receipt.ok());
    CHECK(hexes(parse_tlog_proof_hashes(*receipt)) ==
          c["proof_hex"].get<std::vector<std::string>>());
  }
  for (const json& c : v["consistency"]) {
    const uint64_t size1 = c["size1"];
    const uint64_t size2 = c["size2"];
    CAPTURE(size1);
    CAPTURE(size2);
    CHECK(hexes(tiles.consistency_proof(size1, size2).value()) ==
          c["proof_hex"].get<std::vector<std::string>>());
  }
}

TEST_CASE("tiles: a reader names the missing or truncated file") {
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  REQUIRE(log::init(dir, "example.com/t").ok());
  Result<std::unique_ptr<log::Log>> log = log::Log::open(dir);
  REQUIRE(log.ok());
  std::vector<log::Entry> entries;
  for (int i = 0; i < 300; ++i) {
    entries.push_back({to_bytes("entry " + std::to_string(i)), {}});
  }
  REQUIRE((*log)->append(entries).ok());
  {
    TileReader reader(dir, 300);
    CHECK(reader.node(8, 0).ok());
    CHECK(reader.node(8, 1).status().code() == Code::kInvalidArgument);
    CHECK(reader.entry(299).ok());
    CHECK(reader.entry(300).status().code() == Code::kInvalidArgument);
  }
  test::fs::resize_file(path(dir) / "tile/0/001.p/44", 100);
  {
    TileReader reader(dir, 300);
    const Status s = reader.node(0, 299).status();
    CHECK(s.code() == Code::kCorrupt);
    CHECK(s.message() == dir + "/tile/0/001.p/44: truncated (100 bytes, want 1408)");
  }
  test::fs::remove(path(dir) / "tile/entries/000");
  {
    TileReader reader(dir, 300);
    const Status s = reader.entry(3).status();
    CHECK(s.code() == Code::kNotFound);
    CHECK(s.message() == dir + "/tile/entries/000: missing");
  }
}

}  // namespace
}  // namespace hallmark::tlog
