#include "hallmark/manifest.h"

#include "hallmark/bundle.h"
#include "hallmark/canonical_json.h"
#include "test_util.h"

namespace hallmark {
namespace {

Manifest sample_manifest(const keys::PublicKey& key) {
  Manifest m;
  m.created = "2026-11-27T02:30:58Z";
  m.generator = "hallmark/test";
  m.title = "harbour.jpg";
  m.creator = {"alice", key};
  m.source_type = "digitalCapture";
  m.actions = {{"c2pa.created", ""}};
  m.file = FileBindingInfo{5, 1 << 20, sha256(as_bytes("x"))};
  return m;
}

TEST_CASE("manifest: canonical form round-trips through the strict parser") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Manifest m = sample_manifest(key.public_key());
  m.claims.make = "Canon";
  m.claims.orientation = 6;
  m.claims.location_present = true;  // and not copied: redacted
  m.actions.push_back({"com.example.retouched", "dust removed"});
  const std::string canonical = canonical_manifest(m);
  CHECK(*canonicalize_json(canonical) == canonical);
  Result<Manifest> back = parse_manifest(canonical);
  REQUIRE(back.ok());
  CHECK(*back == m);
  CHECK(manifest_id(canonical) == digest_id(sha256(as_bytes(canonical))));
  CHECK(signing_message(canonical) == "hallmark/manifest/v1\n" + canonical);
}

TEST_CASE("manifest: every claim and every media field survives writing and parsing") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Manifest m = sample_manifest(key.public_key());
  for (const ClaimField& f : claim_fields()) {
    if (f.text != nullptr) {
      m.claims.*f.text = std::string(f.name) + " value";
    } else {
      m.claims.*f.number = 6;
    }
  }
  m.claims.location = "48.858400,2.294500,35.0";
  m.claims.location_present = true;
  MediaBindingInfo media;
  media.version = 2;
  media.format = "mp4";
  media.trailer = sha256(as_bytes("t"));
  media.trailer_size = 5000;
  MediaStreamInfo st;
  st.kind = "video";
  st.codec = "h264";
  st.leaf_count = 250;
  st.config = sha256(as_bytes("c"));
  st.aux_root = sha256(as_bytes("a"));
  st.timing = StreamTiming{{-1, 40}, {248, 25}};
  st.leaf_info = sha256(as_bytes("i"));
  media.streams = {st};
  m.media = media;
  Result<Manifest> back = parse_manifest(canonical_manifest(m));
  REQUIRE_MESSAGE(back.ok(), back.status().message());
  CHECK(*back == m);
  const std::string text = canonical_manifest(m);
  CHECK(text.find("\"timing\":{\"duration\":\"248/25\",\"start\":\"-1/40\"}") != std::string::npos);
  CHECK(text.find("\"version\":2") != std::string::npos);
  // A version-2 stream without leaf_info is refused: its bundle's names and times are signed.
  m.media->streams[0].leaf_info.reset();
  CHECK(parse_manifest(canonical_manifest(m)).status().message().find("leaf_info") !=
        std::string::npos);
}

TEST_CASE("manifest: text that is not UTF-8 is written as U+FFFD, never as broken JSON") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Manifest m = sample_manifest(key.public_key());
  m.title = "caf\xe9 \xff.jpg";                      // Latin-1 bytes from a file name.
  m.actions.push_back({"c2pa.edited", "cut \xc3"});  // A truncated sequence.
  const std::string canonical = canonical_manifest(m);
  Result<Manifest> back = parse_manifest(canonical);
  REQUIRE(back.ok());
  CHECK(back->title == "caf\xef\xbf\xbd \xef\xbf\xbd.jpg");
  CHECK(back->actions.back().description == "cut \xef\xbf\xbd");
  // Well-formed text, multi-byte included, is kept as it is.
  m.title = "Zo\xc3\xab \xf0\x9f\x93\xb7.jpg";
  back = parse_manifest(canonical_manifest(m));
  REQUIRE(back.ok());
  CHECK(back->title == m.title);
}

TEST_CASE("manifest: strict parsing names the offending field") {
  const keys::SecretKey key = keys::SecretKey::generate();
  const std::string good = canonical_manifest(sample_manifest(key.public_key()));
  auto edit = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    return s;
  };
  struct Case {
    std::string text;
    Code code;
    const char* message;
  } cases[] = {
      {edit("\"version\":1", "\"version\":2"), Code::kUnsupported, "version 2 is not supported"},
      {edit("\"version\":1", "\"version\":\"1\""), Code::kCorrupt, "\"version\""},
      {edit("\"title\":", "\"titel\":"), Code::kCorrupt, "unknown member \"titel\""},
      {edit("\"created\":\"2026-11-27T02:30:58Z\"", "\"created\":\"yesterday\""), Code::kCorrupt,
       "\"created\""},
      {edit("\"generator\":\"hallmark/test\"", "\"generator\":7"), Code::kCorrupt,
       "\"generator\" must be a string"},
      {edit("\"key\":\"ed25519:", "\"key\":\"rsa:"), Code::kCorrupt, "\"creator\".\"key\""},
      {edit("\"source_type\":\"digitalCapture\"", "\"source_type\":\"photo\""), Code::kCorrupt,
       "not an IPTC digital source type"},
      {edit("\"chunk_size\":1048576", "\"chunk_size\":1000"), Code::kCorrupt, "power of two"},
      {edit("\"alg\":\"rfc6962-sha256\"", "\"alg\":\"md5\""), Code::kUnsupported, "md5"},
      {edit("{\"actions\"", "{\"version\":1,\"actions\""), Code::kCorrupt, "duplicate member"},
      {edit("\"bindings\":{\"file\":", "\"bindings\":{\"x\":{},\"file\":"), Code::kCorrupt,
       "unknown member \"x\""},
      // What the man page promises of every manifest, not only of what sign writes.
      {edit("\"version\":1", "\"version\":1.0"), Code::kCorrupt,
       "\"version\" must be the integer 1"},
      {edit("{\"action\":\"c2pa.created\"}", "{\"action\":\"c2pa.cropped\"}"), Code::kCorrupt,
       "without parents must start with the action c2pa.created"},
      {edit("\"bindings\":", "\"claims\":{\"location\":\"91,0\"},\"bindings\":"), Code::kCorrupt,
       "\"location\" must be"},
      {edit("\"bindings\":", "\"claims\":{\"orientation\":0},\"bindings\":"), Code::kCorrupt,
       "\"orientation\" must be from 1 to 8"},
      {edit("\"bindings\":", "\"claims\":{\"make\":\"\"},\"bindings\":"), Code::kCorrupt,
       "\"make\" must hold 1 to 1024 bytes"},
      {edit("\"bindings\":",
            "\"claims\":{\"location\":\"1,2\",\"location_redacted\":true},\"bindings\":"),
       Code::kCorrupt, "\"location_redacted\" is true, but there is a \"location\""},
      {edit("\"bindings\":", "\"claims\":{\"colour\":\"red\"},\"bindings\":"), Code::kCorrupt,
       "unknown member \"colour\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<Manifest> r = parse_manifest(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == c.code);
    CHECK(r.status().message().find(c.message) != std::string::npos);
    CHECK(r.status().message().rfind("manifest", 0) == 0);
  }
}

TEST_CASE("manifest: signer rules for originals, derivatives, vocabularies") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Manifest m = sample_manifest(key.public_key());
  CHECK(check_manifest(m).ok());
  m.actions = {{"c2pa.cropped", ""}};
  CHECK(check_manifest(m).message().find("must start with the action c2pa.created") !=
        std::string::npos);
  m.actions = {{"c2pa.created", ""}, {"c2pa.created", ""}};
  CHECK_FALSE(check_manifest(m).ok());
  m.actions = {{"c2pa.cropped", ""}};
  m.parents = {{digest_id(sha256(as_bytes("p"))), "parentOf", {}}};
  CHECK(check_manifest(m).ok());
  m.actions.push_back({"c2pa.created", ""});
  CHECK(check_manifest(m).message().find("must not claim") != std::string::npos);
  m.actions = {{"c2pa.frobnicated", ""}};
  CHECK_FALSE(check_manifest(m).ok());
  CHECK(is_action_name("c2pa.color_adjustments"));
  CHECK(is_action_name("com.example.retouch"));
  CHECK_FALSE(is_action_name("retouch"));
  CHECK_FALSE(is_action_name("c2pa.frobnicated"));
  CHECK(is_ai_source_type("trainedAlgorithmicMedia"));
  CHECK_FALSE(is_ai_source_type("digitalCapture"));
  m = sample_manifest(key.public_key());
  m.file.reset();
  CHECK(check_manifest(m).message() == "manifest has no content binding");
}

TEST_CASE("bundle: sign, serialise, parse and verify, and every byte of the manifest counts") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Result<SignedManifest> sm = sign_manifest(sample_manifest(key.public_key()), key);
  REQUIRE(sm.ok());
  Bundle b;
  b.signed_manifest = *sm;
  b.file_leaves = {sha256(as_bytes("leaf"))};
  const std::string text = serialize_bundle(b).value();
  Result<Bundle> back = parse_bundle(text);
  REQUIRE(back.ok());
  CHECK(back->signed_manifest.canonical == sm->canonical);
  CHECK(back->file_leaves == b.file_leaves);
  REQUIRE(back->signed_manifest.signatures.size() == 1);
  CHECK(verify_signature(back->signed_manifest, back->signed_manifest.signatures[0]).ok());

  // Flip one character of the title: the canonical bytes change, the signature fails.
  std::string altered = text;
  altered.replace(altered.find("harbour.jpg"), 1, "H");
  Result<Bundle> alt = parse_bundle(altered);
  REQUIRE(alt.ok());
  CHECK(verify_signature(alt->signed_manifest, alt->signed_manifest.signatures[0]).code() ==
        Code::kVerifyFailed);

  // Reformatting the JSON (whitespace, member order) changes nothing that is signed.
  Result<Bundle> compact = parse_bundle(nlohmann::json::parse(text).dump());
  REQUIRE(compact.ok());
  CHECK(verify_signature(compact->signed_manifest, compact->signed_manifest.signatures[0]).ok());
}

TEST_CASE("bundle: countersignatures cover the same bytes and a key signs once") {
  const keys::SecretKey alice = keys::SecretKey::generate();
  const keys::SecretKey publisher = keys::SecretKey::generate();
  Result<SignedManifest> sm = sign_manifest(sample_manifest(alice.public_key()), alice);
  REQUIRE(sm.ok());
  const std::string before = sm->canonical;
  REQUIRE(countersign(*sm, publisher).ok());
  CHECK(sm->canonical == before);
  REQUIRE(sm->signatures.size() == 2);
  CHECK(verify_signature(*sm, sm->signatures[1]).ok());
  CHECK(countersign(*sm, publisher).code() == Code::kInvalidArgument);
  // A signature moved to another key's name does not verify.
  ManifestSignature swapped = sm->signatures[1];
  swapped.key = alice.public_key();
  CHECK(verify_signature(*sm, swapped).code() == Code::kVerifyFailed);
}

TEST_CASE("bundle: malformed bundles are rejected with a reason") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Bundle b;
  b.signed_manifest = *sign_manifest(sample_manifest(key.public_key()), key);
  const std::string text = serialize_bundle(b).value();
  const char* bad[] = {"",
                       "null",
                       "[]",
                       "{}",
                       "{\"hallmark_bundle\":2}",
                       "{\"hallmark_bundle\":1}",
                       "\x89PNG\r\n\x1a\n"};
  for (const char* t : bad) {
    CAPTURE(t);
    Result<Bundle> r = parse_bundle(t);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.status().message().empty());
  }
  for (size_t cut : {text.size() / 3, text.size() / 2, text.size() - 3}) {
    CAPTURE(cut);
    CHECK(parse_bundle(text.substr(0, cut)).status().code() == Code::kCorrupt);
  }
  std::string no_sigs = text;
  const size_t s = no_sigs.find("\"signatures\": [");
  const size_t e = no_sigs.find(']', s);
  no_sigs.replace(s, e - s + 1, "\"signatures\": []");
  CHECK(parse_bundle(no_sigs).status().message().find("\"signatures\" is empty") !=
        std::string::npos);
}

TEST_CASE("bundle: the log entry is canonical and parses back") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Result<SignedManifest> sm = sign_manifest(sample_manifest(key.public_key()), key);
  REQUIRE(sm.ok());
  sm->receipts.push_back("not part of the entry");
  const std::string entry = sm->log_entry().value();
  CHECK(*canonicalize_json(entry) == entry);
  CHECK(entry.find("receipts") == std::string::npos);
  Result<SignedManifest> back = parse_log_entry(entry);
  REQUIRE(back.ok());
  CHECK(back->canonical == sm->canonical);
  CHECK(back->signatures == sm->signatures);
}

}  // namespace
}  // namespace hallmark
