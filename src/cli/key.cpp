// hallmark key ...: key generation and display (see man/hallmark-key.1).
#include "cli/command.h"

namespace hallmark::cli {

void add_key_commands(CLI::App& /*app*/, Globals& /*g*/) {}

}  // namespace hallmark::cli
