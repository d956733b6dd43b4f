// tlog-policy files: parsing never crashes; an accepted policy prints to a file that parses
// to the same policy.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hallmark/tlog_policy.h"

using namespace hallmark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<tlog::Policy> p = tlog::Policy::parse(text);
  if (p.ok()) {
    Result<tlog::Policy> again = tlog::Policy::parse(p->to_string());
    if (!again.ok() || again->to_string() != p->to_string()) {
      std::abort();
    }
  }
  return 0;
}
