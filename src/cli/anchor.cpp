// hallmark anchor BUNDLE... --log DIR (man/hallmark-anchor.1): append signed manifests to a
// transparency log and put the receipts into their bundles.
#include "hallmark/anchor.h"

#include <iostream>

#include "cli/bundle_arg.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "hallmark/file_io.h"
#include "hallmark/sign.h"

namespace hallmark::cli {
namespace {

struct AnchorFlags {
  std::vector<std::string> targets;
  std::string log_dir;
};

struct Target {
  std::string path;    // The bundle's path.
  std::string before;  // Its bytes as read: it is rewritten only if it still holds them.
  Bundle bundle;
};

int anchor(const AnchorFlags& f, const Globals& g) {
  std::vector<Target> found;
  for (const std::string& t : f.targets) {
    Result<std::pair<std::string, Bundle>> b = find_bundle(t);
    if (!b.ok()) {
      return print_error(b.status());
    }
    // The bundle as its bytes and as parsed from exactly those bytes.
    Result<std::string> text = read_file(b->first, kMaxBundleSize);
    if (!text.ok()) {
      return print_error(text.status());
    }
    Result<Bundle> parsed = parse_bundle(*text);
    if (!parsed.ok()) {
      return print_error(parsed.status().with_context(b->first));
    }
    found.push_back({b->first, std::move(text).value(), std::move(parsed).value()});
  }
  std::vector<Bundle*> bundles;
  for (Target& t : found) {
    bundles.push_back(&t.bundle);
  }
  // One batch: one transaction and one new checkpoint for all of them.
  if (Status s = anchor_bundles(bundles, f.log_dir); !s.ok()) {
    return print_error(s);
  }
  int code = kExitOk;
  for (const Target& t : found) {
    if (Status s = rewrite_bundle(t.path, t.before, t.bundle); !s.ok()) {
      code = print_error(s);
      continue;
    }
    if (!g.quiet) {
      std::cout << "anchored " << t.path << " (" << t.bundle.signed_manifest.id() << ") in "
                << f.log_dir << nl;
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
