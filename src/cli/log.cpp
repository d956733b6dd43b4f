// hallmark log ...: transparency log tools (see man/hallmark-log.1).
#include "cli/command.h"

namespace hallmark::cli {

void add_log_commands(CLI::App& /*app*/, Globals& /*g*/) {}

}  // namespace hallmark::cli
