#include "hallmark/tile_source.h"

#include "hallmark/file_io.h"

namespace hallmark::tlog {

Result<std::string> DirectorySource::read(std::string_view path, uint64_t max_size) {
  return read_file(name(path), max_size);
}

std::string DirectorySource::name(std::string_view path) const {
  return dir_ + "/" + std::string(path);
}

}  // namespace hallmark::tlog
