// COSE_Sign1 (RFC 9052) as C2PA uses it for claim signatures: tag 18, protected header with
// the algorithm (label 1) and the certificate chain (x5chain, label 33, in the protected or
// unprotected header), a detached payload (nil: the claim bytes), RFC 3161 timestamps in the
// unprotected header (sigTst v1, sigTst2 v2) and zero padding ("pad", "pad2").
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "c2pa/cbor.h"
#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa::cose {

struct TimeStampToken {
  int version = 2;  // 1 for "sigTst" (legacy), 2 for "sigTst2".
  ByteView value;   // DER: a TimeStampToken (v2) or TimeStampResp/token (v1).
};

struct Sign1 {
  ByteView protected_bytes;  // Contents of the protected-header bstr.
  cbor::Item protected_header;
  cbor::Item unprotected_header;
  ByteView signature;
  std::optional<int64_t> alg;
  std::vector<ByteView> x5chain;  // DER, end entity first.
  std::vector<TimeStampToken> timestamps;
  bool payload_detached = true;
};

// Parses COSE_Sign1_Tagged (or untagged) bytes; views point into `data`. kCorrupt when the
// structure is malformed (not an array of 4, headers not maps, signature not bytes).
Result<Sign1> parse_sign1(ByteView data);

// Sig_structure = ["Signature1", protected, external_aad = h'', payload] (RFC 9052 4.4).
Bytes sig_structure(ByteView protected_bytes, ByteView payload);
// The to-be-timestamped bytes for sigTst/sigTst2: ["CounterSignature", protected, h'', payload].
Bytes countersign_structure(ByteView protected_bytes, ByteView payload);

}  // namespace hallmark::c2pa::cose
