// X.509 certificates (DER) as C2PA judges its signers: a summary of names and validity, the
// claim-signer certificate profile as c2pa-rs checks it, the public key for signature checks
// (signature.h), and chain building against trust anchors. A certificate whose names hold
// invalid UTF-8 is read as c2pa-rs reads it (its issuer's signature is then checked over the
// original bytes). Over OpenSSL; only hallmark types cross this header.
// Thread-safety: functions are thread-safe; a TrustAnchors object is read-only after loading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::crypto {

struct CertSummary {
  std::string subject_cn, subject_o, issuer_cn, issuer_o;  // UTF-8; "" when absent.
  int64_t not_before = 0, not_after = 0;                   // Unix seconds.
};
// kCorrupt when `cert_der` is not one DER certificate (trailing bytes included).
Result<CertSummary> summarize(ByteView cert_der);

// The certificate's SubjectPublicKeyInfo, DER, as signature.cpp reads keys. kCorrupt when
// `cert_der` is not one DER certificate. The key itself is not decoded here: a certificate
// with an unusable key yields its bytes all the same.
Result<Bytes> certificate_public_key(ByteView cert_der);

// The outcome of a certificate check: `code` is empty when the check passed, otherwise a C2PA
// status code ("signingCredential.invalid", "signingCredential.expired") with an explanation.
struct CertVerdict {
  std::string code;
  std::string explanation;
};

// c2pa-rs's end-entity profile for claim signers (certificate_profile.rs): v3; allowed signature
// algorithm; no unique ids; RSA >= 2048 bits or EC P-256/384/521 or Ed25519; not self-signed;
// AKI present; KU with digitalSignature; not a CA; EKU present, not anyEKU, with one of the
// accepted purposes; no unknown critical extension; valid at `at` (Unix seconds).
CertVerdict check_signer_profile(ByteView cert_der, int64_t at);

// What c2pa-rs asks of a signer's certificate before it looks for a path to a trust anchor
// (check_certificate_trust): an extended key usage extension naming one of the purposes the
// profile accepts. anyExtendedKeyUsage alongside one of them does not spoil this check (the
// profile refuses it separately).
bool has_trust_eku(ByteView cert_der);

// Trust anchors from PEM files (certificates concatenated).
class TrustAnchors {
 public:
  TrustAnchors();
  ~TrustAnchors();
  TrustAnchors(const TrustAnchors&) = delete;
  TrustAnchors& operator=(const TrustAnchors&) = delete;

  // kNotFound/kIoError for the file, kCorrupt when it holds no certificate.
  Status add_pem_file(const std::string& path);
  Status add_pem(std::string_view pem);
  bool empty() const { return count_ == 0; }

  // True if `chain` (end entity first, then intermediates, DER) leads to an anchor, with
  // every certificate checked at time `at`. An anchor may be the end entity itself or any
  // intermediate (partial chains are accepted, as in c2pa-rs).
  bool trusted(const std::vector<ByteView>& chain, int64_t at) const;

 private:
  void* store_ = nullptr;  // The certificate store (x509.cpp), owned.
  size_t count_ = 0;
};

}  // namespace hallmark::crypto
