// RFC 3161 timestamp tokens over OpenSSL (CMS and TS).
#include "crypto/timestamp.h"

#include <cstring>
#include <ctime>
#include <memory>

#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include "crypto/openssl_ptr.h"
#include "crypto/x509.h"

namespace hallmark::crypto {
Result<TimeStamp> parse_timestamp(ByteView token, ByteView expected_data) {
  const auto* p = reinterpret_cast<const unsigned char*>(token.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(token.size())));
  if (!cms) {
    // A TimeStampResp: take its token.
    p = reinterpret_cast<const unsigned char*>(token.data());
    TsRespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(token.size())));
    PKCS7* p7 = resp ? TS_RESP_get_token(resp.get()) : nullptr;
    if (p7 != nullptr) {
      unsigned char* der = nullptr;
      const int n = i2d_PKCS7(p7, &der);
      if (n > 0) {
        const unsigned char* q = der;
        cms.reset(d2i_CMS_ContentInfo(nullptr, &q, n));
      }
      OPENSSL_free(der);
    }
  }
  ERR_clear_error();
  if (!cms) {
    return corrupt("timestamp: not a TimeStampToken");
  }
  ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
  if (content == nullptr || *content == nullptr) {
    return corrupt("timestamp: no TstInfo");
  }
  const unsigned char* q = ASN1_STRING_get0_data(*content);
  TstPtr tst(d2i_TS_TST_INFO(nullptr, &q, ASN1_STRING_length(*content)));
  if (!tst) {
    ERR_clear_error();
    return corrupt("timestamp: no TstInfo");
  }
  TimeStamp out;
  out.gen_time = asn1_time_to_unix(TS_TST_INFO_get_time(tst.get()));
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(tst.get());
  X509_ALGOR* algo = TS_MSG_IMPRINT_get_algo(imprint);
  ASN1_OCTET_STRING* msg = TS_MSG_IMPRINT_get_msg(imprint);
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, algo);
  const EVP_MD* md = EVP_get_digestbyobj(obj);
  if (md != nullptr) {
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned int hn = 0;
    if (EVP_Digest(expected_data.data(), expected_data.size(), h, &hn, md, nullptr) == 1) {
      out.imprint_matches = static_cast<int>(hn) == ASN1_STRING_length(msg) &&
                            std::memcmp(h, ASN1_STRING_get0_data(msg), hn) == 0;
    }
  }
  out.signature_valid = CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr,
                                   CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
  ERR_clear_error();
  STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
  if (signers != nullptr && sk_X509_num(signers) > 0) {
    X509* s = sk_X509_value(signers, 0);
    unsigned char* der = nullptr;
    const int n = i2d_X509(s, &der);
    if (n > 0) {
      out.tsa_chain.emplace_back(reinterpret_cast<std::byte*>(der),
                                 reinterpret_cast<std::byte*>(der) + n);
      // The name as x509.h reads it: a certificate OpenSSL decoded inside the token decodes
      // again from its own DER, so this is its subject's common name.
      if (Result<CertSummary> c = summarize(out.tsa_chain.back()); c.ok()) {
        out.tsa_name = c->subject_cn;
      }
    }
    OPENSSL_free(der);
  }
  sk_X509_free(signers);
  ERR_clear_error();
  return out;
}

}  // namespace hallmark::crypto
