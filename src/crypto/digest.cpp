// SHA-2 over OpenSSL's EVP interface: crypto::digest, crypto::Hasher and the public Sha256 share
// the context functions below, over openssl_ptr.h's MdCtxPtr (the seam's one wrapper).
#include "crypto/digest.h"

#include <cstdlib>
#include <optional>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "crypto/openssl_ptr.h"
#include "hallmark/sha256.h"
#include "library_versions.h"

namespace hallmark {
namespace crypto {
namespace {

// Fetched once: an explicit fetch skips the per-call provider lookup of EVP_sha256() and
// friends. No SHA-2 in the default provider: nothing can work, so abort.
const EVP_MD* fetch(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) {
    std::abort();
  }
  return md;
}

const EVP_MD* sha256_md() {
  static const EVP_MD* md = fetch("SHA256");
  return md;
}

// The digest named as C2PA names it ("sha256", "sha384", "sha512"); nullptr for others.
const EVP_MD* md_named(std::string_view alg) {
  if (alg == "sha256") {
    return sha256_md();
  }
  if (alg == "sha384") {
    static const EVP_MD* md = fetch("SHA384");
    return md;
  }
  if (alg == "sha512") {
    static const EVP_MD* md = fetch("SHA512");
    return md;
  }
  return nullptr;
}

Status unsupported_alg(std::string_view alg) {
  return unsupported("hash algorithm \"" + std::string(alg) + "\" is not supported");
}

// --- The digest-context wrapper. A context is an EVP_MD_CTX*, held as void* by classes whose
// headers must not name OpenSSL.

EVP_MD_CTX* as_ctx(void* p) {
  return static_cast<EVP_MD_CTX*>(p);
}

// A context ready to hash with `md`, released to its holder; nullptr if OpenSSL cannot make
// one.
void* context_new(const EVP_MD* md) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1) {
    return nullptr;
  }
  return ctx.release();
}

// Takes back a context of context_new() and frees it; nullptr is a no-op.
void context_free(void* ctx) {
  const MdCtxPtr owned(as_ctx(ctx));
}

void context_update(void* ctx, ByteView data) {
  if (!data.empty()) {
    EVP_DigestUpdate(as_ctx(ctx), data.data(), data.size());
  }
}

// Writes the digest to `out`, which has room for it (EVP_MAX_MD_SIZE bytes hold any), and
// returns its length; the context then starts afresh with the same digest.
unsigned int context_finish(void* ctx, unsigned char* out) {
  unsigned int len = 0;
  EVP_DigestFinal_ex(as_ctx(ctx), out, &len);
  EVP_DigestInit_ex2(as_ctx(ctx), nullptr, nullptr);
  return len;
}

}  // namespace

Result<Bytes> digest(std::string_view alg, ByteView data) {
  const EVP_MD* md = md_named(alg);
  if (md == nullptr) {
    return unsupported_alg(alg);
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), out, &n, md, nullptr) != 1) {
    return internal_error("digest failed");
  }
  return Bytes(reinterpret_cast<std::byte*>(out), reinterpret_cast<std::byte*>(out) + n);
}

Result<std::unique_ptr<Hasher>> Hasher::create(std::string_view alg) {
  const EVP_MD* md = md_named(alg);
  if (md == nullptr) {
    return unsupported_alg(alg);
  }
  std::unique_ptr<Hasher> h(new Hasher());
  h->ctx_ = context_new(md);
  if (h->ctx_ == nullptr) {
    return internal_error("digest init failed");
  }
  return h;
}

Hasher::~Hasher() {
  context_free(ctx_);
}

void Hasher::update(ByteView data) {
  context_update(ctx_, data);
}

Bytes Hasher::finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  const unsigned int n = context_finish(ctx_, out);
  return Bytes(reinterpret_cast<std::byte*>(out), reinterpret_cast<std::byte*>(out) + n);
}

std::string openssl_version() {
  return OpenSSL_version(OPENSSL_VERSION_STRING);
}

}  // namespace crypto

// --- hallmark/sha256.h, over the same wrapper.

Digest sha256(ByteView data) {
  thread_local Sha256 hasher;
  return hasher.update(data).finish();
}

Sha256::Sha256() : ctx_(crypto::context_new(crypto::sha256_md())) {
  if (ctx_ == nullptr) {
    std::abort();
  }
}

Sha256::~Sha256() {
  crypto::context_free(ctx_);
}

Sha256& Sha256::update(ByteView data) {
  crypto::context_update(ctx_, data);
  return *this;
}

Digest Sha256::finish() {
  Digest out;
  crypto::context_finish(ctx_, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace hallmark
