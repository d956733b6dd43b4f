// tlog-proof@v1 receipts: parsing never crashes, accepted receipts re-encode exactly, and
// verification under a fixed policy never crashes (and needs a parseable receipt).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hallmark/tlog_proof.h"

using namespace hallmark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const tlog::Policy kPolicy =
      tlog::Policy::parse(
          "log "
          "example.com/hallmark-test-log+ce28f041+Aa5DidaAVEy7sCSsDDxzIWJRdESFgPAu86VXvdN0nyvW\n"
          "witness w witness.example/hallmark-test-witness+7e53976c+"
          "BIKNlVf8Un8Myqe9jC7bL1V14FCacxgDZ5Evonz7NzrL\nquorum none\n")
          .value();
  Result<tlog::TlogProof> p = tlog::parse_tlog_proof(text);
  if (p.ok() && tlog::format_tlog_proof(*p) != text) {
    std::abort();
  }
  const Bytes entry = {std::byte{0x40}, std::byte{0x41}, std::byte{0x42}, std::byte{0x43}};
  Result<tlog::VerifiedReceipt> r = tlog::verify_receipt(entry, text, kPolicy);
  if (r.ok() && !p.ok()) {
    std::abort();
  }
  return 0;
}
