// hallmark key new | show | list (man/hallmark-key.1).
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/secret_key.h"
#include "cli/terminal.h"
#include "hallmark/file_io.h"
#include "hallmark/paths.h"

namespace hallmark::cli {
namespace {

struct NewFlags {
  std::string name = "default";
  std::string out;  // Empty: the keys directory.
  bool unencrypted = false;
  bool weak_passphrase = false;
  std::string passphrase_file;
};

// A new key's passphrase needs this many characters (code points), unless --weak-passphrase:
// Argon2id slows a guesser down, it does not make a short passphrase strong.
constexpr size_t kMinPassphraseChars = 8;

size_t code_points(const keys::Secret& s) {
  const std::string_view text = s.chars();
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

int key_new(const NewFlags& f, const Globals& g) {
  if (Status s = keys::check_key_name(f.name); !s.ok()) {
    return print_error(s);
  }
  const std::string dir = f.out.empty() ? paths::keys_dir() : f.out;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return print_error(io_error("cannot create " + dir + ": " + ec.message()));
  }
  const std::string secret_path = dir + "/" + f.name + ".key";
  const std::string public_path = dir + "/" + f.name + ".pub";
  for (const std::string& p : {secret_path, public_path}) {
    if (std::filesystem::exists(p, ec)) {
      return print_error(invalid_argument(p + " already exists"),
                         {"choose another --name, or move the old key away first"});
    }
  }
  keys::Secret passphrase;
  if (!f.unencrypted) {
    Result<keys::Secret> p =
        read_passphrase(f.passphrase_file, "passphrase for the new key " + f.name + ": ", true);
    if (!p.ok()) {
      std::vector<std::string> hints;
      if (p.status().code() == Code::kNotFound) {
        hints.push_back("for a key protected only by its file mode (CI), use --unencrypted");
      }
      return print_error(p.status(), hints);
    }
    passphrase = std::move(p).value();
    if (code_points(passphrase) < kMinPassphraseChars && !f.weak_passphrase) {
      return print_error(
          invalid_argument("the passphrase is shorter than " + std::to_string(kMinPassphraseChars) +
                           " characters"),
          {"choose a longer one (a few words are easy to type), or accept a weak one with "
           "--weak-passphrase"});
    }
  }
  const keys::SecretKey key = keys::SecretKey::generate();
  Result<keys::Secret> secret_file =
      keys::encode_secret_key_file(f.name, key, f.unencrypted ? nullptr : &passphrase);
  if (!secret_file.ok()) {
    return print_error(secret_file.status());
  }
  // Exclusive: never overwrite a key, even one created since the check above.
  if (Status s =
          write_file_atomic(secret_path, secret_file->view(), {.mode = 0600, .exclusive = true});
      !s.ok()) {
    return print_error(s);
  }
  if (Status s =
          write_file_atomic(public_path, keys::encode_public_key_file({f.name, key.public_key()}),
                            {.mode = 0644, .exclusive = true});
      !s.ok()) {
    return print_error(s);
  }
  if (!g.quiet) {
    std::cout << "wrote " << secret_path << " (secret, "
              << (f.unencrypted ? "unencrypted" : "encrypted") << ") and " << public_path << nl
              << "public key " << key.public_key().to_string() << " (id " << key.public_key().id()
              << ")" << nl;
  }
  return kExitOk;
}

struct ShowFlags {
  std::string key;
  bool json = false;
};

// What a key file says: "encrypted (argon2id)", "unencrypted", or empty for a public key.
std::string secret_state(const std::string& path) {
  Result<std::string> text = read_file(path, 64 * 1024);
  std::string out;
  if (text.ok() && text->rfind("hallmark secret key", 0) == 0) {
    out = keys::is_encrypted_secret_key_file(*text) ? "encrypted" : "unencrypted";
  }
  if (text.ok()) {
    std::fill(text->begin(), text->end(), '\0');
  }
  return out;
}

int key_show(const ShowFlags& f) {
  Result<keys::NamedPublicKey> key = load_public_key(f.key);
  if (!key.ok()) {
    return print_error(key.status());
  }
  const std::string secret = secret_state(f.key);
  if (f.json) {
    const Json doc = {{"hallmark_key", 1},
                      {"name", key->name.empty() ? Json(nullptr) : Json(key->name)},
                      {"id", key->key.id()},
                      {"public_key", key->key.to_string()},
                      {"secret", secret.empty() ? Json(nullptr) : Json(secret)}};
    raw_stdout() << json_text(doc, 2) << "\n";
    return kExitOk;
  }
  if (!key->name.empty()) {
    std::cout << "name: " << key->name << nl;
  }
  std::cout << "id: " << key->key.id() << nl << "public key: " << key->key.to_string() << nl;
  if (!secret.empty()) {
    std::cout << "secret key: " << (secret == "encrypted" ? "encrypted (argon2id)" : secret) << nl;
  }
  return kExitOk;
}

struct ListFlags {
  std::string dir;  // Empty: the keys directory.
  bool json = false;
};

// The key pairs in the keys directory: NAME.pub files, and NAME.key files without one.
int key_list(const ListFlags& f) {
  const std::string dir = f.dir.empty() ? paths::keys_dir() : f.dir;
  std::error_code ec;
  std::vector<std::string> names;
  if (std::filesystem::is_directory(dir, ec)) {
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      const std::string file = e.path().filename().string();
      for (std::string_view ext : {".pub", ".key"}) {
        if (file.size() > ext.size() && file.ends_with(ext)) {
          names.push_back(file.substr(0, file.size() - ext.size()));
        }
      }
    }
  } else if (!f.dir.empty()) {
    return print_error(not_found("--dir " + f.dir + ": no such directory"));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  Json keys = Json::array();
  for (const std::string& name : names) {
    const std::string base = dir + "/" + name;
    const bool has_pub = std::filesystem::exists(base + ".pub", ec);
    Result<keys::NamedPublicKey> key = load_public_key(has_pub ? base + ".pub" : base + ".key");
    if (!key.ok()) {
      std::cout.flush();
      std::cerr << "hallmark: warning: " << key.status().message() << nl;
      continue;
    }
    const std::string secret =
        std::filesystem::exists(base + ".key", ec) ? secret_state(base + ".key") : "";
    if (f.json) {
      keys.push_back({{"name", name},
                      {"id", key->key.id()},
                      {"public_key", key->key.to_string()},
                      {"secret", secret.empty() ? Json(nullptr) : Json(secret)}});
      continue;
    }
    std::cout << name << " id=" << key->key.id() << " " << key->key.to_string()
              << (secret.empty() ? " (public only)" : " (secret " + secret + ")") << nl;
  }
  if (f.json) {
    Json doc = {{"hallmark_keys", 1}};
    add_file_name(doc, "dir", dir);
    doc["keys"] = std::move(keys);
    raw_stdout() << json_text(doc, 2) << "\n";
  } else if (names.empty()) {
    std::cout.flush();
    std::cerr << "hallmark: no keys in " << dir << nl;
    print_hint("create one with: hallmark key new --name NAME");
  }
  return kExitOk;
}

}  // namespace

void add_key_commands(CLI::App& app, Globals& g) {
  CLI::App* key = app.add_subcommand("key", "Create, show and list signing keys");
  key->require_subcommand(1);

  auto nf = std::make_shared<NewFlags>();
  CLI::App* create =
      key->add_subcommand("new", "Create an Ed25519 key pair: NAME.key and NAME.pub");
  create->add_option("--name", nf->name, "Key name (letters, digits, . _ -)")
      ->capture_default_str();
  create->add_option("--out", nf->out, "Directory for the key files (default: the keys directory)");
  create->add_flag("--unencrypted", nf->unencrypted,
                   "Do not encrypt the secret key (protected by file mode 0600 only)");
  create->add_option("--passphrase-file", nf->passphrase_file,
                     "Read the passphrase from the first line of this file");
  create->add_flag("--weak-passphrase", nf->weak_passphrase,
                   "Accept a passphrase shorter than 8 characters");
  create->callback([nf, &g] { g.exit_code = key_new(*nf, g); });

  auto sf = std::make_shared<ShowFlags>();
  CLI::App* show = key->add_subcommand("show", "Show a key's name, id and public key");
  show->add_option("key", sf->key, "KEY or PUB file, \"ed25519:...\", or a key name")->required();
  show->add_flag("--json", sf->json, "Print JSON");
  show->callback([sf, &g] { g.exit_code = key_show(*sf); });

  auto lf = std::make_shared<ListFlags>();
  CLI::App* list = key->add_subcommand("list", "List the keys in the keys directory");
  list->add_option("--dir", lf->dir, "Directory to list (default: the keys directory)");
  list->add_flag("--json", lf->json, "Print JSON");
  list->callback([lf, &g] { g.exit_code = key_list(*lf); });
}

}  // namespace hallmark::cli
