#include "hallmark/sha256.h"

#include <cstdlib>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "library_versions.h"

namespace hallmark {
namespace {

// Fetched once: an explicit fetch skips the per-call provider lookup of EVP_sha256().
const EVP_MD* sha256_md() {
  static const EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) {
      std::abort();  // No SHA-256 in the default provider: nothing can work.
    }
    return fetched;
  }();
  return md;
}

EVP_MD_CTX* as_ctx(void* p) {
  return static_cast<EVP_MD_CTX*>(p);
}

}  // namespace

Digest sha256(ByteView data) {
  thread_local Sha256 hasher;
  return hasher.update(data).finish();
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_DigestInit_ex2(as_ctx(ctx_), sha256_md(), nullptr) != 1) {
    std::abort();
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(as_ctx(ctx_));
}

Sha256& Sha256::update(ByteView data) {
  if (!data.empty()) {
    EVP_DigestUpdate(as_ctx(ctx_), data.data(), data.size());
  }
  return *this;
}

Digest Sha256::finish() {
  Digest out;
  unsigned int len = 0;
  EVP_DigestFinal_ex(as_ctx(ctx_), reinterpret_cast<unsigned char*>(out.data()), &len);
  EVP_DigestInit_ex2(as_ctx(ctx_), nullptr, nullptr);
  return out;
}

std::string digest_id(const Digest& digest) {
  return "sha256:" + to_hex(digest);
}

Result<Digest> parse_digest_id(std::string_view text) {
  constexpr std::string_view kPrefix = "sha256:";
  if (text.substr(0, kPrefix.size()) != kPrefix) {
    return corrupt("digest must start with \"sha256:\"");
  }
  Result<Digest> digest = fixed_from_hex<32>(text.substr(kPrefix.size()));
  if (!digest.ok()) {
    return corrupt("digest is not \"sha256:\" and 64 hex digits");
  }
  return digest;
}

std::string openssl_version() {
  return OpenSSL_version(OPENSSL_VERSION_STRING);
}

}  // namespace hallmark
