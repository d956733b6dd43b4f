// Getting secrets from the user: passphrases (prompt without echo on a terminal, else
// --passphrase-file, else $HALLMARK_PASSPHRASE) and signing keys (--key, else
// $HALLMARK_SECRET_KEY).
#pragma once

#include <string>

#include "hallmark/keys.h"
#include "hallmark/status.h"

namespace hallmark::cli {

// A passphrase from --passphrase-file (first line), $HALLMARK_PASSPHRASE, or a prompt on the
// terminal (asked twice when `confirm`). kNotFound when none is available.
Result<keys::Secret> read_passphrase(const std::string& passphrase_file, const std::string& prompt,
                                     bool confirm);

// Resolves --key: a path to a secret key file, or a NAME looked up as NAME.key in the keys
// directory. Empty `key_arg` reads the key file's contents from $HALLMARK_SECRET_KEY.
Result<keys::NamedSecretKey> load_signing_key(const std::string& key_arg,
                                              const std::string& passphrase_file);

// Resolves a public key argument: "ed25519:..." literally, a .pub file, a .key file (its public
// half, no passphrase needed), or a NAME in the keys directory.
Result<keys::NamedPublicKey> load_public_key(const std::string& arg);

}  // namespace hallmark::cli
