// Internal to the crypto seam (src/crypto/*.cpp only; no header outside the seam includes it):
// the owning pointers of the OpenSSL objects the seam uses, defined once, so that every
// digest context, key and certificate is freed the same way.
#pragma once

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

}  // namespace hallmark::crypto
