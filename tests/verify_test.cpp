#include "hallmark/verify.h"

#include <atomic>

#include "hallmark/file_io.h"
#include "hallmark/rfc3339.h"
#include "hallmark/sign.h"
#include "test_util.h"

namespace hallmark {
namespace {

struct Fixture {
  test::TempDir dir;
  keys::SecretKey alice = keys::SecretKey::generate();
  std::string file = (dir / "photo.bin").string();
  std::string bundle = file + ".hallmark";
  TrustStore trust;

  Fixture() {
    std::string data(3 * 4096 + 123, '\0');
    std::mt19937 rng(7);
    for (char& c : data) {
      c = static_cast<char>(rng());
    }
    test::write_text(file, data);
    REQUIRE(trust.add({"alice", alice.public_key(), {}, {}, {}}).ok());
  }

  void sign(SignOptions options = {}) {
    options.creator_name = "alice";
    options.chunk_size = 4096;
    options.overwrite = true;  // Some tests sign again.
    Result<SignedFile> s = sign_file(file, "", alice, options);
    REQUIRE(s.ok());
  }

  Report verify() {
    Result<Report> r = verify_file(file, {}, trust);
    REQUIRE(r.ok());
    return *r;
  }

  void flip(const std::string& path, size_t offset, char mask = 0x01) {
    std::string data = test::read_text(path);
    REQUIRE(offset < data.size());
    data[offset] ^= mask;
    test::write_text(path, data);
  }

  // Replaces the first occurrence of `from` in the bundle.
  void edit_bundle(const std::string& from, const std::string& to) {
    std::string text = test::read_text(bundle);
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    test::write_text(bundle, text);
  }
};

TEST_CASE("verify: sign then verify round trip") {
  Fixture f;
  const std::string before = test::read_text(f.file);
  f.sign();
  CHECK(test::read_text(f.file) == before);  // sign never modifies its input.
  const Report r = f.verify();
  CHECK(r.verdict == Verdict::kVerified);
  CHECK(r.verified());
  CHECK(r.file_root_matches);
  REQUIRE(r.signers.size() == 1);
  CHECK(r.signers[0].name == "alice");
  CHECK(r.signers[0].creator);
  CHECK(r.flags.empty());
}

TEST_CASE("verify: one flipped bit of the file is tampered, located to its chunk") {
  Fixture f;
  f.sign();
  f.flip(f.file, 2 * 4096 + 5);
  const Report r = f.verify();
  CHECK(r.verdict == Verdict::kTampered);
  REQUIRE(r.changed_bytes.size() == 1);
  CHECK(r.changed_bytes[0] == ByteRange{2 * 4096, 3 * 4096});
}

TEST_CASE("verify: a truncated or extended file is tampered, the tail located") {
  Fixture f;
  f.sign();
  std::string data = test::read_text(f.file);
  test::write_text(f.file, data.substr(0, 4096 + 10));
  Report r = f.verify();
  CHECK(r.verdict == Verdict::kTampered);
  // The cut chunk, in the file as it is; the size says the rest is gone.
  CHECK(r.changed_bytes == std::vector<ByteRange>{{4096, 4096 + 10}});
  CHECK(r.reason == "the file is 8,305 bytes shorter than signed");
  test::write_text(f.file, data + "x");
  r = f.verify();
  CHECK(r.verdict == Verdict::kTampered);
  CHECK(r.changed_bytes == std::vector<ByteRange>{{3 * 4096, data.size() + 1}});
}

TEST_CASE("verify: a changed manifest field breaks the signature") {
  Fixture f;
  f.sign({.title = "original title"});
  f.edit_bundle("original title", "another title!");
  const Report r = f.verify();
  CHECK(r.verdict == Verdict::kInvalidSignature);
  CHECK(r.reason.find("does not verify") != std::string::npos);
}

TEST_CASE("verify: a changed signed root is an invalid signature, not a match") {
  Fixture f;
  f.sign();
  // Point the manifest at the tampered file's root: the signature must catch it.
  Result<Bundle> b = parse_bundle(test::read_text(f.bundle));
  REQUIRE(b.ok());
  const std::string old_root = to_hex(b->signed_manifest.manifest.file->root);
  f.flip(f.file, 0);
  Result<FileBinding> now = test::bind_path(f.file, {4096, 1});
  REQUIRE(now.ok());
  f.edit_bundle(old_root, to_hex(now->root));
  CHECK(f.verify().verdict == Verdict::kInvalidSignature);
}

TEST_CASE("verify: one flipped bit of the signature is an invalid signature") {
  Fixture f;
  f.sign();
  Result<Bundle> b = parse_bundle(test::read_text(f.bundle));
  REQUIRE(b.ok());
  keys::Signature sig = b->signed_manifest.signatures[0].signature;
  const std::string old_sig = to_base64(sig);
  sig[20] ^= std::byte{0x08};
  f.edit_bundle(old_sig, to_base64(sig));
  CHECK(f.verify().verdict == Verdict::kInvalidSignature);
}

TEST_CASE("verify: a swapped key (signature by another key under the creator's name)") {
  Fixture f;
  const keys::SecretKey mallory = keys::SecretKey::generate();
  f.sign();
  Result<Bundle> b = parse_bundle(test::read_text(f.bundle));
  REQUIRE(b.ok());
  // Mallory re-signs the same manifest and swaps in her key and signature.
  Bundle forged = *b;
  forged.signed_manifest.signatures = {
      {mallory.public_key(),
       mallory.sign(as_bytes(signing_message(forged.signed_manifest.canonical)))}};
  REQUIRE(write_file_atomic(f.bundle, serialize_bundle(forged).value()).ok());
  const Report r = f.verify();
  CHECK(r.verdict == Verdict::kInvalidSignature);
  CHECK(r.reason.find("creator") != std::string::npos);

  // Mallory makes a manifest of her own: valid, but nobody trusts her.
  Result<SignedFile> own =
      sign_file(f.file, "", mallory, {.creator_name = "alice", .overwrite = true});
  REQUIRE(own.ok());
  const Report r2 = f.verify();
  CHECK(r2.verdict == Verdict::kUntrustedSigner);
}

TEST_CASE("verify: a truncated or garbage bundle is malformed, no bundle is unsigned") {
  Fixture f;
  f.sign();
  const std::string text = test::read_text(f.bundle);
  test::write_text(f.bundle, text.substr(0, text.size() / 2));
  Report r = f.verify();
  CHECK(r.verdict == Verdict::kMalformed);
  CHECK(r.reason.find("not valid JSON") != std::string::npos);
  test::write_text(f.bundle, "\x01\x02garbage");
  CHECK(f.verify().verdict == Verdict::kMalformed);
  test::write_text(f.bundle, "");
  CHECK(f.verify().verdict == Verdict::kMalformed);
  std::filesystem::remove(f.bundle);
  r = f.verify();
  CHECK(r.verdict == Verdict::kUnsigned);
  CHECK_FALSE(r.verified());
}

TEST_CASE("verify: a revoked key fails whatever its time") {
  Fixture f;
  f.sign();
  REQUIRE(f.trust.revoke("alice", unix_now() + 86400).ok());
  const Report r = f.verify();
  CHECK(r.verdict == Verdict::kRevokedSigner);
  CHECK_FALSE(r.verified());
}

TEST_CASE("verify: a signature made outside the key's validity window is untrusted") {
  Fixture f;
  TrustStore windowed;
  REQUIRE(windowed
              .add({"alice",
                    f.alice.public_key(),
                    *parse_rfc3339("2026-01-01T00:00:00Z"),
                    *parse_rfc3339("2026-02-01T00:00:00Z"),
                    {}})
              .ok());
  f.sign({.created = "2025-12-31T23:59:59Z"});
  Result<Report> before = verify_file(f.file, {}, windowed);
  REQUIRE(before.ok());
  CHECK(before->verdict == Verdict::kUntrustedSigner);
  CHECK(before->signers[0].trust == TrustLevel::kOutsideWindow);
  f.sign({.created = "2026-01-15T12:00:00Z"});
  CHECK(verify_file(f.file, {}, windowed)->verdict == Verdict::kVerified);
  f.sign({.created = "2026-02-01T00:00:00Z"});
  CHECK(verify_file(f.file, {}, windowed)->verdict == Verdict::kUntrustedSigner);
}

TEST_CASE("verify: countersigned by a trusted publisher verifies, flags follow the manifest") {
  Fixture f;
  const keys::SecretKey publisher = keys::SecretKey::generate();
  TrustStore only_publisher;
  REQUIRE(only_publisher.add({"newsroom", publisher.public_key(), {}, {}, {}}).ok());
  f.sign({.source_type = "trainedAlgorithmicMedia"});
  Result<Bundle> b = parse_bundle(test::read_text(f.bundle));
  REQUIRE(b.ok());
  REQUIRE(countersign(b->signed_manifest, publisher).ok());
  REQUIRE(write_file_atomic(f.bundle, serialize_bundle(*b).value()).ok());
  Result<Report> r = verify_file(f.file, {}, only_publisher);
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kVerified);
  CHECK(r->has_flag("ai-generated"));
  REQUIRE(r->signers.size() == 2);
  CHECK(r->signers[1].name == "newsroom");
  CHECK_FALSE(r->signers[1].creator);
}

TEST_CASE("verify: an unreadable file is an error, not a verdict") {
  Fixture f;
  f.sign();
  std::filesystem::remove(f.file);
  CHECK(verify_file(f.file, {}, f.trust).status().code() == Code::kNotFound);
  CHECK(verify_file(f.dir.path().string(), {}, f.trust).status().code() == Code::kInvalidArgument);
}

TEST_CASE("verify: bundle leaves that do not rebuild the signed root are not used") {
  Fixture f;
  f.sign();
  Result<Bundle> b = parse_bundle(test::read_text(f.bundle));
  REQUIRE(b.ok());
  b->file_leaves[0][0] ^= std::byte{1};
  REQUIRE(write_file_atomic(f.bundle, serialize_bundle(*b).value()).ok());
  f.flip(f.file, 10);
  const Report r = f.verify();
  CHECK(r.verdict == Verdict::kTampered);
  CHECK(r.changed_bytes.empty());
  CHECK(r.reason.find("cannot locate") != std::string::npos);
}

TEST_CASE("sign: many files in one call, in parallel, each verifies") {
  test::TempDir dir;
  const keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  REQUIRE(trust.add({"k", key.public_key(), {}, {}, {}}).ok());
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i) {
    files.push_back((dir / ("f" + std::to_string(i))).string());
    test::write_text(files.back(),
                     std::string(static_cast<size_t>(i) * 1000, static_cast<char>(i)));
  }
  files.push_back((dir / "missing").string());
  std::atomic<int> done{0};
  auto results = sign_files(files, key, {.creator_name = "k"}, 8, [&](size_t) { ++done; });
  CHECK(done == 41);
  for (size_t i = 0; i + 1 < files.size(); ++i) {
    REQUIRE(results[i].ok());
    CHECK(verify_file(files[i], {}, trust)->verdict == Verdict::kVerified);
  }
  CHECK(results.back().status().code() == Code::kNotFound);
}

}  // namespace
}  // namespace hallmark

namespace hallmark {
namespace {

TEST_CASE("verify: a manifest made in the future or before 1990 is not believed") {
  for (const char* created : {"2999-01-01T00:00:00Z", "1985-06-01T00:00:00Z"}) {
    CAPTURE(created);
    Fixture f;
    SignOptions o;
    o.created = created;
    f.sign(o);
    const Report r = f.verify();
    CHECK(r.verdict == Verdict::kMalformed);
    CHECK(r.reason.find(created) != std::string::npos);
  }
  // A day of clock skew is allowed.
  Fixture f;
  SignOptions o;
  o.created = format_rfc3339(unix_now() + 3600);
  f.sign(o);
  CHECK(f.verify().verdict == Verdict::kVerified);
}

}  // namespace
}  // namespace hallmark
