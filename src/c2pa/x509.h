// The C2PA module's only OpenSSL user for certificates and signatures: digests (SHA-2),
// COSE signature verification (ES256/384/512 with raw r||s, PS256/384/512, Ed25519), the C2PA
// signer certificate profile as c2pa-rs checks it, chain building against trust anchors, and
// RFC 3161 timestamp tokens. Std types only, so no OpenSSL type leaves this file.
// Thread-safety: functions are thread-safe; a TrustAnchors object is read-only after loading.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa::crypto {

// Digest of `data` with "sha256", "sha384" or "sha512"; kUnsupported for any other name.
Result<Bytes> digest(std::string_view alg, ByteView data);

// Incremental digest; alg as above.
class Hasher {
 public:
  static Result<std::unique_ptr<Hasher>> create(std::string_view alg);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  void update(ByteView data);
  Bytes finish();

 private:
  Hasher() = default;
  void* ctx_ = nullptr;  // EVP_MD_CTX*, owned.
};

// Names of COSE algorithms C2PA allows: -7 "es256", -35 "es384", -36 "es512", -37 "ps256",
// -38 "ps384", -39 "ps512", -8 "ed25519"; "" for others.
std::string cose_alg_name(int64_t alg);

// Verifies `signature` over `tbs` with the public key of `cert_der` for COSE algorithm `alg`.
// OK when valid; kInvalidArgument when the certificate's key is of another kind than `alg`
// (EC, RSA, Ed25519); kVerifyFailed with a reason (bad encoding, mismatch) otherwise.
Status verify_signature(int64_t alg, ByteView cert_der, ByteView tbs, ByteView signature);

struct CertSummary {
  std::string subject_cn, subject_o, issuer_cn, issuer_o;
  int64_t not_before = 0, not_after = 0;  // Unix seconds.
};
Result<CertSummary> summarize(ByteView cert_der);

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
  void* store_ = nullptr;  // X509_STORE*, owned.
  size_t count_ = 0;
};

// RFC 3161 timestamp token (or a whole TimeStampResp, as legacy sigTst carries).
struct TimeStamp {
  int64_t gen_time = 0;          // Unix seconds.
  bool imprint_matches = false;  // MessageImprint equals the digest of the expected data.
  bool signature_valid = false;  // The CMS signature over TSTInfo verifies.
  std::string tsa_name;          // Signer certificate common name, for explanations.
  std::vector<Bytes> tsa_chain;  // Certificates carried in the token, signer first.
};
// kCorrupt when `token` is neither a TimeStampToken nor a TimeStampResp with one.
Result<TimeStamp> parse_timestamp(ByteView token, ByteView expected_data);

// Unix seconds of an RFC 3339 / ISO 8601 UTC time string; nullopt when unparsable.
std::optional<int64_t> parse_time(std::string_view text);

}  // namespace hallmark::c2pa::crypto
