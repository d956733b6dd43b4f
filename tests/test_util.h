// Helpers for the doctest suite: test data, the shared reference data, scratch directories.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

// --- Cases that skip themselves
//
// A case that cannot run here (a tool or the shared data is missing) says so with skip_case()
// and returns, asserting nothing. main.cpp lists such cases after the run, and a binary whose
// every case skipped itself exits 77: run alone by ctest (one case a process), the case is
// reported as skipped, never as passed.

struct RunState {
  const doctest::TestCaseData* current = nullptr;  // The running case.
  bool current_skipped = false;
  size_t cases_run = 0;
  size_t cases_skipped = 0;          // Of cases_run, those that skipped themselves.
  std::vector<std::string> skipped;  // "name: why", of those.
};
inline RunState& run_state() {
  static RunState state;
  return state;
}

inline void skip_case(std::string_view why) {
  RunState& s = run_state();
  MESSAGE("skipped: " << std::string(why));
  if (s.current != nullptr && !s.current_skipped) {
    s.current_skipped = true;
    s.skipped.push_back(std::string(s.current->m_name) + ": " + std::string(why));
  }
}

// --- The team's reference data (../shared), read in place, never copied
//
// It is found only through $HALLMARK_SHARED or, unset, the folder the configure step chose
// (the CMake cache variable HALLMARK_SHARED: by default ../shared next to the source tree).
// A case that reads it says which part with the needs_shared() decorator, and gets the path
// from shared_path():
//
//   TEST_CASE("c2pa: ..." * test::needs_shared("c2pa/fixtures")) {
//     const std::optional<fs::path> dir = test::shared_path("c2pa/fixtures");
//     if (!dir) {
//       return;  // Skipped, and reported as skipped.
//     }
//
// When that part is absent, doctest skips the case (its summary counts it as skipped); run by
// ctest (with --no-skip), the case skips itself and exits 77. With HALLMARK_REQUIRE_SHARED=1
// (as .ci/run sets) the case runs and fails instead: in CI missing data is an error.

inline fs::path shared_root() {
  if (const char* env = std::getenv("HALLMARK_SHARED"); env != nullptr && *env != '\0') {
    return env;
  }
  return HALLMARK_SHARED_DIR;
}

inline bool shared_required() {
  const char* env = std::getenv("HALLMARK_REQUIRE_SHARED");
  return env != nullptr && std::string_view(env) == "1";
}

inline bool shared_present(std::string_view part) {
  std::error_code ec;
  return fs::exists(shared_root() / part, ec);
}

// The parts of the shared data each decorated case reads, by case name.
inline std::map<std::string, std::vector<std::string>>& shared_cases() {
  static std::map<std::string, std::vector<std::string>> cases;
  return cases;
}

// The decorator: applied when the case is registered (before main), it records the part and
// marks the case skipped if that part is absent (unless it is required).
struct NeedsShared {
  const char* part;
  void fill(doctest::detail::TestCase& tc) const {
    shared_cases()[tc.m_name].emplace_back(part);
    if (!shared_required() && !shared_present(part)) {
      tc.m_skip = true;
    }
  }
};
inline NeedsShared needs_shared(const char* part) {
  return {part};
}

// The path of `part` of the shared data; nullopt (the case then returns) after skip_case() if
// it is absent, a failure if it is required. A case may only read what its decorator names.
inline std::optional<fs::path> shared_path(std::string_view part) {
  const RunState& s = run_state();
  const auto it =
      s.current != nullptr ? shared_cases().find(s.current->m_name) : shared_cases().end();
  const bool declared = it != shared_cases().end() &&
                        std::find(it->second.begin(), it->second.end(), part) != it->second.end();
  REQUIRE_MESSAGE(declared, "this case reads " << std::string(part)
                                               << " of the shared data: decorate it with "
                                                  "test::needs_shared(\""
                                               << std::string(part) << "\")");
  const fs::path path = shared_root() / part;
  if (shared_present(part)) {
    return path;
  }
  if (shared_required()) {
    FAIL("HALLMARK_REQUIRE_SHARED=1, and the shared data is not there: "
         << path.string() << " (set HALLMARK_SHARED, or configure with -DHALLMARK_SHARED=DIR)");
  }
  skip_case(path.string() + " is not present (the shared data: HALLMARK_SHARED)");
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
      skip_case(std::string(t) + " is not installed (make deps)");
      return false;
    }
  }
  return true;
}

inline const std::string kFfmpeg = "ffmpeg -hide_banner -loglevel error -nostdin -y";

// The sample media of scripts/make-samples, made once per test run into a scratch directory;
// nullptr (the case skips itself) if the tools are missing. A failing script is a failure.
inline const TempDir* samples() {
  static std::unique_ptr<TempDir> dir;
  static const bool ok = [] {
    if (!have_tools({"ffmpeg", "exiftool", "cwebp", "webpmux", "convert", "python3"})) {
      return false;
    }
    dir = std::make_unique<TempDir>();
    const fs::path script = fs::path(HALLMARK_SAMPLES_DIR).parent_path() / "scripts/make-samples";
    if (!run(quote(script) + " " + quote(dir->path()))) {
      FAIL("scripts/make-samples failed");
    }
    return true;
  }();
  if (!ok) {
    skip_case("the sample media cannot be made here (make deps)");
  }
  return ok ? dir.get() : nullptr;
}

}  // namespace hallmark::test
