#include "crypto/base64.h"

#include <cstdlib>

#include <sodium.h>

#include "crypto/sodium.h"

namespace hallmark::crypto {

std::optional<size_t> secret_base64_decode(std::string_view text, std::span<std::byte> out) {
  ensure_sodium();
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  return len;
}

size_t secret_base64_encoded_size(size_t n) {
  return sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
}

void secret_base64_encode(ByteView bytes, std::span<char> out) {
  if (out.size() != secret_base64_encoded_size(bytes.size())) {
    std::abort();
  }
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
}

}  // namespace hallmark::crypto
