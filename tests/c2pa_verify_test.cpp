// hallmark verify on files that carry C2PA Content Credentials: the C2PA verdict becomes the
// file's verdict (hallmark-c2pa(7) exit mapping), flags follow the active manifest.
#include "hallmark/sign.h"
#include "hallmark/verify.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

// The C2PA fixtures of the shared data: a case that reads them has test::needs_shared(kFixtures).
constexpr const char* kFixtures = "c2pa/fixtures";
std::optional<fs::path> fixtures() {
  return test::shared_path(kFixtures);
}

TEST_CASE("c2pa verify: Trusted is verified, Valid is untrusted unless allowed, Invalid fails" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  TrustStore trust;
  VerifyOptions options;
  options.c2pa_options.now = 1795737600;
  const std::string ca = (*dir / "CA.jpg").string();

  Result<Report> untrusted = verify_file(ca, options, trust);
  REQUIRE(untrusted.ok());
  CHECK(untrusted->verdict == Verdict::kUntrustedSigner);
  REQUIRE(untrusted->c2pa.has_value());
  CHECK(untrusted->c2pa->validation_state == "Valid");
  CHECK(untrusted->has_flag("edited"));
  CHECK(verdict_exit_code(untrusted->verdict) == 1);

  options.allow_untrusted = true;
  Result<Report> allowed = verify_file(ca, options, trust);
  REQUIRE(allowed.ok());
  CHECK(allowed->verified());

  options.allow_untrusted = false;
  options.c2pa_options.trust_anchor_paths.push_back(
      (*dir / "certs/test_cert_root_bundle.pem").string());
  Result<Report> trusted = verify_file(ca, options, trust);
  REQUIRE(trusted.ok());
  CHECK(trusted->verdict == Verdict::kVerified);

  Result<Report> tampered = verify_file((*dir / "XCA.jpg").string(), options, trust);
  REQUIRE(tampered.ok());
  CHECK(tampered->verdict == Verdict::kTampered);
  Result<Report> bad_sig = verify_file((*dir / "E-sig-CA.jpg").string(), options, trust);
  REQUIRE(bad_sig.ok());
  CHECK(bad_sig->verdict == Verdict::kInvalidSignature);
}

// verify.h: a file with a hallmark bundle and a C2PA store is judged on both, and the worse
// verdict wins, so that neither source can improve on the other.
TEST_CASE("c2pa verify: with a bundle and a C2PA store the worse verdict wins, either way" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  VerifyOptions options;
  options.c2pa_options.now = 1795737600;
  options.c2pa_options.trust_anchor_paths.push_back(
      (*dir / "certs/test_cert_root_bundle.pem").string());
  test::TempDir tmp;
  const keys::SecretKey alice = keys::SecretKey::generate();
  const keys::SecretKey stranger = keys::SecretKey::generate();
  TrustStore trust;
  REQUIRE(trust.add({"alice", alice.public_key(), {}, {}, {}}).ok());

  // C2PA Trusted, hallmark's signer untrusted: untrusted-signer, not verified.
  const fs::path ca = tmp / "CA.jpg";
  fs::copy_file(*dir / "CA.jpg", ca);
  REQUIRE(sign_file(ca.string(), "", stranger, {.creator_name = "stranger"}).ok());
  Result<Report> r = verify_file(ca.string(), options, trust);
  REQUIRE(r.ok());
  REQUIRE(r->c2pa_judgement.has_value());
  CHECK(r->c2pa_judgement->verdict == Verdict::kVerified);
  CHECK(r->verdict == Verdict::kUntrustedSigner);
  CHECK_FALSE(r->verified());

  // C2PA Trusted, hallmark's bundle made for another file: tampered.
  const fs::path other = tmp / "other.jpg";
  fs::copy_file(*dir / "no_manifest.jpg", other);
  REQUIRE(sign_file(other.string(), "", alice, {.creator_name = "alice"}).ok());
  options.bundle_path = other.string() + ".hallmark";
  r = verify_file(ca.string(), options, trust);
  REQUIRE(r.ok());
  CHECK(r->c2pa_judgement->verdict == Verdict::kVerified);
  CHECK(r->verdict != Verdict::kVerified);
  CHECK_FALSE(r->verified());

  // hallmark verified, C2PA Invalid (its data hash no longer matches): tampered.
  const fs::path xca = tmp / "XCA.jpg";
  fs::copy_file(*dir / "XCA.jpg", xca);
  REQUIRE(sign_file(xca.string(), "", alice, {.creator_name = "alice"}).ok());
  options.bundle_path.clear();
  r = verify_file(xca.string(), options, trust);
  REQUIRE(r.ok());
  REQUIRE(r->manifest_judgement.has_value());
  CHECK(r->manifest_judgement->verdict == Verdict::kVerified);
  CHECK(r->verdict == Verdict::kTampered);
}

// A fragmented MP4 whose fragment no longer matches its C2PA bmffHash is tampered (not merely
// malformed): hallmark-c2pa(7)'s mapping of assertion.bmffHash.mismatch.
TEST_CASE("c2pa verify: a bmffHash mismatch is tampered" * test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  TrustStore trust;
  VerifyOptions options;
  options.c2pa_options.now = 1795737600;
  options.c2pa_options.trust_anchor_paths.push_back(
      (*dir / "certs/test_cert_root_bundle.pem").string());
  test::TempDir tmp;
  std::string fragment = test::read_text(*dir / "dash1.m4s");
  REQUIRE(fragment.size() > 1000);
  fragment[fragment.size() - 500] ^= 0x10;
  test::write_text(tmp / "f.m4s", fragment);
  options.c2pa_options.fragment_paths = {(tmp / "f.m4s").string()};
  Result<Report> r = verify_file((*dir / "dashinit.mp4").string(), options, trust);
  REQUIRE(r.ok());
  REQUIRE(r->c2pa.has_value());
  const std::vector<C2paStatus>& failures = r->c2pa->active.failure;
  CHECK(std::any_of(failures.begin(), failures.end(),
                    [](const C2paStatus& s) { return s.code == "assertion.bmffHash.mismatch"; }));
  CHECK(r->verdict == Verdict::kTampered);
  CHECK(r->reason.find("bmffHash.mismatch") != std::string::npos);
}

TEST_CASE("c2pa verify: no manifest or a remote one is unsigned; a missing file is an error" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  TrustStore trust;
  Result<Report> none = verify_file((*dir / "no_manifest.jpg").string(), {}, trust);
  REQUIRE(none.ok());
  CHECK(none->verdict == Verdict::kUnsigned);
  CHECK_FALSE(none->c2pa.has_value());
  Result<Report> remote = verify_file((*dir / "cloud.jpg").string(), {}, trust);
  REQUIRE(remote.ok());
  CHECK(remote->verdict == Verdict::kUnsigned);
  REQUIRE(remote->c2pa.has_value());
  CHECK(remote->c2pa->remote_url.has_value());
  CHECK(verify_file((*dir / "no-such-file.jpg").string(), {}, trust).status().code() ==
        Code::kNotFound);
}

// The C2PA APP11 segments of a JPEG: where each starts and ends, in file order.
std::vector<std::pair<size_t, size_t>> c2pa_segments(const std::string& d) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t pos = 2;
  while (pos + 4 <= d.size() && static_cast<uint8_t>(d[pos]) == 0xff) {
    const auto marker = static_cast<uint8_t>(d[pos + 1]);
    if (marker == 0xd9 || marker == 0xda) {
      break;
    }
    const size_t len =
        (size_t(static_cast<uint8_t>(d[pos + 2])) << 8) | size_t(static_cast<uint8_t>(d[pos + 3]));
    if (marker == 0xeb && (!out.empty() || d.compare(pos + 4 + 24, 4, "c2pa") == 0)) {
      out.emplace_back(pos, pos + 2 + len);
    }
    pos += 2 + len;
  }
  return out;
}

TEST_CASE(
    "c2pa verify: a store that is present but broken is malformed or tampered, never unsigned" *
    test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  TrustStore trust;
  VerifyOptions options;
  options.c2pa_options.now = 1795737600;
  options.c2pa_options.trust_anchor_paths.push_back(
      (*dir / "certs/test_cert_root_bundle.pem").string());
  test::TempDir tmp;
  const std::string ca = test::read_text(*dir / "CA.jpg");
  const auto segs = c2pa_segments(ca);
  REQUIRE(segs.size() == 2);
  const std::string seg1 = ca.substr(segs[0].first, segs[0].second - segs[0].first);
  const std::string seg2 = ca.substr(segs[1].first, segs[1].second - segs[1].first);
  auto verdict = [&](const std::string& data, const std::string& name) {
    test::write_text(tmp / name, data);
    Result<Report> r = verify_file((tmp / name).string(), options, trust);
    REQUIRE(r.ok());
    return r->verdict;
  };
  // The second segment twice: the store is read, but no longer where its data hash says.
  std::string dup2 = ca;
  dup2.insert(segs[1].second, seg2);
  CHECK(verdict(dup2, "dup2.jpg") == Verdict::kTampered);
  // The first twice, or the two swapped, or the second dropped: the store is cut short.
  std::string dup1 = ca;
  dup1.insert(segs[0].second, seg1);
  CHECK(verdict(dup1, "dup1.jpg") == Verdict::kMalformed);
  std::string swapped = ca;
  swapped.replace(segs[0].first, segs[1].second - segs[0].first, seg2 + seg1);
  CHECK(verdict(swapped, "swap.jpg") == Verdict::kMalformed);
  std::string dropped = ca;
  dropped.erase(segs[1].first, seg2.size());
  CHECK(verdict(dropped, "drop2.jpg") == Verdict::kMalformed);
  // Cut inside the store.
  CHECK(verdict(ca.substr(0, 30000), "cut.jpg") == Verdict::kMalformed);
  // An MP4 with two stores.
  const std::string mp4 = test::read_text(*dir / "video1.mp4");
  const size_t n = (size_t(static_cast<uint8_t>(mp4[24])) << 24) |
                   (size_t(static_cast<uint8_t>(mp4[25])) << 16) |
                   (size_t(static_cast<uint8_t>(mp4[26])) << 8) |
                   size_t(static_cast<uint8_t>(mp4[27]));
  REQUIRE(mp4.compare(28, 4, "uuid") == 0);
  Result<Report> two = [&] {
    test::write_text(tmp / "two.mp4", mp4 + mp4.substr(24, n));
    return verify_file((tmp / "two.mp4").string(), options, trust);
  }();
  REQUIRE(two.ok());
  CHECK(two->verdict == Verdict::kMalformed);
  REQUIRE(two->c2pa.has_value());
  CHECK(two->c2pa->reader_error == "TooManyManifestStores");
}

}  // namespace
}  // namespace hallmark
