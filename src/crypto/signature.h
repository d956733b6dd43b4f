// Signature verification for the COSE algorithms C2PA allows, with the public key of a signer's
// X.509 certificate: ECDSA on P-256/384/521 with raw r||s signatures (ES256/384/512), RSASSA-PSS
// with SHA-2 and MGF1 (PS256/384/512), and Ed25519. Algorithms are named by their COSE (IANA)
// numbers. Over OpenSSL; hallmark's own manifest signatures are ed25519.h's.
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::crypto {

// Names of COSE algorithms C2PA allows: -7 "es256", -35 "es384", -36 "es512", -37 "ps256",
// -38 "ps384", -39 "ps512", -8 "ed25519"; "" for others.
std::string cose_alg_name(int64_t alg);

// Verifies `signature` over `tbs` with the public key of `cert_der` for COSE algorithm `alg`.
// OK when valid; kInvalidArgument when the certificate's key is of another kind than `alg`
// (EC, RSA, Ed25519); kVerifyFailed with a reason (bad encoding, wrong curve, unsupported
// algorithm, mismatch) otherwise. The certificate itself is not judged here (x509.h).
Status verify_signature(int64_t alg, ByteView cert_der, ByteView tbs, ByteView signature);

}  // namespace hallmark::crypto
