// hallmark verify on files that carry C2PA Content Credentials: the C2PA verdict becomes the
// file's verdict (hallmark-c2pa(7) exit mapping), flags follow the active manifest.
#include "hallmark/verify.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> fixtures() {
  const std::optional<fs::path> shared = test::shared_dir();
  if (!shared || !fs::exists(*shared / "c2pa" / "fixtures" / "CA.jpg")) {
    return std::nullopt;
  }
  return *shared / "c2pa" / "fixtures";
}

TEST_CASE("c2pa verify: Trusted is verified, Valid is untrusted unless allowed, Invalid fails") {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    MESSAGE("skipped: ../shared/c2pa/fixtures is not present");
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

TEST_CASE("c2pa verify: no manifest or a remote one is unsigned; a missing file is an error") {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    MESSAGE("skipped: ../shared/c2pa/fixtures is not present");
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

}  // namespace
}  // namespace hallmark
