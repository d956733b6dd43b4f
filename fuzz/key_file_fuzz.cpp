// Key file readers: never crash, never accept a secret key whose public half does not match.
// The KDF cost is capped by the reader; the fuzzer gives a passphrase so encrypted files are
// exercised too (bounded: libFuzzer's -rss_limit_mb catches a cap that fails).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hallmark/keys.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hallmark;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)keys::parse_public_key_file(text);
  (void)keys::parse_public_key(text);
  (void)keys::public_key_of_secret_key_file(text);
  // Skip inputs that would spend seconds in Argon2id: they exercise nothing new.
  if (text.find("\nmem: ") != std::string_view::npos && size > 0 && data[size / 2] % 8 != 0) {
    return 0;
  }
  Result<keys::NamedSecretKey> k = keys::parse_secret_key_file(
      text, [] { return Result<keys::Secret>(keys::Secret::from("pw")); });
  if (k.ok()) {
    Result<keys::NamedPublicKey> pub = keys::public_key_of_secret_key_file(text);
    if (!pub.ok() || pub->key != k->key.public_key()) {
      std::abort();
    }
  }
  return 0;
}
