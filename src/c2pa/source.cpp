#include "c2pa/source.h"

#include <utility>

namespace hallmark::c2pa {

Result<FileSource> FileSource::open(const std::string& path) {
  Result<InputFile> file = InputFile::open(path);
  HALLMARK_TRY(file);
  FileSource src(*file);
  src.owned_ = std::make_unique<InputFile>(std::move(file).value());
  src.file_ = src.owned_.get();
  return src;
}

Status FileSource::read(uint64_t offset, size_t n, std::byte* out) const {
  if (offset > size() || n > size() - offset) {
    return corrupt(path() + ": read past the end at offset " + std::to_string(offset));
  }
  return file_->read_exact(offset, std::span(out, n));
}

Result<Bytes> FileSource::read(uint64_t offset, size_t n) const {
  if (offset > size() || n > size() - offset) {  // Before allocating: n may come from the file.
    return corrupt(path() + ": read past the end at offset " + std::to_string(offset));
  }
  Bytes out(n);
  HALLMARK_TRY(read(offset, n, out.data()));
  return out;
}

}  // namespace hallmark::c2pa
