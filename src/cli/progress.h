// A one-line progress display on stderr for long runs: "checked 1234/10000 files, 45.6 MB/s,
// ETA 0:12". Shown on a terminal once a run has lasted a second, or always when forced
// (--progress); never mixed into stdout. Not thread-safe: update from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace hallmark::cli {

class Progress {
 public:
  // `verb` and `noun` say what is counted ("checked", "files"); `total` and `total_bytes`
  // may be 0 if unknown.
  Progress(std::string verb, std::string noun, uint64_t total, uint64_t total_bytes, bool forced);
  ~Progress();  // Clears the line.
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Whether progress would be shown at all (a terminal on stderr, or forced).
  static bool wanted(bool forced);

  void update(uint64_t done, uint64_t bytes_done);

 private:
  std::string verb_, noun_;
  uint64_t total_, total_bytes_;
  bool enabled_;
  bool tty_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace hallmark::cli
