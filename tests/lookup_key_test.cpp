#include "hallmark/lookup_key.h"

#include "hallmark/anchor.h"
#include "hallmark/manifest.h"
#include "hallmark/sign.h"
#include "test_util.h"

namespace hallmark {
namespace {

const Digest kRoot = sha256(as_bytes("hallmark lookup key test"));
constexpr std::string_view kRootHex =
    "7d2b6f3c1c3f0c3c7c5f4d6a7c0e8e5b1f1a5c0e4f1b0e3c7a2a1b9d8c7e6f5a";

TEST_CASE("lookup_key: known answers for each kind, and they parse back to what made them") {
  const Digest d = test::digest_hex(kRootHex);
  CHECK(file_lookup_key(d) == "file:" + std::string(kRootHex));
  CHECK(media_lookup_key(d) == "media:" + std::string(kRootHex));
  CHECK(manifest_lookup_key(d) == "manifest:sha256:" + std::string(kRootHex));
  CHECK(manifest_lookup_key("sha256:" + std::string(kRootHex)).value() ==
        "manifest:sha256:" + std::string(kRootHex));
  CHECK(content_lookup_keys(d) == std::vector<std::string>{"file:" + std::string(kRootHex),
                                                           "media:" + std::string(kRootHex)});

  for (const LookupKind kind : {LookupKind::kFile, LookupKind::kMedia, LookupKind::kManifest}) {
    for (const Digest& digest : {d, kRoot, Digest{}}) {
      const LookupKey key{kind, digest};
      const std::string text = key.to_string();
      CAPTURE(text);
      Result<LookupKey> parsed = parse_lookup_key(text);
      REQUIRE_MESSAGE(parsed.ok(), parsed.status().message());
      CHECK(*parsed == key);
      CHECK(parsed->to_string() == text);
    }
  }
}

TEST_CASE("lookup_key: every spelling but the one the index holds is refused") {
  const std::string hex(kRootHex);
  std::string upper = hex;
  for (char& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const std::string& bad : {
           std::string(), std::string("file:"),
           "file:" + upper,              // The index holds lowercase hex only.
           "file:" + hex.substr(0, 62),  // Short.
           "file:" + hex + "00",         // Long.
           "file:" + hex + "\n",         // Trailing bytes.
           " file:" + hex,               // Leading bytes.
           "File:" + hex,                // Schemes are case-sensitive.
           "file:sha256:" + hex,         // Only manifests carry "sha256:".
           "media:" + hex.substr(1) + "g",
           "manifest:" + hex,  // A manifest key is the manifest id, "sha256:" first.
           "manifest:sha256:" + upper, "manifest:SHA256:" + hex,
           "sha256:" + hex,  // A manifest id is not a lookup key.
           "ipfs:" + hex,    // No such scheme.
       }) {
    CAPTURE(bad);
    Result<LookupKey> parsed = parse_lookup_key(bad);
    CHECK(parsed.status().code() == Code::kCorrupt);
  }
  // A manifest key is only made from a manifest id.
  for (const std::string& bad : {std::string(), hex, "sha256:" + hex.substr(2), "md5:" + hex,
                                 "sha256:" + upper,  // manifest_id() spells lowercase only.
                                 "sha256:" + hex + " "}) {
    CAPTURE(bad);
    CHECK(manifest_lookup_key(bad).status().code() == Code::kCorrupt);
  }
}

TEST_CASE("lookup_key: a signed manifest's keys name its id, file root and media root") {
  test::TempDir dir;
  const keys::SecretKey key = keys::SecretKey::generate();
  const std::string file = (dir / "a.txt").string();
  test::write_text(file, "some bytes to sign");
  SignOptions o{.creator_name = "alice"};
  const std::vector<Result<SignedFile>> signed_files = sign_files({file}, key, o, 1);
  REQUIRE(signed_files.size() == 1);
  REQUIRE(signed_files[0].ok());
  Result<Bundle> b = read_bundle(file + ".hallmark");
  REQUIRE(b.ok());
  const SignedManifest& sm = b->signed_manifest;
  REQUIRE(sm.manifest.file.has_value());
  REQUIRE_FALSE(sm.manifest.media.has_value());  // Text: no media binding, so no media key.
  const std::vector<std::string> keys = lookup_keys(sm);
  REQUIRE(keys.size() == 2);
  Result<LookupKey> manifest = parse_lookup_key(keys[0]);
  REQUIRE(manifest.ok());
  CHECK(manifest->kind == LookupKind::kManifest);
  CHECK(digest_id(manifest->digest) == sm.id());
  Result<LookupKey> root = parse_lookup_key(keys[1]);
  REQUIRE(root.ok());
  CHECK(root->kind == LookupKind::kFile);
  CHECK(root->digest == sm.manifest.file->root);
}

}  // namespace
}  // namespace hallmark
