// hallmark trust add | revoke | list (man/hallmark-trust.1).
#include "hallmark/trust.h"

#include <iostream>

#include "cli/command.h"
#include "cli/secret_key.h"
#include "cli/terminal.h"
#include "hallmark/paths.h"
#include "hallmark/rfc3339.h"

namespace hallmark::cli {
namespace {

struct TrustFlags {
  std::string store;  // --trust FILE
  std::string key;
  std::string name;
  std::string valid_after;
  std::string valid_before;
};

std::string store_path(const TrustFlags& f) {
  return f.store.empty() ? paths::trust_file() : f.store;
}

int trust_add(const TrustFlags& f, const Globals& g) {
  Result<keys::NamedPublicKey> key = load_public_key(f.key);
  if (!key.ok()) {
    return print_error(key.status());
  }
  TrustEntry e;
  e.name = f.name.empty() ? key->name : f.name;
  e.key = key->key;
  if (e.name.empty()) {
    return print_error(invalid_argument("--name is required for a key given as text"));
  }
  for (auto [text, slot] :
       {std::pair{&f.valid_after, &e.valid_after}, std::pair{&f.valid_before, &e.valid_before}}) {
    if (!text->empty()) {
      Result<int64_t> t = parse_date_or_time(*text);
      if (!t.ok()) {
        return print_error(invalid_argument(t.status().message()));
      }
      *slot = *t;
    }
  }
  if (e.valid_after && e.valid_before && *e.valid_after >= *e.valid_before) {
    return print_error(invalid_argument("--valid-after must be before --valid-before"));
  }
  const std::string path = store_path(f);
  Result<TrustStore> store = TrustStore::load(path);
  if (!store.ok()) {
    return print_error(store.status());
  }
  if (Status s = store->add(e); !s.ok()) {
    return print_error(s);
  }
  if (Status s = store->save(path); !s.ok()) {
    return print_error(s);
  }
  if (!g.quiet) {
    std::cout << "trusted " << e.name << " (id " << e.key.id() << ") in " << path << nl;
  }
  return kExitOk;
}

int trust_revoke(const TrustFlags& f, const Globals& g) {
  const std::string path = store_path(f);
  Result<TrustStore> store = TrustStore::load(path);
  if (!store.ok()) {
    return print_error(store.status());
  }
  // A key file may be named too.
  std::string target = f.key;
  if (Result<keys::NamedPublicKey> k = load_public_key(f.key); k.ok()) {
    target = k->key.to_string();
  }
  Result<size_t> n = store->revoke(target, unix_now());
  if (!n.ok()) {
    return print_error(n.status(), {"hallmark trust list shows the trusted keys"});
  }
  if (Status s = store->save(path); !s.ok()) {
    return print_error(s);
  }
  if (!g.quiet) {
    std::cout << "revoked " << *n << (*n == 1 ? " key" : " keys") << " matching " << f.key << " in "
              << path << nl;
  }
  return kExitOk;
}

int trust_list(const TrustFlags& f) {
  const std::string path = store_path(f);
  Result<TrustStore> store = TrustStore::load(path);
  if (!store.ok()) {
    return print_error(store.status());
  }
  for (const TrustEntry& e : store->entries()) {
    std::cout << e.name << " " << e.key.to_string() << " id=" << e.key.id();
    if (e.valid_after) {
      std::cout << " valid-after=" << format_rfc3339(*e.valid_after);
    }
    if (e.valid_before) {
      std::cout << " valid-before=" << format_rfc3339(*e.valid_before);
    }
    if (e.revoked) {
      std::cout << " revoked=" << format_rfc3339(*e.revoked);
    }
    std::cout << nl;
  }
  return kExitOk;
}

}  // namespace

void add_trust_commands(CLI::App& app, Globals& g) {
  CLI::App* trust = app.add_subcommand("trust", "Manage the trust store of signers you believe");
  trust->require_subcommand(1);
  auto f = std::make_shared<TrustFlags>();
  trust->add_option("--trust", f->store, "Trust store file (default: the one in the config dir)");

  CLI::App* add = trust->add_subcommand("add", "Trust a signer's public key");
  add->add_option("key", f->key, "PUB file, \"ed25519:...\", or key name")->required();
  add->add_option("--name", f->name, "Name to show for this signer (default: the key's name)");
  add->add_option("--valid-after", f->valid_after, "Trust only manifests created from this date");
  add->add_option("--valid-before", f->valid_before,
                  "Trust only manifests created before this date");
  add->callback([f, &g] { g.exit_code = trust_add(*f, g); });

  CLI::App* revoke =
      trust->add_subcommand("revoke", "Revoke a key: its signatures fail from now on");
  revoke->add_option("key", f->key, "NAME, \"ed25519:...\", or PUB file")->required();
  revoke->callback([f, &g] { g.exit_code = trust_revoke(*f, g); });

  CLI::App* list = trust->add_subcommand("list", "List trusted keys");
  list->callback([f, &g] { g.exit_code = trust_list(*f); });
}

}  // namespace hallmark::cli
