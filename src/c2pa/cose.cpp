#include "c2pa/cose.h"

namespace hallmark::c2pa::cose {
namespace {

constexpr int64_t kAlgLabel = 1;
constexpr int64_t kX5ChainLabel = 33;

Status read_chain(const cbor::Item& value, std::vector<ByteView>& out) {
  if (value.is_bytes()) {
    out.push_back(value.raw.subspan(value.raw.size() - value.str.size()));
    return {};
  }
  if (!value.is_array() || value.items.empty()) {
    return corrupt("cose: x5chain is neither a certificate nor an array of them");
  }
  for (const cbor::Item& cert : value.items) {
    if (!cert.is_bytes()) {
      return corrupt("cose: x5chain entry is not a byte string");
    }
    out.push_back(cert.raw.subspan(cert.raw.size() - cert.str.size()));
  }
  return {};
}

void read_timestamps(const cbor::Item& value, int version, std::vector<TimeStampToken>& out) {
  const cbor::Item* tokens = value.find("tstTokens");
  if (tokens == nullptr || !tokens->is_array()) {
    return;
  }
  for (const cbor::Item& t : tokens->items) {
    const cbor::Item* val = t.find("val");
    if (val != nullptr && val->is_bytes()) {
      out.push_back({version, val->raw.subspan(val->raw.size() - val->str.size())});
    }
  }
}

Bytes structure(std::string_view context, ByteView protected_bytes, ByteView payload) {
  Bytes out;
  cbor::append_head(out, 4, 4);
  cbor::append_text(out, context);
  cbor::append_bytes(out, protected_bytes);
  cbor::append_bytes(out, {});
  cbor::append_bytes(out, payload);
  return out;
}

}  // namespace

Result<Sign1> parse_sign1(ByteView data) {
  Result<cbor::Item> parsed = cbor::parse(data);
  if (!parsed.ok()) {
    return parsed.status().with_context("cose");
  }
  const cbor::Item* top = &parsed.value();
  if (top->type == cbor::Type::kTag) {
    if (top->value != 18) {
      return corrupt("cose: tag " + std::to_string(top->value) + " is not COSE_Sign1 (18)");
    }
    top = &top->items[0];
  }
  if (!top->is_array() || top->items.size() != 4) {
    return corrupt("cose: COSE_Sign1 is not an array of four");
  }
  Sign1 s;
  const cbor::Item& prot = top->items[0];
  if (!prot.is_bytes()) {
    return corrupt("cose: protected header is not a byte string");
  }
  s.protected_bytes = prot.raw.subspan(prot.raw.size() - prot.str.size());
  if (!s.protected_bytes.empty()) {
    Result<cbor::Item> ph = cbor::parse(s.protected_bytes);
    if (!ph.ok() || !ph->is_map()) {
      return corrupt("cose: protected header is not a map");
    }
    s.protected_header = std::move(ph).value();
  } else {
    s.protected_header.type = cbor::Type::kMap;
  }
  s.unprotected_header = top->items[1];
  if (!s.unprotected_header.is_map()) {
    return corrupt("cose: unprotected header is not a map");
  }
  const cbor::Item& payload = top->items[2];
  s.payload_detached = payload.type == cbor::Type::kNull;
  const cbor::Item& sig = top->items[3];
  if (!sig.is_bytes()) {
    return corrupt("cose: signature is not a byte string");
  }
  s.signature = sig.raw.subspan(sig.raw.size() - sig.str.size());

  const cbor::Item* alg = s.protected_header.find_int(kAlgLabel);
  int64_t a = 0;
  if (alg != nullptr && alg->as_int64(&a)) {
    s.alg = a;
  }
  if (const cbor::Item* chain = s.protected_header.find_int(kX5ChainLabel)) {
    HALLMARK_TRY(read_chain(*chain, s.x5chain));
  } else if (const cbor::Item* uchain = s.unprotected_header.find_int(kX5ChainLabel)) {
    HALLMARK_TRY(read_chain(*uchain, s.x5chain));
  } else if (const cbor::Item* legacy = s.unprotected_header.find("x5chain")) {
    HALLMARK_TRY(read_chain(*legacy, s.x5chain));
  }
  if (const cbor::Item* v2 = s.unprotected_header.find("sigTst2")) {
    read_timestamps(*v2, 2, s.timestamps);
  }
  if (const cbor::Item* v1 = s.unprotected_header.find("sigTst")) {
    read_timestamps(*v1, 1, s.timestamps);
  }
  return s;
}

Bytes sig_structure(ByteView protected_bytes, ByteView payload) {
  return structure("Signature1", protected_bytes, payload);
}

Bytes countersign_structure(ByteView protected_bytes, ByteView payload) {
  return structure("CounterSignature", protected_bytes, payload);
}

}  // namespace hallmark::c2pa::cose
