// Helpers for the doctest suite: test data, the shared reference data, scratch directories.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "hallmark/bytes.h"
#include "hallmark/c2pa.h"
#include "hallmark/file_binding.h"
#include "hallmark/input_file.h"
#include "hallmark/media.h"
#include "hallmark/sha256.h"

namespace hallmark::test {

namespace fs = std::filesystem;

// The library binds open files (InputFile); the tests name them by path.
inline Result<FileBinding> bind_path(const fs::path& path, const BindOptions& options = {}) {
  Result<InputFile> in = InputFile::open(path.string());
  if (!in.ok()) {
    return in.status();
  }
  return bind_file(*in, options);
}
inline Result<media::MediaBinding> bind_media_path(const fs::path& path,
                                                   const media::MediaOptions& options = {}) {
  Result<InputFile> in = InputFile::open(path.string());
  if (!in.ok()) {
    return in.status();
  }
  return media::bind_media(*in, options);
}
inline Result<C2paReport> read_c2pa_path(const fs::path& path, const C2paOptions& options) {
  Result<InputFile> in = InputFile::open(path.string());
  if (!in.ok()) {
    return in.status();
  }
  return read_c2pa(*in, options);
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  REQUIRE(out.good());
}

inline nlohmann::json load_json(const fs::path& path) {
  return nlohmann::json::parse(read_text(path));
}

inline fs::path data_dir() {
  return HALLMARK_TEST_DATA;
}

// The team's reference data (../shared), read in place: $HALLMARK_SHARED, then the folder next
// to the checkout, then /work/shared. Empty when absent; tests then skip with a message.
inline std::optional<fs::path> shared_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("HALLMARK_SHARED")) {
    candidates.emplace_back(env);
  }
  candidates.emplace_back(HALLMARK_SHARED_DIR);
  candidates.emplace_back("/work/shared");
  for (const fs::path& p : candidates) {
    std::error_code ec;
    if (fs::is_directory(p / "corpus", ec) || fs::is_directory(p / "tlog", ec)) {
      return p;
    }
  }
  return std::nullopt;
}

inline Digest digest_hex(std::string_view hex) {
  Result<Digest> d = fixed_from_hex<32>(hex);
  REQUIRE(d.ok());
  return *d;
}

// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("hallmark-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(std::string_view name) const { return path_ / name; }

 private:
  fs::path path_;
};

// A path quoted for the shell.
inline std::string quote(const fs::path& p) {
  std::string out = "'";
  for (char c : p.string()) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// Runs a shell command quietly; true if it exited 0.
inline bool run(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

// True if every tool is on PATH; otherwise a "skipped" message and false.
inline bool have_tools(std::initializer_list<const char*> tools) {
  for (const char* t : tools) {
    if (!run(std::string("command -v ") + t)) {
      MESSAGE("skipped: " << t << " is not installed (scripts/install-deps)");
      return false;
    }
  }
  return true;
}

inline const std::string kFfmpeg = "ffmpeg -hide_banner -loglevel error -nostdin -y";

// The sample media of scripts/make-samples, made once per test run into a scratch directory;
// nullptr (after a message) if the tools are missing or the script fails.
inline const TempDir* samples() {
  static std::unique_ptr<TempDir> dir;
  static const bool ok = [] {
    if (!have_tools({"ffmpeg", "exiftool", "cwebp", "webpmux", "convert", "python3"})) {
      return false;
    }
    dir = std::make_unique<TempDir>();
    const fs::path script = fs::path(HALLMARK_SAMPLES_DIR).parent_path() / "scripts/make-samples";
    if (!run(quote(script) + " " + quote(dir->path()))) {
      MESSAGE("skipped: scripts/make-samples failed");
      return false;
    }
    return true;
  }();
  return ok ? dir.get() : nullptr;
}

}  // namespace hallmark::test
