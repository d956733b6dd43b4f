// COSE_Sign1 parser, then the certificate and timestamp code on whatever it yields.
#include <cstdint>

#include "c2pa/cose.h"
#include "c2pa/x509.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const hallmark::ByteView in(reinterpret_cast<const std::byte*>(data), size);
  hallmark::Result<hallmark::c2pa::cose::Sign1> s = hallmark::c2pa::cose::parse_sign1(in);
  if (!s.ok()) {
    return 0;
  }
  const hallmark::Bytes tbs = hallmark::c2pa::cose::sig_structure(s->protected_bytes, in);
  for (const hallmark::ByteView cert : s->x5chain) {
    (void)hallmark::c2pa::crypto::check_signer_profile(cert, 1700000000);
    (void)hallmark::c2pa::crypto::summarize(cert);
    if (s->alg) {
      (void)hallmark::c2pa::crypto::verify_signature(*s->alg, cert, tbs, s->signature);
    }
  }
  for (const auto& t : s->timestamps) {
    (void)hallmark::c2pa::crypto::parse_timestamp(t.value, tbs);
  }
  return 0;
}
