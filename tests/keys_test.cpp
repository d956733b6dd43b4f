#include "hallmark/keys.h"

#include "test_util.h"

namespace hallmark::keys {
namespace {

// RFC 8032 section 7.1, TEST 1 and TEST 2: seed, public key, message, signature.
struct Rfc8032Case {
  const char* seed;
  const char* pub;
  const char* msg;
  const char* sig;
};
constexpr Rfc8032Case kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b"
     "4"
     "6bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11"
     "d"
     "8c387b2eaeb4302aeeb00d291612bb0c00"},
};

Secret pass(std::string_view text) {
  return Secret::from(text);
}

TEST_CASE("keys: RFC 8032 Ed25519 test vectors sign and verify") {
  for (const Rfc8032Case& c : kRfc8032) {
    CAPTURE(c.pub);
    Result<Bytes> seed = from_hex(c.seed);
    Result<Bytes> msg = from_hex(c.msg);
    REQUIRE(seed.ok());
    REQUIRE(msg.ok());
    Result<SecretKey> key = SecretKey::from_seed(*seed);
    REQUIRE(key.ok());
    CHECK(to_hex(key->public_key().bytes) == c.pub);
    const Signature sig = key->sign(*msg);
    CHECK(to_hex(sig) == c.sig);
    CHECK(verify(key->public_key(), *msg, sig).ok());
  }
}

TEST_CASE("keys: a flipped bit in message or signature, or another key, fails verification") {
  const SecretKey key = SecretKey::generate();
  const SecretKey other = SecretKey::generate();
  const Bytes msg = to_bytes("hallmark/manifest/v1\n{}");
  Signature sig = key.sign(msg);
  CHECK(verify(key.public_key(), msg, sig).ok());
  Bytes flipped = msg;
  flipped[3] ^= std::byte{0x04};
  CHECK(verify(key.public_key(), flipped, sig).code() == Code::kVerifyFailed);
  CHECK(verify(other.public_key(), msg, sig).code() == Code::kVerifyFailed);
  sig[10] ^= std::byte{0x01};
  CHECK(verify(key.public_key(), msg, sig).code() == Code::kVerifyFailed);
}

TEST_CASE("keys: public key text form round-trips and rejects malformed input") {
  const SecretKey key = SecretKey::generate();
  const std::string text = key.public_key().to_string();
  CHECK(text.rfind("ed25519:", 0) == 0);
  Result<PublicKey> parsed = parse_public_key(text);
  REQUIRE(parsed.ok());
  CHECK(*parsed == key.public_key());
  CHECK(key.public_key().id().size() == 16);
  CHECK_FALSE(parse_public_key("ed25519:").ok());
  CHECK_FALSE(parse_public_key("rsa:" + text.substr(8)).ok());
  CHECK_FALSE(parse_public_key(text.substr(0, text.size() - 4)).ok());
  CHECK_FALSE(parse_public_key(text + "AAAA").ok());
}

TEST_CASE("keys: public key file round trip") {
  const SecretKey key = SecretKey::generate();
  const std::string file = encode_public_key_file({"alice", key.public_key()});
  Result<NamedPublicKey> back = parse_public_key_file(file);
  REQUIRE(back.ok());
  CHECK(back->name == "alice");
  CHECK(back->key == key.public_key());
  CHECK_FALSE(parse_public_key_file("").ok());
  CHECK_FALSE(parse_public_key_file(file.substr(0, file.size() - 1)).ok());
  CHECK_FALSE(parse_public_key_file(file + "extra: 1\n").ok());
}

TEST_CASE("keys: encrypted secret key file round trip, wrong passphrase, altered header") {
  const SecretKey key = SecretKey::generate();
  const Secret good = pass("correct horse battery staple");
  const KdfCost cheap{1, 8 << 20};  // Fast for tests; the default is stronger.
  Result<Secret> file = encode_secret_key_file("alice", key, &good, cheap);
  REQUIRE(file.ok());
  const std::string text(file->chars());
  CHECK(is_encrypted_secret_key_file(text));
  CHECK(text.find(to_base64(key.seed().view())) == std::string::npos);

  Result<NamedSecretKey> back = parse_secret_key_file(
      text, [] { return Result<Secret>(pass("correct horse battery staple")); });
  REQUIRE(back.ok());
  CHECK(back->name == "alice");
  CHECK(back->key.public_key() == key.public_key());

  Result<NamedSecretKey> wrong = parse_secret_key_file(
      text, [] { return Result<Secret>(pass("Correct horse battery staple")); });
  CHECK(wrong.status().code() == Code::kVerifyFailed);
  CHECK(wrong.status().message().find("wrong passphrase") != std::string::npos);

  // The header is authenticated: renaming the key makes decryption fail.
  std::string renamed = text;
  renamed.replace(renamed.find("name: alice"), 11, "name: mallo");
  CHECK(parse_secret_key_file(renamed,
                              [] { return Result<Secret>(pass("correct horse battery staple")); })
            .status()
            .code() == Code::kVerifyFailed);

  // A hostile KDF cost is refused before any work is done.
  std::string greedy = text;
  greedy.replace(greedy.find("mem: "),
                 greedy.find('\n', greedy.find("mem: ")) - greedy.find("mem: "),
                 "mem: 1099511627776");
  CHECK(parse_secret_key_file(greedy, [] { return Result<Secret>(pass("x")); }).status().code() ==
        Code::kCorrupt);

  // No passphrase source at all.
  CHECK(parse_secret_key_file(text, nullptr).status().code() == Code::kInvalidArgument);
}

TEST_CASE("keys: unencrypted secret key file round trip and mismatched public key") {
  const SecretKey key = SecretKey::generate();
  Result<Secret> file = encode_secret_key_file("ci", key, nullptr);
  REQUIRE(file.ok());
  const std::string text(file->chars());
  CHECK_FALSE(is_encrypted_secret_key_file(text));
  Result<NamedSecretKey> back = parse_secret_key_file(text, nullptr);
  REQUIRE(back.ok());
  CHECK(back->key.public_key() == key.public_key());

  std::string swapped = text;
  const std::string other = SecretKey::generate().public_key().to_string();
  swapped.replace(swapped.find("ed25519:"), other.size(), other);
  CHECK(parse_secret_key_file(swapped, nullptr).status().code() == Code::kCorrupt);
}

TEST_CASE("keys: malformed secret key files give kCorrupt with a reason") {
  const char* bad[] = {
      "",
      "\n",
      "hallmark secret key v1\n",
      "hallmark secret key v2\nname: a\n",
      "hallmark secret key v1\nname: a\npublic: ed25519:AAAA\nkdf: none\nsecret: AAAA\n",
      "hallmark secret key v1\nname: a b\n",
  };
  for (const char* text : bad) {
    CAPTURE(text);
    Result<NamedSecretKey> r = parse_secret_key_file(text, nullptr);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.status().message().empty());
  }
}

TEST_CASE("keys: key names") {
  CHECK(check_key_name("alice").ok());
  CHECK(check_key_name("news-room_2.k").ok());
  CHECK_FALSE(check_key_name("").ok());
  CHECK_FALSE(check_key_name(".hidden").ok());
  CHECK_FALSE(check_key_name("-flag").ok());
  CHECK_FALSE(check_key_name("a/b").ok());
  CHECK_FALSE(check_key_name(std::string(65, 'a')).ok());
}

}  // namespace
}  // namespace hallmark::keys
