// COSE_Sign1 parser, then the certificate and timestamp code on whatever it yields: the
// profile, the summary, the signature, and the path to a trust anchor (the test root of
// tests/data/c2pa-signer, which also reaches the re-tagged reading of names that are not UTF-8).
#include <cstdint>

#include "c2pa/cose.h"
#include "crypto/signature.h"
#include "crypto/timestamp.h"
#include "crypto/x509.h"

namespace {

constexpr char kRoot[] = R"(-----BEGIN CERTIFICATE-----
MIIBjzCCAUGgAwIBAgIUTkGL1tp+TfdgYhwniiJycAATI84wBQYDK2VwMDUxIDAe
BgNVBAMMF2hhbGxtYXJrIHRlc3QgdXRmOCByb290MREwDwYDVQQKDAhoYWxsbWFy
azAeFw0yNjEyMDcxNTE2MjNaFw0zNjEyMDQxNTE2MjNaMDUxIDAeBgNVBAMMF2hh
bGxtYXJrIHRlc3QgdXRmOCByb290MREwDwYDVQQKDAhoYWxsbWFyazAqMAUGAytl
cAMhAFu298N+fOvM7kUYkwQCTz12+o9z3+2DqzSojaboecypo2MwYTAdBgNVHQ4E
FgQUr9eTYmHSerq5QKejYgYGTbPtge0wHwYDVR0jBBgwFoAUr9eTYmHSerq5QKej
YgYGTbPtge0wDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwBQYDK2Vw
A0EA/p2Clh+2LZBlODoohTR+OjR6z0NAPKhVb+BdIzqyd5jsO0dlIE8hRaXpLrCZ
7Zhlqsi1oeIB2AELvs36L23/Cg==
-----END CERTIFICATE-----
)";

const hallmark::crypto::TrustAnchors& anchors() {
  static hallmark::crypto::TrustAnchors a;
  static const bool loaded = a.add_pem(kRoot).ok();
  (void)loaded;
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const hallmark::ByteView in(reinterpret_cast<const std::byte*>(data), size);
  hallmark::Result<hallmark::c2pa::cose::Sign1> s = hallmark::c2pa::cose::parse_sign1(in);
  if (!s.ok()) {
    return 0;
  }
  const hallmark::Bytes tbs = hallmark::c2pa::cose::sig_structure(s->protected_bytes, in);
  for (const hallmark::ByteView cert : s->x5chain) {
    (void)hallmark::crypto::check_signer_profile(cert, 1700000000);
    (void)hallmark::crypto::summarize(cert);
    (void)hallmark::crypto::has_trust_eku(cert);
    if (s->alg) {
      (void)hallmark::crypto::verify_signature(*s->alg, cert, tbs, s->signature);
    }
  }
  if (!s->x5chain.empty()) {
    (void)anchors().trusted(s->x5chain, 1800000000);
  }
  for (const auto& t : s->timestamps) {
    (void)hallmark::crypto::parse_timestamp(t.value, tbs);
  }
  return 0;
}
