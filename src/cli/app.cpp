#include "cli/app.h"

#include <CLI/CLI.hpp>

namespace hallmark::cli {

int run(int argc, char** argv) {
  CLI::App app{"hallmark: sign, anchor and verify media provenance"};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace hallmark::cli
