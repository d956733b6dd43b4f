#include "hallmark/tlog_proof.h"

#include "hallmark/merkle.h"
#include "test_util.h"

namespace hallmark::tlog {
namespace {

using nlohmann::json;

struct Example {
  std::string receipt;
  Bytes entry;
  note::Verifier log;
  note::Verifier witness;
};

Example example() {
  const json v = test::load_json(test::data_dir() / "tlog-vectors.json");
  const json& p = v["tlog_proof_example"];
  Example e;
  e.receipt = p["tlog_proof"];
  e.entry = from_hex(v["leaves_hex"][5].get<std::string>()).value();
  e.log = note::parse_verifier(p["log_vkey"].get<std::string>()).value();
  e.witness = note::parse_verifier(p["witness_vkey"].get<std::string>()).value();
  REQUIRE(to_hex(merkle::hash_leaf(e.entry)) == p["leaf_hash_hex"].get<std::string>());
  return e;
}

Policy policy_of(std::string_view text) {
  Result<Policy> p = Policy::parse(text);
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  return *p;
}

Policy log_and_witness(const Example& e, std::string_view quorum = "none") {
  return policy_of("log " + e.log.to_string() + "\nwitness w1 " + e.witness.to_string() +
                   "\nquorum " + std::string(quorum) + "\n");
}

// Replaces the `n`th line (0-based) of `text` using `edit`.
std::string edit_line(std::string text, size_t n, const std::function<void(std::string&)>& edit) {
  size_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    start = text.find('\n', start) + 1;
  }
  const size_t end = text.find('\n', start);
  std::string line = text.substr(start, end - start);
  edit(line);
  return text.substr(0, start) + line + text.substr(end);
}

void flip_base64_char(std::string& line, size_t at) {
  line[at] = line[at] == 'A' ? 'B' : 'A';
}

TEST_CASE("tlog_proof: the vectors' receipt parses and re-encodes byte for byte") {
  const Example e = example();
  Result<TlogProof> p = parse_tlog_proof(e.receipt);
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  CHECK(p->index == 5);
  CHECK(p->inclusion.size() == 3);
  REQUIRE(p->extra.has_value());
  CHECK(as_chars(*p->extra) == "hallmark-demo");
  CHECK(format_tlog_proof(*p) == e.receipt);
}

TEST_CASE("tlog_proof: the vectors' receipt verifies with its cosignature time") {
  const Example e = example();
  Result<VerifiedReceipt> r = verify_receipt(e.entry, e.receipt, log_and_witness(e));
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->index == 5);
  CHECK(r->checkpoint.checkpoint.size == 8);
  CHECK(r->checkpoint.checkpoint.origin == "example.com/hallmark-test-log");
  CHECK(to_hex(r->checkpoint.checkpoint.root) ==
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  CHECK(r->time == uint64_t{1700000000});
  REQUIRE(r->checkpoint.cosignatures.size() == 1);
  CHECK(r->checkpoint.cosignatures[0].witness == "w1");
  // Quorum on the witness: still fine. Without the witness key: no time, still included.
  CHECK(verify_receipt(e.entry, e.receipt, log_and_witness(e, "w1")).ok());
  Result<VerifiedReceipt> no_time =
      verify_receipt(e.entry, e.receipt, policy_of("log " + e.log.to_string() + "\nquorum none\n"));
  REQUIRE(no_time.ok());
  CHECK(!no_time->time);
}

TEST_CASE("tlog_proof: a flipped bit anywhere that matters fails verification") {
  const Example e = example();
  const Policy policy = log_and_witness(e);
  SUBCASE("the entry") {
    Bytes entry = e.entry;
    entry[0] ^= std::byte{1};
    CHECK(verify_receipt(entry, e.receipt, policy).status().code() == Code::kVerifyFailed);
  }
  SUBCASE("each proof line") {
    for (size_t line = 3; line <= 5; ++line) {
      CAPTURE(line);
      const std::string bad =
          edit_line(e.receipt, line, [](std::string& l) { flip_base64_char(l, 5); });
      CHECK(verify_receipt(e.entry, bad, policy).status().code() == Code::kVerifyFailed);
    }
  }
  SUBCASE("a proof line dropped or added") {
    std::string dropped = e.receipt;
    const size_t at = dropped.find('\n', dropped.find("index 5\n") + 8) + 1;
    dropped.erase(at, dropped.find('\n', at) + 1 - at);
    CHECK(verify_receipt(e.entry, dropped, policy).status().code() == Code::kVerifyFailed);
    std::string added = e.receipt;
    added.insert(at, to_base64(sha256(as_bytes("x"))) + "\n");
    CHECK(verify_receipt(e.entry, added, policy).status().code() == Code::kVerifyFailed);
  }
  SUBCASE("the index") {
    for (const char* index : {"index 4", "index 6", "index 8", "index 13"}) {
      std::string bad = e.receipt;
      bad.replace(bad.find("index 5"), 7, index);
      CAPTURE(index);
      CHECK(verify_receipt(e.entry, bad, policy).status().code() == Code::kVerifyFailed);
    }
  }
  SUBCASE("the checkpoint's size or root") {
    std::string size = e.receipt;
    size.replace(size.find("\n8\n"), 3, "\n9\n");
    CHECK(verify_receipt(e.entry, size, policy).status().code() == Code::kVerifyFailed);
    const std::string root =
        edit_line(e.receipt, 9, [](std::string& l) { flip_base64_char(l, 3); });
    CHECK(verify_receipt(e.entry, root, policy).status().code() == Code::kVerifyFailed);
  }
  SUBCASE("the log's signature or the witness's cosignature") {
    const std::string log_sig =
        edit_line(e.receipt, 11, [](std::string& l) { flip_base64_char(l, l.size() - 10); });
    CHECK(verify_receipt(e.entry, log_sig, policy).status().code() == Code::kVerifyFailed);
    const std::string cosig =
        edit_line(e.receipt, 12, [](std::string& l) { flip_base64_char(l, l.size() - 10); });
    CHECK(verify_receipt(e.entry, cosig, policy).status().code() == Code::kVerifyFailed);
  }
}

TEST_CASE("tlog_proof: what a receipt claims is read by the parser the verifier uses") {
  const Example e = example();
  Result<TlogProof> p = parse_tlog_proof(e.receipt);
  REQUIRE(p.ok());
  Result<Checkpoint> claimed = claimed_checkpoint(*p);
  REQUIRE_MESSAGE(claimed.ok(), claimed.status().message());
  CHECK(claimed->origin == "example.com/hallmark-test-log");
  CHECK(claimed->size == 8);
  CHECK(to_hex(claimed->root) ==
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  // Unverified: a receipt whose log signature is broken still claims the same checkpoint, and
  // fails verification.
  const std::string forged =
      edit_line(e.receipt, 11, [](std::string& l) { flip_base64_char(l, l.size() - 10); });
  Result<TlogProof> fp = parse_tlog_proof(forged);
  REQUIRE(fp.ok());
  CHECK(claimed_checkpoint(*fp).value() == *claimed);
  CHECK(verify_receipt(e.entry, forged, log_and_witness(e)).status().code() == Code::kVerifyFailed);
  // A blank line smuggled into the checkpoint: the note's text runs to its last blank line, so
  // the checkpoint has an empty line and claims nothing, exactly as the verifier sees it (a
  // parser cutting at the first blank line would show origin and size).
  const std::string smuggled = edit_line(e.receipt, 9, [](std::string& l) { l += "\n\nsmuggled"; });
  Result<TlogProof> sp = parse_tlog_proof(smuggled);
  REQUIRE(sp.ok());
  CHECK(claimed_checkpoint(*sp).status().code() == Code::kCorrupt);
  CHECK(verify_receipt(e.entry, smuggled, log_and_witness(e)).status().code() == Code::kCorrupt);
  // A note that is not a checkpoint.
  TlogProof not_checkpoint = *p;
  not_checkpoint.checkpoint = "hello\n\n" + e.receipt.substr(e.receipt.rfind("\n\n") + 2);
  CHECK(claimed_checkpoint(not_checkpoint).status().code() == Code::kCorrupt);
}

TEST_CASE("tlog_proof: untrusted logs, missing quorums and garbage get distinct codes") {
  const Example e = example();
  Result<note::Signer> other = note::Signer::generate("example.com/other", note::KeyType::kEd25519);
  REQUIRE(other.ok());
  // No log in the policy has this origin.
  CHECK(verify_receipt(e.entry, e.receipt,
                       policy_of("log " + other->verifier().to_string() + "\nquorum none\n"))
            .status()
            .code() == Code::kNotFound);
  // A log of that name but another key: not signed by the trusted log.
  Result<note::Signer> impostor =
      note::Signer::generate("example.com/hallmark-test-log", note::KeyType::kEd25519);
  REQUIRE(impostor.ok());
  CHECK(verify_receipt(e.entry, e.receipt,
                       policy_of("log " + impostor->verifier().to_string() + "\nquorum none\n"))
            .status()
            .code() == Code::kVerifyFailed);
  // A quorum the receipt cannot meet.
  Result<note::Signer> w2 = note::Signer::generate("w2.example", note::KeyType::kCosignatureV1);
  REQUIRE(w2.ok());
  const Policy two = policy_of(
      "log " + e.log.to_string() + "\nwitness w1 " + e.witness.to_string() + "\nwitness w2 " +
      w2->verifier().to_string() + "\ngroup both all w1 w2\nquorum both\n");
  CHECK(verify_receipt(e.entry, e.receipt, two).status().code() == Code::kVerifyFailed);
  const Policy either =
      policy_of("log " + e.log.to_string() + "\nwitness w1 " + e.witness.to_string() +
                "\nwitness w2 " + w2->verifier().to_string() + "\ngroup g any w1 w2\nquorum g\n");
  CHECK(verify_receipt(e.entry, e.receipt, either).ok());
  // Malformed receipts.
  const Policy policy = log_and_witness(e);
  for (const std::string& bad :
       {std::string(""), std::string("c2sp.org/tlog-proof@v2\n"), e.receipt.substr(0, 60),
        e.receipt.substr(0, e.receipt.size() - 1),
        edit_line(e.receipt, 2, [](std::string& l) { l = "index 05"; }),
        edit_line(e.receipt, 2, [](std::string& l) { l = "index -1"; }),
        edit_line(e.receipt, 1, [](std::string& l) { l = "extra !!"; }),
        edit_line(e.receipt, 3, [](std::string& l) { l = l.substr(4); }),
        edit_line(e.receipt, 9, [](std::string& l) { l = "not base64"; })}) {
    CAPTURE(bad);
    CHECK(verify_receipt(e.entry, bad, policy).status().code() == Code::kCorrupt);
  }
  std::string long_proof = "c2sp.org/tlog-proof@v1\nindex 0\n";
  for (int i = 0; i < 64; ++i) {
    long_proof += to_base64(sha256(as_bytes(std::to_string(i)))) + "\n";
  }
  long_proof += "\n" + e.receipt.substr(e.receipt.find("\n\n") + 2);
  CHECK(parse_tlog_proof(long_proof).status().code() == Code::kCorrupt);
}

TEST_CASE("tlog_proof: policies parse per C2SP tlog-policy and reject what it forbids") {
  const Example e = example();
  const std::string log = e.log.to_string();
  const std::string w = e.witness.to_string();
  Result<note::Signer> s2 = note::Signer::generate("w2.example", note::KeyType::kCosignatureV1);
  Result<note::Signer> s3 = note::Signer::generate("w3.example", note::KeyType::kCosignatureV1);
  REQUIRE(s2.ok());
  REQUIRE(s3.ok());
  const std::string w2 = s2->verifier().to_string();
  const std::string w3 = s3->verifier().to_string();

  const Policy p = policy_of("# comment\n  log " + log + " https://log.example/\n\n\twitness X1 " +
                             w + "\nwitness X2 " + w2 + "\nwitness X3 " + w3 +
                             "\ngroup X 2 X1 X2 X3\ngroup top any X\nquorum top\n");
  CHECK(p.logs().size() == 1);
  CHECK(p.logs()[0].url == "https://log.example/");
  CHECK(p.witnesses().size() == 3);
  CHECK(p.groups()[0].threshold == 2);
  CHECK(p.quorum() == "top");
  CHECK(Policy::parse(p.to_string()).ok());
  // One witness of "2 of 3" is not enough.
  CHECK(verify_receipt(e.entry, e.receipt, p).status().code() == Code::kVerifyFailed);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"no quorum", "log " + log + "\n"},
      {"two quorums", "quorum none\nquorum none\n"},
      {"undefined quorum", "quorum X\n"},
      {"forward reference", "group G any X1\nwitness X1 " + w + "\nquorum G\n"},
      {"duplicate name", "witness X1 " + w + "\nwitness X1 " + w2 + "\nquorum none\n"},
      {"duplicate key", "witness X1 " + w + "\nwitness X2 " + w + "\nquorum none\n"},
      {"duplicate log", "log " + log + "\nlog " + log + "\nquorum none\n"},
      {"member twice", "witness X1 " + w + "\ngroup G 1 X1 X1\nquorum G\n"},
      {"threshold 0", "witness X1 " + w + "\ngroup G 0 X1\nquorum G\n"},
      {"threshold too big", "witness X1 " + w + "\ngroup G 2 X1\nquorum G\n"},
      {"threshold junk", "witness X1 " + w + "\ngroup G two X1\nquorum G\n"},
      {"empty group", "group G any\nquorum none\n"},
      {"none as member", "group G any none\nquorum none\n"},
      {"unknown keyword", "logs " + log + "\nquorum none\n"},
      {"log key as witness", "witness X " + log + "\nquorum none\n"},
      {"witness key as log", "log " + w + "\nquorum none\n"},
      {"control character", "log " + log + "\r\nquorum none\n"},
      {"bad vkey", "log nope\nquorum none\n"},
  };
  for (const auto& c : bad) {
    const std::string& what = c.first;
    const std::string& text = c.second;
    CAPTURE(what);
    const Result<Policy> r = Policy::parse(text);
    CHECK(!r.ok());
    CHECK((r.status().code() == Code::kCorrupt || r.status().code() == Code::kUnsupported));
  }
  // Limits: 256 witnesses are fine, 257 are not.
  std::string many;
  std::vector<std::string> names;
  for (int i = 0; i < 257; ++i) {
    Result<note::Signer> s =
        note::Signer::generate("w" + std::to_string(i), note::KeyType::kCosignatureV1);
    many += "witness w" + std::to_string(i) + " " + s->verifier().to_string() + "\n";
    if (i == 255) {
      CHECK(Policy::parse(many + "quorum none\n").ok());
    }
  }
  CHECK(Policy::parse(many + "quorum none\n").status().code() == Code::kCorrupt);
}

}  // namespace
}  // namespace hallmark::tlog
