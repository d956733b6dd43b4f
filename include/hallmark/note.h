// C2SP signed notes (signed-note v1.0.0): text signed by one or more keys, with Ed25519 note
// signatures (type 0x01) and timestamped Ed25519 cosignatures (cosignature/v1, type 0x04, from
// C2SP tlog-cosignature). Keys are named by verifier key strings ("vkeys") and, for signing, by
// Go x/mod's private key strings. Format: hallmark-log(5), KEYS and CHECKPOINTS.
// Thread-safety: values and pure functions; a Signer may sign from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/keys.h"
#include "hallmark/status.h"

namespace hallmark::note {

// Signature types hallmark signs and verifies. Other types are ignored in notes (as unknown
// keys) and refused as vkeys with kUnsupported.
enum class KeyType : uint8_t {
  kEd25519 = 0x01,        // Note signature: Ed25519 over the note text.
  kCosignatureV1 = 0x04,  // u64be(time) || Ed25519 over "cosignature/v1\ntime T\n" || text.
};

// Largest signed note read (bytes) and most signature lines in one note.
constexpr size_t kMaxNoteSize = 1 << 20;
constexpr size_t kMaxSignatures = 100;
// Largest cosignature timestamp (C2SP tlog-cosignature).
constexpr uint64_t kMaxTimestamp = (uint64_t{1} << 63) - 1;

// OK if `name` may name a key: non-empty valid UTF-8 without Unicode spaces or '+', at most
// 256 bytes. kCorrupt otherwise.
Status check_key_name(std::string_view name);

// First four bytes, big-endian, of SHA-256(name || 0x0A || type || public key).
uint32_t key_id(std::string_view name, KeyType type, const keys::PublicKey& key);

// A public key that can check signatures: "name+hex8+base64(type || key)".
struct Verifier {
  std::string name;
  uint32_t id = 0;
  KeyType type = KeyType::kEd25519;
  keys::PublicKey key;

  std::string to_string() const;  // The vkey.
  bool operator==(const Verifier&) const = default;
};

// Parses a vkey. kCorrupt if malformed or if its key ID does not match name, type and key;
// kUnsupported for a well-formed key of another signature type.
Result<Verifier> parse_verifier(std::string_view vkey);

// One signature line of a note: "— name base64(id || data)".
struct Signature {
  std::string name;
  uint32_t id = 0;
  Bytes data;  // The signature proper, after the 4-byte key ID (non-empty).
  bool operator==(const Signature&) const = default;
};

// A secret key that signs notes or cosignatures. Move-only; secret bytes live in keys::Secret.
class Signer {
 public:
  // A fresh random key. kCorrupt for an invalid name.
  static Result<Signer> generate(std::string_view name, KeyType type);
  // Parses "PRIVATE+KEY+name+hex8+base64(type || 32-byte seed)" (Go x/mod's format).
  // kCorrupt if malformed or the key ID does not match; kUnsupported for other types.
  static Result<Signer> parse(std::string_view skey);

  const Verifier& verifier() const { return verifier_; }
  // The private key string, in secret memory.
  keys::Secret to_string() const;

  // Signs `text` (a note text ending in '\n'). Cosigners (kCosignatureV1) sign at `timestamp`
  // (POSIX seconds, at most kMaxTimestamp); note signers ignore it.
  Signature sign(std::string_view text, uint64_t timestamp = 0) const;

 private:
  Signer(Verifier verifier, keys::SecretKey key)
      : verifier_(std::move(verifier)), key_(std::move(key)) {}
  Verifier verifier_;
  keys::SecretKey key_;
};

// A note as written: its text (ending in '\n') and its signature lines in order.
struct Note {
  std::string text;
  std::vector<Signature> signatures;
};

// Syntax only, nothing verified: kCorrupt (with a reason) unless `signed_note` is valid UTF-8
// without control characters other than '\n', at most kMaxNoteSize bytes, text + blank line +
// 1..kMaxSignatures well-formed signature lines.
Result<Note> parse(std::string_view signed_note);
// The signed note text: text, a blank line, one line per signature.
std::string format(const Note& note);
std::string format_signature_line(const Signature& signature);

// A signature that verified.
struct VerifiedSignature {
  Verifier by;
  std::optional<uint64_t> timestamp;  // Cosignatures only.
};

struct Opened {
  std::string text;
  std::vector<VerifiedSignature> verified;  // In note order, each key once.
};

// Verifies `signed_note` against the keys in `known` (C2SP rules): signatures whose (name, key
// ID) match no known key are ignored; every signature of a known key must verify.
// kCorrupt if malformed; kVerifyFailed if a known key's signature fails or if no known key
// signed. Repeated signatures by one key count once.
Result<Opened> open(std::string_view signed_note, std::span<const Verifier> known);

// Checks one signature by `verifier` over `text`; for cosignatures returns the timestamp.
// kVerifyFailed if it does not verify (or the name or key ID differ).
Result<std::optional<uint64_t>> verify_signature(const Verifier& verifier, std::string_view text,
                                                 const Signature& signature);

}  // namespace hallmark::note
