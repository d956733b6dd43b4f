// Signed notes and checkpoints: parsing never crashes, accepted input re-encodes exactly, and
// verification with a fixed key never accepts what parsing rejects.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hallmark/checkpoint.h"
#include "hallmark/note.h"

using namespace hallmark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const note::Verifier kKey =
      note::parse_verifier("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8")
          .value();
  Result<note::Note> n = note::parse(text);
  if (n.ok()) {
    if (note::format(*n) != text) {
      std::abort();  // Two spellings of one note.
    }
  }
  Result<note::Opened> opened = note::open(text, {&kKey, 1});
  if (opened.ok() && !n.ok()) {
    std::abort();
  }
  Result<tlog::Checkpoint> c = tlog::parse_checkpoint(n.ok() ? std::string_view(n->text) : text);
  if (c.ok() && c->to_text() != (n.ok() ? std::string_view(n->text) : text)) {
    std::abort();
  }
  // Keys: vkeys and private keys come from the same kind of text.
  Result<note::Verifier> v = note::parse_verifier(text);
  if (v.ok() && v->to_string() != text) {
    std::abort();
  }
  (void)note::Signer::parse(text);
  return 0;
}
