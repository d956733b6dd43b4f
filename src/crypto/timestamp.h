// RFC 3161 timestamp tokens, as C2PA carries them in COSE headers (sigTst, sigTst2): the time
// they prove, whether they stamp the expected bytes, whether their CMS signature verifies, and
// the certificates they carry (for a trust check with x509.h's TrustAnchors). Over OpenSSL.
// Thread-safety: pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::crypto {

// RFC 3161 timestamp token (or a whole TimeStampResp, as legacy sigTst carries).
struct TimeStamp {
  int64_t gen_time = 0;          // Unix seconds.
  bool imprint_matches = false;  // MessageImprint equals the digest of the expected data.
  bool signature_valid = false;  // The CMS signature over TSTInfo verifies.
  std::string tsa_name;          // Signer certificate common name, for explanations.
  std::vector<Bytes> tsa_chain;  // Certificates carried in the token, signer first.
};
// Reads `token` and checks it against `expected_data` (its imprint is hashed with the token's
// own digest algorithm). kCorrupt when `token` is neither a TimeStampToken nor a TimeStampResp
// with one, or holds no TSTInfo; a token that does not match or verify is a TimeStamp whose
// flags say so, not an error. The signer's certificate is not judged here.
Result<TimeStamp> parse_timestamp(ByteView token, ByteView expected_data);

}  // namespace hallmark::crypto
