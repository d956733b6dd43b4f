// Ed25519 keys and key files over the crypto seam (src/crypto/: libsodium's Ed25519, Argon2id,
// XChaCha20-Poly1305, guarded memory).
#include "hallmark/keys.h"

#include <cstring>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "crypto/aead.h"
#include "crypto/base64.h"
#include "crypto/ed25519.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "crypto/secure_memory.h"
#include "hallmark/sha256.h"

namespace hallmark::keys {
namespace {

constexpr std::string_view kKeyPrefix = "ed25519:";
constexpr std::string_view kPublicHeader = "hallmark public key v1";
constexpr std::string_view kSecretHeader = "hallmark secret key v1";
constexpr size_t kSaltSize = crypto::kArgon2idSaltSize;
constexpr size_t kNonceSize = crypto::kAeadNonceSize;
constexpr size_t kTagSize = crypto::kAeadTagSize;
static_assert(kPublicKeySize == crypto::kEd25519PublicKeySize);
static_assert(kSeedSize == crypto::kEd25519SeedSize);
static_assert(kSignatureSize == crypto::kEd25519SignatureSize);
// Limits on what a key file may ask of the KDF, so a hostile file cannot exhaust the machine.
constexpr uint64_t kMaxOps = 16;
constexpr uint64_t kMaxMem = 1ull << 30;

// Fixed-size views of secret buffers, for the seam's functions. Precondition: the buffer
// holds at least N bytes.
template <size_t N>
std::span<const std::byte, N> fixed(const Secret& s) {
  return std::span<const std::byte, N>(s.data(), N);
}
template <size_t N>
std::span<std::byte, N> fixed(Secret& s) {
  return std::span<std::byte, N>(s.data(), N);
}

// "key: value" lines after a fixed header. Every field must come in the order given.
struct Fields {
  std::vector<std::pair<std::string_view, std::string_view>> items;
};

Result<Fields> split_fields(std::string_view text, std::string_view header) {
  if (text.empty()) {
    return corrupt("key file is empty");
  }
  if (text.back() != '\n') {
    return corrupt("key file does not end with a newline");
  }
  Fields fields;
  bool first = true;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol + 1);
    if (first) {
      if (line != header) {
        return corrupt("not a \"" + std::string(header) + "\" file");
      }
      first = false;
      continue;
    }
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) {
      return corrupt("key file line is not \"field: value\"");
    }
    fields.items.emplace_back(line.substr(0, colon), line.substr(colon + 2));
  }
  return fields;
}

Status expect_field(const Fields& fields, size_t i, std::string_view name) {
  if (i >= fields.items.size()) {
    return corrupt("key file is missing the \"" + std::string(name) + "\" field");
  }
  if (fields.items[i].first != name) {
    return corrupt("key file has \"" + std::string(fields.items[i].first) + "\" where \"" +
                   std::string(name) + "\" was expected");
  }
  return {};
}

Result<uint64_t> parse_u64(std::string_view text, std::string_view what) {
  if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0')) {
    return corrupt(std::string(what) + " is not a number");
  }
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return corrupt(std::string(what) + " is not a number");
    }
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

// Decodes base64 straight into secret memory, so no copy is left on the ordinary heap.
Result<Secret> secret_from_base64(std::string_view text, size_t want) {
  Secret out(want);
  const std::optional<size_t> len =
      crypto::secret_base64_decode(text, std::span<std::byte>(out.data(), out.size()));
  if (!len || *len != want) {
    return corrupt("secret key field is not " + std::to_string(want) + " bytes of base64");
  }
  return out;
}

Secret secret_to_base64(ByteView bytes) {
  Secret out(crypto::secret_base64_encoded_size(bytes.size()));
  crypto::secret_base64_encode(bytes,
                               std::span<char>(reinterpret_cast<char*>(out.data()), out.size()));
  // Drop the terminating NUL from the visible size by copying into an exact buffer.
  const size_t n = std::strlen(reinterpret_cast<const char*>(out.data()));
  Secret exact(n);
  std::memcpy(exact.data(), out.data(), n);
  return exact;
}

// Precondition: `salt` is kSaltSize bytes.
Result<Secret> derive_key(const Secret& passphrase, ByteView salt, uint64_t ops, uint64_t mem) {
  Secret key(crypto::kAeadKeySize);
  HALLMARK_TRY(crypto::argon2id(std::span<std::byte>(key.data(), key.size()), passphrase.view(),
                                std::span<const std::byte, kSaltSize>(salt.data(), kSaltSize), ops,
                                mem));
  return key;
}

// The key file's name (field 0) and public key (field 1); `what` names the file in errors.
Result<NamedPublicKey> named_public_key(const Fields& f, const char* what) {
  NamedPublicKey out;
  out.name = std::string(f.items[0].second);
  HALLMARK_TRY(check_key_name(out.name).with_context(what));
  Result<PublicKey> key = parse_public_key(f.items[1].second);
  HALLMARK_TRY(key);
  out.key = *key;
  return out;
}

}  // namespace

Secret::Secret(size_t size) : data_(crypto::secure_alloc(size)), size_(size) {}

Secret::Secret(Secret&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    crypto::secure_free(data_);  // Zeroes before freeing.
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

Secret::~Secret() {
  crypto::secure_free(data_);
}

Secret Secret::from(std::string_view text) {
  Secret out(text.size());
  std::memcpy(out.data(), text.data(), text.size());
  return out;
}

std::string PublicKey::to_string() const {
  return std::string(kKeyPrefix) + to_base64(bytes);
}

std::string PublicKey::id() const {
  const Digest d = sha256(bytes);
  return to_hex(ByteView(d.data(), 8));
}

Result<PublicKey> parse_public_key(std::string_view text) {
  if (text.substr(0, kKeyPrefix.size()) != kKeyPrefix) {
    return corrupt("public key must start with \"ed25519:\"");
  }
  Result<std::array<std::byte, 32>> bytes = fixed_from_base64<32>(text.substr(kKeyPrefix.size()));
  if (!bytes.ok()) {
    return corrupt("public key is not \"ed25519:\" and 32 bytes of base64");
  }
  PublicKey key;
  key.bytes = *bytes;
  return key;
}

Status verify(const PublicKey& key, ByteView message, const Signature& signature) {
  if (!crypto::ed25519_verify(key.bytes, message, signature)) {
    return verify_failed("ed25519 signature does not verify");
  }
  return {};
}

SecretKey SecretKey::generate() {
  Secret seed(kSeedSize);
  crypto::random_bytes(std::span<std::byte>(seed.data(), seed.size()));
  return std::move(from_seed(seed.view())).value();
}

Result<SecretKey> SecretKey::from_seed(ByteView seed) {
  if (seed.size() != kSeedSize) {
    return invalid_argument("an ed25519 seed is 32 bytes");
  }
  SecretKey key;
  key.seed_ = Secret(kSeedSize);
  std::memcpy(key.seed_.data(), seed.data(), kSeedSize);
  key.expanded_ = Secret(crypto::kEd25519SecretKeySize);
  crypto::ed25519_keypair_from_seed(fixed<kSeedSize>(std::as_const(key.seed_)),
                                    key.public_key_.bytes,
                                    fixed<crypto::kEd25519SecretKeySize>(key.expanded_));
  return key;
}

Signature SecretKey::sign(ByteView message) const {
  Signature sig;
  crypto::ed25519_sign(fixed<crypto::kEd25519SecretKeySize>(expanded_), message, sig);
  return sig;
}

Status check_key_name(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return invalid_argument("key name must be 1 to 64 characters");
  }
  if (name[0] == '.' || name[0] == '-') {
    return invalid_argument("key name must not start with '.' or '-'");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) {
      return invalid_argument("key name may only use letters, digits, '.', '_' and '-'");
    }
  }
  return {};
}

std::string encode_public_key_file(const NamedPublicKey& key) {
  return std::string(kPublicHeader) + "\nname: " + key.name + "\nkey: " + key.key.to_string() +
         "\n";
}

Result<NamedPublicKey> parse_public_key_file(std::string_view text) {
  Result<Fields> fields = split_fields(text, kPublicHeader);
  HALLMARK_TRY(fields);
  HALLMARK_TRY(expect_field(*fields, 0, "name"));
  HALLMARK_TRY(expect_field(*fields, 1, "key"));
  if (fields->items.size() != 2) {
    return corrupt("public key file has unexpected extra lines");
  }
  return named_public_key(*fields, "public key file");
}

bool is_encrypted_secret_key_file(std::string_view text) {
  return text.substr(0, kSecretHeader.size()) == kSecretHeader &&
         text.find("\nkdf: argon2id\n") != std::string_view::npos;
}

Result<NamedPublicKey> public_key_of_secret_key_file(std::string_view text) {
  Result<Fields> f = split_fields(text, kSecretHeader);
  HALLMARK_TRY(f);
  HALLMARK_TRY(expect_field(*f, 0, "name"));
  HALLMARK_TRY(expect_field(*f, 1, "public"));
  return named_public_key(*f, "secret key file");
}

Result<Secret> encode_secret_key_file(std::string_view name, const SecretKey& key,
                                      const Secret* passphrase, KdfCost cost) {
  HALLMARK_TRY(check_key_name(name));
  std::string header = std::string(kSecretHeader) + "\nname: " + std::string(name) +
                       "\npublic: " + key.public_key().to_string() + "\n";
  Secret encoded;
  if (passphrase == nullptr) {
    header += "kdf: none\nsecret: ";
    encoded = secret_to_base64(key.seed().view());
  } else {
    std::array<std::byte, kSaltSize> salt;
    std::array<std::byte, kNonceSize> nonce;
    crypto::random_bytes(salt);
    crypto::random_bytes(nonce);
    header += "kdf: argon2id\nops: " + std::to_string(cost.ops) +
              "\nmem: " + std::to_string(cost.mem) + "\nsalt: " + to_base64(salt) +
              "\nnonce: " + to_base64(nonce) + "\nsecret: ";
    Result<Secret> wrap = derive_key(*passphrase, salt, cost.ops, cost.mem);
    HALLMARK_TRY(wrap);
    Secret sealed(kSeedSize + kTagSize);
    // The header is the associated data: name, public key and KDF cost cannot be swapped.
    crypto::aead_seal(std::span<std::byte>(sealed.data(), sealed.size()), key.seed().view(),
                      as_bytes(header), nonce, fixed<crypto::kAeadKeySize>(std::as_const(*wrap)));
    encoded = secret_to_base64(sealed.view());
  }
  Secret out(header.size() + encoded.size() + 1);
  std::memcpy(out.data(), header.data(), header.size());
  std::memcpy(out.data() + header.size(), encoded.data(), encoded.size());
  out.data()[out.size() - 1] = std::byte{'\n'};
  return out;
}

Result<NamedSecretKey> parse_secret_key_file(std::string_view text,
                                             const PassphraseSource& passphrase) {
  Result<Fields> parsed = split_fields(text, kSecretHeader);
  HALLMARK_TRY(parsed);
  const Fields& f = *parsed;
  HALLMARK_TRY(expect_field(f, 0, "name"));
  HALLMARK_TRY(expect_field(f, 1, "public"));
  HALLMARK_TRY(expect_field(f, 2, "kdf"));
  std::string name(f.items[0].second);
  HALLMARK_TRY(check_key_name(name).with_context("secret key file"));
  Result<PublicKey> public_key = parse_public_key(f.items[1].second);
  HALLMARK_TRY(public_key);
  const std::string_view kdf = f.items[2].second;

  Secret seed;
  if (kdf == "none") {
    HALLMARK_TRY(expect_field(f, 3, "secret"));
    if (f.items.size() != 4) {
      return corrupt("secret key file has unexpected extra lines");
    }
    Result<Secret> s = secret_from_base64(f.items[3].second, kSeedSize);
    HALLMARK_TRY(s);
    seed = std::move(s).value();
  } else if (kdf == "argon2id") {
    const char* names[] = {"ops", "mem", "salt", "nonce", "secret"};
    for (size_t i = 0; i < 5; ++i) {
      HALLMARK_TRY(expect_field(f, 3 + i, names[i]));
    }
    if (f.items.size() != 8) {
      return corrupt("secret key file has unexpected extra lines");
    }
    Result<uint64_t> ops = parse_u64(f.items[3].second, "ops");
    HALLMARK_TRY(ops);
    Result<uint64_t> mem = parse_u64(f.items[4].second, "mem");
    HALLMARK_TRY(mem);
    if (*ops < crypto::kArgon2idMinOps || *ops > kMaxOps || *mem < crypto::kArgon2idMinMem ||
        *mem > kMaxMem) {
      return corrupt("secret key file asks for an argon2id cost outside the allowed range");
    }
    Result<std::array<std::byte, kSaltSize>> salt = fixed_from_base64<kSaltSize>(f.items[5].second);
    HALLMARK_TRY(salt.status().with_context("salt"));
    Result<std::array<std::byte, kNonceSize>> nonce =
        fixed_from_base64<kNonceSize>(f.items[6].second);
    HALLMARK_TRY(nonce.status().with_context("nonce"));
    Result<Secret> sealed = secret_from_base64(f.items[7].second, kSeedSize + kTagSize);
    HALLMARK_TRY(sealed);
    if (!passphrase) {
      return invalid_argument("the secret key is encrypted and no passphrase was given");
    }
    Result<Secret> pass = passphrase();
    HALLMARK_TRY(pass);
    Result<Secret> wrap = derive_key(*pass, *salt, *ops, *mem);
    HALLMARK_TRY(wrap);
    // Associated data: the file up to and including "secret: ".
    const std::string_view header = text.substr(0, text.rfind("secret: ") + 8);
    seed = Secret(kSeedSize);
    if (!crypto::aead_open(std::span<std::byte>(seed.data(), seed.size()), sealed->view(),
                           as_bytes(header), *nonce,
                           fixed<crypto::kAeadKeySize>(std::as_const(*wrap)))) {
      return verify_failed("wrong passphrase for secret key \"" + name +
                           "\" (or the key file was altered)");
    }
  } else {
    return unsupported("secret key file uses unknown kdf \"" + std::string(kdf) + "\"");
  }
  Result<SecretKey> key = SecretKey::from_seed(seed.view());
  HALLMARK_TRY(key);
  if (key->public_key() != *public_key) {
    return corrupt("secret key file: the secret does not match its public key");
  }
  return NamedSecretKey{std::move(name), std::move(key).value()};
}

}  // namespace hallmark::keys
