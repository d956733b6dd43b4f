// Unit tests of the C2PA reader's parts: CBOR against RFC 8949 Appendix A, JUMBF boxes built
// by hand, COSE and signatures on a real c2pa-rs manifest, and tamper tests on copies of the
// fixtures (each check must fail when its input is changed).
#include "hallmark/c2pa.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include "c2pa/cbor.h"
#include "c2pa/cose.h"
#include "c2pa/extract.h"
#include "c2pa/jumbf.h"
#include "c2pa/store.h"
#include "c2pa/x509.h"
#include "hallmark/keys.h"
#include "test_util.h"

namespace hallmark::c2pa {
namespace {

namespace fs = std::filesystem;

Bytes hex(std::string_view h) {
  Result<Bytes> b = from_hex(h);
  REQUIRE(b.ok());
  return *b;
}

// The C2PA fixtures of the shared data: a case that reads them has test::needs_shared(kFixtures).
constexpr const char* kFixtures = "c2pa/fixtures";
std::optional<fs::path> fixtures() {
  return test::shared_path(kFixtures);
}

// RFC 8949 Appendix A: encoded hex -> diagnostic notation.
TEST_CASE("c2pa: cbor decodes the RFC 8949 appendix A examples") {
  const std::pair<const char*, const char*> cases[] = {
      {"00", "0"},
      {"17", "23"},
      {"1818", "24"},
      {"1903e8", "1000"},
      {"1b000000e8d4a51000", "1000000000000"},
      {"20", "-1"},
      {"3903e7", "-1000"},
      {"40", "h''"},
      {"4401020304", "h'01020304'"},
      {"6449455446", "\"IETF\""},
      {"80", "[]"},
      {"83010203", "[1, 2, 3]"},
      {"8301820203820405", "[1, [2, 3], [4, 5]]"},
      {"a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}"},
      {"5f42010243030405ff", "h'0102030405'"},
      {"7f657374726561646d696e67ff", "\"streaming\""},
      {"9f018202039f0405ffff", "[1, [2, 3], [4, 5]]"},
      {"bf61610161629f0203ffff", "{\"a\": 1, \"b\": [2, 3]}"},
      {"c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")"},
      {"d82076687474703a2f2f7777772e6578616d706c652e636f6d", "32(\"http://www.example.com\")"},
      {"f4", "false"},
      {"f5", "true"},
      {"f6", "null"},
      {"f7", "undefined"},
      {"f0", "simple(16)"},
      {"f8ff", "simple(255)"},
  };
  for (const auto& c : cases) {
    const auto& encoded = c.first;  // CAPTURE cannot take a structured binding under clang 14.
    const auto& diag = c.second;
    CAPTURE(encoded);
    const Bytes data = hex(encoded);
    Result<cbor::Item> item = cbor::parse(data);
    REQUIRE_MESSAGE(item.ok(), item.status().message());
    CHECK(cbor::to_diagnostic(*item) == diag);
  }
  Result<cbor::Item> half = cbor::parse(hex("f93c00"));
  REQUIRE(half.ok());
  CHECK(half->number == 1.0);
  Result<cbor::Item> dbl = cbor::parse(hex("fb3ff199999999999a"));
  REQUIRE(dbl.ok());
  CHECK(dbl->number == 1.1);
}

TEST_CASE("c2pa: cbor keeps the exact encoded bytes of every item") {
  // {"a": 1, "b": [2, 3]} with non-minimal encodings (1 as 0x1801, 2 as 0x190002): a decoder
  // that re-encodes would change the bytes a signature or hash covers.
  const Bytes enc =
      hex("a261611801616282190002"
          "03");
  Result<cbor::Item> m = cbor::parse(enc);
  REQUIRE(m.ok());
  const cbor::Item* b = m->find("b");
  REQUIRE(b != nullptr);
  CHECK(to_hex(b->raw) == "8219000203");
  CHECK(to_hex(m->find("a")->raw) == "1801");
  CHECK(to_hex(m->raw) == to_hex(enc));
}

TEST_CASE("c2pa: cbor rejects truncated, trailing, deep and oversized input") {
  const char* bad[] = {
      "",                    // nothing
      "18",                  // missing argument byte
      "4401020",             // odd hex is filtered below; see truncated string next
      "44010203",            // byte string shorter than its length
      "8301",                // array missing elements
      "0000",                // trailing byte
      "5bffffffffffffffff",  // 2^64-1 byte string: must not allocate
      "9bffffffffffffffff",  // 2^64-1 element array
      "bbffffffffffffffff",  // 2^64-1 pair map
      "1c",                  // reserved additional information
      "ff",                  // stray break
      "5f01ff",              // non-string chunk in an indefinite byte string
  };
  for (const char* h : bad) {
    CAPTURE(h);
    Result<Bytes> data = from_hex(h);
    if (!data.ok()) {
      continue;
    }
    Result<cbor::Item> item = cbor::parse(*data);
    CHECK(item.status().code() == Code::kCorrupt);
  }
  Bytes deep(200, std::byte{0x81});
  deep.push_back(std::byte{0x00});
  CHECK(cbor::parse(deep).status().code() == Code::kCorrupt);
}

// A plain (non-super) JUMBF content box.
Bytes content_box(std::string_view type, const Bytes& payload) {
  Bytes out;
  const uint32_t n = static_cast<uint32_t>(payload.size() + 8);
  for (int i = 3; i >= 0; --i) {
    out.push_back(std::byte((n >> (8 * i)) & 0xff));
  }
  const ByteView t = as_bytes(type);
  out.insert(out.end(), t.begin(), t.end());
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

// A superbox: jumb{ jumd(uuid, toggles 3, label), content... }.
Bytes superbox(std::string_view tag, std::string_view label, const Bytes& content) {
  Bytes jumd;
  const Bytes uuid = hex(std::string(to_hex(as_bytes(tag))) + "00110010800000aa00389b71");
  jumd.insert(jumd.end(), uuid.begin(), uuid.end());
  jumd.push_back(std::byte{0x03});
  const ByteView l = as_bytes(label);
  jumd.insert(jumd.end(), l.begin(), l.end());
  jumd.push_back(std::byte{0});
  Bytes inner = content_box("jumd", jumd);
  inner.insert(inner.end(), content.begin(), content.end());
  return content_box("jumb", inner);
}

TEST_CASE("c2pa: jumbf parses nested superboxes and rejects lengths that do not fit") {
  Bytes cbor_box = {std::byte{0},   std::byte{0},   std::byte{0},   std::byte{9},   std::byte{'c'},
                    std::byte{'b'}, std::byte{'o'}, std::byte{'r'}, std::byte{0xf6}};
  const Bytes inner = superbox("cbor", "c2pa.hash.data", cbor_box);
  const Bytes outer = superbox("c2as", "c2pa.assertions", inner);
  Result<jumbf::Box> box = jumbf::parse(outer);
  REQUIRE(box.ok());
  CHECK(jumbf::kind_of(box->uuid) == "c2as");
  CHECK(box->label == "c2pa.assertions");
  const jumbf::Box* child = box->child("c2pa.hash.data");
  REQUIRE(child != nullptr);
  CHECK(jumbf::kind_of(child->uuid) == "cbor");
  REQUIRE(child->content("cbor") != nullptr);
  CHECK(to_hex(child->content("cbor")->payload) == "f6");
  // The bytes a hashed URI covers: the superbox minus its own 8-byte header.
  CHECK(child->payload.size() == inner.size() - 8);

  Bytes too_long = outer;
  too_long[3] = std::byte{static_cast<uint8_t>(static_cast<uint8_t>(too_long[3]) + 1)};
  CHECK(jumbf::parse(too_long).status().code() == Code::kCorrupt);
  Bytes truncated(outer.begin(), outer.end() - 1);
  CHECK(jumbf::parse(truncated).status().code() == Code::kCorrupt);
  // Label bit kept, but the label's NUL cut off.
  Bytes unterminated(outer.begin(), outer.begin() + 8 + 8 + 17 + 3);
  CHECK_FALSE(jumbf::parse(unterminated).ok());
}

// A manifest whose v2 claim lists one actions assertion and redacts `redacted`; its signature
// is garbage.
Bytes redacting_manifest(const std::string& redacted) {
  const std::string label = "urn:c2pa:5a5a5a5a-0000-4000-8000-000000000001";
  Bytes actions;
  cbor::append_head(actions, 5, 1);
  cbor::append_text(actions, "actions");
  cbor::append_head(actions, 4, 0);
  const Bytes actions_box = superbox("cbor", "c2pa.actions.v2", content_box("cbor", actions));
  Result<Bytes> actions_hash =
      crypto::digest("sha256", ByteView(actions_box).subspan(8));  // Minus the box header.
  REQUIRE(actions_hash.ok());
  Bytes claim;
  cbor::append_head(claim, 5, 5);
  cbor::append_text(claim, "instanceID");
  cbor::append_text(claim, "xmp:iid:redaction-test");
  cbor::append_text(claim, "signature");
  cbor::append_text(claim, "self#jumbf=c2pa.signature");
  cbor::append_text(claim, "alg");
  cbor::append_text(claim, "sha256");
  cbor::append_text(claim, "created_assertions");
  cbor::append_head(claim, 4, 1);
  cbor::append_head(claim, 5, 2);
  cbor::append_text(claim, "url");
  cbor::append_text(claim, "self#jumbf=c2pa.assertions/c2pa.actions.v2");
  cbor::append_text(claim, "hash");
  cbor::append_bytes(claim, *actions_hash);
  cbor::append_text(claim, "redacted_assertions");
  cbor::append_head(claim, 4, 1);
  cbor::append_text(claim, redacted);
  Bytes manifest = superbox("c2as", "c2pa.assertions", actions_box);
  const Bytes claim_box = superbox("c2cl", "c2pa.claim.v2", content_box("cbor", claim));
  const Bytes sig_box = superbox("c2cs", "c2pa.signature", content_box("cbor", hex("f6")));
  manifest.insert(manifest.end(), claim_box.begin(), claim_box.end());
  manifest.insert(manifest.end(), sig_box.begin(), sig_box.end());
  return superbox("c2ma", label, manifest);
}

// The failure codes of the active manifest of a store (written as a .c2pa file).
std::vector<std::string> failure_codes(const Bytes& store) {
  test::TempDir dir;
  const fs::path file = dir / "store.c2pa";
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(store.data()), std::streamsize(store.size()));
  Result<C2paReport> report = test::read_c2pa_path(file.string(), {});
  REQUIRE(report.ok());
  REQUIRE(report->manifest_present);
  std::vector<std::string> out;
  for (const C2paStatus& st : report->active.failure) {
    out.push_back(st.code);
  }
  return out;
}

TEST_CASE("c2pa: a claim may not redact its own assertions, nor anyone's actions") {
  auto has = [](const std::vector<std::string>& codes, std::string_view code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  auto codes_with_redaction = [](const std::string& redacted) {
    return failure_codes(superbox("c2pa", "c2pa", redacting_manifest(redacted)));
  };
  const std::string own = "self#jumbf=/c2pa/urn:c2pa:5a5a5a5a-0000-4000-8000-000000000001";
  const std::string other = "self#jumbf=/c2pa/urn:c2pa:00000000-1111-4000-8000-000000000002";
  std::vector<std::string> codes = codes_with_redaction(own + "/c2pa.assertions/x.location");
  CHECK(has(codes, "assertion.selfRedacted"));
  CHECK_FALSE(has(codes, "assertion.action.redacted"));
  codes = codes_with_redaction(other + "/c2pa.assertions/c2pa.actions.v2");
  CHECK(has(codes, "assertion.action.redacted"));
  CHECK_FALSE(has(codes, "assertion.selfRedacted"));
  // Another manifest's metadata may be redacted: neither rule fires.
  codes = codes_with_redaction(other + "/c2pa.assertions/x.location");
  CHECK_FALSE(has(codes, "assertion.action.redacted"));
  CHECK_FALSE(has(codes, "assertion.selfRedacted"));
  CHECK((has(codes, "claimSignature.missing") || has(codes, "claimSignature.mismatch")));
}

TEST_CASE("c2pa: a store holding two manifests of one label is judged, not crashed on") {
  // Found by the fuzzer: the second manifest's claim replaced the first's while views into
  // the first were still in use.
  const Bytes m = redacting_manifest("self#jumbf=/c2pa/urn:c2pa:other/c2pa.assertions/x");
  Bytes both = m;
  both.insert(both.end(), m.begin(), m.end());
  const std::vector<std::string> codes = failure_codes(superbox("c2pa", "c2pa", both));
  CHECK_FALSE(codes.empty());
}

TEST_CASE("c2pa: xmp provenance is found in attribute and element form") {
  CHECK(xmp_provenance("<rdf:Description dcterms:provenance=\"https://x/m.c2pa\"/>") ==
        std::optional<std::string>("https://x/m.c2pa"));
  CHECK(xmp_provenance("<dcterms:provenance>https://y/z</dcterms:provenance>") ==
        std::optional<std::string>("https://y/z"));
  CHECK_FALSE(xmp_provenance("<x:xmpmeta/>").has_value());
}

struct FixtureManifest {
  std::shared_ptr<const Bytes> bytes;
  Store store;
};

FixtureManifest load_store(const fs::path& file) {
  Result<FileSource> src = FileSource::open(file.string());
  REQUIRE(src.ok());
  Result<Extracted> ex = extract(*src, detect_format(*src, file.string()));
  REQUIRE(ex.ok());
  REQUIRE(ex->store != nullptr);
  Result<Store> store = parse_store(ex->store);
  REQUIRE(store.ok());
  return {ex->store, std::move(store).value()};
}

TEST_CASE("c2pa: the claim signature of a c2pa-rs manifest verifies, and fails when changed" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  FixtureManifest f = load_store(*dir / "C.jpg");
  const Manifest& m = f.store.manifests.back();
  Result<cose::Sign1> s = cose::parse_sign1(m.signature_bytes);
  REQUIRE(s.ok());
  REQUIRE(s->alg.has_value());
  REQUIRE_FALSE(s->x5chain.empty());
  const Bytes tbs = cose::sig_structure(s->protected_bytes, m.claim_bytes);
  CHECK(crypto::verify_signature(*s->alg, s->x5chain[0], tbs, s->signature).ok());

  Bytes bad_sig(s->signature.begin(), s->signature.end());
  bad_sig[5] ^= std::byte{0x01};
  CHECK(crypto::verify_signature(*s->alg, s->x5chain[0], tbs, bad_sig).code() ==
        Code::kVerifyFailed);
  Bytes bad_claim(m.claim_bytes.begin(), m.claim_bytes.end());
  bad_claim[10] ^= std::byte{0x01};
  CHECK_FALSE(crypto::verify_signature(*s->alg, s->x5chain[0],
                                       cose::sig_structure(s->protected_bytes, bad_claim),
                                       s->signature)
                  .ok());
  // Another certificate's key (the intermediate) does not verify it either.
  if (s->x5chain.size() > 1) {
    CHECK_FALSE(crypto::verify_signature(*s->alg, s->x5chain[1], tbs, s->signature).ok());
  }
  // The signer passes the C2PA profile while valid, not after it expired, and the CA does not.
  Result<crypto::CertSummary> sum = crypto::summarize(s->x5chain[0]);
  REQUIRE(sum.ok());
  CHECK(crypto::check_signer_profile(s->x5chain[0], sum->not_before + 1).code.empty());
  CHECK(crypto::check_signer_profile(s->x5chain[0], sum->not_after + 1).code ==
        "signingCredential.expired");
  if (s->x5chain.size() > 1) {
    CHECK(crypto::check_signer_profile(s->x5chain[1], sum->not_before + 1).code ==
          "signingCredential.invalid");
  }
}

TEST_CASE("c2pa: trust anchors make a chain trusted; none or the wrong ones do not" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  FixtureManifest f = load_store(*dir / "C.jpg");
  Result<cose::Sign1> s = cose::parse_sign1(f.store.manifests.back().signature_bytes);
  REQUIRE(s.ok());
  Result<crypto::CertSummary> sum = crypto::summarize(s->x5chain[0]);
  REQUIRE(sum.ok());
  const int64_t at = sum->not_before + 86400;
  crypto::TrustAnchors none;
  CHECK_FALSE(none.trusted(s->x5chain, at));
  crypto::TrustAnchors bundle;
  REQUIRE(bundle.add_pem_file((*dir / "certs/test_cert_root_bundle.pem").string()).ok());
  CHECK(bundle.trusted(s->x5chain, at));
  CHECK_FALSE(bundle.trusted(s->x5chain, sum->not_after + 86400 * 365 * 50));
  crypto::TrustAnchors wrong;  // The signer's own chain file holds no root.
  CHECK(wrong.add_pem("not a pem").code() == Code::kCorrupt);
}

// Copies `src` to dir/name with byte `at` (from the end when negative) xor-ed with `mask`.
fs::path tampered_copy(const fs::path& src, const test::TempDir& dir, const std::string& name,
                       int64_t at, uint8_t mask) {
  std::string data = test::read_text(src);
  const size_t pos = at >= 0 ? static_cast<size_t>(at) : data.size() - static_cast<size_t>(-at);
  data[pos] = static_cast<char>(data[pos] ^ mask);
  const fs::path out = dir / name;
  test::write_text(out, data);
  return out;
}

size_t find_in(const fs::path& file, std::string_view needle) {
  const std::string data = test::read_text(file);
  const size_t at = data.find(needle);
  REQUIRE(at != std::string::npos);
  return at;
}

std::vector<std::string> failures(const C2paReport& r) {
  std::vector<std::string> out;
  for (const C2paStatus& s : r.active.failure) {
    out.push_back(s.code);
  }
  return out;
}

bool has(const std::vector<std::string>& v, std::string_view code) {
  return std::find(v.begin(), v.end(), code) != v.end();
}

TEST_CASE("c2pa: tampering with image data, an assertion or the signature is detected" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  test::TempDir tmp;
  C2paOptions options;
  options.trust_anchor_paths.push_back((*dir / "certs/test_cert_root_bundle.pem").string());
  options.now = 1795737600;
  const fs::path original = *dir / "C.jpg";
  Result<C2paReport> good = test::read_c2pa_path(original.string(), options);
  REQUIRE(good.ok());
  CHECK(good->validation_state == "Trusted");
  CHECK(good->active.failure.empty());

  // One bit of entropy-coded data near the end of the file.
  Result<C2paReport> data =
      test::read_c2pa_path(tampered_copy(original, tmp, "d.jpg", -100, 1).string(), options);
  REQUIRE(data.ok());
  CHECK(data->validation_state == "Invalid");
  CHECK(has(failures(*data), "assertion.dataHash.mismatch"));

  // One bit inside the CreativeWork assertion's JSON.
  const size_t json_at = find_in(original, "\"@context\"");
  Result<C2paReport> uri = test::read_c2pa_path(
      tampered_copy(original, tmp, "u.jpg", static_cast<int64_t>(json_at + 3), 1).string(),
      options);
  REQUIRE(uri.ok());
  CHECK(uri->validation_state == "Invalid");
  CHECK(has(failures(*uri), "assertion.hashedURI.mismatch"));

  // One bit in the claim (its dc:title): the signature no longer covers it.
  const size_t claim_at = find_in(original, "dc:title");
  Result<C2paReport> sig = test::read_c2pa_path(
      tampered_copy(original, tmp, "s.jpg", static_cast<int64_t>(claim_at + 12), 1).string(),
      options);
  REQUIRE(sig.ok());
  CHECK(sig->validation_state == "Invalid");
  CHECK(has(failures(*sig), "claimSignature.mismatch"));

  // Without trust anchors the same file is Valid, untrusted.
  C2paOptions untrusted = options;
  untrusted.trust_anchor_paths.clear();
  Result<C2paReport> u = test::read_c2pa_path(original.string(), untrusted);
  REQUIRE(u.ok());
  CHECK(u->validation_state == "Valid");
  CHECK(failures(*u) == std::vector<std::string>{"signingCredential.untrusted"});
}

TEST_CASE("c2pa: truncated and garbage files give a status or a reader error, never a crash" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  test::TempDir tmp;
  const std::string data = test::read_text(*dir / "CA.jpg");
  for (size_t cut : {size_t{0}, size_t{1}, size_t{3}, size_t{100}, size_t{30000}, size_t{70000},
                     data.size() - 1}) {
    CAPTURE(cut);
    const fs::path p = tmp / ("cut" + std::to_string(cut) + ".jpg");
    test::write_text(p, data.substr(0, cut));
    Result<C2paReport> r = test::read_c2pa_path(p.string(), {});
    if (r.ok()) {
      CHECK((r->manifest_present || !r->reader_error.empty()));
    } else {
      CHECK(r.status().code() == Code::kCorrupt);
    }
  }
  CHECK(test::read_c2pa_path((tmp / "missing.jpg").string(), {}).status().code() ==
        Code::kNotFound);
}

TEST_CASE("c2pa: no manifest and a remote-only manifest are told apart" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  Result<C2paReport> none = test::read_c2pa_path((*dir / "no_manifest.jpg").string(), {});
  REQUIRE(none.ok());
  CHECK_FALSE(none->manifest_present);
  CHECK(none->reader_error == "JumbfNotFound");
  Result<C2paReport> remote = test::read_c2pa_path((*dir / "cloud.jpg").string(), {});
  REQUIRE(remote.ok());
  CHECK_FALSE(remote->manifest_present);
  CHECK(remote->reader_error == "RemoteManifestUrl");
  REQUIRE(remote->remote_url.has_value());
  CHECK(remote->remote_url->rfind("https://cai-manifests.adobe.com/manifests/", 0) == 0);
}

TEST_CASE("c2pa: a sidecar given explicitly is validated against the asset" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  C2paOptions options;
  options.sidecar_path = (*dir / "cloud_manifest.c2pa").string();
  Result<C2paReport> r = test::read_c2pa_path((*dir / "cloud.jpg").string(), options);
  REQUIRE(r.ok());
  CHECK(r->manifest_present);
  CHECK(r->manifest_source == options.sidecar_path);
  CHECK_FALSE(r->validation_state.empty());
}

TEST_CASE("c2pa: the summary names the signer, generator and actions of the active manifest" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  Result<C2paReport> r = test::read_c2pa_path((*dir / "CA.jpg").string(), {});
  REQUIRE(r.ok());
  REQUIRE_FALSE(r->manifests.empty());
  const C2paManifestSummary& m = r->manifests[0];
  CHECK(m.label == r->active_manifest);
  CHECK(m.signer == "C2PA Signer");
  CHECK_FALSE(m.claim_generator.empty());
  CHECK_FALSE(m.actions.empty());
  CHECK(m.ingredients.size() == 1);
  CHECK_FALSE(m.signing_time.empty());
  CHECK_FALSE(m.ai_generated);
}

}  // namespace
}  // namespace hallmark::c2pa

namespace hallmark::c2pa {
namespace {

TEST_CASE("c2pa: a fragmented MP4 verifies with its fragment, and not with a changed one" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  C2paOptions options;
  options.fragment_paths.push_back((*dir / "dash1.m4s").string());
  Result<C2paReport> good = test::read_c2pa_path((*dir / "dashinit.mp4").string(), options);
  REQUIRE(good.ok());
  CHECK(good->validation_state == "Valid");  // The c2pa-rs test signer is not anchored here.
  CHECK(failures(*good) == std::vector<std::string>{"signingCredential.untrusted"});

  test::TempDir tmp;
  options.fragment_paths = {tampered_copy(*dir / "dash1.m4s", tmp, "f.m4s", -500, 0x10).string()};
  Result<C2paReport> bad = test::read_c2pa_path((*dir / "dashinit.mp4").string(), options);
  REQUIRE(bad.ok());
  CHECK(bad->validation_state == "Invalid");
  CHECK(has(failures(*bad), "assertion.bmffHash.mismatch"));

  // Without the fragment the init segment alone is judged as c2pa-rs judges it.
  Result<C2paReport> alone = test::read_c2pa_path((*dir / "dashinit.mp4").string(), {});
  REQUIRE(alone.ok());
  CHECK(has(failures(*alone), "assertion.bmffHash.mismatch"));
}

}  // namespace
}  // namespace hallmark::c2pa

// --- What c2pa-rs does not overlook, and so hallmark may not either (issue 11, 6b). Manifests
// signed here with the test signer of tests/data/c2pa-signer, and mutants of the fixtures.
namespace hallmark::c2pa {
namespace {

fs::path signer_dir() {
  return test::data_dir() / "c2pa-signer";
}

Bytes file_bytes(const fs::path& p) {
  const std::string s = test::read_text(p);
  const ByteView b = as_bytes(s);
  return Bytes(b.begin(), b.end());
}

void write_bytes(const fs::path& p, ByteView b) {
  test::write_text(p, as_chars(b));
}

Bytes cbor_map_text(std::initializer_list<std::pair<const char*, const char*>> kv) {
  Bytes out;
  cbor::append_head(out, 5, kv.size());
  for (const auto& [k, v] : kv) {
    cbor::append_text(out, k);
    cbor::append_text(out, v);
  }
  return out;
}

void append(Bytes& out, ByteView b) {
  out.insert(out.end(), b.begin(), b.end());
}

struct SignedJpeg {
  std::string label = "urn:c2pa:5a5a5a5a-0000-4000-8000-0000000000aa";
  std::optional<std::string> box_label;      // The manifest box's label, when not `label`.
  std::optional<std::string> signature_ref;  // The claim's "signature"; default absolute.
  std::string cert = "ee-good.der";
  bool break_signature = false;
  uint16_t instance = 0x0211;  // The APP11 box instance (En).
};

// A JPEG (SOI, the store in one APP11 segment, a comment, EOI) with a C2PA 2.x manifest:
// c2pa.created, a data hash excluding exactly the store's segment, a claim signed with
// Ed25519 by the test signer, its certificate in x5chain.
Bytes signed_jpeg(const SignedJpeg& o) {
  const Bytes soi = hex("ffd8");
  Bytes rest = hex("fffe000f");  // COM, 13 bytes of text
  append(rest, as_bytes(std::string_view("hallmark test")));
  append(rest, hex("ffd9"));
  Bytes hashed = soi;
  append(hashed, rest);
  Result<Bytes> content_hash = crypto::digest("sha256", hashed);
  REQUIRE(content_hash.ok());
  const Bytes cert = file_bytes(signer_dir() / o.cert);
  Result<Bytes> seed = from_hex(test::read_text(signer_dir() / "ee.seed.hex"));
  REQUIRE(seed.ok());
  Result<keys::SecretKey> key = keys::SecretKey::from_seed(*seed);
  REQUIRE(key.ok());
  const std::string sig_ref =
      o.signature_ref.value_or("self#jumbf=/c2pa/" + o.label + "/c2pa.signature");
  uint64_t length = 0;  // Of the APP11 segment; the store's size depends on its encoding.
  for (int round = 0; round < 4; ++round) {
    Bytes actions;
    cbor::append_head(actions, 5, 1);
    cbor::append_text(actions, "actions");
    cbor::append_head(actions, 4, 1);
    append(actions,
           cbor_map_text({{"action", "c2pa.created"},
                          {"digitalSourceType",
                           "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"}}));
    Bytes data_hash;
    cbor::append_head(data_hash, 5, 4);
    cbor::append_text(data_hash, "exclusions");
    cbor::append_head(data_hash, 4, 1);
    cbor::append_head(data_hash, 5, 2);
    cbor::append_text(data_hash, "start");
    cbor::append_head(data_hash, 0, 2);
    cbor::append_text(data_hash, "length");
    cbor::append_head(data_hash, 0, length);
    cbor::append_text(data_hash, "alg");
    cbor::append_text(data_hash, "sha256");
    cbor::append_text(data_hash, "hash");
    cbor::append_bytes(data_hash, *content_hash);
    cbor::append_text(data_hash, "pad");
    cbor::append_bytes(data_hash, Bytes{});
    const Bytes actions_box = superbox("cbor", "c2pa.actions.v2", content_box("cbor", actions));
    const Bytes hash_box = superbox("cbor", "c2pa.hash.data", content_box("cbor", data_hash));
    Bytes claim;
    cbor::append_head(claim, 5, 5);
    cbor::append_text(claim, "instanceID");
    cbor::append_text(claim, "xmp:iid:hallmark-test");
    cbor::append_text(claim, "claim_generator_info");
    append(claim, cbor_map_text({{"name", "hallmark-test"}}));
    cbor::append_text(claim, "signature");
    cbor::append_text(claim, sig_ref);
    cbor::append_text(claim, "created_assertions");
    cbor::append_head(claim, 4, 2);
    for (const auto& [name, box] :
         {std::pair{"c2pa.actions.v2", &actions_box}, std::pair{"c2pa.hash.data", &hash_box}}) {
      Result<Bytes> h = crypto::digest("sha256", ByteView(*box).subspan(8));
      REQUIRE(h.ok());
      cbor::append_head(claim, 5, 2);
      cbor::append_text(claim, "url");
      cbor::append_text(claim, std::string("self#jumbf=c2pa.assertions/") + name);
      cbor::append_text(claim, "hash");
      cbor::append_bytes(claim, *h);
    }
    cbor::append_text(claim, "alg");
    cbor::append_text(claim, "sha256");
    Bytes prot;
    cbor::append_head(prot, 5, 2);
    cbor::append_head(prot, 0, 1);
    cbor::append_head(prot, 1, 7);  // -8: EdDSA
    cbor::append_head(prot, 0, 33);
    cbor::append_bytes(prot, cert);
    keys::Signature sig = key->sign(cose::sig_structure(prot, claim));
    if (o.break_signature) {
      sig[10] ^= std::byte{0x01};
    }
    Bytes cose = hex("d284");
    cbor::append_bytes(cose, prot);
    append(cose, hex("a0f6"));
    cbor::append_bytes(cose, ByteView(sig.data(), sig.size()));
    Bytes assertions = actions_box;
    append(assertions, hash_box);
    Bytes manifest = superbox("c2as", "c2pa.assertions", assertions);
    append(manifest, superbox("c2cl", "c2pa.claim.v2", content_box("cbor", claim)));
    append(manifest, superbox("c2cs", "c2pa.signature", content_box("cbor", cose)));
    const Bytes store =
        superbox("c2pa", "c2pa", superbox("c2ma", o.box_label.value_or(o.label), manifest));
    const uint64_t want = 4 + 8 + store.size();
    if (want != length) {
      length = want;
      continue;  // The exclusion's length changed the store: once more.
    }
    Bytes out = soi;
    const uint64_t lp = want - 2;
    append(out, hex("ffeb"));
    out.push_back(std::byte(lp >> 8));
    out.push_back(std::byte(lp & 0xff));
    append(out, hex("4a50"));
    out.push_back(std::byte(o.instance >> 8));
    out.push_back(std::byte(o.instance & 0xff));
    append(out, hex("00000001"));
    append(out, store);
    append(out, rest);
    return out;
  }
  FAIL("the store's size did not settle");
  return {};
}

struct Judged {
  C2paReport report;
  std::vector<std::string> failures;
};

Judged judge(const Bytes& file, bool anchors, int64_t now, const std::string& name = "a.jpg") {
  test::TempDir dir;
  write_bytes(dir / name, file);
  C2paOptions options;
  options.now = now;
  if (anchors) {
    options.trust_anchor_paths.push_back((signer_dir() / "root.pem").string());
  }
  Result<C2paReport> r = test::read_c2pa_path(dir / name, options);
  REQUIRE(r.ok());
  Judged j{std::move(r).value(), {}};
  for (const C2paStatus& s : j.report.active.failure) {
    j.failures.push_back(s.code);
  }
  std::sort(j.failures.begin(), j.failures.end());
  return j;
}

bool has_success(const C2paReport& r, std::string_view code) {
  return std::any_of(r.active.success.begin(), r.active.success.end(),
                     [&](const C2paStatus& s) { return s.code == code; });
}

// Validity of the test signer's certificates.
int64_t signer_valid_at() {
  Result<crypto::CertSummary> c = crypto::summarize(file_bytes(signer_dir() / "ee-good.der"));
  REQUIRE(c.ok());
  return c->not_before + 86400;
}
int64_t signer_expired_at() {
  Result<crypto::CertSummary> c = crypto::summarize(file_bytes(signer_dir() / "ee-good.der"));
  REQUIRE(c.ok());
  return c->not_after + 86400;
}

using Codes = std::vector<std::string>;

TEST_CASE("c2pa mutants: a manifest signed here is Trusted with its root, Valid without") {
  const Judged t = judge(signed_jpeg({}), true, signer_valid_at());
  CHECK(t.report.validation_state == "Trusted");
  CHECK(t.failures.empty());
  CHECK(has_success(t.report, "claimSignature.validated"));
  CHECK(has_success(t.report, "assertion.dataHash.match"));
  const Judged u = judge(signed_jpeg({}), false, signer_valid_at());
  CHECK(u.report.validation_state == "Valid");
  CHECK(u.failures == Codes{"signingCredential.untrusted"});
}

TEST_CASE("c2pa mutants: a manifest label edited after signing no longer names its signature") {
  // The claim names its signature box as /c2pa/<label>/c2pa.signature; the manifest box now
  // carries another label, which is then reported as the active manifest.
  SignedJpeg o;
  o.box_label = "urn:c2pa:5a5a5a5a-0000-4000-8000-0000000000ab";
  const Judged j = judge(signed_jpeg(o), true, signer_valid_at());
  CHECK(j.report.active_manifest == *o.box_label);
  CHECK(j.report.validation_state == "Invalid");
  CHECK(j.failures == Codes{"claimSignature.missing"});
  REQUIRE_FALSE(j.report.active.failure.empty());
  CHECK(j.report.active.failure[0].url == signature_uri(*o.box_label));
  // A relative reference names no manifest: the edit goes unseen, as in c2pa-rs.
  o.signature_ref = "self#jumbf=c2pa.signature";
  CHECK(judge(signed_jpeg(o), true, signer_valid_at()).report.validation_state == "Trusted");
  // References to another box of the manifest, or to none.
  for (const char* ref : {"self#jumbf=c2pa.signatures", "self#jumbf=c2pa.claim.v2", ""}) {
    CAPTURE(ref);
    SignedJpeg r;
    r.signature_ref = ref;
    CHECK(judge(signed_jpeg(r), true, signer_valid_at()).failures ==
          Codes{"claimSignature.missing"});
  }
}

TEST_CASE("c2pa mutants: a 2.x manifest label must have the form c2pa-rs accepts") {
  const std::string guid = "5a5a5a5a-0000-4000-8000-0000000000aa";
  for (const std::string& label :
       {"urn:c2pa:" + guid, "urn:c2pa:" + guid + ":acme", "urn:c2pa:" + guid + ":acme:2_1",
        "urn:c2pa:" + guid + "::2", "urn:c2pa:" + guid + ":acme:+3", "urn:uuid:" + guid,
        "acme:urn:uuid:" + guid}) {
    CAPTURE(label);
    SignedJpeg o;
    o.label = label;
    CHECK(judge(signed_jpeg(o), true, signer_valid_at()).report.validation_state == "Trusted");
  }
  for (const std::string& label :
       {"urn:c2px:" + guid, std::string("urn:c2pa"), std::string("just-a-label"),
        "urn:c2pa:" + guid + ":acme:2_1:x", "urn:c2pa:" + guid + ":has space",
        "urn:c2pa:" + guid + ": ", "urn:c2pa:" + guid + ":" + std::string(33, 'v'),
        "urn:c2pa:" + guid + ":acme:two", "urn:c2pa:" + guid + ":acme:2_",
        "urn:c2pa:" + guid + ":acme:4294967296", "urn:c2pa:" + guid + ":\xc3\xa9",
        "acme:urn:uuid:" + guid + ":2"}) {
    CAPTURE(label);
    SignedJpeg o;
    o.label = label;
    const Judged j = judge(signed_jpeg(o), true, signer_valid_at());
    CHECK(j.failures == Codes{"claim.malformed"});
    REQUIRE_FALSE(j.report.active.failure.empty());
    CHECK(j.report.active.failure[0].url == manifest_uri(label));
  }
}

TEST_CASE("c2pa mutants: an expired certificate does not hide a signature that fails") {
  const Judged intact = judge(signed_jpeg({}), true, signer_expired_at());
  CHECK(intact.failures == Codes{"signingCredential.expired", "signingCredential.untrusted"});
  CHECK_FALSE(has_success(intact.report, "claimSignature.validated"));
  SignedJpeg o;
  o.break_signature = true;
  CHECK(
      judge(signed_jpeg(o), true, signer_expired_at()).failures ==
      Codes{"claimSignature.mismatch", "signingCredential.expired", "signingCredential.untrusted"});
  CHECK(judge(signed_jpeg(o), true, signer_valid_at()).failures ==
        Codes{"claimSignature.mismatch"});
}

TEST_CASE("c2pa mutants: a chain that reaches the anchor is not untrusted, even off-profile") {
  SignedJpeg any;
  any.cert = "ee-anyeku.der";  // Refused by the profile; accepted EKU, path to the root.
  const Judged a = judge(signed_jpeg(any), true, signer_valid_at());
  CHECK(a.failures == Codes{"signingCredential.invalid"});
  CHECK_FALSE(has_success(a.report, "signingCredential.trusted"));
  CHECK(a.report.validation_state == "Invalid");
  CHECK(judge(signed_jpeg(any), false, signer_valid_at()).failures ==
        Codes{"signingCredential.invalid", "signingCredential.untrusted"});
  SignedJpeg none;
  none.cert = "ee-noeku.der";  // No EKU: the trust check refuses it too.
  CHECK(judge(signed_jpeg(none), true, signer_valid_at()).failures ==
        Codes{"signingCredential.invalid", "signingCredential.untrusted"});
}

TEST_CASE("c2pa mutants: a signer subject that is not UTF-8 is judged on its merits") {
  // c2pa-rs reads such a certificate (OpenSSL alone refuses to decode it): Trusted when its
  // root is an anchor, and still nothing when the root's signature on it is broken.
  SignedJpeg o;
  o.cert = "ee.der";
  const Judged t = judge(signed_jpeg(o), true, signer_valid_at());
  CHECK(t.report.validation_state == "Trusted");
  CHECK(t.failures.empty());
  REQUIRE_FALSE(t.report.manifests.empty());
  CHECK(t.report.manifests[0].signer == "hallmark \xef\xbf\xbd(st utf8 signer");
  CHECK(t.report.manifests[0].issuer == "hallmark test utf8 root");
  CHECK(judge(signed_jpeg(o), false, signer_valid_at()).failures ==
        Codes{"signingCredential.untrusted"});
  o.cert = "ee-broken.der";
  const Judged b = judge(signed_jpeg(o), true, signer_valid_at());
  CHECK(b.failures == Codes{"signingCredential.untrusted"});
  CHECK(b.report.validation_state == "Valid");
  // The same checks one by one.
  const Bytes ee = file_bytes(signer_dir() / "ee.der");
  CHECK(crypto::check_signer_profile(ee, signer_valid_at()).code.empty());
  CHECK(crypto::has_trust_eku(ee));
  crypto::TrustAnchors root;
  REQUIRE(root.add_pem_file((signer_dir() / "root.pem").string()).ok());
  CHECK(root.trusted({ee}, signer_valid_at()));
  CHECK_FALSE(root.trusted({ee}, signer_expired_at()));
  CHECK_FALSE(root.trusted({file_bytes(signer_dir() / "ee-broken.der")}, signer_valid_at()));
  // Another key in the certificate's place: the root signed the original bytes, so no copy
  // with other bytes passes, re-tagged or not.
  Bytes forged = ee;
  const Bytes spki = hex("2b6570032100");  // id-Ed25519, then the key's BIT STRING
  const auto key_at = std::search(forged.begin(), forged.end(), spki.begin(), spki.end());
  REQUIRE(key_at != forged.end());
  key_at[spki.size() + 3] ^= std::byte{0x01};
  CHECK(crypto::check_signer_profile(forged, signer_valid_at()).code.empty());
  CHECK_FALSE(root.trusted({forged}, signer_valid_at()));
}

// The C2PA APP11 segments of a JPEG, rearranged: ops "dup:K", "drop:K", "swap:I:J" (1-based),
// as tests/interop/mutate.py does it.
Bytes app11_mutant(const Bytes& data, const std::string& op) {
  struct Seg {
    size_t start, end;
  };
  std::vector<Seg> segs;
  std::vector<size_t> c2pa;
  int en = -1;
  size_t pos = 2;
  while (pos + 4 <= data.size() && data[pos] == std::byte{0xff}) {
    const auto marker = static_cast<uint8_t>(data[pos + 1]);
    if (marker == 0xd9 || marker == 0xda) {
      break;
    }
    const size_t len = (size_t(data[pos + 2]) << 8) | size_t(data[pos + 3]);
    const size_t p = pos + 4;
    if (marker == 0xeb && len > 18) {
      const int e = (int(data[p + 2]) << 8) | int(data[p + 3]);
      if (en < 0 && len - 2 >= 28 && std::memcmp(data.data() + p + 24, "c2pa", 4) == 0) {
        en = e;
        c2pa.push_back(segs.size());
      } else if (en >= 0 && e == en) {
        c2pa.push_back(segs.size());
      }
    }
    segs.push_back({pos, pos + 2 + len});
    pos += 2 + len;
  }
  REQUIRE_FALSE(c2pa.empty());
  std::vector<Bytes> parts;
  for (const Seg& s : segs) {
    parts.emplace_back(data.begin() + s.start, data.begin() + s.end);
  }
  const auto at = [&](size_t k) { return c2pa.at(k - 1); };
  if (op.rfind("dup:", 0) == 0) {
    const size_t k = at(std::stoul(op.substr(4)));
    parts.insert(parts.begin() + k + 1, parts[k]);
  } else if (op.rfind("drop:", 0) == 0) {
    parts.erase(parts.begin() + at(std::stoul(op.substr(5))));
  } else if (op == "swap:1:2") {
    std::swap(parts[at(1)], parts[at(2)]);
  } else {
    FAIL("unknown op " << op);
  }
  Bytes out(data.begin(), data.begin() + 2);
  for (const Bytes& p : parts) {
    append(out, p);
  }
  out.insert(out.end(), data.begin() + segs.back().end, data.end());
  return out;
}

TEST_CASE("c2pa mutants: APP11 segments duplicated, dropped or swapped leave a broken store") {
  // c2pa-rs reads the store's segments while their sequence numbers rise; one out of place
  // ends it. What is read is judged (a duplicate moves the store's location: the data hash
  // fails); a store cut short is a reader error. Never "no manifest", never a failure to read
  // the file.
  const Bytes one = signed_jpeg({});
  const Judged dup = judge(app11_mutant(one, "dup:1"), true, signer_valid_at());
  CHECK(dup.report.manifest_present);
  CHECK(dup.failures == Codes{"assertion.dataHash.mismatch"});
}

TEST_CASE("c2pa mutants: the APP11 segments of a fixture's two-segment store, reordered" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  const Bytes ca = file_bytes(*dir / "CA.jpg");  // Its store spans two segments.
  C2paOptions options;
  options.now = 1795737600;
  options.trust_anchor_paths.push_back((*dir / "certs/test_cert_root_bundle.pem").string());
  test::TempDir tmp;
  auto read = [&](const std::string& op) {
    write_bytes(tmp / "m.jpg", app11_mutant(ca, op));
    Result<C2paReport> r = test::read_c2pa_path(tmp / "m.jpg", options);
    REQUIRE(r.ok());
    return std::move(r).value();
  };
  const C2paReport dup2 = read("dup:2");
  CHECK(dup2.manifest_present);
  CHECK(dup2.validation_state == "Invalid");
  CHECK(has(failures(dup2), "assertion.dataHash.mismatch"));
  for (const char* op : {"dup:1", "drop:2", "swap:1:2"}) {
    CAPTURE(op);
    const C2paReport r = read(op);
    CHECK_FALSE(r.manifest_present);
    CHECK(r.reader_error.rfind("JumbfParseError", 0) == 0);
  }
  // The second segment alone starts no store: there is none (as c2pa-rs finds).
  CHECK(read("drop:1").reader_error == "JumbfNotFound");
  // Cut inside the store's first segment, or inside its second.
  for (size_t cut : {size_t{30000}, size_t{70000}}) {
    CAPTURE(cut);
    write_bytes(tmp / "cut.jpg", ByteView(ca).first(cut));
    Result<C2paReport> r = test::read_c2pa_path(tmp / "cut.jpg", options);
    REQUIRE(r.ok());
    CHECK_FALSE(r->manifest_present);
    CHECK(r->reader_error.rfind("InvalidAsset", 0) == 0);
  }
}

// A PNG whose caBX chunk holds `store`, `copies` times.
Bytes png_with_stores(const Bytes& store, int copies) {
  auto chunk = [](std::string_view type, const Bytes& data) {
    Bytes c;
    const uint32_t n = static_cast<uint32_t>(data.size());
    for (int i = 3; i >= 0; --i) {
      c.push_back(std::byte((n >> (8 * i)) & 0xff));
    }
    append(c, as_bytes(type));
    append(c, data);
    append(c, hex("00000000"));  // CRC: not checked by C2PA readers
    return c;
  };
  Bytes out = hex("89504e470d0a1a0a");
  append(out, chunk("IHDR", hex("00000001000000010800000000")));
  for (int i = 0; i < copies; ++i) {
    append(out, chunk("caBX", store));
  }
  append(out, chunk("IEND", {}));
  return out;
}

TEST_CASE("c2pa mutants: two manifest stores are refused, never a choice") {
  const Bytes store = superbox("c2pa", "c2pa", redacting_manifest("self#jumbf=/c2pa/x/y"));
  CHECK(judge(png_with_stores(store, 1), false, 0, "a.png").report.manifest_present);
  const Judged two_png = judge(png_with_stores(store, 2), false, 0, "a.png");
  CHECK_FALSE(two_png.report.manifest_present);
  CHECK(two_png.report.reader_error == "TooManyManifestStores");
  // Two stores in APP11 segments (two box instances).
  Bytes jpeg = signed_jpeg({});
  SignedJpeg other;
  other.instance = 0x0212;
  const Bytes second = signed_jpeg(other);
  const size_t seg = 2 + ((size_t(second[4]) << 8) | size_t(second[5]));  // marker + Lp
  jpeg.insert(jpeg.begin() + 2, second.begin() + 2, second.begin() + 2 + seg);
  CHECK(judge(jpeg, true, signer_valid_at()).report.reader_error == "TooManyManifestStores");
}

TEST_CASE("c2pa mutants: a fixture MP4 with two manifest stores is refused" *
          test::needs_shared(kFixtures)) {
  const std::optional<fs::path> dir = fixtures();
  if (!dir) {
    return;
  }
  // An MP4 with a second C2PA 'uuid' box: right after the first, at the end, or at the end
  // as an "update" that has no "original" to extend.
  const Bytes mp4 = file_bytes(*dir / "video1.mp4");
  REQUIRE(mp4.size() > 64);
  const size_t at = 24;  // ftyp(24), then the C2PA uuid box
  const size_t n = (size_t(mp4[at]) << 24) | (size_t(mp4[at + 1]) << 16) |
                   (size_t(mp4[at + 2]) << 8) | size_t(mp4[at + 3]);
  REQUIRE(std::memcmp(mp4.data() + at + 4, "uuid", 4) == 0);
  const Bytes box(mp4.begin() + at, mp4.begin() + at + n);
  Bytes after = mp4;
  after.insert(after.begin() + at + n, box.begin(), box.end());
  Bytes end = mp4;
  append(end, box);
  for (const Bytes* m : {&after, &end}) {
    const Judged j = judge(*m, false, 1795737600, "v.mp4");
    CHECK_FALSE(j.report.manifest_present);
    CHECK(j.report.reader_error == "TooManyManifestStores");
  }
  Bytes update = mp4;
  Bytes update_box = box;
  const size_t purpose = 8 + 16 + 4;
  REQUIRE(std::memcmp(update_box.data() + purpose, "manifest", 9) == 0);
  update_box.erase(update_box.begin() + purpose, update_box.begin() + purpose + 8);
  const Bytes word = hex(to_hex(as_bytes(std::string_view("update"))));
  update_box.insert(update_box.begin() + purpose, word.begin(), word.end());
  const size_t un = update_box.size();
  for (int i = 0; i < 4; ++i) {
    update_box[i] = std::byte((un >> (8 * (3 - i))) & 0xff);
  }
  append(update, update_box);
  const Judged u = judge(update, false, 1795737600, "v.mp4");
  CHECK_FALSE(u.report.manifest_present);
  CHECK(u.report.reader_error.find("update manifest without original manifest") !=
        std::string::npos);
}

}  // namespace
}  // namespace hallmark::c2pa
