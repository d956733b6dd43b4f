// hallmark key new | show (man/hallmark-key.1).
#include <filesystem>
#include <iostream>

#include "cli/command.h"
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
  std::string passphrase_file;
};

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

int key_show(const std::string& arg) {
  Result<keys::NamedPublicKey> key = load_public_key(arg);
  if (!key.ok()) {
    return print_error(key.status());
  }
  if (!key->name.empty()) {
    std::cout << "name: " << key->name << nl;
  }
  std::cout << "id: " << key->key.id() << nl << "public key: " << key->key.to_string() << nl;
  Result<std::string> text = read_file(arg, 64 * 1024);
  if (text.ok() && text->rfind("hallmark secret key", 0) == 0) {
    std::cout << "secret key: "
              << (keys::is_encrypted_secret_key_file(*text) ? "encrypted (argon2id)"
                                                            : "unencrypted")
              << nl;
    std::fill(text->begin(), text->end(), '\0');
  }
  return kExitOk;
}

}  // namespace

void add_key_commands(CLI::App& app, Globals& g) {
  CLI::App* key = app.add_subcommand("key", "Create and show signing keys");
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
  create->callback([nf, &g] { g.exit_code = key_new(*nf, g); });

  auto arg = std::make_shared<std::string>();
  CLI::App* show = key->add_subcommand("show", "Show a key's name, id and public key");
  show->add_option("key", *arg, "KEY or PUB file, \"ed25519:...\", or a key name")->required();
  show->callback([arg, &g] { g.exit_code = key_show(*arg); });
}

}  // namespace hallmark::cli
