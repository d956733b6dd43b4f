// Base64 for secret material (standard alphabet, padded: RFC 4648 section 4), in constant time
// over libsodium, so that no table lookup is indexed by a secret byte. Both functions read and
// write caller-owned buffers (guarded memory for secrets), and keep no copy. For public data,
// hallmark/bytes.h's to_base64/from_base64 serve. Thread-safety: thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "hallmark/bytes.h"

namespace hallmark::crypto {

// Decodes the whole of `text` into `out`: the number of bytes written, or nullopt when `text`
// is not base64 from end to end (padding required, no whitespace) or decodes to more than
// out.size() bytes.
std::optional<size_t> secret_base64_decode(std::string_view text, std::span<std::byte> out);

// The size of the encoding of `n` bytes, with its terminating NUL.
size_t secret_base64_encoded_size(size_t n);

// Writes the encoding of `bytes` and a terminating NUL to `out`, which must hold
// secret_base64_encoded_size(bytes.size()) bytes (aborts otherwise).
void secret_base64_encode(ByteView bytes, std::span<char> out);

}  // namespace hallmark::crypto
