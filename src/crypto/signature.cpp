// Signature checks over OpenSSL for the COSE algorithms C2PA allows, with the key of the
// signer's certificate (x509.h).
#include "crypto/signature.h"

#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "crypto/openssl_ptr.h"
#include "crypto/x509.h"

namespace hallmark::crypto {
namespace {

// Raw r||s (IEEE P1363) to DER, as OpenSSL verifies ECDSA.
bool p1363_to_der(ByteView sig, size_t field_bytes, Bytes& der) {
  if (sig.size() != 2 * field_bytes) {
    return false;
  }
  ECDSA_SIG* es = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(sig.data()),
                        static_cast<int>(field_bytes), nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(sig.data()) + field_bytes,
                        static_cast<int>(field_bytes), nullptr);
  if (es == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(es, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    return false;
  }
  unsigned char* out = nullptr;
  const int n = i2d_ECDSA_SIG(es, &out);
  ECDSA_SIG_free(es);
  if (n <= 0) {
    return false;
  }
  der.assign(reinterpret_cast<std::byte*>(out), reinterpret_cast<std::byte*>(out) + n);
  OPENSSL_free(out);
  return true;
}

// A signing certificate whose key is of another kind than the algorithm (c2pa-rs reports
// this as signingCredential.invalid as well as a signature mismatch).
Status key_mismatch(const char* kind) {
  return invalid_argument(
      std::string("certificate key algorithm does not match COSE signing algorithm (not an ") +
      kind + " key)");
}

}  // namespace

std::string cose_alg_name(int64_t alg) {
  switch (alg) {
    case -7:
      return "es256";
    case -35:
      return "es384";
    case -36:
      return "es512";
    case -37:
      return "ps256";
    case -38:
      return "ps384";
    case -39:
      return "ps512";
    case -8:
      return "ed25519";
    default:
      return "";
  }
}

Status verify_signature(int64_t alg, ByteView cert_der, ByteView tbs, ByteView signature) {
  const Result<Bytes> spki = certificate_public_key(cert_der);
  if (!spki.ok()) {
    return verify_failed("signing certificate cannot be parsed");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(spki->data());
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki->size())));
  ERR_clear_error();
  if (!key) {
    return verify_failed("signing certificate has no usable public key");
  }
  const int type = EVP_PKEY_get_base_id(key.get());
  const EVP_MD* md = nullptr;
  Bytes der_sig;
  ByteView sig = signature;
  bool pss = false;
  switch (alg) {
    case -7:
    case -35:
    case -36: {
      if (type != EVP_PKEY_EC) {
        return key_mismatch("EC");
      }
      char group[64] = {};
      size_t glen = 0;
      EVP_PKEY_get_group_name(key.get(), group, sizeof group, &glen);
      const std::string g(group);
      const char* want = alg == -7 ? "prime256v1" : alg == -35 ? "secp384r1" : "secp521r1";
      if (g != want) {
        return verify_failed("certificate curve " + g + " does not match the algorithm");
      }
      md = alg == -7 ? EVP_sha256() : alg == -35 ? EVP_sha384() : EVP_sha512();
      const size_t field = alg == -7 ? 32 : alg == -35 ? 48 : 66;
      if (!p1363_to_der(signature, field, der_sig)) {
        return verify_failed("EC signature should be in P1363 r|s format");
      }
      sig = der_sig;
      break;
    }
    case -37:
    case -38:
    case -39:
      if (type != EVP_PKEY_RSA && type != EVP_PKEY_RSA_PSS) {
        return key_mismatch("RSA");
      }
      md = alg == -37 ? EVP_sha256() : alg == -38 ? EVP_sha384() : EVP_sha512();
      pss = true;
      break;
    case -8:
      if (type != EVP_PKEY_ED25519) {
        return key_mismatch("Ed25519");
      }
      break;
    default:
      return verify_failed("unsupported signature algorithm " + std::to_string(alg));
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.get()) != 1) {
    ERR_clear_error();
    return verify_failed("cannot initialise signature verification");
  }
  if (pss) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1) {
      ERR_clear_error();
      return verify_failed("cannot set RSA-PSS parameters");
    }
  }
  const int rc =
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(tbs.data()), tbs.size());
  ERR_clear_error();
  if (rc != 1) {
    return verify_failed("signature does not match");
  }
  return {};
}

}  // namespace hallmark::crypto
