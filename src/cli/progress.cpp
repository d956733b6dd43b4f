#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace hallmark::cli {
namespace {

std::string clock_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

bool Progress::wanted(bool forced) {
  return forced || ::isatty(STDERR_FILENO);
}

Progress::Progress(std::string verb, std::string noun, uint64_t total, uint64_t total_bytes,
                   bool forced)
    : verb_(std::move(verb)),
      noun_(std::move(noun)),
      total_(total),
      total_bytes_(total_bytes),
      enabled_(wanted(forced)),
      tty_(::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
  if (shown_ && tty_) {
    std::fputs("\r\033[K", stderr);
  } else if (shown_) {
    std::fputc('\n', stderr);
  }
}

void Progress::update(uint64_t done, uint64_t bytes_done) {
  if (!enabled_) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  // Quiet for the first second; then at most ten updates a second (and the last one).
  const bool last = total_ != 0 && done == total_;
  if ((elapsed < 1.0 && tty_) ||
      (!last && std::chrono::duration<double>(now - last_).count() < 0.1)) {
    return;
  }
  last_ = now;
  const double rate = elapsed > 0 ? static_cast<double>(bytes_done) / elapsed : 0;
  std::string line = verb_ + " " + std::to_string(done);
  if (total_ != 0) {
    line += "/" + std::to_string(total_);
  }
  line += " " + noun_;
  if (bytes_done != 0) {  // Callers that count no bytes get no rate.
    char buf[64];
    std::snprintf(buf, sizeof buf, ", %.1f MB/s", rate / 1e6);
    line += buf;
  }
  if (total_bytes_ != 0 && rate > 0 && bytes_done <= total_bytes_) {
    line += ", ETA " + clock_text(static_cast<double>(total_bytes_ - bytes_done) / rate);
  } else if (total_ != 0 && done > 0) {
    line += ", ETA " +
            clock_text(elapsed / static_cast<double>(done) * static_cast<double>(total_ - done));
  }
  if (tty_) {
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
  shown_ = tty_;
}

}  // namespace hallmark::cli
