// Claims: the one description of the fields, and comparing a file's claims with signed ones.
#include "hallmark/claims.h"

#include "test_util.h"

namespace hallmark {
namespace {

Claims camera() {
  Claims c;
  c.make = "Canon";
  c.model = "Canon EOS 5D";
  c.captured = "2010:12:12 12:00:00";
  c.orientation = 1;
  c.thumbnail = "sha256:" + std::string(64, 'a');
  c.location_present = true;
  return c;
}

std::vector<std::string> described(const std::vector<ClaimChange>& changes) {
  std::vector<std::string> out;
  for (const ClaimChange& c : changes) {
    out.push_back(c.describe());
  }
  return out;
}

TEST_CASE("claims: each field named, in the words the issue asks for") {
  Claims now = camera();
  now.make = "Nikon";
  now.model = "D850";
  now.captured = "2020:01:01 12:00:00";
  now.caption = "Riot";
  now.thumbnail = "sha256:" + std::string(64, 'b');
  now.orientation = 6;
  CHECK(described(compare_claims(camera(), now, 2)) ==
        std::vector<std::string>{"camera Canon EOS 5D → Nikon D850",
                                 "capture date 2010-12-12 12:00 → 2020-01-01 12:00",
                                 "caption added: \"Riot\"", "EXIF thumbnail replaced",
                                 "orientation 1 → 6 (rotated 90°)"});
}

TEST_CASE("claims: removal is stripping, addition and change contradict") {
  const std::vector<ClaimChange> stripped = compare_claims(camera(), Claims{}, 2);
  REQUIRE_FALSE(stripped.empty());
  for (const ClaimChange& c : stripped) {
    CAPTURE(c.field);
    CHECK(c.kind == ClaimChange::Kind::kRemoved);
  }
  CHECK(described(stripped).back() == "location removed");
  Claims added;
  added.description = "a caption";
  const std::vector<ClaimChange> a = compare_claims(Claims{}, added, 2);
  REQUIRE(a.size() == 1);
  CHECK(a[0].kind == ClaimChange::Kind::kAdded);
  CHECK(compare_claims(camera(), camera(), 2).empty());
}

TEST_CASE("claims: a version-1 binding did not record the newer fields") {
  Claims now = camera();
  now.caption = "added later";
  now.captured_offset = "+02:00";
  CHECK(compare_claims(camera(), now, 1).empty());
  CHECK(compare_claims(camera(), now, 2).size() == 2);
}

TEST_CASE("claims: a location is compared by presence, and by value when both have one") {
  Claims s = camera(), a = camera();
  s.location = "48.858400,2.294500";
  a.location = "40.689200,-74.044500";
  const std::vector<ClaimChange> moved = compare_claims(s, a, 2);
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].describe() == "location 48.858400,2.294500 → 40.689200,-74.044500");
  a.location.reset();  // Redacted now: nothing to compare but presence, which is the same.
  CHECK(compare_claims(s, a, 2).empty());
}

TEST_CASE("claims: long captions are cut when shown, at a character boundary") {
  Claims a;
  a.caption = std::string(76, 'x') + "éééééééééé";
  const std::string d = compare_claims(Claims{}, a, 2)[0].describe();
  CHECK(d.size() < 100);
  CHECK(d.find("…") != std::string::npos);
}

TEST_CASE("claims: locations out of range are not valid") {
  CHECK(valid_location("48.8584,2.2945"));
  CHECK(valid_location("-33.9,151.2,58.0"));
  CHECK_FALSE(valid_location("91,0"));
  CHECK_FALSE(valid_location("0,181"));
  CHECK_FALSE(valid_location("1,2,3,4"));
  CHECK_FALSE(valid_location("nan,1"));
  CHECK_FALSE(valid_location("1;2"));
  CHECK_FALSE(valid_location(""));
}

TEST_CASE("claims: every field is described once, with a label and a member") {
  std::vector<std::string_view> names;
  for (const ClaimField& f : claim_fields()) {
    CAPTURE(f.name);
    CHECK_FALSE(f.label.empty());
    CHECK((f.text != nullptr) != (f.number != nullptr));
    CHECK(std::find(names.begin(), names.end(), f.name) == names.end());
    names.push_back(f.name);
  }
}

}  // namespace
}  // namespace hallmark
