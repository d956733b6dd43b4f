#include "cli/secret_key.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "hallmark/escape.h"
#include "hallmark/file_io.h"
#include "hallmark/paths.h"

namespace hallmark::cli {
namespace {

constexpr size_t kMaxPassphrase = 1024;
constexpr uint64_t kMaxKeyFile = 64 * 1024;

// Reads one line from the terminal with echo off, into secret memory.
Result<keys::Secret> prompt_tty(const std::string& prompt) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return invalid_argument("no terminal to ask for the passphrase");
  }
  struct termios old_t;
  const bool have_termios = ::tcgetattr(fd, &old_t) == 0;
  if (have_termios) {
    struct termios t = old_t;
    t.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &t);
  }
  const std::string shown = escape_text(prompt);  // It names a path the user gave.
  (void)!::write(fd, shown.data(), shown.size());
  keys::Secret buf(kMaxPassphrase);
  size_t len = 0;
  bool too_long = false;
  while (true) {
    char c;
    const ssize_t n = ::read(fd, &c, 1);
    if (n <= 0 || c == '\n' || c == '\r') {
      break;
    }
    if (len == kMaxPassphrase) {
      too_long = true;
      continue;
    }
    buf.data()[len++] = static_cast<std::byte>(c);
  }
  if (have_termios) {
    ::tcsetattr(fd, TCSAFLUSH, &old_t);
  }
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  if (too_long) {
    return invalid_argument("passphrase is longer than 1024 bytes");
  }
  keys::Secret out(len);
  std::memcpy(out.data(), buf.data(), len);
  return out;
}

bool secrets_equal(const keys::Secret& a, const keys::Secret& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<keys::Secret> read_passphrase(const std::string& passphrase_file, const std::string& prompt,
                                     bool confirm) {
  keys::Secret pass;
  if (!passphrase_file.empty()) {
    Result<std::string> text = read_file(passphrase_file, kMaxPassphrase + 2);
    HALLMARK_TRY(text);
    std::string_view line(*text);
    line = line.substr(0, line.find('\n'));
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    pass = keys::Secret::from(line);
    std::fill(text->begin(), text->end(), '\0');
  } else if (const char* env = std::getenv("HALLMARK_PASSPHRASE")) {
    pass = keys::Secret::from(env);
  } else if (::isatty(STDIN_FILENO)) {
    Result<keys::Secret> first = prompt_tty(prompt);
    HALLMARK_TRY(first);
    if (confirm) {
      Result<keys::Secret> second = prompt_tty("again: ");
      HALLMARK_TRY(second);
      if (!secrets_equal(*first, *second)) {
        return invalid_argument("the passphrases do not match");
      }
    }
    pass = std::move(first).value();
  } else {
    return not_found(
        "no passphrase: not on a terminal, and neither --passphrase-file nor HALLMARK_PASSPHRASE "
        "was given");
  }
  if (pass.size() == 0) {
    return invalid_argument("the passphrase is empty");
  }
  return pass;
}

namespace {

// A key argument is a path, or a name in the keys directory (with or without its extension).
std::string resolve_key_path(const std::string& arg, std::string_view extension) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec) || arg.find('/') != std::string::npos) {
    return arg;
  }
  const std::string in_dir = paths::keys_dir() + "/" + arg;
  if (std::filesystem::is_regular_file(in_dir, ec)) {
    return in_dir;
  }
  return in_dir + std::string(extension);
}

}  // namespace

Result<keys::NamedSecretKey> load_signing_key(const std::string& key_arg,
                                              const std::string& passphrase_file) {
  keys::Secret text;
  std::string origin;
  if (key_arg.empty()) {
    const char* env = std::getenv("HALLMARK_SECRET_KEY");
    if (env == nullptr || *env == '\0') {
      return invalid_argument("no signing key: give --key KEY or set HALLMARK_SECRET_KEY");
    }
    // $(cat file) drops the final newline; put it back.
    const std::string_view value(env);
    text = keys::Secret::from(value);
    if (value.back() != '\n') {
      keys::Secret with_newline(value.size() + 1);
      std::memcpy(with_newline.data(), value.data(), value.size());
      with_newline.data()[value.size()] = std::byte{'\n'};
      text = std::move(with_newline);
    }
    origin = "HALLMARK_SECRET_KEY";
  } else {
    const std::string path = resolve_key_path(key_arg, ".key");
    Result<std::string> contents = read_file(path, kMaxKeyFile);
    if (!contents.ok()) {
      if (contents.status().code() == Code::kNotFound) {
        return not_found("no secret key " + key_arg + " (looked for " + key_arg + " and " + path +
                         ")");
      }
      return contents.status();
    }
    text = keys::Secret::from(*contents);
    std::fill(contents->begin(), contents->end(), '\0');
    origin = path;
  }
  const std::string name_for_prompt = origin;
  Result<keys::NamedSecretKey> key =
      keys::parse_secret_key_file(text.chars(), [&]() -> Result<keys::Secret> {
        return read_passphrase(passphrase_file, "passphrase for " + name_for_prompt + ": ", false);
      });
  if (!key.ok()) {
    return key.status().with_context(origin);
  }
  return key;
}

Result<keys::NamedPublicKey> load_public_key(const std::string& arg) {
  if (arg.rfind("ed25519:", 0) == 0) {
    Result<keys::PublicKey> key = keys::parse_public_key(arg);
    HALLMARK_TRY(key);
    return keys::NamedPublicKey{"", *key};
  }
  const std::string path = resolve_key_path(arg, ".pub");
  Result<std::string> text = read_file(path, kMaxKeyFile);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) {
      return not_found("no public key " + arg + " (not a file, not \"ed25519:...\", not in " +
                       paths::keys_dir() + ")");
    }
    return text.status();
  }
  const bool secret_file = text->rfind("hallmark secret key", 0) == 0;
  // A secret key file yields its public half without decrypting anything.
  Result<keys::NamedPublicKey> key =
      secret_file ? keys::public_key_of_secret_key_file(*text) : keys::parse_public_key_file(*text);
  std::fill(text->begin(), text->end(), '\0');
  if (!key.ok()) {
    return key.status().with_context(path);
  }
  return key;
}

}  // namespace hallmark::cli
