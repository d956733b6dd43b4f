// InputFile: one open file for every reading, and the check that it did not move meanwhile.
#include "hallmark/input_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("input_file: reads what was opened, and says when it changed") {
  test::TempDir dir;
  const std::string path = (dir / "f").string();
  test::write_text(path, "0123456789");
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  Result<InputFile> f = InputFile::open(path);
  REQUIRE(f.ok());
  CHECK(f->size() == 10);
  Result<Bytes> b = f->read(2, 3);
  REQUIRE(b.ok());
  CHECK(as_chars(*b) == "234");
  CHECK(f->check_unchanged().ok());
  CHECK(f->read(8, 3).status().code() == Code::kCorrupt);  // Past the size at open.

  SUBCASE("rewritten in place") {
    test::write_text(path, "abcdefghij");
    CHECK(f->check_unchanged().message() == path + " changed while it was being read");
  }
  SUBCASE("replaced by another file under its name") {
    test::write_text(dir / "g", "0123456789");
    REQUIRE(::rename((dir / "g").c_str(), path.c_str()) == 0);
    CHECK(f->check_unchanged().code() == Code::kIoError);
  }
  SUBCASE("removed") {
    REQUIRE(::unlink(path.c_str()) == 0);
    CHECK(f->check_unchanged().code() == Code::kIoError);
  }
  SUBCASE("cut short while being read") {
    REQUIRE(::truncate(path.c_str(), 4) == 0);
    CHECK(f->read(0, 10).status().message() == path + " changed while it was being read");
  }
}

TEST_CASE("input_file: a file written just before it is opened is waited for, not misread") {
  test::TempDir dir;
  const std::string path = (dir / "fresh").string();
  test::write_text(path, "just written");
  Result<InputFile> f = InputFile::open(path);  // Within a clock tick of the write.
  REQUIRE(f.ok());
  // Whatever the tick, a write now is seen.
  test::write_text(path, "just Written");
  CHECK_FALSE(f->check_unchanged().ok());
}

TEST_CASE("input_file: what is not a regular file is refused without blocking") {
  test::TempDir dir;
  CHECK(InputFile::open((dir / "none").string()).status().code() == Code::kNotFound);
  CHECK(InputFile::open(dir.path().string()).status().message().find("is a directory") !=
        std::string::npos);
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(InputFile::open((dir / "fifo").string()).status().code() == Code::kInvalidArgument);
  CHECK(InputFile::open("/dev/null").status().code() == Code::kInvalidArgument);
}

}  // namespace
}  // namespace hallmark
