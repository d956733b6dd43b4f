#include "hallmark/note.h"

#include "hallmark/checkpoint.h"
#include "test_util.h"

namespace hallmark::note {
namespace {

using nlohmann::json;
using test::data_dir;
using test::load_json;
using test::read_text;

constexpr std::string_view kSumdbKey =
    "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

json note_vectors() {
  return load_json(data_dir() / "tlog-vectors.json")["notes"];
}

Verifier vkey(std::string_view text) {
  Result<Verifier> v = parse_verifier(text);
  REQUIRE_MESSAGE(v.ok(), v.status().message());
  return *v;
}

// Flips one bit of the base64 signature of the first signature line.
std::string flip_signature_bit(std::string note) {
  const size_t line = note.rfind("\n\n") + 2;
  const size_t sig = note.find(' ', note.find(' ', line) + 1) + 1;
  note[sig + 10] = note[sig + 10] == 'A' ? 'B' : 'A';
  return note;
}

TEST_CASE("note: every vkey in the vectors parses, has its key id and re-encodes exactly") {
  for (const json& v : note_vectors()) {
    const std::string text = v["vkey"];
    CAPTURE(text);
    const Verifier key = vkey(text);
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", key.id);
    CHECK(std::string(hex) == v["key_id_hex"].get<std::string>());
    CHECK(key.id == key_id(key.name, key.type, key.key));
    CHECK(key.to_string() == text);
  }
}

TEST_CASE("note: the signed notes in the vectors verify and yield their text") {
  for (const json& v : note_vectors()) {
    CAPTURE(v["desc"].get<std::string>());
    const Verifier key = vkey(v["vkey"].get<std::string>());
    const Result<Opened> opened = open(v["signed_note"].get<std::string>(), {&key, 1});
    REQUIRE_MESSAGE(opened.ok(), opened.status().message());
    CHECK(opened->text == v["text"].get<std::string>());
    REQUIRE(opened->verified.size() == 1);
    CHECK(opened->verified[0].by == key);
  }
}

TEST_CASE("note: signing reproduces the vectors' deterministic signatures byte for byte") {
  size_t signed_notes = 0;
  for (const json& v : note_vectors()) {
    if (!v.contains("skey")) {
      continue;
    }
    CAPTURE(v["desc"].get<std::string>());
    Result<Signer> signer = Signer::parse(v["skey"].get<std::string>());
    REQUIRE_MESSAGE(signer.ok(), signer.status().message());
    CHECK(signer->verifier().to_string() == v["vkey"].get<std::string>());
    CHECK(signer->to_string().chars() == v["skey"].get<std::string>());
    const std::string text = v["text"];
    const std::string want = v["signed_note"];
    const std::string line =
        format_signature_line(signer->sign(text, v.value("cosignature_timestamp", uint64_t{0})));
    // The signer's line is the note's last signature line.
    CHECK(want.size() > line.size());
    CHECK(want.substr(want.size() - line.size()) == line);
    ++signed_notes;
  }
  CHECK(signed_notes == 3);
}

TEST_CASE("note: a cosignature/v1 carries its timestamp and verifies only as a cosignature") {
  const json v = note_vectors()[3];
  const Verifier log = vkey(note_vectors()[2]["vkey"].get<std::string>());
  const Verifier witness = vkey(v["vkey"].get<std::string>());
  CHECK(witness.type == KeyType::kCosignatureV1);
  const Verifier both[] = {log, witness};
  Result<Opened> opened = open(v["signed_note"].get<std::string>(), both);
  REQUIRE(opened.ok());
  REQUIRE(opened->verified.size() == 2);
  CHECK(!opened->verified[0].timestamp);
  CHECK(opened->verified[1].timestamp == uint64_t{1700000000});

  // The same public key read as a plain Ed25519 note key has another key id: ignored.
  Verifier as_note_key = witness;
  as_note_key.type = KeyType::kEd25519;
  as_note_key.id = key_id(witness.name, KeyType::kEd25519, witness.key);
  CHECK(as_note_key.id != witness.id);
  const Verifier only[] = {as_note_key};
  CHECK(open(v["signed_note"].get<std::string>(), only).status().code() == Code::kVerifyFailed);
}

TEST_CASE("note: the C2SP tlog-cosignature example decodes to its key id and timestamp") {
  // From C2SP tlog-cosignature.md: the witness line of the example checkpoint.
  const std::string text =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
      "\xe2\x80\x94 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe"
      "4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
      "\xe2\x80\x94 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEh"
      "ZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";
  Result<Note> note = parse(text);
  REQUIRE_MESSAGE(note.ok(), note.status().message());
  REQUIRE(note->signatures.size() == 2);
  const Signature& w = note->signatures[1];
  CHECK(w.id == 0x8d66cf3fu);
  REQUIRE(w.data.size() == 72);
  uint64_t t = 0;
  for (int i = 0; i < 8; ++i) {
    t = (t << 8) | static_cast<uint64_t>(w.data[static_cast<size_t>(i)]);
  }
  CHECK(t == 1679315147);
  CHECK(format(*note) == text);
}

TEST_CASE("note: the real sum.golang.org checkpoints verify and any one-character change fails" *
          test::needs_shared("tlog/real")) {
  const std::optional<test::fs::path> real = test::shared_path("tlog/real");
  if (!real) {
    return;
  }
  const Verifier key = vkey(kSumdbKey);
  size_t files = 0;
  for (const auto& entry : test::fs::directory_iterator(*real)) {
    if (entry.path().extension() != ".checkpoint") {
      continue;
    }
    ++files;
    const std::string note = read_text(entry.path());
    CAPTURE(entry.path().filename().string());
    Result<Opened> opened = open(note, {&key, 1});
    REQUIRE_MESSAGE(opened.ok(), opened.status().message());
    Result<tlog::Checkpoint> c = tlog::parse_checkpoint(opened->text);
    REQUIRE(c.ok());
    CHECK(c->origin == "go.sum database tree");
    // Change every character of the text and of the log's signature, one at a time (to a
    // character that keeps the note well-formed where possible): never accepted.
    const size_t sig_end = note.find('\n', note.rfind("\n\n") + 2);
    for (size_t i = 0; i < sig_end; ++i) {
      std::string bad = note;
      if (bad[i] == '\n' || static_cast<unsigned char>(bad[i]) >= 0x80) {
        continue;
      }
      bad[i] = bad[i] == 'A' ? 'B' : 'A';
      if (bad == note) {
        continue;
      }
      CAPTURE(i);
      const Result<Opened> r = open(bad, {&key, 1});
      CHECK(!r.ok());
    }
  }
  CHECK(files == 3);
}

TEST_CASE("note: signatures by unknown keys are ignored, a bad one by a known key rejects") {
  const json v = note_vectors()[3];
  const Verifier log = vkey(note_vectors()[2]["vkey"].get<std::string>());
  const Verifier witness = vkey(v["vkey"].get<std::string>());
  const std::string note = v["signed_note"];

  // Only the log is known: the witness line is ignored.
  Result<Opened> opened = open(note, {&log, 1});
  REQUIRE(opened.ok());
  CHECK(opened->verified.size() == 1);

  // A corrupted witness cosignature: ignored when unknown, fatal when known.
  std::string bad = note;
  const size_t w = bad.rfind(' ') + 20;
  bad[w] = bad[w] == 'A' ? 'B' : 'A';
  CHECK(open(bad, {&log, 1}).ok());
  const Verifier both[] = {log, witness};
  CHECK(open(bad, both).status().code() == Code::kVerifyFailed);

  // A known name with another key id is an unknown key.
  Verifier other = log;
  other.id ^= 1;
  CHECK(open(note, {&other, 1}).status().code() == Code::kVerifyFailed);
  CHECK(open(flip_signature_bit(note), {&log, 1}).status().code() == Code::kVerifyFailed);
  CHECK(open(note, {}).status().code() == Code::kVerifyFailed);
}

TEST_CASE("note: malformed notes are kCorrupt with a reason") {
  const std::string good = note_vectors()[0]["signed_note"];
  const Verifier key = vkey(note_vectors()[0]["vkey"].get<std::string>());
  const std::string sig = good.substr(good.rfind("\n\n") + 1);  // "\n— name sig\n"
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"no blank line", "text\n" + sig.substr(1)},
      {"no signatures", "text\n\n"},
      {"no final newline", good.substr(0, good.size() - 1)},
      {"control character", "te\x01xt\n" + sig},
      {"tab", "te\txt\n" + sig},
      {"invalid utf-8", "te\xffxt\n" + sig},
      {"overlong utf-8", "te\xc0\xafxt\n" + sig},
      {"plain dash", "text\n\n- example.com/foo AAAAAAA=\n"},
      {"name with a space", "text\n\n\xe2\x80\x94 a b AAAAAAA=\n"},
      {"name with a plus", "text\n\n\xe2\x80\x94 a+b AAAAAAA=\n"},
      {"unicode space in name", "text\n\n\xe2\x80\x94 a\xe3\x80\x80z AAAAAAA=\n"},
      {"empty name", "text\n\n\xe2\x80\x94  AAAAAAA=\n"},
      {"bad base64", "text\n\n\xe2\x80\x94 a AAAA*AA=\n"},
      {"signature too short", "text\n\n\xe2\x80\x94 a AAAAAA==\n"},
      {"signature missing", "text\n\n\xe2\x80\x94 a\n"},
  };
  for (const auto& c : cases) {
    const std::string& what = c.first;
    const std::string& text = c.second;
    CAPTURE(what);
    const Result<Opened> r = open(text, {&key, 1});
    CHECK(r.status().code() == Code::kCorrupt);
    CHECK(!r.status().message().empty());
  }
  std::string many = "text\n\n";
  for (int i = 0; i < 101; ++i) {
    many += "\xe2\x80\x94 a AAAAAAA=\n";
  }
  CHECK(parse(many).status().code() == Code::kCorrupt);
  CHECK(parse(std::string(kMaxNoteSize + 1, 'a')).status().code() == Code::kCorrupt);
  // 100 signature lines are fine.
  std::string hundred = "text\n\n";
  for (int i = 0; i < 100; ++i) {
    hundred += "\xe2\x80\x94 a AAAAAAA=\n";
  }
  CHECK(parse(hundred).ok());
}

TEST_CASE("note: vkeys and private keys are checked strictly") {
  const std::string good = note_vectors()[1]["vkey"];  // PeterNeumann+c74f20a3+...
  CHECK(parse_verifier(good).ok());
  CHECK(parse_verifier("PeterNeumann+c74f20a4+" + good.substr(22)).status().code() ==
        Code::kCorrupt);  // Key id does not match.
  CHECK(parse_verifier("PeterNeumann+C74F20A3+" + good.substr(22)).status().code() ==
        Code::kCorrupt);  // Uppercase id.
  CHECK(parse_verifier("PeterNeumann+c74f20a3").status().code() == Code::kCorrupt);
  CHECK(parse_verifier("Peter Neumann+c74f20a3+" + good.substr(22)).status().code() ==
        Code::kCorrupt);
  CHECK(parse_verifier("+c74f20a3+" + good.substr(22)).status().code() == Code::kCorrupt);
  // A type 0x02 (ECDSA) key is well-formed but not supported.
  Bytes ecdsa(1 + 32);
  ecdsa[0] = std::byte{0x02};
  CHECK(parse_verifier("x+00000000+" + to_base64(ecdsa)).status().code() == Code::kUnsupported);
  // Truncated key material.
  CHECK(parse_verifier("PeterNeumann+c74f20a3+ARpc2QcU").status().code() == Code::kCorrupt);

  const std::string skey = note_vectors()[1]["skey"];
  CHECK(Signer::parse(skey).ok());
  CHECK(Signer::parse(skey.substr(8)).status().code() == Code::kCorrupt);
  std::string wrong_id = skey;
  wrong_id[wrong_id.find("c74f20a3")] = 'd';
  CHECK(Signer::parse(wrong_id).status().code() == Code::kCorrupt);
}

TEST_CASE("note: generated signers sign notes and cosignatures that verify") {
  Result<Signer> log = Signer::generate("example.org/log", KeyType::kEd25519);
  Result<Signer> clock = Signer::generate("example.org/log/clock", KeyType::kCosignatureV1);
  REQUIRE(log.ok());
  REQUIRE(clock.ok());
  const std::string text = "example.org/log\n3\n" + to_base64(sha256(as_bytes("x"))) + "\n";
  const Note n{text, {log->sign(text), clock->sign(text, 1234)}};
  const std::string signed_note = format(n);
  const Verifier both[] = {log->verifier(), clock->verifier()};
  Result<Opened> opened = open(signed_note, both);
  REQUIRE(opened.ok());
  CHECK(opened->verified.size() == 2);
  CHECK(opened->verified[1].timestamp == uint64_t{1234});
  // Round trip of both key formats.
  Result<Signer> again = Signer::parse(clock->to_string().chars());
  REQUIRE(again.ok());
  CHECK(again->verifier() == clock->verifier());
  CHECK(parse_verifier(clock->verifier().to_string()).value() == clock->verifier());
  CHECK(Signer::generate("bad name", KeyType::kEd25519).status().code() == Code::kCorrupt);
}

TEST_CASE("note: checkpoints parse strictly and re-encode exactly") {
  const std::string root = to_base64(sha256(as_bytes("")));
  const std::string good = "example.com/log\n42\n" + root + "\n";
  Result<tlog::Checkpoint> c = tlog::parse_checkpoint(good);
  REQUIRE(c.ok());
  CHECK(c->origin == "example.com/log");
  CHECK(c->size == 42);
  CHECK(c->to_text() == good);
  Result<tlog::Checkpoint> ext = tlog::parse_checkpoint(good + "Timestamp: 5\n");
  REQUIRE(ext.ok());
  CHECK(ext->extensions == std::vector<std::string>{"Timestamp: 5"});
  for (const std::string& bad :
       {std::string(""), "example.com/log\n42\n" + root, "\n42\n" + root + "\n",
        "example.com/log\n042\n" + root + "\n", "example.com/log\n-1\n" + root + "\n",
        "example.com/log\n99999999999999999999\n" + root + "\n",
        std::string("example.com/log\n42\nAAAA\n"), "example.com/log\n42\n" + root + "\n\n",
        std::string("example.com/log\n42\n")}) {
    CAPTURE(bad);
    CHECK(tlog::parse_checkpoint(bad).status().code() == Code::kCorrupt);
  }
}

}  // namespace
}  // namespace hallmark::note
