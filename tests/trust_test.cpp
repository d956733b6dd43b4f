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

}  // namespace
}  // namespace hallmark
