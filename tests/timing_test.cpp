// Rational: the exact times of the media binding's timing, written and read one way only.
#include "hallmark/timing.h"

#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("timing: fractions round-trip, in lowest terms only") {
  for (const Rational r :
       {Rational{248, 25}, Rational{-1, 40}, Rational{0, 1}, Rational{999999999999999999, 1}}) {
    CAPTURE(r.to_string());
    CHECK(Rational::parse(r.to_string()) == r);
  }
  CHECK(Rational{248, 25}.to_string() == "248/25");
  for (const char* bad : {"2/4", "1/0", "1/-2", "-0/1", "01/2", "1/02", "1.5/2", "1", "/2", "1/",
                          "+1/2", " 1/2", "1/2 ", "1//2", "1234567890123456789/1"}) {
    CAPTURE(bad);
    CHECK_FALSE(Rational::parse(bad));
  }
  CHECK(Rational{1, 4}.seconds() == 0.25);
}

}  // namespace
}  // namespace hallmark
