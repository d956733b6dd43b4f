// The process border: whatever escapes a command becomes exit 2 and one line, never an abort.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <system_error>

#include "cli/app.h"
#include "cli/command.h"

namespace {

// One line on stderr without allocating (the heap may be what ran out).
void print_error_line(const char* what) {
  char line[512];
  int n = std::snprintf(line, sizeof line, "hallmark: error: %s", what);
  if (n < 0) {
    return;
  }
  size_t len = std::min(static_cast<size_t>(n), sizeof line - 2);
  for (size_t i = 17; i < len; ++i) {  // what() is not ours: keep it on one line.
    if (line[i] == '\n' || line[i] == '\r' || std::iscntrl(static_cast<unsigned char>(line[i]))) {
      line[i] = ' ';
    }
  }
  line[len] = '\n';
  std::fflush(stdout);
  (void)!::write(STDERR_FILENO, line, len + 1);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return hallmark::cli::run(argc, argv);
  } catch (const std::bad_alloc&) {
    print_error_line("out of memory");
  } catch (const std::system_error& e) {
    // std::thread's "Resource temporarily unavailable" when the process is out of threads.
    char what[256];
    std::snprintf(
        what, sizeof what, "%s (%s)", e.code().message().c_str(),
        e.code() == std::errc::resource_unavailable_try_again ? "out of threads" : "system error");
    what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    print_error_line(what);
  } catch (const std::exception& e) {
    print_error_line(e.what());
  } catch (...) {
    print_error_line("internal error: unknown exception");
  }
  return hallmark::cli::kExitError;
}
