#include "hallmark/paths.h"

#include <cstdlib>

namespace hallmark::paths {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

std::string home() {
  std::string h = env("HOME");
  return h.empty() ? "." : h;
}

}  // namespace

std::string config_dir() {
  if (std::string h = env("HALLMARK_HOME"); !h.empty()) {
    return h;
  }
  if (std::string x = env("XDG_CONFIG_HOME"); !x.empty()) {
    return x + "/hallmark";
  }
  return home() + "/.config/hallmark";
}

std::string state_dir() {
  if (std::string h = env("HALLMARK_HOME"); !h.empty()) {
    return h + "/state";
  }
  if (std::string x = env("XDG_STATE_HOME"); !x.empty()) {
    return x + "/hallmark";
  }
  return home() + "/.local/state/hallmark";
}

std::string trust_file() {
  return config_dir() + "/trust";
}
std::string keys_dir() {
  return config_dir() + "/keys";
}

}  // namespace hallmark::paths
