// The version of each C library libhallmark links, as the library reports itself at run time
// (the shared object actually loaded, not the headers built against). Each function is defined
// by the one module that includes its library (STYLE.md: a C library has one user), so that
// version.cpp, which collects them, includes none. Thread-safe.
#pragma once

#include <string>

namespace hallmark::crypto {
std::string libsodium_version();  // src/crypto/sodium.cpp: "1.0.18".
std::string openssl_version();    // src/crypto/digest.cpp: "3.0.19" (libcrypto).
}  // namespace hallmark::crypto

namespace hallmark::log {
std::string sqlite_version();  // src/log/sqlite_store.cpp: "3.40.1".
}  // namespace hallmark::log

namespace hallmark::json_util {
std::string library_version();  // src/canonical_json.cpp: "3.11.2" (header-only: compiled in).
}  // namespace hallmark::json_util

namespace hallmark::media::internal {
// src/media/av_streams.cpp: "59.27.100", "59.37.100", and FFmpeg's release, "5.1.8-0+deb12u1".
std::string libavformat_version();
std::string libavcodec_version();
std::string ffmpeg_version();
// src/media/exif.cpp: "0.6.24". libexif has no version call: this is the version built
// against, as pkg-config reported it.
std::string libexif_version();
}  // namespace hallmark::media::internal
