// hallmark anchor BUNDLE... --log DIR (man/hallmark-anchor.1): append signed manifests to a
// transparency log and put the receipts into their bundles.
#include "hallmark/anchor.h"

#include <iostream>

#include "cli/bundle_arg.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "hallmark/file_io.h"

namespace hallmark::cli {
namespace {

struct AnchorFlags {
  std::vector<std::string> targets;
  std::string log_dir;
};

int anchor(const AnchorFlags& f, const Globals& g) {
  std::vector<std::pair<std::string, Bundle>> found;
  for (const std::string& t : f.targets) {
    Result<std::pair<std::string, Bundle>> b = find_bundle(t);
    if (!b.ok()) {
      return print_error(b.status());
    }
    found.push_back(std::move(b).value());
  }
  std::vector<Bundle*> bundles;
  for (auto& [path, b] : found) {
    bundles.push_back(&b);
  }
  // One batch: one transaction and one new checkpoint for all of them.
  if (Status s = anchor_bundles(bundles, f.log_dir); !s.ok()) {
    return print_error(s);
  }
  int code = kExitOk;
  for (const auto& [path, b] : found) {
    if (Status s = write_file_atomic(path, serialize_bundle(b)); !s.ok()) {
      code = print_error(s);
      continue;
    }
    if (!g.quiet) {
      std::cout << "anchored " << path << " (" << b.signed_manifest.id() << ") in " << f.log_dir
                << nl;
    }
  }
  return code;
}

}  // namespace

void add_anchor_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<AnchorFlags>();
  CLI::App* cmd = app.add_subcommand(
      "anchor", "Append signed manifests to a transparency log; receipts go into the bundles");
  cmd->add_option("bundle", f->targets, "BUNDLEs, or FILEs whose FILE.hallmark to anchor")
      ->required();
  cmd->add_option("--log", f->log_dir, "The log directory (see hallmark log init)")->required();
  cmd->callback([f, &g] { g.exit_code = anchor(*f, g); });
}

}  // namespace hallmark::cli
