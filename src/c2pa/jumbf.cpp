#include "c2pa/jumbf.h"

#include <cstring>

namespace hallmark::c2pa::jumbf {
namespace {

constexpr uint8_t kC2paSuffix[12] = {0x00, 0x11, 0x00, 0x10, 0x80, 0x00,
                                     0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
constexpr Uuid kEmbeddedFile = {0x40, 0xCB, 0x0C, 0x32, 0xBB, 0x8A, 0x48, 0x9D,
                                0xA7, 0x0B, 0x2A, 0xD6, 0xF4, 0x7F, 0x43, 0x69};

uint32_t be32(const std::byte* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
uint64_t be64(const std::byte* p) {
  return (uint64_t(be32(p)) << 32) | be32(p + 4);
}

class Parser {
 public:
  explicit Parser(const Limits& limits) : limits_(limits) {}

  // One box header at data[pos]; sets *box whole/payload/type and advances pos.
  Status header(ByteView data, size_t& pos, Box& box) {
    if (++count_ > limits_.max_boxes) {
      return corrupt("jumbf: too many boxes");
    }
    const size_t left = data.size() - pos;
    if (left < 8) {
      return corrupt("jumbf: truncated box header");
    }
    uint64_t size = be32(data.data() + pos);
    box.type.assign(reinterpret_cast<const char*>(data.data()) + pos + 4, 4);
    size_t head = 8;
    if (size == 1) {
      if (left < 16) {
        return corrupt("jumbf: truncated large box header");
      }
      size = be64(data.data() + pos + 8);
      head = 16;
    } else if (size == 0) {
      size = left;
    }
    if (size < head || size > left) {
      return corrupt("jumbf: box '" + printable(box.type) + "' size " + std::to_string(size) +
                     " does not fit in " + std::to_string(left) + " bytes");
    }
    box.whole = data.subspan(pos, size);
    box.payload = box.whole.subspan(head);
    pos += size;
    return {};
  }

  Status superbox(Box& box, int depth) {
    if (depth > limits_.max_depth) {
      return corrupt("jumbf: superboxes nested too deeply");
    }
    ByteView p = box.payload;
    size_t pos = 0;
    Box desc;
    HALLMARK_TRY(header(p, pos, desc));
    if (desc.type != "jumd") {
      return corrupt("jumbf: superbox does not start with a description box");
    }
    box.description = desc.whole;
    ByteView d = desc.payload;
    if (d.size() < 17) {
      return corrupt("jumbf: description box too short");
    }
    std::memcpy(box.uuid.data(), d.data(), 16);
    box.toggles = static_cast<uint8_t>(d[16]);
    size_t dp = 17;
    if (box.toggles & 0x02) {
      const auto* start = reinterpret_cast<const char*>(d.data()) + dp;
      const void* nul = std::memchr(start, 0, d.size() - dp);
      if (nul == nullptr) {
        return corrupt("jumbf: description label is not NUL-terminated");
      }
      const size_t n = static_cast<const char*>(nul) - start;
      box.label.assign(start, n);
      dp += n + 1;
    }
    if (box.toggles & 0x04) {
      if (d.size() - dp < 4) {
        return corrupt("jumbf: description id truncated");
      }
      box.id = be32(d.data() + dp);
      dp += 4;
    }
    if (box.toggles & 0x08) {
      if (d.size() - dp < 32) {
        return corrupt("jumbf: description signature truncated");
      }
      dp += 32;
    }
    // Private boxes (toggle 0x10, e.g. C2PA's salt box 'c2sh') follow; they are hashed as part
    // of the description and not interpreted here.
    while (pos < p.size()) {
      Box child;
      HALLMARK_TRY(header(p, pos, child));
      if (child.is_super()) {
        HALLMARK_TRY(superbox(child, depth + 1));
      }
      box.children.push_back(std::move(child));
    }
    return {};
  }

 private:
  static std::string printable(const std::string& s) {
    std::string out;
    for (char c : s) {
      out += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    return out;
  }
  Limits limits_;
  size_t count_ = 0;
};

}  // namespace

std::string kind_of(const Uuid& uuid) {
  if (std::memcmp(uuid.data() + 4, kC2paSuffix, 12) != 0) {
    return "";
  }
  std::string tag(reinterpret_cast<const char*>(uuid.data()), 4);
  return tag;
}

bool is_embedded_file_uuid(const Uuid& uuid) {
  return uuid == kEmbeddedFile;
}

const Box* Box::child(std::string_view want) const {
  for (const Box& c : children) {
    if (c.is_super() && c.label == want) {
      return &c;
    }
  }
  return nullptr;
}

const Box* Box::content(std::string_view want) const {
  for (const Box& c : children) {
    if (!c.is_super() && c.type == want) {
      return &c;
    }
  }
  return nullptr;
}

Result<Box> parse(ByteView data, const Limits& limits) {
  Parser parser(limits);
  Box box;
  size_t pos = 0;
  HALLMARK_TRY(parser.header(data, pos, box));
  if (pos != data.size()) {
    return corrupt("jumbf: " + std::to_string(data.size() - pos) + " bytes after the box");
  }
  if (!box.is_super()) {
    return corrupt("jumbf: not a superbox");
  }
  HALLMARK_TRY(parser.superbox(box, 0));
  return box;
}

}  // namespace hallmark::c2pa::jumbf
