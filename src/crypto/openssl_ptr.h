// Internal to the crypto seam (src/crypto/*.cpp only; no header outside the seam includes it):
// the owning pointers of the OpenSSL objects the seam uses, defined once, so that every
// digest context, key and certificate is freed the same way; and the one ASN.1 time reader.
#pragma once

#include <time.h>

#include <cstdint>
#include <cstring>
#include <memory>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

namespace hallmark::crypto {

template <typename T, void (*F)(T*)>
struct OpensslDeleter {
  void operator()(T* p) const { F(p); }
};

// The one digest-context wrapper: digest.cpp hashes with it, signature.cpp and x509.cpp verify
// with it.
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpensslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpensslDeleter<X509, X509_free>>;
using CmsPtr =
    std::unique_ptr<CMS_ContentInfo, OpensslDeleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using TstPtr = std::unique_ptr<TS_TST_INFO, OpensslDeleter<TS_TST_INFO, TS_TST_INFO_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, OpensslDeleter<TS_RESP, TS_RESP_free>>;

// Unix seconds of an ASN.1 time (certificate validity, timestamp genTime), 0 when absent or
// unreadable.
inline int64_t asn1_time_to_unix(const ASN1_TIME* t) {
  struct tm tm;
  std::memset(&tm, 0, sizeof tm);
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    return 0;
  }
  return static_cast<int64_t>(timegm(&tm));
}

}  // namespace hallmark::crypto
