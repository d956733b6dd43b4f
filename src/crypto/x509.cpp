// X.509 over OpenSSL: strict certificate parsing (with the re-tagging of invalid UTF-8 names
// that c2pa-rs's reader tolerates), the C2PA signer profile, and chain building to trust anchors.
#include "crypto/x509.h"

#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "crypto/openssl_ptr.h"

namespace hallmark::crypto {
namespace {

X509Ptr parse_strict(ByteView der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (x != nullptr && p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    X509_free(x);  // Trailing bytes after the certificate.
    x = nullptr;
  }
  ERR_clear_error();
  return X509Ptr(x);
}

// --- Certificates whose names hold invalid UTF-8.
// OpenSSL refuses to decode a certificate with a UTF8String name attribute that is not UTF-8;
// c2pa-rs (x509-parser) reads it, and judges the certificate on its merits. To judge it the
// same way, such attributes are re-tagged T61String (same length, bytes kept), which OpenSSL
// decodes as Latin-1, so it accepts any bytes. The copy's own TBS no longer carries the issuer's
// signature, so every signature over it is checked against the original bytes (verify_original).

// One DER item: tag, and where its content lies. False when it does not fit in [pos, end).
struct Der {
  uint8_t tag = 0;
  size_t start = 0;  // First byte of the item.
  size_t body = 0;   // First byte of its content.
  size_t end = 0;    // One past its content.
};
bool der_at(ByteView b, size_t pos, size_t end, Der* out) {
  if (pos + 2 > end) {
    return false;
  }
  out->tag = static_cast<uint8_t>(b[pos]);
  out->start = pos;
  size_t n = static_cast<uint8_t>(b[pos + 1]);
  size_t head = 2;
  if (n & 0x80) {
    const size_t k = n & 0x7f;
    if (k == 0 || k > 4 || pos + 2 + k > end) {
      return false;
    }
    n = 0;
    for (size_t i = 0; i < k; ++i) {
      n = (n << 8) | static_cast<uint8_t>(b[pos + 2 + i]);
    }
    head += k;
  }
  if (n > end - pos - head) {
    return false;
  }
  out->body = pos + head;
  out->end = out->body + n;
  return true;
}

// The children of a constructed item.
std::vector<Der> der_children(ByteView b, const Der& parent) {
  std::vector<Der> out;
  for (size_t pos = parent.body; pos < parent.end;) {
    Der d;
    if (!der_at(b, pos, parent.end, &d)) {
      return {};
    }
    out.push_back(d);
    pos = d.end;
  }
  return out;
}

bool valid_utf8(ByteView s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<uint8_t>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) {
      return false;  // Truncated sequence.
    }
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

// A copy of `der` with every UTF8String attribute of its issuer and subject names that is not
// UTF-8 re-tagged T61String; nullopt when there is none (or the DER cannot be walked).
std::optional<Bytes> retag_bad_names(ByteView der) {
  Der cert, tbs;
  if (!der_at(der, 0, der.size(), &cert) || cert.tag != 0x30 ||
      !der_at(der, cert.body, cert.end, &tbs) || tbs.tag != 0x30) {
    return std::nullopt;
  }
  std::vector<Der> fields = der_children(der, tbs);
  size_t first = !fields.empty() && fields[0].tag == 0xA0 ? 1 : 0;  // [0] version
  if (fields.size() < first + 5) {
    return std::nullopt;
  }
  Bytes out(der.begin(), der.end());
  bool changed = false;
  for (const Der& name : {fields[first + 2], fields[first + 4]}) {  // issuer, subject
    for (const Der& rdn : der_children(der, name)) {
      for (const Der& atv : der_children(der, rdn)) {
        const std::vector<Der> kv = der_children(der, atv);
        if (kv.size() == 2 && kv[1].tag == 0x0C &&
            !valid_utf8(der.subspan(kv[1].body, kv[1].end - kv[1].body))) {
          out[kv[1].start] = std::byte{0x14};  // T61String
          changed = true;
        }
      }
    }
  }
  return changed ? std::optional<Bytes>(std::move(out)) : std::nullopt;
}

// A certificate as OpenSSL holds it, and whether it is a re-tagged copy of `original`.
struct Cert {
  X509Ptr x;
  bool retagged = false;
  ByteView original;
  explicit operator bool() const { return x != nullptr; }
  X509* get() const { return x.get(); }
};

Cert parse_cert(ByteView der) {
  Cert c;
  c.original = der;
  c.x = parse_strict(der);
  if (!c.x) {
    if (std::optional<Bytes> copy = retag_bad_names(der)) {
      c.x = parse_strict(*copy);
      c.retagged = c.x != nullptr;
    }
  }
  return c;
}

// Verifies the issuer's signature over the original TBS bytes of `c` with `issuer_key`, for
// the signature algorithms CAs use (ECDSA, RSA PKCS#1 v1.5, Ed25519; not RSA-PSS, whose
// parameters this does not read: such a certificate is then not verified).
bool verify_original(const Cert& c, EVP_PKEY* issuer_key) {
  const ByteView der = c.original;
  Der cert, tbs, alg, sig;
  if (issuer_key == nullptr || !der_at(der, 0, der.size(), &cert) ||
      !der_at(der, cert.body, cert.end, &tbs) || !der_at(der, tbs.end, cert.end, &alg) ||
      !der_at(der, alg.end, cert.end, &sig) || sig.tag != 0x03 || sig.end != cert.end ||
      sig.body == sig.end || der[sig.body] != std::byte{0}) {
    return false;
  }
  const X509_ALGOR* inner = X509_get0_tbs_sigalg(c.get());
  const X509_ALGOR* outer = nullptr;
  X509_get0_signature(nullptr, &outer, c.get());
  int md_nid = NID_undef;
  int pk_nid = NID_undef;
  const int nid = X509_get_signature_nid(c.get());
  if (outer == nullptr || X509_ALGOR_cmp(inner, outer) != 0 || nid == NID_rsassaPss ||
      OBJ_find_sigid_algs(nid, &md_nid, &pk_nid) != 1 ||
      EVP_PKEY_get_base_id(issuer_key) != pk_nid) {
    return false;
  }
  const EVP_MD* md = md_nid == NID_undef ? nullptr : EVP_get_digestbynid(md_nid);
  if (md_nid != NID_undef && md == nullptr) {
    return false;
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, issuer_key) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der.data()) + sig.body + 1,
                       sig.end - sig.body - 1,
                       reinterpret_cast<const unsigned char*>(der.data()) + tbs.start,
                       tbs.end - tbs.start) == 1;
  ERR_clear_error();
  return ok;
}

std::string name_entry(const X509_NAME* name, int nid, bool retagged = false) {
  if (name == nullptr) {
    return "";
  }
  const int idx = X509_NAME_get_index_by_NID(name, nid, -1);
  if (idx < 0) {
    return "";
  }
  const ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  if (retagged && ASN1_STRING_type(s) == V_ASN1_T61STRING) {
    // Of a re-tagged certificate (see retag_bad_names): the bytes as UTF-8, with U+FFFD for
    // each byte that does not decode.
    std::string out;
    const auto* d = ASN1_STRING_get0_data(s);
    const auto n = static_cast<size_t>(ASN1_STRING_length(s));
    for (size_t i = 0; i < n;) {
      size_t len = 1;
      while (len <= 4 && i + len <= n &&
             !valid_utf8(ByteView(reinterpret_cast<const std::byte*>(d + i), len))) {
        ++len;
      }
      if (len <= 4 && i + len <= n) {
        out.append(reinterpret_cast<const char*>(d + i), len);
        i += len;
      } else {
        out += "\xEF\xBF\xBD";
        ++i;
      }
    }
    return out;
  }
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, s);
  if (n < 0) {
    return "";
  }
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

bool has_ext_oid(X509* x, const char* oid_text) {
  ASN1_OBJECT* want = OBJ_txt2obj(oid_text, 1);
  bool found = false;
  if (auto* eku = static_cast<EXTENDED_KEY_USAGE*>(
          X509_get_ext_d2i(x, NID_ext_key_usage, nullptr, nullptr))) {
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
      if (OBJ_cmp(sk_ASN1_OBJECT_value(eku, i), want) == 0) {
        found = true;
      }
    }
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
  }
  ASN1_OBJECT_free(want);
  return found;
}

// One of the extended key usages c2pa-rs accepts for a claim signer (valid_eku_oids.cfg plus
// the three it always allows): emailProtection, documentSigning, C2PA claimSigning, the
// Microsoft C2PA purpose, timeStamping, OCSPSigning.
bool has_accepted_eku(X509* x) {
  static const char* kAccepted[] = {"1.3.6.1.5.5.7.3.4",     "1.3.6.1.5.5.7.3.36",
                                    "1.3.6.1.4.1.62558.2.1", "1.3.6.1.4.1.311.76.59.1.9",
                                    "1.3.6.1.5.5.7.3.8",     "1.3.6.1.5.5.7.3.9"};
  for (const char* oid : kAccepted) {
    if (has_ext_oid(x, oid)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<CertSummary> summarize(ByteView cert_der) {
  Cert cert = parse_cert(cert_der);
  if (!cert) {
    return corrupt("certificate cannot be parsed");
  }
  CertSummary s;
  const bool r = cert.retagged;
  s.subject_cn = name_entry(X509_get_subject_name(cert.get()), NID_commonName, r);
  s.subject_o = name_entry(X509_get_subject_name(cert.get()), NID_organizationName, r);
  s.issuer_cn = name_entry(X509_get_issuer_name(cert.get()), NID_commonName, r);
  s.issuer_o = name_entry(X509_get_issuer_name(cert.get()), NID_organizationName, r);
  s.not_before = asn1_time_to_unix(X509_get0_notBefore(cert.get()));
  s.not_after = asn1_time_to_unix(X509_get0_notAfter(cert.get()));
  return s;
}

Result<Bytes> certificate_public_key(ByteView cert_der) {
  Cert cert = parse_cert(cert_der);
  if (!cert) {
    return corrupt("certificate cannot be parsed");
  }
  unsigned char* der = nullptr;
  const int n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &der);
  ERR_clear_error();
  if (n <= 0) {
    return corrupt("certificate public key cannot be encoded");
  }
  Bytes out(reinterpret_cast<std::byte*>(der), reinterpret_cast<std::byte*>(der) + n);
  OPENSSL_free(der);
  return out;
}

CertVerdict check_signer_profile(ByteView cert_der, int64_t at) {
  auto invalid = [](std::string why) { return CertVerdict{"signingCredential.invalid", why}; };
  Cert cert = parse_cert(cert_der);
  if (!cert) {
    return invalid("certificate could not be parsed");
  }
  X509* x = cert.get();
  if (X509_get_version(x) != 2) {
    return invalid("certificate version incorrect");
  }
  const int64_t nb = asn1_time_to_unix(X509_get0_notBefore(x));
  const int64_t na = asn1_time_to_unix(X509_get0_notAfter(x));
  if (at < nb || at > na) {
    return CertVerdict{"signingCredential.expired", "certificate expired"};
  }
  switch (X509_get_signature_nid(x)) {
    case NID_ecdsa_with_SHA256:
    case NID_ecdsa_with_SHA384:
    case NID_ecdsa_with_SHA512:
    case NID_sha256WithRSAEncryption:
    case NID_sha384WithRSAEncryption:
    case NID_sha512WithRSAEncryption:
    case NID_rsassaPss:
    case NID_ED25519:
      break;
    default:
      return invalid("certificate signature algorithm not allowed");
  }
  const ASN1_BIT_STRING* iuid = nullptr;
  const ASN1_BIT_STRING* suid = nullptr;
  X509_get0_uids(x, &iuid, &suid);
  if (iuid != nullptr || suid != nullptr) {
    return invalid("certificate has unique ids");
  }
  EVP_PKEY* key = X509_get0_pubkey(x);
  if (key == nullptr) {
    return invalid("certificate public key unusable");
  }
  const int type = EVP_PKEY_get_base_id(key);
  if (type == EVP_PKEY_RSA || type == EVP_PKEY_RSA_PSS) {
    if (EVP_PKEY_get_bits(key) < 2048) {
      return invalid("certificate RSA key too small");
    }
  } else if (type == EVP_PKEY_EC) {
    char group[64] = {};
    size_t glen = 0;
    EVP_PKEY_get_group_name(key, group, sizeof group, &glen);
    const std::string g(group);
    if (g != "prime256v1" && g != "secp384r1" && g != "secp521r1") {
      return invalid("certificate curve not allowed");
    }
  } else if (type != EVP_PKEY_ED25519) {
    return invalid("certificate key type not allowed");
  }
  const uint32_t flags = X509_get_extension_flags(x);  // Also caches the extensions.
  if (flags & EXFLAG_INVALID) {
    ERR_clear_error();
    return invalid("certificate extensions malformed");
  }
  if (flags & EXFLAG_CRITICAL) {
    return invalid("certificate has an unsupported critical extension");
  }
  if ((flags & EXFLAG_SS) != 0 && X509_check_issued(x, x) == X509_V_OK) {
    PkeyPtr self(X509_get_pubkey(x));
    if (self &&
        (cert.retagged ? verify_original(cert, self.get()) : X509_verify(x, self.get()) == 1)) {
      ERR_clear_error();
      return invalid("certificate issuer and subject cannot be the same (self-signed disallowed)");
    }
    ERR_clear_error();
  }
  if (X509_get0_authority_key_id(x) == nullptr) {
    return invalid("certificate missing authority key identifier");
  }
  if (flags & EXFLAG_CA) {
    return invalid("end-entity certificate is a CA");
  }
  if ((flags & EXFLAG_KUSAGE) == 0 || (X509_get_key_usage(x) & KU_DIGITAL_SIGNATURE) == 0) {
    return invalid("certificate missing digitalSignature key usage");
  }
  if ((X509_get_key_usage(x) & KU_KEY_CERT_SIGN) != 0) {
    return invalid("keyCertSign key usage on an end-entity certificate");
  }
  if ((flags & EXFLAG_XKUSAGE) == 0) {
    return invalid("certificate missing extended key usage");
  }
  if (has_ext_oid(x, "2.5.29.37.0")) {
    return invalid("anyExtendedKeyUsage not allowed");
  }
  if (!has_accepted_eku(x)) {
    return invalid("certificate extended key usage not accepted");
  }
  return {};
}

bool has_trust_eku(ByteView cert_der) {
  Cert cert = parse_cert(cert_der);
  return cert && (X509_get_extension_flags(cert.get()) & EXFLAG_XKUSAGE) != 0 &&
         has_accepted_eku(cert.get());
}

TrustAnchors::TrustAnchors() : store_(X509_STORE_new()) {}

TrustAnchors::~TrustAnchors() {
  X509_STORE_free(static_cast<X509_STORE*>(store_));
}

Status TrustAnchors::add_pem(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  size_t added = 0;
  while (X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(static_cast<X509_STORE*>(store_), x);
    X509_free(x);
    ++added;
  }
  ERR_clear_error();
  BIO_free(bio);
  if (added == 0) {
    return corrupt("no PEM certificate found");
  }
  count_ += added;
  return {};
}

Status TrustAnchors::add_pem_file(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return errno_status(path, errno);
  }
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < (64u << 20)) {
    text.append(buf, n);
  }
  std::fclose(f);
  return add_pem(text).with_context(path);
}

namespace {

// For a re-tagged end entity only: OpenSSL finds the copy's signature broken (its TBS is not
// what the issuer signed), so that one failure is replaced by the check of the original bytes
// against the issuer OpenSSL chose. Every other check of the path stays OpenSSL's.
int accept_original_signature(int ok, X509_STORE_CTX* ctx) {
  const auto* leaf = static_cast<const Cert*>(X509_STORE_CTX_get_app_data(ctx));
  if (ok || leaf == nullptr || X509_STORE_CTX_get_error(ctx) != X509_V_ERR_CERT_SIGNATURE_FAILURE ||
      X509_STORE_CTX_get_error_depth(ctx) != 0 ||
      X509_STORE_CTX_get_current_cert(ctx) != leaf->get()) {
    return ok;
  }
  STACK_OF(X509)* path = X509_STORE_CTX_get0_chain(ctx);
  X509* issuer = path != nullptr && sk_X509_num(path) > 1 ? sk_X509_value(path, 1) : nullptr;
  if (issuer == nullptr || !verify_original(*leaf, X509_get0_pubkey(issuer))) {
    return ok;
  }
  X509_STORE_CTX_set_error(ctx, X509_V_OK);
  return 1;
}

}  // namespace

bool TrustAnchors::trusted(const std::vector<ByteView>& chain, int64_t at) const {
  if (chain.empty() || count_ == 0) {
    return false;
  }
  Cert leaf = parse_cert(chain[0]);
  if (!leaf) {
    return false;
  }
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  for (size_t i = 1; i < chain.size(); ++i) {
    if (X509* x = parse_cert(chain[i]).x.release()) {
      sk_X509_push(untrusted, x);
    }
  }
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  bool ok = false;
  if (ctx != nullptr &&
      X509_STORE_CTX_init(ctx, static_cast<X509_STORE*>(store_), leaf.get(), untrusted) == 1) {
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at));
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    if (leaf.retagged) {
      X509_STORE_CTX_set_app_data(ctx, &leaf);
      X509_STORE_CTX_set_verify_cb(ctx, accept_original_signature);
    }
    ok = X509_verify_cert(ctx) == 1;
  }
  ERR_clear_error();
  X509_STORE_CTX_free(ctx);
  sk_X509_pop_free(untrusted, X509_free);
  return ok;
}

}  // namespace hallmark::crypto
