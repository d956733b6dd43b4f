#include "cli/app.h"

#include <cctype>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/terminal.h"
#include "hallmark/version.h"

namespace hallmark::cli {

int print_error(const Status& status, const std::vector<std::string>& hints) {
  std::cout.flush();
  std::cerr << "hallmark: error: " << status.message() << nl;
  for (const std::string& h : hints) {
    print_hint(h);
  }
  return exit_code(status.code()) == 0 ? kExitError : exit_code(status.code());
}

void print_hint(std::string_view hint) {
  std::cout.flush();  // After the results it is about.
  std::cerr << "hallmark: hint: " << hint << nl;
}

namespace {

// Where the command line names a command: the deepest command reached (its --help is where a
// usage error points) and, if the next word should have been a subcommand but is none, that
// word. Option values ("--trust FILE") are skipped; a flag's next word is not a value.
struct CommandWalk {
  CLI::App* command = nullptr;
  std::string path = "hallmark";
  std::string unknown;
};

CommandWalk walk_commands(CLI::App& app, int argc, char** argv) {
  CommandWalk w;
  w.command = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      break;
    }
    if (!arg.empty() && arg[0] == '-') {
      if (arg.find('=') == std::string::npos) {
        for (CLI::App* c = w.command; c != nullptr; c = c->get_parent()) {
          if (const CLI::Option* o = c->get_option_no_throw(arg)) {
            i += o->get_expected_min() > 0 ? 1 : 0;
            break;
          }
        }
      }
      continue;
    }
    CLI::App* next = nullptr;
    for (CLI::App* sub : w.command->get_subcommands({})) {
      if (sub->check_name(arg)) {
        next = sub;
      }
    }
    if (next == nullptr) {
      if (w.command->get_require_subcommand_min() > 0) {
        w.unknown = arg;
      }
      break;
    }
    w.command = next;
    w.path += " " + next->get_name();
  }
  return w;
}

}  // namespace

int run(int argc, char** argv) {
  // Every line from here on is escaped for the terminal (cli/terminal.h).
  SafeTerminal terminal;
  CLI::App app{"hallmark: sign, anchor and verify the provenance of media files"};
  app.require_subcommand(1);
  app.set_version_flag("--version", [] { return version_text({{"CLI11", CLI11_VERSION}}); });
  Globals g;
  app.add_flag("-q,--quiet", g.quiet, "Print only errors");
  app.add_flag("-v,--verbose", g.verbose, "Print more detail");
  app.add_option("--color", "Colour verdicts: auto (a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->each([](const std::string& mode) {
        set_color_mode(mode == "always"  ? ColorMode::kAlways
                       : mode == "never" ? ColorMode::kNever
                                         : ColorMode::kAuto);
      });
  // Subcommands inherit this: global flags may come after the command too.
  app.fallthrough();

  add_key_commands(app, g);
  add_sign_commands(app, g);
  add_verify_commands(app, g);
  add_inspect_commands(app, g);
  add_trust_commands(app, g);
  add_history_commands(app, g);
  add_anchor_commands(app, g);
  add_check_commands(app, g);
  add_log_commands(app, g);
  add_completion_commands(app, g);

  // CLI11 reports an unknown command as a missing one; say what is wrong instead.
  if (const CommandWalk w = walk_commands(app, argc, argv); !w.unknown.empty()) {
    std::cerr << "hallmark: error: unknown command \"" << w.unknown << "\""
              << (w.command == &app ? "" : " for " + w.path) << nl;
    print_hint("run '" + w.path + " --help' for the list of commands");
    return kExitError;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, raw_stdout(), std::cerr);  // Our own text, many lines.
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, raw_stdout(), std::cerr);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, raw_stdout(), std::cerr);
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    if (!what.empty()) {
      what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    }
    std::cerr << "hallmark: error: " << what << nl;
    print_hint("run '" + walk_commands(app, argc, argv).path + " --help' for usage");
    return kExitError;
  }
  std::fflush(stdout);
  return g.exit_code;
}

}  // namespace hallmark::cli
