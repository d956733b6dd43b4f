#include "hallmark/glob.h"

#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("glob: gitignore-style matching") {
  struct Case {
    const char* glob;
    const char* path;
    bool want;
  } cases[] = {
      {"*.jpg", "a.jpg", true},
      {"*.jpg", "photos/2026/a.jpg", true},  // No '/': the name at any depth.
      {"*.jpg", "a.jpeg", false},
      {"a?.png", "ab.png", true},
      {"a?.png", "a/.png", false},
      {"photos/*.jpg", "photos/a.jpg", true},
      {"photos/*.jpg", "photos/x/a.jpg", false},      // '*' does not cross '/'.
      {"photos/*.jpg", "other/photos/a.jpg", false},  // Anchored by its '/'.
      {"photos/**", "photos/x/y/a.jpg", true},
      {"photos/**/a.jpg", "photos/a.jpg", true},  // '**' spans zero directories.
      {"photos/**/a.jpg", "photos/x/y/a.jpg", true},
      {"**/raw/*.cr3", "x/raw/a.cr3", true},
      {"**/raw/*.cr3", "raw/a.cr3", true},
      {"**/raw/*.cr3", "x/raw/y/a.cr3", false},
      {"/top.jpg", "top.jpg", true},
      {"/top.jpg", "x/top.jpg", false},
      {"drafts/", "drafts/a.jpg", true},  // A directory and all under it.
      {"drafts/", "drafts/x/a.jpg", true},
      {"drafts/", "x/drafts/a.jpg", true},  // Unanchored directory: at any depth.
      {"drafts/", "drafts", false},
      {"/drafts/", "x/drafts/a.jpg", false},
      {"a/drafts/", "a/drafts/b/c.jpg", true},
      {"*", "anything/at/all", true},
      {"", "a", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.glob);
    CAPTURE(c.path);
    CHECK(Glob(c.glob).matches(c.path) == c.want);
  }
}

TEST_CASE("glob: pathological patterns stay fast") {
  const std::string text(200, 'a');
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", text));
  std::string deep;
  for (int i = 0; i < 100; ++i) {
    deep += "d/";
  }
  CHECK(glob_match("**/**/**/**/x", deep + "x"));
  CHECK_FALSE(glob_match("**/**/**/**/x", deep + "y"));
}

}  // namespace
}  // namespace hallmark
