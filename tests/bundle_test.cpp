// The bundle reader on hostile input: every limit of hallmark-manifest(5) "Limits", trailing
// bytes, duplicate and mistyped top-level members, and the streaming readers checked against
// the DOM readers they replaced.
#include "hallmark/bundle.h"

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <random>

#include "../fuzz/bundle_leaves_property.h"
#include "hallmark/canonical_json.h"
#include "json_stream.h"
#include "json_util.h"
#include "test_util.h"

namespace hallmark {
namespace {

using nlohmann::json;

Digest digest_of(std::string_view s) {
  return sha256(as_bytes(s));
}

std::vector<Digest> digests(size_t n, std::string_view seed) {
  std::vector<Digest> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digest_of(std::string(seed) + std::to_string(i)));
  }
  return out;
}

// A manifest with a file binding of 4 chunks and two media streams: video#0 with 3 leaves,
// image#0 (say) with 2.
Manifest media_manifest(const keys::PublicKey& key) {
  Manifest m;
  m.created = "2026-11-27T02:30:58Z";
  m.generator = "hallmark/test";
  m.title = "clip.mp4";
  m.creator = {"alice", key};
  m.source_type = "digitalCapture";
  m.actions = {{"c2pa.created", ""}};
  m.file = FileBindingInfo{3 * (1 << 20) + 1, 1 << 20, digest_of("file")};
  MediaBindingInfo media;
  media.format = "mp4";
  media.content_root = digest_of("content");
  media.metadata = digest_of("metadata");
  media.rendering = digest_of("rendering");
  media.streams.push_back(
      {"video", 0, "h264", digest_of("v"), 3, digest_of("c"), digest_of("a"), {}, {}});
  media.streams.push_back(
      {"image", 0, "png", digest_of("i"), 2, std::nullopt, std::nullopt, {}, {}});
  m.media = media;
  return m;
}

struct Sample {
  keys::SecretKey key = keys::SecretKey::generate();
  Bundle bundle;
  std::string text;

  Sample() {
    Manifest parent = media_manifest(key.public_key());
    parent.title = "parent.mp4";
    Result<SignedManifest> ancestor = sign_manifest(parent, key);
    REQUIRE(ancestor.ok());
    ancestor->receipts = {"another receipt\n"};
    Manifest m = media_manifest(key.public_key());
    m.parents = {{ancestor->id(), "parentOf", {}}};
    m.actions = {{"c2pa.edited", ""}};
    Result<SignedManifest> sm = sign_manifest(m, key);
    REQUIRE(sm.ok());
    sm->receipts = {"a receipt\n"};
    bundle.signed_manifest = *sm;
    bundle.ancestors = {*ancestor};
    bundle.file_leaves = digests(4, "chunk");
    MediaLeaves& v = bundle.media_leaves["video#0"];
    v.leaves = digests(3, "v");
    v.aux_leaves = digests(3, "a");
    v.times = {0, 0.033367, std::nan("")};
    v.visible_end = 3;
    MediaLeaves& i = bundle.media_leaves["image#0"];
    i.leaves = digests(2, "i");
    i.unit_names = {"IHDR", "IDAT"};
    i.visible_end = 2;
    text = serialize_bundle(bundle).value();
  }

  // The bundle text with the first `from` replaced.
  std::string with(std::string_view from, std::string_view to) const {
    std::string t = text;
    const size_t at = t.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    t.replace(at, from.size(), to);
    return t;
  }
};

std::string message(std::string_view text) {
  Result<Bundle> b = parse_bundle(text);
  REQUIRE_FALSE(b.ok());
  return b.status().message();
}

TEST_CASE("bundle: serialise, parse and serialise again give the same bytes") {
  const Sample s;
  Result<Bundle> back = parse_bundle(s.text);
  REQUIRE(back.ok());
  CHECK(serialize_bundle(*back).value() == s.text);
  CHECK(back->signed_manifest.canonical == s.bundle.signed_manifest.canonical);
  CHECK(back->signed_manifest.receipts == s.bundle.signed_manifest.receipts);
  CHECK(back->file_leaves == s.bundle.file_leaves);
  REQUIRE(back->media_leaves.size() == 2);
  const MediaLeaves& v = back->media_leaves.at("video#0");
  CHECK(v.aux_leaves == s.bundle.media_leaves.at("video#0").aux_leaves);
  REQUIRE(v.times.size() == 3);
  CHECK(v.times[1] == 0.033367);
  CHECK(std::isnan(v.times[2]));
  CHECK(back->media_leaves.at("image#0").unit_names == std::vector<std::string>{"IHDR", "IDAT"});
  REQUIRE(back->ancestors.size() == 1);
  CHECK(back->ancestors[0].canonical == s.bundle.ancestors[0].canonical);
  CHECK(verify_signature(back->signed_manifest, back->signed_manifest.signatures[0]).ok());
  // Compact, reordered, with a byte order mark: the same bundle.
  Result<Bundle> compact = parse_bundle("\xef\xbb\xbf" + json::parse(s.text).dump());
  REQUIRE(compact.ok());
  CHECK(serialize_bundle(*compact).value() == s.text);
}

TEST_CASE("bundle: read_bundle reads a file as parse_bundle reads its text") {
  const Sample s;
  test::TempDir dir;
  const std::string path = (dir / "clip.mp4.hallmark").string();
  test::write_text(path, s.text);
  Result<Bundle> b = read_bundle(path);
  REQUIRE(b.ok());
  CHECK(serialize_bundle(*b).value() == s.text);

  // Errors of reading are the outer result of load_bundle, errors of the bundle the inner.
  Result<Result<Bundle>> missing = load_bundle((dir / "none.hallmark").string());
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(load_bundle(dir.path().string()).status().code() == Code::kInvalidArgument);
  test::write_text(path, s.text + "x");
  Result<Result<Bundle>> bad = load_bundle(path);
  REQUIRE(bad.ok());
  CHECK(bad->status().message() == "bundle: trailing bytes after the JSON value");
  CHECK(read_bundle(path).status().message() ==
        path + ": bundle: trailing bytes after the JSON value");
}

TEST_CASE("bundle: a file that shrinks while it is read is an I/O error, not a malformed one") {
  const Sample s;
  test::TempDir dir;
  const std::string path = (dir / "b.hallmark").string();
  test::write_text(path, s.text);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  // A source that believes the file is longer than it is, as after a truncation.
  const json_stream::FdSource source(fd, s.text.size() + 100, path);
  json_stream::Parser p(source, 0, source.size());
  CHECK(p.skip_value().ok());
  const Status end = p.expect_end();
  CHECK(end.code() == Code::kIoError);
  CHECK(end.message() == path + " changed while it was being read");
  CHECK(source.failure().code() == Code::kIoError);
  ::close(fd);
}

TEST_CASE("bundle: anything after the JSON value is malformed, NUL bytes included") {
  const Sample s;
  for (const std::string& tail : {std::string("x"), std::string("{}"), std::string(1, '\0'),
                                  std::string("\n\0\0\0", 4), std::string(" 1")}) {
    CAPTURE(tail);
    CHECK(message(s.text + tail) == "bundle: trailing bytes after the JSON value");
  }
  CHECK(parse_bundle(s.text + " \t\r\n").ok());
  CHECK(message(std::string("[]\0", 3)) == "bundle: trailing bytes after the JSON value");
  CHECK(message("[]") == "bundle is not a JSON object");
  CHECK(message("") == "bundle: not valid JSON");
  CHECK(message(std::string(1000, '\0')) == "bundle: not valid JSON");
  // Every JSON reader of hallmark refuses what follows a NUL, not only the bundle's.
  CHECK(canonicalize_json(std::string("{}\0{}", 5)).status().message() == "json: not valid JSON");
  CHECK(parse_manifest(s.bundle.signed_manifest.canonical + std::string(1, '\0')).status().code() ==
        Code::kCorrupt);
  CHECK(parse_log_entry(s.bundle.signed_manifest.log_entry().value() + std::string(1, '\0'))
            .status()
            .code() == Code::kCorrupt);
}

TEST_CASE("bundle: a top-level member given twice is malformed") {
  const Sample s;
  for (const char* name :
       {"hallmark_bundle", "manifest", "signatures", "receipts", "leaves", "ancestors"}) {
    CAPTURE(name);
    const std::string member = "\"" + std::string(name) + "\": ";
    const std::string doubled = s.with("{", "{" + member + "null, ");
    CHECK(message(doubled) == "bundle: duplicate member \"" + std::string(name) + "\"");
  }
  CHECK(message(s.with("{", "{\"extra\": 1, ")) == "bundle: unknown member \"extra\"");
  const std::string long_name(300, 'x');
  CHECK(message(s.with("{", "{\"" + long_name + "\": 1, ")) ==
        "bundle: unknown member \"" + long_name.substr(0, 256) + "…\"");
}

TEST_CASE("bundle: \"hallmark_bundle\" must be the integer 1") {
  const Sample s;
  const std::string v = "\"hallmark_bundle\": 1";
  for (const char* other : {"1.0", "1e0", "\"1\"", "true", "null", "[1]", "{}",
                            "100000000000000000000000000000000000000000000000000000000000000000"}) {
    CAPTURE(other);
    CHECK(message(s.with(v, "\"hallmark_bundle\": " + std::string(other))) ==
          "bundle: \"hallmark_bundle\" must be the integer 1");
  }
  Result<Bundle> two = parse_bundle(s.with(v, "\"hallmark_bundle\": 2"));
  CHECK(two.status().code() == Code::kUnsupported);
  CHECK(two.status().message() == "bundle version 2 is not supported (only 1)");
  CHECK(parse_bundle(s.with(v, "\"hallmark_bundle\": -1")).status().message() ==
        "bundle version -1 is not supported (only 1)");
  CHECK(message(s.with(v, "\"hallmark_bundl\": 1")) ==
        "not a hallmark bundle (no \"hallmark_bundle\" version)");
}

TEST_CASE("bundle: the manifest, signatures and receipts have size limits") {
  const Sample s;
  const std::string mib(1 << 20, ' ');
  CHECK(message(s.with("\n  \"manifest\": {", "\n  \"manifest\": {" + mib))
            .find("bundle: \"manifest\" is ") == 0);
  CHECK(message(s.with("\n  \"manifest\": {", "\n  \"manifest\": {" + mib))
            .ends_with(" bytes, more than the 1048576 allowed"));
  CHECK(
      parse_bundle(s.with("\n  \"manifest\": {", "\n  \"manifest\": {" + std::string(1 << 19, ' ')))
          .ok());
  CHECK(message(s.with("\n  \"signatures\": [", "\n  \"signatures\": [" + mib))
            .find("bundle: \"signatures\" is ") == 0);
  CHECK(message(s.with("\n  \"receipts\": [", "\n  \"receipts\": [" + std::string(4 << 20, ' ')))
            .find("bundle: \"receipts\" is ") == 0);
  std::string many;
  for (size_t i = 0; i <= kMaxReceipts; ++i) {
    many += "\"r\",";
  }
  CHECK(message(s.with("\n  \"receipts\": [", "\n  \"receipts\": [" + many)) ==
        "bundle: more than 64 receipts");
  many.resize(many.size() - 8);  // 63 and the one there: 64.
  CHECK(parse_bundle(s.with("\n  \"receipts\": [", "\n  \"receipts\": [" + many)).ok());
}

TEST_CASE("bundle: every leaf table is bounded by what the signed bindings allow") {
  const Sample s;
  REQUIRE(parse_bundle(s.text).ok());
  // The sample's bindings: ceil((3 MiB + 1) / 1 MiB) = 4 file leaves, video#0 3, image#0 2.
  const auto over = [&](const std::function<void(Bundle&)>& change) {
    Bundle b = s.bundle;
    change(b);
    return parse_bundle(serialize_bundle(b).value());
  };
  const std::string media = "bundle: \"leaves\".\"media\".";
  struct Case {
    std::string what;
    std::function<void(Bundle&)> change;
    std::string want;  // Empty: still within the limits.
  };
  const Case cases[] = {
      {"file at its limit", [](Bundle& b) { b.file_leaves = digests(4, "f"); }, ""},
      {"file over", [](Bundle& b) { b.file_leaves = digests(5, "f"); },
       "bundle: \"leaves\": \"file\" is 216 bytes of base64, more than 4 leaves take"},
      {"leaves over", [](Bundle& b) { b.media_leaves["image#0"].leaves = digests(3, "x"); },
       media + "\"image#0\": \"leaves\" is 128 bytes of base64, more than 2 leaves take"},
      {"aux leaves over", [](Bundle& b) { b.media_leaves["video#0"].aux_leaves = digests(4, "x"); },
       media + "\"video#0\": \"aux_leaves\" is 172 bytes of base64, more than 3 leaves take"},
      {"times over",
       [](Bundle& b) {
         b.media_leaves["video#0"].times = {1, 2, 3, 4, 5};
       },
       media + "\"video#0\": 5 times for 3 leaves"},
      {"times at the limit",
       [](Bundle& b) {
         b.media_leaves["video#0"].times = {1, 2, 3};
       },
       ""},
      {"unit names over",
       [](Bundle& b) {
         b.media_leaves["image#0"].unit_names = {"a", "b", "c"};
       },
       media + "\"image#0\": 3 unit names for 2 leaves"},
      {"a unit name at its limit",
       [](Bundle& b) { b.media_leaves["image#0"].unit_names[0] = std::string(256, 'n'); }, ""},
      {"a unit name over",
       [](Bundle& b) { b.media_leaves["image#0"].unit_names[0] = std::string(257, 'n'); },
       media + "\"image#0\": \"unit_names\": a name of 257 bytes (at most 256)"},
      {"a stream the manifest does not sign",
       [](Bundle& b) { b.media_leaves["audio#0"].leaves = {}; },
       media + "\"audio#0\": no such stream in the signed media binding"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    Result<Bundle> r = over(c.change);
    if (c.want.empty()) {
      CHECK(r.ok());
    } else {
      CHECK(r.status().message() == c.want);
    }
  }
  // An empty file has no leaves.
  json doc = json::parse(s.text);
  doc["manifest"]["bindings"]["file"]["size"] = 0;
  CHECK(message(doc.dump()) ==
        "bundle: \"leaves\": \"file\" is 172 bytes of base64, more than 0 leaves take");
  doc["leaves"]["file"] = "";
  CHECK(parse_bundle(doc.dump()).ok());
}

TEST_CASE("bundle: the leaves keep their other rules, and name the member that breaks one") {
  const Sample s;
  const std::string media = "bundle: \"leaves\".\"media\".";
  struct Case {
    std::string from, to, want;
  };
  const Case cases[] = {
      {"\"video#0\": {", "\"video#0\": {\"leaves\": \"\"}, \"video#0\": {",
       "bundle: \"leaves\".\"media\": duplicate member \"video#0\""},
      {"\"discarded\": 0", "\"discarded\": 0, \"discarded\": 0",
       media + "\"image#0\": duplicate member \"discarded\""},
      {"\"discarded\": 0", "\"discarded\": 9007199254740993",
       media + "\"image#0\": \"discarded\" is too large"},
      {"\"discarded\": 0", "\"discarded\": 9007199254740992", ""},
      {"\"discarded\": 0", "\"discarded\": -1",
       media + "\"image#0\": \"discarded\" must be a non-negative integer"},
      {"\"discarded\": 0", "\"discarded\": 1.0",
       media + "\"image#0\": \"discarded\" must be a non-negative integer"},
      {"\"discarded\": 0", "\"discarded\": -0", ""},
      {"\"discarded\": 0", "\"discarded\": 0, \"extra\": 0",
       media + "\"image#0\": unknown member \"extra\""},
      {"\"discarded\": 0,\n        \"leaves\": \"", "\"leavez\": \"",
       media + "\"image#0\": unknown member \"leavez\""},
      {"\"times\": [", "\"times\": [1" + std::string(64, '0') + ",",
       media + "\"video#0\": a number longer than 64 characters"},
      {"\"times\": [", "\"times\": [1e999,", media + "\"video#0\": number out of range"},
      {"\"times\": [", "\"times\": [true,",
       media + "\"video#0\": \"times\" must hold numbers or null"},
      {"\"times\": [", "\"times\": 1, \"x\": [", media + "\"video#0\": \"times\" must be an array"},
      {"\"unit_names\": [", "\"unit_names\": [1,",
       media + "\"image#0\": \"unit_names\" must hold strings"},
      {"\"file\": \"", "\"extra\": 1, \"file\": \"",
       "bundle: \"leaves\": unknown member \"extra\""},
      {"\"file\": \"", "\"file\": 1, \"x\": \"",
       "bundle: \"leaves\": \"file\" must be a base64 string"},
      {"\"file\": \"", "\"file\": \"A\", \"x\": \"",
       "bundle: \"leaves\": \"file\" is not base64 of 32-byte hashes"},
      {"\n    \"media\": {", "\"media\": 1, \"x\": {",
       "bundle: \"leaves\": \"media\" must be an object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.to);
    const std::string text = s.with(c.from, c.to);
    if (c.want.empty()) {
      CHECK(parse_bundle(text).ok());
    } else {
      CHECK(message(text) == c.want);
    }
  }
  CHECK(message(s.with("\"leaves\": {", "\"leavez\": {")).find("bundle: unknown member") == 0);
  json doc = json::parse(s.text);
  doc["leaves"] = json::array();
  CHECK(message(doc.dump()) == "bundle: \"leaves\" must be an object");
  doc.erase("leaves");
  CHECK(message(doc.dump()) == "bundle: \"leaves\" is missing");
}

TEST_CASE("bundle: unit names count against a budget per leaf") {
  const Sample s;
  Manifest m = media_manifest(s.key.public_key());
  m.media->streams[1].leaf_count = 100;  // 100 * 64 + 4096 bytes of names at most.
  Bundle b = s.bundle;
  b.signed_manifest = *sign_manifest(m, s.key);
  b.media_leaves["image#0"].unit_names = std::vector<std::string>(41, std::string(256, 'n'));
  CHECK(parse_bundle(serialize_bundle(b).value())
            .ok());  // 41 * 256 = 10496 bytes: just at the budget.
  b.media_leaves["image#0"].unit_names.push_back("n");
  CHECK(message(serialize_bundle(b).value()) ==
        "bundle: \"leaves\".\"media\".\"image#0\": \"unit_names\": more than 10496 bytes of "
        "names for 100 leaves");
}

TEST_CASE("bundle: a leaves member larger than its bindings allow is refused by its size") {
  const Sample s;
  // Whitespace breaks no other rule: only the size tells.
  const std::string padded = s.with("\"file\": \"", std::string(8 << 20, ' ') + "\"file\": \"");
  const std::string m = message(padded);
  CHECK(m.find("bundle: \"leaves\" is ") == 0);
  CHECK(m.find(" its signed bindings allow") != std::string::npos);
  // Over the size and over a table's limit: the table is named.
  std::string names = "\"unit_names\": [";
  for (int i = 0; i < 3000000; ++i) {
    names += "\"a\",";
  }
  CHECK(message(s.with("\"unit_names\": [", names)) ==
        "bundle: \"leaves\".\"media\".\"image#0\": 3000002 unit names for 2 leaves");
}

TEST_CASE("bundle: ancestors are bounded in number and in size") {
  const Sample s;
  std::string many = "\"ancestors\": [";
  for (size_t i = 0; i <= kMaxAncestors; ++i) {
    many += "{},";
  }
  CHECK(message(s.with("\"ancestors\": [", many)) == "bundle: more than 100000 ancestors");
  CHECK(
      message(s.with("\"ancestors\": [", "\"ancestors\": [{" + std::string(6 << 20, ' ') + "},")) ==
      "bundle: ancestor 0 is " + std::to_string((6 << 20) + 2) + " bytes, more than the " +
          std::to_string(kMaxAncestorSize) + " allowed");
  CHECK(message(s.with("\"ancestors\": [", "\"ancestors\": [1,")) ==
        "bundle: \"ancestors\" must hold objects");
  CHECK(message(s.with("\"ancestors\": [", "\"ancestors\": [{\"x\": 1},")) ==
        "bundle: \"ancestors\": unknown member \"x\"");
}

TEST_CASE("bundle: only the ancestors the history reaches are kept, each once") {
  const Sample s;
  const json doc = json::parse(s.text);
  json hostile = doc;
  // Copies of the real ancestor, and a stranger: well-formed, signed, and never consulted.
  const keys::SecretKey other = keys::SecretKey::generate();
  Manifest stranger = media_manifest(other.public_key());
  stranger.title = "stranger.mp4";
  Bundle sb;
  sb.signed_manifest = *sign_manifest(stranger, other);
  const json stranger_json = json::parse(serialize_bundle(sb).value());
  for (int i = 0; i < 3; ++i) {
    hostile["ancestors"].push_back(doc["ancestors"][0]);
  }
  hostile["ancestors"].insert(
      hostile["ancestors"].begin(),
      json{{"manifest", stranger_json["manifest"]}, {"signatures", stranger_json["signatures"]}});
  Result<Bundle> b = parse_bundle(hostile.dump());
  REQUIRE(b.ok());
  REQUIRE(b->ancestors.size() == 1);
  CHECK(b->ancestors[0].canonical == s.bundle.ancestors[0].canonical);
  CHECK(serialize_bundle(*b).value() == s.text);
  // Every ancestor is still checked, reached or not.
  hostile["ancestors"][0]["manifest"]["version"] = 2;
  CHECK(parse_bundle(hostile.dump()).status().message() ==
        "bundle: ancestor: manifest: version 2 is not supported (only 1)");
}

TEST_CASE("bundle: nesting is limited in the whole bundle, leaves and ancestors included") {
  const Sample s;
  // The leaves sit at depth 1, a stream's arrays at 4: 61 more levels inside are too many.
  const std::string deep = std::string(61, '[') + std::string(61, ']');
  CHECK(message(s.with("\"times\": [", "\"times\": [" + deep + ",")) ==
        "bundle: nested deeper than 64 levels");
  CHECK(message(s.with("\"ancestors\": [",
                       "\"ancestors\": [" + std::string(64, '[') + std::string(64, ']') + ",")) ==
        "bundle: nested deeper than 64 levels");
}

// Hand-made leaves members, and byte-level mutations of them, through the property of
// fuzz/bundle_leaves_property.h (the fuzzer runs the same on its own inputs).
TEST_CASE("bundle: the streaming leaves reader agrees with the DOM reader it replaced") {
  const Sample s;
  const json doc = json::parse(s.text);
  std::vector<std::string> inputs = {
      doc["leaves"].dump(),
      doc["leaves"].dump(2),
      "{}",
      "{\"media\":{}}",
      "[]",
      "{\"file\":\"\"}",
      R"({"media":{"video#0":{"leaves":"","times":[-0,1e-999,0.5,null,18446744073709551616]}}})",
      R"({"media":{"image#0":{"leaves":"","unit_names":["\u00e9\ud83d\ude00","\/"]}}})",
      R"({"media":{"image#0":{"leaves":"","discarded":-0,"visible_end":9007199254740992}}})",
  };
  // Limits: 4 file leaves, video#0 3, no audio#0, image#0 2 (as the sample manifest).
  const std::string header("\x04\x03\xff\x02", 4);
  std::mt19937 rng(11);
  const size_t seeds = inputs.size();
  for (size_t i = 0; i < seeds; ++i) {
    for (int k = 0; k < 300; ++k) {
      std::string t = inputs[i];
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits && !t.empty(); ++e) {
        const size_t at = rng() % t.size();
        switch (rng() % 4) {
          case 0:
            t[at] = static_cast<char>(rng());
            break;
          case 1:
            t.erase(at, 1 + rng() % 8);
            break;
          case 2:
            t.insert(at, t.substr(rng() % t.size(), rng() % 16));
            break;
          default:
            t.insert(at, 1, "{}[]\",:0-.e\\u"[rng() % 14]);
        }
      }
      inputs.push_back(t);
    }
  }
  size_t accepted = 0;
  for (const std::string& text : inputs) {
    CAPTURE(text);
    for (const std::string& h :
         {header, std::string("\x00\x00\x00\x00", 4), std::string("\xff\xff\xff\xff", 4)}) {
      CHECK(leaves_property::check(h + text) == "");
    }
    accepted += leaves_property::streamed_leaves(text, leaves_property::limits_from(header)).ok();
  }
  CHECK(accepted > seeds);  // The mutations reach the accepting paths too.
}

// json_stream accepts exactly what parse_strict accepts (duplicates aside: callers check them).
TEST_CASE("json_stream: accepts exactly what parse_strict accepts") {
  std::vector<std::string> docs = {
      "0",
      "-0",
      "1.5e+3",
      "01",
      "1.",
      ".5",
      "-",
      "1e",
      "[1,]",
      "[,1]",
      "{\"a\":1,}",
      "{,}",
      "{\"a\" 1}",
      "[1 2]",
      "\"\\u12\"",
      "\"\\ud800\"",
      "\"\\udc00x\"",
      "\"\\ud800\\udc00\"",
      "\"\\x\"",
      "\"\x01\"",
      "\"\x7f\"",
      "\"\xc0\x80\"",
      "\"\xed\xa0\x80\"",
      "\"\xf4\x90\x80\x80\"",
      "\"\xe2\x82\xac\"",
      "\"\xe0\x80\x80\"",
      "\"\xe0\xa0\x80\"",
      "\"\xf0\x80\x80\x80\"",
      "\"\xf4\x8f\xbf\xbf\"",
      "\"\xc2\x7f\"",
      "\"\xf5\x80\x80\x80\"",
      "\"\xf0\x9f\x98\x80\"",
      "\"\xe2\x82\"",
      "tru",
      "true",
      "nulll",
      " [ ] ",
      "\xef\xbb\xbf[]",
      "\xef\xbb[]",
      "[\f]",
      "{\"a\":[{\"b\":null}]}",
      "",
      "  ",
      "[]]",
      "[[]",
      "1e999",
      "[1e999]",
  };
  for (int d : {63, 64, 65, 66}) {
    docs.push_back(std::string(static_cast<size_t>(d), '[') +
                   std::string(static_cast<size_t>(d), ']'));
    docs.push_back(std::string(static_cast<size_t>(d), '[') + "1" +
                   std::string(static_cast<size_t>(d), ']'));
    std::string o;
    for (int i = 0; i < d; ++i) {
      o += "{\"a\":";
    }
    docs.push_back(o + "1" + std::string(static_cast<size_t>(d), '}'));
    docs.push_back(o + "{}" + std::string(static_cast<size_t>(d), '}'));
  }
  for (const std::string& text : docs) {
    CAPTURE(text);
    const json_stream::MemorySource source(text);
    json_stream::Parser p(source, 0, text.size());
    Status st = p.skip_bom();
    if (st.ok()) {
      st = p.skip_value();
    }
    if (st.ok()) {
      st = p.expect_end();
    }
    const Result<json> want = json_util::parse_strict(text, "json");
    if (text == "1e999" || text == "[1e999]") {
      CHECK(!want.ok());  // Range is checked where numbers are read (Parser::number).
      CHECK(st.ok());
      continue;
    }
    CHECK(st.ok() == want.ok());
    if (!st.ok() && !want.ok() && want.status().message().find("nested") != std::string::npos) {
      CHECK(st.message() == "nested deeper than 64 levels");
    }
  }
}

TEST_CASE("json_stream: numbers are read as nlohmann/json reads them") {
  for (const char* text :
       {"0", "-0", "-0.0", "1", "-1", "9223372036854775807", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616", "1e2", "0.1",
        "1e-999", "4.9e-324", "1.7976931348623157e308", "123456.123456"}) {
    CAPTURE(text);
    const std::string t = text;
    const json_stream::MemorySource source(t);
    json_stream::Parser p(source, 0, t.size());
    json_stream::Number n;
    REQUIRE(p.number(n, 64).ok());
    const json want = json::parse(t);
    CHECK((n.kind == json_stream::Number::Kind::kSigned) ==
          (want.type() == json::value_t::number_integer));
    CHECK((n.kind == json_stream::Number::Kind::kUnsigned) == want.is_number_unsigned());
    const double d = n.as_double();
    const double w = want.get<double>();
    CHECK(std::memcmp(&d, &w, sizeof d) == 0);
  }
}

}  // namespace
}  // namespace hallmark
