#include "cli/bundle_arg.h"

#include "hallmark/verify.h"

namespace hallmark::cli {

Result<std::pair<std::string, Bundle>> find_bundle(const std::string& target) {
  const bool named_bundle =
      target.size() > 9 && target.compare(target.size() - 9, 9, ".hallmark") == 0;
  std::string path = named_bundle ? target : default_bundle_path(target);
  Result<Bundle> b = read_bundle(path);
  if (!b.ok() && !named_bundle && b.status().code() == Code::kNotFound) {
    // Perhaps the target is a bundle under another name.
    Result<Bundle> direct = read_bundle(target);
    if (!direct.ok()) {
      return not_found("no bundle for " + target + " (" + path + " does not exist)");
    }
    path = target;
    b = std::move(direct);
  }
  HALLMARK_TRY(b);
  return std::pair{path, std::move(b).value()};
}

}  // namespace hallmark::cli
