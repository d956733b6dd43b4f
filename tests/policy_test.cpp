#include "hallmark/policy.h"

#include "test_util.h"

namespace hallmark {
namespace {

constexpr std::string_view kPolicy = R"(# a newsroom gate
[defaults]
require_signer = alice, "newsroom"   # either will do
ai = refuse

[path "illustrations/**"]
ai = declared
require_signer = studio

[path "drafts/"]
allow_unsigned = true
allow_verified_content = false
)";

TEST_CASE("policy: sections apply in order, each overriding what it sets") {
  Result<Policy> p = Policy::parse(kPolicy, "policy.toml");
  REQUIRE(p.ok());
  Rules r = p->rules_for("photos/a.jpg");
  CHECK(r.require_signer == std::vector<std::string>{"alice", "newsroom"});
  CHECK(r.ai == AiRule::kRefuse);
  CHECK_FALSE(r.allow_unsigned);
  CHECK(r.allow_verified_content);
  r = p->rules_for("illustrations/x/sky.png");
  CHECK(r.require_signer == std::vector<std::string>{"studio"});
  CHECK(r.ai == AiRule::kDeclared);
  r = p->rules_for("drafts/a.jpg");
  CHECK(r.allow_unsigned);
  CHECK_FALSE(r.allow_verified_content);
  CHECK(r.ai == AiRule::kRefuse);  // Inherited from [defaults].
  const Rules builtin = Policy().rules_for("x");
  CHECK(builtin.require_signer.empty());
  CHECK_FALSE(builtin.allow_unsigned);
}

TEST_CASE("policy: a typo or a bad value is an error naming the line") {
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {"[defaults]\nrequire_signers = alice\n", "p:2: unknown key \"require_signers\""},
      {"[defaults]\nai = maybe\n", "p:2: \"ai\": ai must be allow, declared or refuse"},
      {"[defaults]\nallow_unsigned = yes\n", "p:2: \"allow_unsigned\": expected true or false"},
      {"[default]\n", "p:1: unknown section [default]"},
      {"[path drafts]\n", "p:1: expected [path \"GLOB\"]"},
      {"ai = allow\n", "p:1: \"ai\" comes before any"},
      {"[defaults]\nai = allow\nai = refuse\n", "p:3: \"ai\" is set twice"},
      {"[defaults]\nrequire_signer = a,,b\n", "p:2: \"require_signer\": empty item"},
      {"[defaults]\njust words\n", "p:2: expected \"key = value\""},
      {"[defaults\n", "p:1: a section header ends with ']'"},
      {"[defaults]\nai =\n", "p:2: \"ai\" has no value"},
      {"[defaults]\nlog_keys = not-a-key\n", "p:2: \"log_keys\": "},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<Policy> p = Policy::parse(c.text, "p");
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().code() == Code::kCorrupt);
    CHECK(p.status().message().find(c.message) == 0);
  }
}

Report report(Verdict v, std::vector<std::string> flags = {}) {
  Report r;
  r.verdict = v;
  r.flags = std::move(flags);
  r.reason = "because";
  return r;
}

TEST_CASE("policy: evaluation against reports") {
  const keys::PublicKey alice = keys::SecretKey::generate().public_key();
  Report ok = report(Verdict::kVerified);
  ok.signers.push_back({alice, "alice", true, true, TrustLevel::kTrusted, {}});
  Manifest m;
  m.source_type = "digitalCapture";
  HistoryLink own;
  own.manifest = m;
  ok.history.push_back(own);

  Rules rules;
  CHECK(evaluate(rules, ok).empty());
  rules.require_signer = {"newsroom"};
  REQUIRE(evaluate(rules, ok).size() == 1);
  CHECK(evaluate(rules, ok)[0].rule == "signer-not-allowed");
  rules.require_signer = {"newsroom", alice.to_string()};
  CHECK(evaluate(rules, ok).empty());  // By key.

  Report untrusted = ok;
  untrusted.signers[0].trust = TrustLevel::kUnknown;
  untrusted.verdict = Verdict::kUntrustedSigner;
  CHECK(evaluate(Rules{}, untrusted)[0].rule == "untrusted-signer");

  CHECK(evaluate(Rules{}, report(Verdict::kUnsigned))[0].rule == "unsigned");
  Rules lax;
  lax.allow_unsigned = true;
  CHECK(evaluate(lax, report(Verdict::kUnsigned)).empty());
  CHECK(evaluate(lax, report(Verdict::kTampered))[0].rule == "tampered");

  Report content = ok;
  content.verdict = Verdict::kVerifiedContent;
  CHECK(evaluate(Rules{}, content).empty());
  Rules strict;
  strict.allow_verified_content = false;
  CHECK(evaluate(strict, content)[0].rule == "verified-content");

  Rules refuse;
  refuse.ai = AiRule::kRefuse;
  Report ai = ok;
  ai.flags = {"ai-generated"};
  CHECK(evaluate(refuse, ai)[0].rule == "ai-refused");
  ai.flags = {"contains-ai"};
  CHECK(evaluate(refuse, ai)[0].rule == "ai-refused");
  CHECK(evaluate(Rules{}, ai).empty());

  Rules declared;
  declared.ai = AiRule::kDeclared;
  CHECK(evaluate(declared, ok).empty());
  Report undeclared = ok;
  undeclared.history[0].manifest->source_type = "";
  CHECK(evaluate(declared, undeclared)[0].rule == "ai-undeclared");

  Rules receipt;
  receipt.require_receipt = true;
  CHECK(evaluate(receipt, ok)[0].rule == "receipt-missing");
  Report anchored = ok;
  anchored.flags = {"anchored"};
  CHECK(evaluate(receipt, anchored).empty());
}

TEST_CASE("policy: a required signer the trust store does not list is a warning") {
  const std::string key = keys::SecretKey::generate().public_key().to_string();
  Result<Policy> p = Policy::parse(
      "[defaults]\nrequire_signer = alice, bob\n\n[path \"news/\"]\n"
      "ai = refuse\nrequire_signer = desk, " +
          key + "\n",
      "policy.toml");
  REQUIRE(p.ok());
  TrustStore trust;
  REQUIRE(trust.add({"alice", keys::SecretKey::generate().public_key(), {}, {}, {}}).ok());
  const std::vector<std::string> w = p->warnings(trust);
  REQUIRE(w.size() == 2);
  CHECK(w[0] ==
        "policy.toml:2: require_signer names \"bob\", whom the trust store does not list: no "
        "file can pass by bob's signature");
  CHECK(w[1] ==
        "policy.toml:6: require_signer names \"desk\", whom the trust store does not list: no "
        "file under [path \"news/\"] can pass by desk's signature");
  REQUIRE(trust.add({"bob", keys::SecretKey::generate().public_key(), {}, {}, {}}).ok());
  REQUIRE(trust.add({"desk", keys::SecretKey::generate().public_key(), {}, {}, {}}).ok());
  CHECK(p->warnings(trust).empty());  // A key names itself: never a warning.
  CHECK(Policy().warnings(trust).empty());
}

}  // namespace
}  // namespace hallmark
