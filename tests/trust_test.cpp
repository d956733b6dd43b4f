#include "hallmark/trust.h"

#include "hallmark/rfc3339.h"
#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("trust: add, decide by time, revoke, and round-trip the file") {
  const keys::SecretKey alice = keys::SecretKey::generate();
  const keys::SecretKey bob = keys::SecretKey::generate();
  TrustStore store;
  const int64_t jan = *parse_rfc3339("2026-01-01T00:00:00Z");
  const int64_t jul = *parse_rfc3339("2026-07-01T00:00:00Z");
  REQUIRE(store.add({"alice", alice.public_key(), jan, jul, std::nullopt}).ok());
  REQUIRE(store.add({"bob", bob.public_key(), {}, {}, {}}).ok());
  CHECK(store.add({"alice2", alice.public_key(), {}, {}, {}}).code() == Code::kInvalidArgument);

  CHECK(store.decide(alice.public_key(), jan).level == TrustLevel::kTrusted);
  CHECK(store.decide(alice.public_key(), jan - 1).level == TrustLevel::kOutsideWindow);
  CHECK(store.decide(alice.public_key(), jul).level == TrustLevel::kOutsideWindow);
  CHECK(store.decide(bob.public_key(), 0).level == TrustLevel::kTrusted);
  CHECK(store.decide(keys::SecretKey::generate().public_key(), jan).level == TrustLevel::kUnknown);

  CHECK(*store.revoke("bob", jan) == 1);
  CHECK(store.decide(bob.public_key(), 0).level == TrustLevel::kRevoked);
  CHECK(store.revoke("carol", jan).status().code() == Code::kNotFound);

  Result<TrustStore> back = TrustStore::parse(store.serialize());
  REQUIRE(back.ok());
  CHECK(back->serialize() == store.serialize());
  CHECK(back->decide(alice.public_key(), jan - 1).level == TrustLevel::kOutsideWindow);
  CHECK(back->decide(bob.public_key(), 0).level == TrustLevel::kRevoked);
}

TEST_CASE("trust: malformed lines are errors that name the line") {
  const std::string key = keys::SecretKey::generate().public_key().to_string();
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {"alice\n", "trust:1: expected"},
      {"# c\n\nalice ed25519:xyz\n", "trust:3: public key"},
      {"alice " + key + " valid-afterr=2026-01-01T00:00:00Z\n", "unknown option \"valid-afterr\""},
      {"alice " + key + " revoked\n", "needs a time"},
      {"alice " + key + " revoked=2026-01-01\n", "is not a UTC time"},
      {"a/b " + key + "\n", "trust:1: key name"},
      {"a " + key + "\nb " + key + "\n", "trust:2: key " + key.substr(0, 10)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<TrustStore> r = TrustStore::parse(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kCorrupt);
    CHECK(r.status().message().find(c.message) != std::string::npos);
  }
}

TEST_CASE("trust: a missing file is an empty store, save writes it atomically") {
  test::TempDir dir;
  Result<TrustStore> empty = TrustStore::load((dir / "nope").string());
  REQUIRE(empty.ok());
  CHECK(empty->entries().empty());
  TrustStore s;
  REQUIRE(s.add({"alice", keys::SecretKey::generate().public_key(), {}, {}, {}}).ok());
  REQUIRE(s.save((dir / "sub/trust").string()).ok());
  Result<TrustStore> loaded = TrustStore::load((dir / "sub/trust").string());
  REQUIRE(loaded.ok());
  CHECK(loaded->entries().size() == 1);
}

// The index must answer exactly what a scan of entries() would: checked after parsing, adding,
// revoking and removing, on a store where names repeat.
void check_index_agrees(const TrustStore& store, const std::vector<keys::PublicKey>& absent) {
  const std::vector<TrustEntry>& all = store.entries();
  for (const TrustEntry& e : all) {
    CAPTURE(e.name);
    CHECK(store.find(e.key) == &e);
    std::vector<const TrustEntry*> scan;
    for (const TrustEntry& other : all) {
      if (other.name == e.name) {
        scan.push_back(&other);
      }
    }
    CHECK(store.named(e.name) == scan);
  }
  for (const keys::PublicKey& k : absent) {
    CHECK(store.find(k) == nullptr);
  }
  CHECK(store.named("nobody").empty());
}

TEST_CASE("trust: the key and name indexes agree with the list") {
  std::vector<keys::PublicKey> listed, absent;
  std::string text = "# a store with shared names\n";
  for (int i = 0; i < 600; ++i) {
    listed.push_back(keys::SecretKey::generate().public_key());
    text += "signer" + std::to_string(i % 97) + " " + listed.back().to_string() + "\n";
  }
  for (int i = 0; i < 20; ++i) {
    absent.push_back(keys::SecretKey::generate().public_key());
  }
  Result<TrustStore> parsed = TrustStore::parse(text);
  REQUIRE(parsed.ok());
  TrustStore store = std::move(parsed).value();
  REQUIRE(store.entries().size() == 600);
  check_index_agrees(store, absent);
  CHECK(store.named("signer3").size() == 7);  // 3, 100, 197, ..., 585.

  REQUIRE(store.add({"signer3", absent[0], {}, {}, {}}).ok());
  CHECK(store.named("signer3").back()->key == absent[0]);
  absent.erase(absent.begin());
  REQUIRE(store.revoke("signer5", 1).ok());
  check_index_agrees(store, absent);

  Result<std::vector<TrustEntry>> removed = store.remove("signer3");
  REQUIRE(removed.ok());
  CHECK(removed->size() == 8);
  for (const TrustEntry& e : *removed) {
    absent.push_back(e.key);
  }
  removed = store.remove(listed[10].to_string());
  REQUIRE(removed.ok());
  REQUIRE(removed->size() == 1);
  absent.push_back(listed[10]);
  CHECK(store.entries().size() == 600 + 1 - 8 - 1);
  check_index_agrees(store, absent);
  CHECK(store.remove("signer3").status().code() == Code::kNotFound);

  // A copy (as Result<TrustStore> makes) has its own index over its own entries.
  const TrustStore copy = store;
  check_index_agrees(copy, absent);
}

TEST_CASE("trust: a named store must exist; the default one may be absent") {
  test::TempDir dir;
  CHECK(TrustStore::load((dir / "nope").string()).ok());
  Result<TrustStore> named = TrustStore::load((dir / "nope").string(), /*missing_ok=*/false);
  REQUIRE_FALSE(named.ok());
  CHECK(named.status().code() == Code::kNotFound);
  CHECK(named.status().message().find("nope") != std::string::npos);
}

}  // namespace
}  // namespace hallmark
