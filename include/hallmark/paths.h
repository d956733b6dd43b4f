// Where hallmark keeps its files by default. With $HALLMARK_HOME set, everything lives under
// it (config in $HALLMARK_HOME, state in $HALLMARK_HOME/state); otherwise the XDG base
// directories: $XDG_CONFIG_HOME/hallmark (~/.config/hallmark) and $XDG_STATE_HOME/hallmark
// (~/.local/state/hallmark). Reads the environment; thread-safe if the environment is not
// modified concurrently.
#pragma once

#include <string>

namespace hallmark::paths {

std::string config_dir();
std::string state_dir();
// config_dir()/trust
std::string trust_file();
// config_dir()/keys
std::string keys_dir();

}  // namespace hallmark::paths
