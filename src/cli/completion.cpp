// hallmark completion bash|zsh|fish (man/hallmark-completion.1): prints a completion script
// generated at run time from the CLI11 command tree itself, so a new command or option completes
// without an edit here. What CLI11 cannot say (that a free-text option names a directory, or
// takes one of a few words) comes from a small table below; a CLI11 check (CLI::IsMember, a
// FILE or DIR type) wins over the table.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "cli/terminal.h"
#include "hallmark/manifest.h"
#include "hallmark/version.h"

namespace hallmark::cli {
namespace {

// What the value of an option or positional argument is, for completing it.
enum class ValueKind {
  kNone,    // A flag: takes no value.
  kText,    // Free text (a name, a date, a number): nothing to offer.
  kFile,    // A file name (also the default for an unknown TEXT option).
  kDir,     // A directory name.
  kChoice,  // One of `choices`.
};

struct ValueSpec {
  ValueKind kind = ValueKind::kFile;
  std::vector<std::string> choices;
};

struct OptionSpec {
  std::vector<std::string> names;  // "-o", "--output": short names first.
  std::string description;
  ValueSpec value;
  bool repeatable = false;
  bool is_help = false;
};

struct PositionalSpec {
  std::string name;
  std::string description;
  ValueSpec value;
  bool variadic = false;
};

struct CommandSpec {
  std::vector<std::string> path;  // {} for hallmark itself, {"key", "new"}.
  std::string description;
  std::vector<std::pair<std::string, std::string>> subcommands;  // Name, description.
  std::vector<OptionSpec> options;  // Its own, then those it inherits (CLI11 fallthrough).
  std::vector<PositionalSpec> positionals;
};

// The table of what CLI11's definition does not tell. `command` "" matches any command; `name`
// is an option's long name or a positional's name.
struct Hint {
  std::string_view command;
  std::string_view name;
  ValueKind kind;
  std::vector<std::string_view> choices = {};
};

const std::vector<Hint>& hints() {
  static const std::vector<Hint> table = [] {
    std::vector<Hint> t = {
        {"check", "--format", ValueKind::kChoice, {"text", "json", "junit", "sarif"}},
        {"history", "--format", ValueKind::kChoice, {"text", "json", "dot"}},
        {"sign", "--source-type", ValueKind::kChoice, {}},  // Filled from the manifest module.
        {"", "--log", ValueKind::kDir},
        {"sign", "--anchor", ValueKind::kDir},  // A log directory.
        {"", "dir", ValueKind::kDir},
        {"key new", "--out", ValueKind::kDir},
        {"log", "--key", ValueKind::kText},  // A verifier key, not a file.
        {"", "vkey", ValueKind::kText},
        {"", "--title", ValueKind::kText},
        {"", "--name", ValueKind::kText},
        {"", "--origin", ValueKind::kText},
        {"", "--valid-after", ValueKind::kText},
        {"", "--valid-before", ValueKind::kText},
        {"", "--log-key", ValueKind::kText},
        {"", "--lookup-key", ValueKind::kText},
        {"", "--content", ValueKind::kText},
        {"", "--manifest", ValueKind::kText},
        {"", "--action", ValueKind::kText},
        {"", "--exclude", ValueKind::kText},
    };
    for (Hint& h : t) {
      if (h.name == "--source-type") {
        h.choices = source_types();
      }
    }
    return t;
  }();
  return table;
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const std::string& w : words) {
    out += (out.empty() ? "" : std::string(sep)) + w;
  }
  return out;
}

// "log prove" matches a hint for "log prove" or for "log" (a whole command group).
bool command_matches(std::string_view hint, const std::string& path) {
  return hint.empty() || hint == path ||
         (path.size() > hint.size() && path.starts_with(hint) && path[hint.size()] == ' ');
}

// How to complete the value of `opt` (named `name`) of the command at `path`.
ValueSpec value_spec(const CLI::Option& opt, const std::string& name, const std::string& path) {
  ValueSpec v;
  // CLI11's type name is "TYPE[:VALIDATOR]..."; an IsMember check reads "{a,b,c}".
  const std::string type = opt.get_type_name();
  const std::string base = type.substr(0, type.find(':'));
  if (const size_t open = type.find(":{"); open != std::string::npos) {
    const size_t close = type.find('}', open);
    std::stringstream set(type.substr(open + 2, close - open - 2));
    for (std::string item; std::getline(set, item, ',');) {
      v.choices.push_back(item);
    }
    v.kind = ValueKind::kChoice;
    return v;
  }
  if (type.find(":DIR") != std::string::npos || base == "DIR") {
    v.kind = ValueKind::kDir;
    return v;
  }
  if (type.find(":FILE") != std::string::npos || base == "FILE" || base == "PATH") {
    return v;
  }
  for (const Hint& h : hints()) {
    if (h.name == name && command_matches(h.command, path)) {
      v.kind = h.kind;
      v.choices.assign(h.choices.begin(), h.choices.end());
      return v;
    }
  }
  if (base == "INT" || base == "UINT" || base == "FLOAT" || base == "NUMBER" || base == "BOOLEAN") {
    v.kind = ValueKind::kText;
  }
  return v;
}

OptionSpec option_spec(const CLI::Option& opt, const std::string& path) {
  OptionSpec o;
  for (const std::string& s : opt.get_snames()) {
    o.names.push_back("-" + s);
  }
  for (const std::string& l : opt.get_lnames()) {
    o.names.push_back("--" + l);
  }
  o.description = opt.get_description();
  const std::string key =
      opt.get_lnames().empty() ? "-" + opt.get_snames().front() : "--" + opt.get_lnames().front();
  if (opt.get_expected_max() == 0) {  // A flag.
    o.value.kind = ValueKind::kNone;
  } else {
    o.value = value_spec(opt, key, path);
  }
  o.repeatable = opt.get_items_expected_max() > 1;
  return o;
}

bool has_name(const std::vector<OptionSpec>& options, const std::string& name) {
  return std::any_of(options.begin(), options.end(), [&](const OptionSpec& o) {
    return std::find(o.names.begin(), o.names.end(), name) != o.names.end();
  });
}

// Appends the spec of `app` (at `path`) and of all its subcommands, depth first.
void describe(const CLI::App& app, std::vector<std::string> path,
              const std::vector<OptionSpec>& inherited, std::vector<CommandSpec>& out) {
  CommandSpec c;
  c.path = path;
  c.description = app.get_description();
  const std::string where = join(path, " ");
  const auto all = [](const CLI::Option*) { return true; };
  for (const CLI::Option* opt : app.get_options(all)) {
    if (opt->get_group().empty()) {
      continue;  // Hidden.
    }
    if (!opt->nonpositional()) {
      PositionalSpec p;
      p.name = opt->get_name();
      p.description = opt->get_description();
      p.value = value_spec(*opt, p.name, where);
      p.variadic = opt->get_items_expected_max() > 1;
      c.positionals.push_back(std::move(p));
      continue;
    }
    OptionSpec o = option_spec(*opt, where);
    o.is_help = opt == app.get_help_ptr();
    c.options.push_back(std::move(o));
  }
  for (const OptionSpec& o : inherited) {
    if (!o.is_help && !has_name(c.options, o.names.back())) {
      c.options.push_back(o);
    }
  }
  const auto any = [](const CLI::App*) { return true; };
  std::vector<const CLI::App*> subs;
  for (const CLI::App* sub : app.get_subcommands(any)) {
    if (!sub->get_name().empty() &&
        !sub->get_group().empty()) {  // Not an option group, not hidden.
      subs.push_back(sub);
      c.subcommands.emplace_back(sub->get_name(), sub->get_description());
    }
  }
  const std::vector<OptionSpec> passed_on = c.options;
  out.push_back(std::move(c));
  for (const CLI::App* sub : subs) {
    std::vector<std::string> sub_path = path;
    sub_path.push_back(sub->get_name());
    describe(*sub, sub_path, sub->get_fallthrough() ? passed_on : std::vector<OptionSpec>{}, out);
  }
}

// 'text' with ' escaped, for bash, zsh and fish alike ("'\''" closes, escapes, reopens).
std::string sq(std::string_view text) {
  std::string out = "'";
  for (char ch : text) {
    out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  }
  return out + "'";
}

std::vector<std::string> value_option_names(const CommandSpec& c) {
  std::vector<std::string> names;
  for (const OptionSpec& o : c.options) {
    if (o.value.kind != ValueKind::kNone) {
      names.insert(names.end(), o.names.begin(), o.names.end());
    }
  }
  return names;
}

// ---- bash -------------------------------------------------------------------------------------

std::string bash_value(const ValueSpec& v) {
  switch (v.kind) {
    case ValueKind::kFile:
      return "_hallmark_files";
    case ValueKind::kDir:
      return "_hallmark_dirs";
    case ValueKind::kChoice:
      return "_hallmark_words " + sq(join(v.choices, " "));
    case ValueKind::kNone:
    case ValueKind::kText:
      break;
  }
  return ":";
}

void write_bash(const std::vector<CommandSpec>& commands, std::ostream& out) {
  out << "# bash completion for hallmark, generated by `hallmark completion bash` (hallmark "
      << version() << ").\n"
      << "# Install: hallmark completion bash > ~/.local/share/bash-completion/completions/"
         "hallmark\n"
      << "# or, for this shell only: source <(hallmark completion bash)\n\n";
  out << "# Sets the subcommands, options and value-taking options of command path $1.\n"
      << "_hallmark_spec() {\n"
      << "  case $1 in\n";
  for (const CommandSpec& c : commands) {
    std::vector<std::string> subs, opts;
    for (const auto& [name, desc] : c.subcommands) {
      subs.push_back(name);
    }
    for (const OptionSpec& o : c.options) {
      opts.insert(opts.end(), o.names.begin(), o.names.end());
    }
    out << "  " << sq(join(c.path, " ")) << ")\n"
        << "    _hallmark_subs=" << sq(join(subs, " ")) << "\n"
        << "    _hallmark_opts=" << sq(join(opts, " ")) << "\n"
        << "    _hallmark_vopts=" << sq(join(value_option_names(c), " ")) << " ;;\n";
  }
  out << "  esac\n"
      << "}\n\n";
  out << "# Completes $cur as the value of option $2, or of positional #N, of command path $1.\n"
      << "_hallmark_value() {\n"
      << "  case \"$1|$2\" in\n";
  for (const CommandSpec& c : commands) {
    const std::string path = join(c.path, " ");
    for (const OptionSpec& o : c.options) {
      if (o.value.kind == ValueKind::kNone) {
        continue;
      }
      std::vector<std::string> keys;
      for (const std::string& n : o.names) {
        keys.push_back(sq(path + "|" + n));
      }
      out << "  " << join(keys, " | ") << ") " << bash_value(o.value) << " ;;\n";
    }
    for (size_t i = 0; i < c.positionals.size(); ++i) {
      const PositionalSpec& p = c.positionals[i];
      // A variadic positional takes every position from its own on.
      const std::string key = sq(path + "|#" + std::to_string(i + 1));
      out << "  " << (p.variadic ? sq(path + "|#") + "*" : key) << ") " << bash_value(p.value)
          << " ;;  # " << p.name << "\n";
    }
  }
  out << "  esac\n"
      << "}\n\n";
  out << R"SH(_hallmark_files() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

_hallmark_dirs() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -d -- "$cur")
}

_hallmark_words() {
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_hallmark() {
  local cur=${COMP_WORDS[COMP_CWORD]} path='' word i npos=0 value_of='' dashdash=''
  local _hallmark_subs _hallmark_opts _hallmark_vopts
  COMPREPLY=()
  _hallmark_spec ''
  # Walk the words before the cursor: descend into subcommands, skip option values, count
  # positional arguments. "--opt=value" arrives as "--opt" "=" "value" (COMP_WORDBREAKS).
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -n $value_of ]]; then
      [[ $word == = ]] || value_of=''
      continue
    fi
    if [[ -z $dashdash ]]; then
      case $word in
      --) dashdash=1; continue ;;
      -*=*) continue ;;
      -*)
        [[ " $_hallmark_vopts " == *" $word "* ]] && value_of=$word
        continue ;;
      esac
      if [[ " $_hallmark_subs " == *" $word "* ]]; then
        path=${path:+$path }$word
        npos=0
        _hallmark_spec "$path"
        continue
      fi
    fi
    npos=$((npos + 1))
  done
  [[ $cur == = ]] && cur=''
  if [[ -n $value_of ]]; then
    _hallmark_value "$path" "$value_of"
  elif [[ -z $dashdash && $cur == -* ]]; then
    _hallmark_words "$_hallmark_opts"
  elif [[ -n $_hallmark_subs ]]; then
    _hallmark_words "$_hallmark_subs"
  else
    _hallmark_value "$path" "#$((npos + 1))"
  fi
  return 0
}

complete -F _hallmark hallmark
)SH";
}

// ---- zsh --------------------------------------------------------------------------------------

// Text inside an _arguments "[description]": brackets and backslashes escaped.
std::string zsh_bracketed(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '[' || ch == ']' || ch == '\\') {
      out += '\\';
    }
    out += ch;
  }
  return out;
}

// The ":message:action" tail of an _arguments spec.
std::string zsh_action(const std::string& message, const ValueSpec& v) {
  std::string action;
  switch (v.kind) {
    case ValueKind::kFile:
      action = "_files";
      break;
    case ValueKind::kDir:
      action = "_files -/";
      break;
    case ValueKind::kChoice:
      action = "(" + join(v.choices, " ") + ")";
      break;
    case ValueKind::kNone:
    case ValueKind::kText:
      action = " ";
      break;
  }
  return ":" + message + ":" + action;
}

std::string zsh_function(const std::vector<std::string>& path) {
  std::string name = "_hallmark";
  for (const std::string& p : path) {
    name += "__";
    for (char ch : p) {
      name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    }
  }
  return name;
}

void write_zsh(const std::vector<CommandSpec>& commands, std::ostream& out) {
  out << "#compdef hallmark\n"
      << "# zsh completion for hallmark, generated by `hallmark completion zsh` (hallmark "
      << version() << ").\n"
      << "# Install: hallmark completion zsh > \"${fpath[1]}/_hallmark\" (then restart zsh),\n"
      << "# or, for this shell only (after compinit): source <(hallmark completion zsh)\n";
  for (const CommandSpec& c : commands) {
    // The _arguments specs, one shell word (or brace expansion) each.
    std::vector<std::string> specs;
    for (const OptionSpec& o : c.options) {
      std::vector<std::string> forms;
      for (const std::string& n : o.names) {
        // "--opt=": "--opt VALUE" or "--opt=VALUE"; "-o+": "-o VALUE" or "-oVALUE".
        forms.push_back(n + (o.value.kind == ValueKind::kNone ? ""
                             : n.starts_with("--")            ? "="
                                                              : "+"));
      }
      std::string prefix;
      if (o.is_help) {
        prefix = "(- *)";  // Help excludes everything else.
      } else if (o.names.size() > 1 && !o.repeatable) {
        prefix = "(" + join(o.names, " ") + ")";
      }
      if (o.repeatable) {
        prefix += "*";
      }
      const std::string& last = o.names.back();
      std::string tail = "[" + zsh_bracketed(o.description) + "]";
      if (o.value.kind != ValueKind::kNone) {
        tail += zsh_action(last.substr(last.find_first_not_of('-')), o.value);
      }
      specs.push_back(forms.size() == 1 ? sq(prefix + forms[0] + tail)
                                        : (prefix.empty() ? "" : sq(prefix)) + "{" +
                                              join(forms, ",") + "}" + sq(tail));
    }
    if (!c.subcommands.empty()) {
      specs.push_back(sq("1: :->command"));
      specs.push_back(sq("*:: :->args"));
    } else {
      for (size_t i = 0; i < c.positionals.size(); ++i) {
        const PositionalSpec& p = c.positionals[i];
        specs.push_back(
            sq((p.variadic ? "*" : std::to_string(i + 1)) + zsh_action(p.name, p.value)));
      }
    }
    out << "\n" << zsh_function(c.path) << "() {\n";
    if (c.subcommands.empty()) {
      out << "  _arguments -s -S \\\n    " << join(specs, " \\\n    ") << "\n";
    } else {
      const std::string name = join(c.path, " ");
      out << "  local curcontext=$curcontext state state_descr line\n"
          << "  typeset -A opt_args\n"
          << "  _arguments -C -s -S \\\n    " << join(specs, " \\\n    ") << " && return\n"
          << "  case $state in\n"
          << "  (command)\n"
          << "    local -a commands\n"
          << "    commands=(\n";
      for (const auto& [sub, desc] : c.subcommands) {
        out << "      " << sq(sub + ":" + desc) << "\n";
      }
      out << "    )\n"
          << "    _describe -t commands "
          << sq("hallmark" + (name.empty() ? "" : " " + name) + " command") << " commands ;;\n"
          << "  (args)\n"
          << "    curcontext=${curcontext%:*:*}:hallmark-$words[1]:\n"
          << "    case $words[1] in\n";
      for (const auto& [sub, desc] : c.subcommands) {
        std::vector<std::string> sub_path = c.path;
        sub_path.push_back(sub);
        out << "    (" << sub << ") " << zsh_function(sub_path) << " ;;\n";
      }
      out << "    esac ;;\n"
          << "  esac\n";
    }
    out << "}\n";
  }
  // Autoloaded from $fpath, this file is _hallmark's body: define, then complete. Sourced, it
  // registers the function instead.
  out << "\nif [ \"$funcstack[1]\" = \"_hallmark\" ]; then\n"
      << "  _hallmark \"$@\"\n"
      << "else\n"
      << "  compdef _hallmark hallmark\n"
      << "fi\n";
}

// ---- fish -------------------------------------------------------------------------------------

// The fish arguments that complete a value of kind `v`.
std::string fish_value(const ValueSpec& v) {
  switch (v.kind) {
    case ValueKind::kFile:
      return "-r -F";
    case ValueKind::kDir:
      return "-x -a '(__fish_complete_directories)'";
    case ValueKind::kChoice:
      return "-x -a " + sq(join(v.choices, " "));
    case ValueKind::kNone:
      break;
    case ValueKind::kText:
      return "-x";
  }
  return "";
}

void write_fish(const std::vector<CommandSpec>& commands, std::ostream& out) {
  out << "# fish completion for hallmark, generated by `hallmark completion fish` (hallmark "
      << version() << ").\n"
      << "# Install: hallmark completion fish > ~/.config/fish/completions/hallmark.fish\n\n";
  out << "# Sets the subcommands and the value-taking options of command path $argv.\n"
      << "function __hallmark_spec\n"
      << "    switch \"$argv\"\n";
  for (const CommandSpec& c : commands) {
    std::vector<std::string> subs;
    for (const auto& [name, desc] : c.subcommands) {
      subs.push_back(name);
    }
    std::vector<std::string> vopts = value_option_names(c);
    out << "        case " << sq(join(c.path, " ")) << "\n"
        << "            set -g __hallmark_subs" << (subs.empty() ? "" : " " + join(subs, " "))
        << "\n"
        << "            set -g __hallmark_vopts" << (vopts.empty() ? "" : " " + join(vopts, " "))
        << "\n";
  }
  out << "    end\n"
      << "end\n\n";
  out << R"SH(# Prints the command path being completed ("key new") from the words before the cursor, and
# sets __hallmark_npos to the number of positional arguments among them.
function __hallmark_path
    set -l path
    set -l skip 0
    set -l dashdash 0
    set -g __hallmark_npos 0
    __hallmark_spec
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        if test $dashdash = 0
            switch $word
                case --
                    set dashdash 1
                    continue
                case '-*=*'
                    continue
                case '-*'
                    contains -- $word $__hallmark_vopts; and set skip 1
                    continue
            end
            if contains -- $word $__hallmark_subs
                set -a path $word
                set __hallmark_npos 0
                __hallmark_spec $path
                continue
            end
        end
        set __hallmark_npos (math $__hallmark_npos + 1)
    end
    echo $path
end

# True when the command path being completed is $argv.
function __hallmark_using
    test "$(__hallmark_path)" = "$argv"
end

# True when completing positional argument $argv[2] (from 1; "N+": N or later) of command
# path $argv[1].
function __hallmark_at
    __hallmark_using $argv[1]; or return 1
    set -l n (math $__hallmark_npos + 1)
    if string match -q -- '*+' $argv[2]
        test $n -ge (string trim -r -c + -- $argv[2])
    else
        test $n -eq $argv[2]
    end
end

complete -c hallmark -e
)SH";
  for (const CommandSpec& c : commands) {
    const std::string path = join(c.path, " ");
    const std::string cond = "-n " + sq("__hallmark_using" + (path.empty() ? "" : " " + path));
    out << "\n# hallmark" << (path.empty() ? "" : " " + path) << "\n";
    for (const auto& [name, desc] : c.subcommands) {
      out << "complete -c hallmark " << cond << " -f -a " << sq(name) << " -d " << sq(desc) << "\n";
    }
    for (const OptionSpec& o : c.options) {
      out << "complete -c hallmark " << cond;
      for (const std::string& n : o.names) {
        out << (n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1));
      }
      const std::string value = fish_value(o.value);
      out << (value.empty() ? "" : " " + value) << " -d " << sq(o.description) << "\n";
    }
    // Words that are not options: subcommands, positional arguments, or nothing. fish offers
    // files unless a matching rule says -f; -F forces them back.
    if (!c.subcommands.empty() || c.positionals.empty()) {
      out << "complete -c hallmark " << cond << " -f\n";
      continue;
    }
    for (size_t i = 0; i < c.positionals.size(); ++i) {
      const PositionalSpec& p = c.positionals[i];
      const std::string at = "-n " + sq("__hallmark_at \"" + path + "\" " + std::to_string(i + 1) +
                                        (p.variadic ? "+" : ""));
      std::string what;
      switch (p.value.kind) {
        case ValueKind::kFile:
          what = "-F";
          break;
        case ValueKind::kDir:
          what = "-f -a '(__fish_complete_directories)'";
          break;
        case ValueKind::kChoice:
          what = "-f -a " + sq(join(p.value.choices, " "));
          break;
        case ValueKind::kNone:
        case ValueKind::kText:
          what = "-f";
          break;
      }
      out << "complete -c hallmark " << at << " " << what << " -d " << sq(p.description) << "\n";
    }
    // Past the last positional argument there is nothing to offer.
    if (!c.positionals.back().variadic) {
      out << "complete -c hallmark -n "
          << sq("__hallmark_at \"" + path + "\" " + std::to_string(c.positionals.size() + 1) + "+")
          << " -f\n";
    }
  }
}

int completion(const std::string& shell, const CLI::App& root) {
  std::vector<CommandSpec> commands;
  describe(root, {}, {}, commands);
  if (shell == "bash") {
    write_bash(commands, raw_stdout());
  } else if (shell == "zsh") {
    write_zsh(commands, raw_stdout());
  } else {
    write_fish(commands, raw_stdout());
  }
  return raw_stdout().flush() ? kExitOk : kExitError;
}

}  // namespace

void add_completion_commands(CLI::App& app, Globals& g) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "completion", "Print a shell completion script generated from this command line");
  cmd->add_option("shell", *shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([shell, &app, &g] { g.exit_code = completion(*shell, app); });
}

}  // namespace hallmark::cli
