#include "hallmark/note.h"

#include <string.h>

#include <array>
#include <cassert>

#include "hallmark/sha256.h"
#include "text.h"

namespace hallmark::note {
namespace {

constexpr std::string_view kSigPrefix = "\xe2\x80\x94 ";  // U+2014 EM DASH, space.
constexpr std::string_view kPrivatePrefix = "PRIVATE+KEY+";
constexpr size_t kMaxNameSize = 256;

Result<KeyType> key_type(std::byte b) {
  switch (static_cast<uint8_t>(b)) {
    case 0x01:
      return KeyType::kEd25519;
    case 0x04:
      return KeyType::kCosignatureV1;
    default:
      return unsupported("signature type 0x" + to_hex(ByteView(&b, 1)) + " is not supported");
  }
}

// Splits "name+hex8+rest" (rest may itself contain '+', as base64 does).
struct KeyParts {
  std::string_view name;
  std::string_view hex8;
  std::string_view b64;
};
Result<KeyParts> split_key(std::string_view text) {
  const size_t a = text.find('+');
  if (a == std::string_view::npos) {
    return corrupt("key is not name+id+key");
  }
  const size_t b = text.find('+', a + 1);
  if (b == std::string_view::npos) {
    return corrupt("key is not name+id+key");
  }
  KeyParts parts{text.substr(0, a), text.substr(a + 1, b - a - 1), text.substr(b + 1)};
  HALLMARK_TRY(check_key_name(parts.name));
  if (parts.hex8.size() != 8) {
    return corrupt("key id is not 8 hex digits");
  }
  for (char c : parts.hex8) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return corrupt("key id is not 8 lowercase hex digits");
    }
  }
  return parts;
}

uint32_t parse_hex8(std::string_view hex8) {
  uint32_t v = 0;
  for (char c : hex8) {
    v = (v << 4) | static_cast<uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  return v;
}

std::string hex8(uint32_t id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(8, '0');
  for (int i = 7; i >= 0; --i) {
    s[static_cast<size_t>(i)] = kDigits[id & 0xf];
    id >>= 4;
  }
  return s;
}

void put_u32(Bytes& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::byte>((v >> shift) & 0xff));
  }
}

uint32_t get_u32(ByteView b) {
  return (static_cast<uint32_t>(b[0]) << 24) | (static_cast<uint32_t>(b[1]) << 16) |
         (static_cast<uint32_t>(b[2]) << 8) | static_cast<uint32_t>(b[3]);
}

uint64_t get_u64(ByteView b) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) {
    v = (v << 8) | static_cast<uint64_t>(b[i]);
  }
  return v;
}

std::string cosigned_message(std::string_view text, uint64_t timestamp) {
  std::string msg = "cosignature/v1\ntime " + std::to_string(timestamp) + "\n";
  msg.append(text);
  return msg;
}

}  // namespace

Status check_key_name(std::string_view name) {
  if (name.empty()) {
    return corrupt("key name is empty");
  }
  if (name.size() > kMaxNameSize) {
    return corrupt("key name is longer than " + std::to_string(kMaxNameSize) + " bytes");
  }
  if (!text::valid_utf8(name)) {
    return corrupt("key name is not valid UTF-8");
  }
  if (name.find('+') != std::string_view::npos) {
    return corrupt("key name contains '+'");
  }
  if (text::has_space_or_control(name)) {
    return corrupt("key name contains a space or control character");
  }
  return {};
}

uint32_t key_id(std::string_view name, KeyType type, const keys::PublicKey& key) {
  Sha256 h;
  h.update(name);
  const std::array<std::byte, 2> sep{std::byte{0x0a}, static_cast<std::byte>(type)};
  h.update(ByteView(sep));
  h.update(ByteView(key.bytes));
  return get_u32(h.finish());
}

std::string Verifier::to_string() const {
  Bytes material;
  material.reserve(1 + keys::kPublicKeySize);
  material.push_back(static_cast<std::byte>(type));
  material.insert(material.end(), key.bytes.begin(), key.bytes.end());
  return name + "+" + hex8(id) + "+" + to_base64(material);
}

Result<Verifier> parse_verifier(std::string_view vkey) {
  Result<KeyParts> parts = split_key(vkey);
  if (!parts.ok()) {
    return parts.status().with_context("verifier key");
  }
  Result<Bytes> material = from_base64(parts->b64);
  if (!material.ok() || material->empty()) {
    return corrupt("verifier key: key is not base64");
  }
  Result<KeyType> type = key_type((*material)[0]);
  if (!type.ok()) {
    return type.status().with_context("verifier key");
  }
  if (material->size() != 1 + keys::kPublicKeySize) {
    return corrupt("verifier key: Ed25519 key is not 32 bytes");
  }
  Verifier v;
  v.name = std::string(parts->name);
  v.type = *type;
  std::copy(material->begin() + 1, material->end(), v.key.bytes.begin());
  v.id = parse_hex8(parts->hex8);
  if (key_id(v.name, v.type, v.key) != v.id) {
    return corrupt("verifier key: key id " + std::string(parts->hex8) +
                   " does not match name and key");
  }
  return v;
}

Result<Signer> Signer::generate(std::string_view name, KeyType type) {
  HALLMARK_TRY(check_key_name(name));
  keys::SecretKey key = keys::SecretKey::generate();
  Verifier v{std::string(name), key_id(name, type, key.public_key()), type, key.public_key()};
  return Signer(std::move(v), std::move(key));
}

Result<Signer> Signer::parse(std::string_view skey) {
  if (skey.substr(0, kPrivatePrefix.size()) != kPrivatePrefix) {
    return corrupt("private key does not start with PRIVATE+KEY+");
  }
  Result<KeyParts> parts = split_key(skey.substr(kPrivatePrefix.size()));
  if (!parts.ok()) {
    return parts.status().with_context("private key");
  }
  // Decode into secret memory only.
  const size_t want = 1 + keys::kSeedSize;
  if (parts->b64.size() != ((want + 2) / 3) * 4) {
    return corrupt("private key: key is not 33 bytes of base64");
  }
  Result<Bytes> decoded = from_base64(parts->b64);
  if (!decoded.ok() || decoded->size() != want) {
    if (decoded.ok()) {
      explicit_bzero(decoded->data(), decoded->size());
    }
    return corrupt("private key: key is not 33 bytes of base64");
  }
  keys::Secret material(want);
  std::copy(decoded->begin(), decoded->end(), material.data());
  explicit_bzero(decoded->data(), decoded->size());
  Result<KeyType> type = key_type(material.data()[0]);
  if (!type.ok()) {
    return type.status().with_context("private key");
  }
  Result<keys::SecretKey> key = keys::SecretKey::from_seed(material.view().subspan(1));
  if (!key.ok()) {
    return key.status().with_context("private key");
  }
  Verifier v{std::string(parts->name), parse_hex8(parts->hex8), *type, key->public_key()};
  if (key_id(v.name, v.type, v.key) != v.id) {
    return corrupt("private key: key id " + std::string(parts->hex8) +
                   " does not match name and key");
  }
  return Signer(std::move(v), std::move(key).value());
}

keys::Secret Signer::to_string() const {
  // PRIVATE+KEY+name+hex8+base64(type || seed), assembled in secret memory.
  const std::string head =
      std::string(kPrivatePrefix) + verifier_.name + "+" + hex8(verifier_.id) + "+";
  keys::Secret material(1 + keys::kSeedSize);
  material.data()[0] = static_cast<std::byte>(verifier_.type);
  std::copy(key_.seed().view().begin(), key_.seed().view().end(), material.data() + 1);
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const size_t b64_size = ((material.size() + 2) / 3) * 4;
  keys::Secret out(head.size() + b64_size);
  std::copy(head.begin(), head.end(), reinterpret_cast<char*>(out.data()));
  char* p = reinterpret_cast<char*>(out.data()) + head.size();
  const auto* in = reinterpret_cast<const uint8_t*>(material.data());
  const size_t n = material.size();
  for (size_t i = 0; i < n; i += 3) {
    const uint32_t b0 = in[i];
    const uint32_t b1 = i + 1 < n ? in[i + 1] : 0;
    const uint32_t b2 = i + 2 < n ? in[i + 2] : 0;
    const uint32_t v = (b0 << 16) | (b1 << 8) | b2;
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=';
    *p++ = i + 2 < n ? kAlphabet[v & 63] : '=';
  }
  return out;
}

Signature Signer::sign(std::string_view text, uint64_t timestamp) const {
  Signature sig;
  sig.name = verifier_.name;
  sig.id = verifier_.id;
  if (verifier_.type == KeyType::kCosignatureV1) {
    assert(timestamp <= kMaxTimestamp);
    const keys::Signature s = key_.sign(as_bytes(cosigned_message(text, timestamp)));
    for (int shift = 56; shift >= 0; shift -= 8) {
      sig.data.push_back(static_cast<std::byte>((timestamp >> shift) & 0xff));
    }
    sig.data.insert(sig.data.end(), s.begin(), s.end());
  } else {
    const keys::Signature s = key_.sign(as_bytes(text));
    sig.data.assign(s.begin(), s.end());
  }
  return sig;
}

Result<Note> parse(std::string_view signed_note) {
  if (signed_note.size() > kMaxNoteSize) {
    return corrupt("note is larger than " + std::to_string(kMaxNoteSize) + " bytes");
  }
  if (!text::valid_utf8(signed_note)) {
    return corrupt("note is not valid UTF-8");
  }
  for (char c : signed_note) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
      return corrupt("note contains a control character");
    }
  }
  const size_t split = signed_note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return corrupt("note has no blank line before its signatures");
  }
  Note note;
  note.text = std::string(signed_note.substr(0, split + 1));
  std::string_view sigs = signed_note.substr(split + 2);
  if (sigs.empty()) {
    return corrupt("note has no signatures");
  }
  if (sigs.back() != '\n') {
    return corrupt("note does not end with a newline");
  }
  while (!sigs.empty()) {
    const size_t eol = sigs.find('\n');
    std::string_view line = sigs.substr(0, eol);
    sigs.remove_prefix(eol + 1);
    if (note.signatures.size() == kMaxSignatures) {
      return corrupt("note has more than " + std::to_string(kMaxSignatures) + " signatures");
    }
    if (line.substr(0, kSigPrefix.size()) != kSigPrefix) {
      return corrupt("note signature line does not start with an em dash and a space");
    }
    line.remove_prefix(kSigPrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return corrupt("note signature line has no signature");
    }
    const std::string_view name = line.substr(0, space);
    if (Status s = check_key_name(name); !s.ok()) {
      return s.with_context("note signature");
    }
    Result<Bytes> raw = from_base64(line.substr(space + 1));
    if (!raw.ok()) {
      return corrupt("note signature by " + std::string(name) + " is not base64");
    }
    if (raw->size() < 5) {
      return corrupt("note signature by " + std::string(name) + " is too short");
    }
    Signature sig;
    sig.name = std::string(name);
    sig.id = get_u32(*raw);
    sig.data.assign(raw->begin() + 4, raw->end());
    note.signatures.push_back(std::move(sig));
  }
  return note;
}

std::string format_signature_line(const Signature& signature) {
  Bytes raw;
  raw.reserve(4 + signature.data.size());
  put_u32(raw, signature.id);
  raw.insert(raw.end(), signature.data.begin(), signature.data.end());
  return std::string(kSigPrefix) + signature.name + " " + to_base64(raw) + "\n";
}

std::string format(const Note& note) {
  std::string out = note.text;
  out += "\n";
  for (const Signature& s : note.signatures) {
    out += format_signature_line(s);
  }
  return out;
}

Result<std::optional<uint64_t>> verify_signature(const Verifier& verifier, std::string_view text,
                                                 const Signature& signature) {
  const std::string who = verifier.name + "+" + hex8(verifier.id);
  if (signature.name != verifier.name || signature.id != verifier.id) {
    return verify_failed("signature is not by " + who);
  }
  if (verifier.type == KeyType::kCosignatureV1) {
    if (signature.data.size() != 8 + keys::kSignatureSize) {
      return verify_failed("cosignature by " + who + " is not 72 bytes");
    }
    const uint64_t timestamp = get_u64(signature.data);
    if (timestamp > kMaxTimestamp) {
      return verify_failed("cosignature by " + who + " has a timestamp beyond 2^63-1");
    }
    keys::Signature s;
    std::copy(signature.data.begin() + 8, signature.data.end(), s.begin());
    if (!keys::verify(verifier.key, as_bytes(cosigned_message(text, timestamp)), s).ok()) {
      return verify_failed("invalid cosignature by " + who);
    }
    return std::optional<uint64_t>(timestamp);
  }
  if (signature.data.size() != keys::kSignatureSize) {
    return verify_failed("signature by " + who + " is not 64 bytes");
  }
  keys::Signature s;
  std::copy(signature.data.begin(), signature.data.end(), s.begin());
  if (!keys::verify(verifier.key, as_bytes(text), s).ok()) {
    return verify_failed("invalid signature by " + who);
  }
  return std::optional<uint64_t>();
}

Result<Opened> open(std::string_view signed_note, std::span<const Verifier> known) {
  HALLMARK_ASSIGN_OR_RETURN(Note note, parse(signed_note));
  Opened opened;
  opened.text = std::move(note.text);
  for (const Signature& sig : note.signatures) {
    const Verifier* match = nullptr;
    for (const Verifier& v : known) {
      if (v.name == sig.name && v.id == sig.id) {
        match = &v;
        break;
      }
    }
    if (match == nullptr) {
      continue;  // Unknown key: ignored, as C2SP requires.
    }
    bool seen = false;
    for (const VerifiedSignature& done : opened.verified) {
      seen = seen || (done.by.name == match->name && done.by.id == match->id);
    }
    if (seen) {
      continue;
    }
    HALLMARK_ASSIGN_OR_RETURN(std::optional<uint64_t> timestamp,
                              verify_signature(*match, opened.text, sig));
    opened.verified.push_back({*match, timestamp});
  }
  if (opened.verified.empty()) {
    return verify_failed("note is not signed by a known key");
  }
  return opened;
}

}  // namespace hallmark::note
