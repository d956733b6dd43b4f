#include "hallmark/version.h"

#include "library_versions.h"

namespace hallmark {

std::string version() {
  return HALLMARK_VERSION;
}

std::vector<LibraryVersion> library_versions() {
  return {
      {"libsodium", crypto::libsodium_version()},
      {"OpenSSL", crypto::openssl_version()},
      {"SQLite", log::sqlite_version()},
      {"libavformat", media::internal::libavformat_version()},
      {"libavcodec", media::internal::libavcodec_version()},
      {"FFmpeg", media::internal::ffmpeg_version()},
      {"libexif", media::internal::libexif_version()},
      {"nlohmann/json", json_util::library_version()},
  };
}

std::string version_text(const std::vector<LibraryVersion>& extra) {
  std::string text = "hallmark " + version();
  for (const std::vector<LibraryVersion>& list : {library_versions(), extra}) {
    for (const LibraryVersion& lib : list) {
      text += "\n  " + lib.name + " " + lib.version;
    }
  }
  return text;
}

}  // namespace hallmark
