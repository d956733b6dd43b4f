// hallmark trust add | remove | revoke | list (man/hallmark-trust.1).
#include "hallmark/trust.h"

#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
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
  bool also = false;     // add: a second key under a name already trusted.
  bool replace = false;  // add: instead of the keys under that name.
  bool all = false;      // remove: every key under the name.
  bool json = false;     // list
};

std::string store_path(const TrustFlags& f) {
  return f.store.empty() ? paths::trust_file() : f.store;
}

// The store to change or show. A store named with --trust must exist, except for `add`,
// which creates it.
Result<TrustStore> load_store(const TrustFlags& f, bool create) {
  Result<TrustStore> store = TrustStore::load(store_path(f), f.store.empty() || create);
  if (!store.ok() && store.status().code() == Code::kNotFound) {
    return not_found("--trust " + f.store + ": no such file");
  }
  return store;
}

std::string ids(const std::vector<const TrustEntry*>& entries) {
  std::string out;
  for (const TrustEntry* e : entries) {
    out += (out.empty() ? "" : ", ") + e->key.id();
  }
  return out;
}

std::string ids(const std::vector<TrustEntry>& entries) {
  std::vector<const TrustEntry*> p;
  for (const TrustEntry& e : entries) {
    p.push_back(&e);
  }
  return ids(p);
}

int trust_add(const TrustFlags& f, const Globals& g) {
  if (f.also && f.replace) {
    return print_error(invalid_argument("--also and --replace exclude each other"));
  }
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
  if (Status s = keys::check_key_name(e.name); !s.ok()) {
    return print_error(s.with_context("--name"));
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
  Result<TrustStore> store = load_store(f, /*create=*/true);
  if (!store.ok()) {
    return print_error(store.status());
  }
  // A second key under a trusted name would make anything it signs show as that signer:
  // only when the user says it is the same signer (another device), or a new key for them.
  const std::vector<const TrustEntry*> same = store->named(e.name);
  std::vector<TrustEntry> replaced;
  if (!same.empty() && store->find(e.key) == nullptr) {
    if (!f.also && !f.replace) {
      return print_error(invalid_argument("\"" + e.name + "\" is already trusted with " +
                                          (same.size() == 1 ? "key " : "keys ") + ids(same) +
                                          ", not " + e.key.id()),
                         {"if " + e.key.id() + " is " + e.name +
                          "'s too (another device), add --also; if it replaces the old key, add "
                          "--replace; if it is someone else, choose another --name"});
    }
    if (f.replace) {
      Result<std::vector<TrustEntry>> r = store->remove(e.name);
      if (!r.ok()) {
        return print_error(r.status());
      }
      replaced = std::move(r).value();
    }
  }
  if (Status s = store->add(e); !s.ok()) {
    return print_error(s);
  }
  if (Status s = store->save(path); !s.ok()) {
    return print_error(s);
  }
  if (!g.quiet) {
    std::cout << "trusted " << e.name << " (id " << e.key.id() << ")";
    if (!replaced.empty()) {
      std::cout << " instead of " << ids(replaced);
    } else if (!same.empty()) {
      std::cout << " besides " << ids(same);
    }
    std::cout << " in " << path << nl;
  }
  return kExitOk;
}

// What `trust remove` and `trust revoke` act on: a name in the store, "ed25519:...", or a key
// file (its key).
std::string target_of(const TrustStore& store, const std::string& arg) {
  if (!store.named(arg).empty() || arg.rfind("ed25519:", 0) == 0) {
    return arg;
  }
  if (Result<keys::NamedPublicKey> k = load_public_key(arg); k.ok()) {
    return k->key.to_string();
  }
  return arg;
}

int trust_revoke(const TrustFlags& f, const Globals& g) {
  const std::string path = store_path(f);
  Result<TrustStore> store = load_store(f, /*create=*/false);
  if (!store.ok()) {
    return print_error(store.status());
  }
  const std::string target = target_of(*store, f.key);
  Result<size_t> n = store->revoke(target, unix_now());
  if (!n.ok()) {
    return print_error(not_found("no trusted key is named or equals \"" + f.key + "\""),
                       {"hallmark trust list shows the trusted keys"});
  }
  std::vector<const TrustEntry*> revoked;
  for (const TrustEntry& e : store->entries()) {
    if (e.name == target || e.key.to_string() == target) {
      revoked.push_back(&e);
    }
  }
  if (Status s = store->save(path); !s.ok()) {
    return print_error(s);
  }
  if (!g.quiet) {
    std::cout << "revoked " << *n << (*n == 1 ? " key" : " keys") << " matching " << f.key << " ("
              << (*n == 1 ? "id " : "ids ") << ids(revoked) << ") in " << path << nl;
  }
  return kExitOk;
}

int trust_remove(const TrustFlags& f, const Globals& g) {
  const std::string path = store_path(f);
  Result<TrustStore> store = load_store(f, /*create=*/false);
  if (!store.ok()) {
    return print_error(store.status());
  }
  const std::string target = target_of(*store, f.key);
  if (const std::vector<const TrustEntry*> same = store->named(target); same.size() > 1 && !f.all) {
    return print_error(invalid_argument(std::to_string(same.size()) + " keys are trusted as \"" +
                                        target + "\" (" + ids(same) + ")"),
                       {"name the key to remove (ed25519:... or its .pub file), or add --all"});
  }
  Result<std::vector<TrustEntry>> removed = store->remove(target);
  if (!removed.ok()) {
    return print_error(not_found("no trusted key is named or equals \"" + f.key + "\""),
                       {"hallmark trust list shows the trusted keys"});
  }
  if (Status s = store->save(path); !s.ok()) {
    return print_error(s);
  }
  if (!g.quiet) {
    for (const TrustEntry& e : *removed) {
      std::cout << "removed " << e.name << " (id " << e.key.id() << ") from " << path << nl;
    }
  }
  return kExitOk;
}

int trust_list(const TrustFlags& f) {
  const std::string path = store_path(f);
  Result<TrustStore> store = load_store(f, /*create=*/false);
  if (!store.ok()) {
    return print_error(store.status());
  }
  auto time_json = [](const std::optional<int64_t>& t) {
    return t ? Json(format_rfc3339(*t)) : Json(nullptr);
  };
  if (f.json) {
    Json keys = Json::array();
    for (const TrustEntry& e : store->entries()) {
      keys.push_back({{"name", e.name},
                      {"key", e.key.to_string()},
                      {"id", e.key.id()},
                      {"valid_after", time_json(e.valid_after)},
                      {"valid_before", time_json(e.valid_before)},
                      {"revoked", time_json(e.revoked)}});
    }
    Json doc = {{"hallmark_trust", 1}};
    add_file_name(doc, "store", path);
    doc["keys"] = std::move(keys);
    raw_stdout() << json_text(doc, 2) << "\n";
    return kExitOk;
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
  add->add_flag("--also", f->also,
                "The name is trusted already: this is another key of the same signer");
  add->add_flag("--replace", f->replace,
                "The name is trusted already: this key replaces the old ones");
  add->callback([f, &g] { g.exit_code = trust_add(*f, g); });

  CLI::App* remove =
      trust->add_subcommand("remove", "Forget a key: its signatures become untrusted");
  remove->add_option("key", f->key, "NAME, \"ed25519:...\", or PUB file")->required();
  remove->add_flag("--all", f->all, "Remove every key trusted under NAME");
  remove->callback([f, &g] { g.exit_code = trust_remove(*f, g); });

  CLI::App* revoke =
      trust->add_subcommand("revoke", "Revoke a key: its signatures fail from now on");
  revoke->add_option("key", f->key, "NAME, \"ed25519:...\", or PUB file")->required();
  revoke->callback([f, &g] { g.exit_code = trust_revoke(*f, g); });

  CLI::App* list = trust->add_subcommand("list", "List trusted keys");
  list->add_flag("--json", f->json, "Print JSON");
  list->callback([f, &g] { g.exit_code = trust_list(*f); });
}

}  // namespace hallmark::cli
