// libsodium's one-time initialisation, for the seam's libsodium users (ed25519.cpp, kdf.cpp,
// aead.cpp, random.cpp, secure_memory.cpp, base64.cpp). Callers outside src/crypto/ never need
// it: every seam function that needs libsodium initialises it first. Thread-safe.
#pragma once

namespace hallmark::crypto {

// Initialises libsodium once per process (later calls return at once). Aborts if libsodium
// cannot start (no usable random source): no key can be made or used safely then.
void ensure_sodium();

}  // namespace hallmark::crypto
