// A program that uses the installed libhallmark and nothing of hallmark's source tree: it signs
// a file with a fresh key, verifies it, changes one byte and verifies again. Prints
// "verified tampered" and exits 0 when the library behaves.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "hallmark/keys.h"
#include "hallmark/merkle.h"
#include "hallmark/sign.h"
#include "hallmark/status.h"
#include "hallmark/trust.h"
#include "hallmark/verify.h"
#include "hallmark/version.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer DIR\n";
    return 2;
  }
  const std::string file = (fs::path(argv[1]) / "hello.txt").string();
  std::ofstream(file) << "hello from a program that links libhallmark\n";

  const hallmark::keys::SecretKey key = hallmark::keys::SecretKey::generate();
  hallmark::TrustStore trust;
  if (!trust.add({"consumer", key.public_key(), {}, {}, {}}).ok()) {
    return 1;
  }
  const hallmark::Result<hallmark::SignedFile> s =
      hallmark::sign_file(file, "", key, {.creator_name = "consumer"});
  if (!s.ok()) {
    std::cerr << "sign: " << s.status().message() << "\n";
    return 1;
  }
  const auto verdict = [&] {
    const hallmark::Result<hallmark::Report> r = hallmark::verify_file(file, {}, trust);
    return r.ok() ? std::string(hallmark::verdict_name(r->verdict)) : r.status().message();
  };
  const std::string before = verdict();
  std::fstream(file, std::ios::in | std::ios::out | std::ios::binary).put('J');
  const std::string after = verdict();
  std::cout << before << " " << after << "\n";
  return before == "verified" && after == "tampered" ? 0 : 1;
}
