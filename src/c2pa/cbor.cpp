#include "c2pa/cbor.h"

#include <cmath>
#include <cstring>

namespace hallmark::c2pa::cbor {
namespace {

constexpr uint8_t kBreak = 0xff;

class Reader {
 public:
  Reader(ByteView data, const Limits& limits) : data_(data), limits_(limits) {}

  Status item(Item& out, int depth) {
    if (depth > limits_.max_depth) {
      return corrupt("cbor: nesting deeper than " + std::to_string(limits_.max_depth));
    }
    if (++items_ > limits_.max_items) {
      return corrupt("cbor: more than " + std::to_string(limits_.max_items) + " items");
    }
    const size_t start = pos_;
    uint8_t initial = 0;
    HALLMARK_TRY(byte(initial));
    const int major = initial >> 5;
    const int info = initial & 0x1f;
    uint64_t arg = 0;
    bool indefinite = false;
    if (info < 24) {
      arg = static_cast<uint64_t>(info);
    } else if (info <= 27) {
      const int n = 1 << (info - 24);
      HALLMARK_TRY(uint(n, arg));
    } else if (info == 31 && major >= 2 && major <= 5) {
      indefinite = true;
    } else if (info == 31 && major == 7) {
      return corrupt("cbor: unexpected break at offset " + std::to_string(start));
    } else {
      return corrupt("cbor: reserved additional information at offset " + std::to_string(start));
    }
    switch (major) {
      case 0:
        out.type = Type::kUnsigned;
        out.value = arg;
        break;
      case 1:
        out.type = Type::kNegative;
        out.value = arg;
        break;
      case 2:
      case 3:
        out.type = major == 2 ? Type::kBytes : Type::kText;
        if (indefinite) {
          while (true) {
            if (pos_ >= data_.size()) {
              return corrupt("cbor: truncated indefinite string");
            }
            if (static_cast<uint8_t>(data_[pos_]) == kBreak) {
              ++pos_;
              break;
            }
            Item chunk;
            HALLMARK_TRY(item(chunk, depth + 1));
            if (chunk.type != out.type || chunk.raw.size() == 0 ||
                (static_cast<uint8_t>(chunk.raw[0]) & 0x1f) == 31) {
              return corrupt("cbor: bad chunk in indefinite string");
            }
            out.str += chunk.str;
          }
        } else {
          if (arg > data_.size() - pos_) {
            return corrupt("cbor: string longer than the input");
          }
          out.str.assign(reinterpret_cast<const char*>(data_.data()) + pos_, arg);
          pos_ += arg;
        }
        break;
      case 4:
        out.type = Type::kArray;
        if (indefinite) {
          while (true) {
            if (pos_ >= data_.size()) {
              return corrupt("cbor: truncated indefinite array");
            }
            if (static_cast<uint8_t>(data_[pos_]) == kBreak) {
              ++pos_;
              break;
            }
            out.items.emplace_back();
            HALLMARK_TRY(item(out.items.back(), depth + 1));
          }
        } else {
          if (arg > data_.size() - pos_ || arg > limits_.max_items - items_) {
            return corrupt("cbor: array longer than the input");  // Elements take >= 1 byte.
          }
          out.items.resize(arg);
          for (Item& child : out.items) {
            HALLMARK_TRY(item(child, depth + 1));
          }
        }
        break;
      case 5:
        out.type = Type::kMap;
        if (indefinite) {
          while (true) {
            if (pos_ >= data_.size()) {
              return corrupt("cbor: truncated indefinite map");
            }
            if (static_cast<uint8_t>(data_[pos_]) == kBreak) {
              ++pos_;
              break;
            }
            out.entries.emplace_back();
            HALLMARK_TRY(item(out.entries.back().first, depth + 1));
            HALLMARK_TRY(item(out.entries.back().second, depth + 1));
          }
        } else {
          if (arg > (data_.size() - pos_) / 2 || arg > limits_.max_items - items_) {
            return corrupt("cbor: map longer than the input");
          }
          out.entries.resize(arg);
          for (auto& [key, value] : out.entries) {
            HALLMARK_TRY(item(key, depth + 1));
            HALLMARK_TRY(item(value, depth + 1));
          }
        }
        break;
      case 6:
        out.type = Type::kTag;
        out.value = arg;
        out.items.resize(1);
        HALLMARK_TRY(item(out.items[0], depth + 1));
        break;
      case 7:
        if (info < 24 || info == 24) {
          if (info == 24 && arg < 32) {
            return corrupt("cbor: badly encoded simple value");
          }
          if (arg == 20 || arg == 21) {
            out.type = Type::kBool;
            out.value = arg == 21 ? 1 : 0;
          } else if (arg == 22) {
            out.type = Type::kNull;
          } else if (arg == 23) {
            out.type = Type::kUndefined;
          } else {
            out.type = Type::kSimple;
            out.value = arg;
          }
        } else {
          out.type = Type::kFloat;
          out.number = decode_float(info, arg);
        }
        break;
    }
    out.raw = data_.subspan(start, pos_ - start);
    return {};
  }

  size_t pos() const { return pos_; }

 private:
  Status byte(uint8_t& b) {
    if (pos_ >= data_.size()) {
      return corrupt("cbor: truncated at offset " + std::to_string(pos_));
    }
    b = static_cast<uint8_t>(data_[pos_++]);
    return {};
  }
  Status uint(int n, uint64_t& v) {
    if (static_cast<size_t>(n) > data_.size() - pos_) {
      return corrupt("cbor: truncated at offset " + std::to_string(pos_));
    }
    v = 0;
    for (int i = 0; i < n; ++i) {
      v = (v << 8) | static_cast<uint8_t>(data_[pos_++]);
    }
    return {};
  }
  static double decode_float(int info, uint64_t bits) {
    if (info == 25) {  // IEEE 754 half precision.
      const int exp = (bits >> 10) & 0x1f;
      const int mant = bits & 0x3ff;
      double val;
      if (exp == 0) {
        val = std::ldexp(mant, -24);
      } else if (exp != 31) {
        val = std::ldexp(mant + 1024, exp - 25);
      } else {
        val = mant == 0 ? INFINITY : NAN;
      }
      return (bits & 0x8000) ? -val : val;
    }
    if (info == 26) {
      const uint32_t b32 = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &b32, sizeof f);
      return f;
    }
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }

  ByteView data_;
  Limits limits_;
  size_t pos_ = 0;
  size_t items_ = 0;
};

void diag(const Item& item, std::string& out) {
  switch (item.type) {
    case Type::kUnsigned:
      out += std::to_string(item.value);
      break;
    case Type::kNegative:
      out += "-" + (item.value == UINT64_MAX ? std::string("18446744073709551616")
                                             : std::to_string(item.value + 1));
      break;
    case Type::kBytes:
      out += "h'" + to_hex(as_bytes(item.str)) + "'";
      break;
    case Type::kText:
      out += "\"" + item.str + "\"";
      break;
    case Type::kArray:
      out += "[";
      for (size_t i = 0; i < item.items.size(); ++i) {
        out += i ? ", " : "";
        diag(item.items[i], out);
      }
      out += "]";
      break;
    case Type::kMap:
      out += "{";
      for (size_t i = 0; i < item.entries.size(); ++i) {
        out += i ? ", " : "";
        diag(item.entries[i].first, out);
        out += ": ";
        diag(item.entries[i].second, out);
      }
      out += "}";
      break;
    case Type::kTag:
      out += std::to_string(item.value) + "(";
      diag(item.items[0], out);
      out += ")";
      break;
    case Type::kBool:
      out += item.value ? "true" : "false";
      break;
    case Type::kNull:
      out += "null";
      break;
    case Type::kUndefined:
      out += "undefined";
      break;
    case Type::kFloat:
      out += std::to_string(item.number);
      break;
    case Type::kSimple:
      out += "simple(" + std::to_string(item.value) + ")";
      break;
  }
}

}  // namespace

bool Item::as_int64(int64_t* out) const {
  if (type == Type::kUnsigned && value <= static_cast<uint64_t>(INT64_MAX)) {
    *out = static_cast<int64_t>(value);
    return true;
  }
  if (type == Type::kNegative && value <= static_cast<uint64_t>(INT64_MAX)) {
    *out = -1 - static_cast<int64_t>(value);
    return true;
  }
  return false;
}

const Item* Item::find(std::string_view key) const {
  if (type != Type::kMap) {
    return nullptr;
  }
  for (const auto& [k, v] : entries) {
    if (k.type == Type::kText && k.str == key) {
      return &v;
    }
  }
  return nullptr;
}

const Item* Item::find_int(int64_t key) const {
  if (type != Type::kMap) {
    return nullptr;
  }
  for (const auto& [k, v] : entries) {
    int64_t n = 0;
    if (k.as_int64(&n) && n == key) {
      return &v;
    }
  }
  return nullptr;
}

std::string Item::text_of(std::string_view key) const {
  const Item* v = find(key);
  return v != nullptr && v->is_text() ? v->str : std::string();
}

Result<Item> parse_prefix(ByteView data, size_t* consumed, const Limits& limits) {
  Reader reader(data, limits);
  Item item;
  HALLMARK_TRY(reader.item(item, 0));
  *consumed = reader.pos();
  return item;
}

Result<Item> parse(ByteView data, const Limits& limits) {
  size_t consumed = 0;
  Result<Item> item = parse_prefix(data, &consumed, limits);
  if (!item.ok()) {
    return item;
  }
  if (consumed != data.size()) {
    return corrupt("cbor: " + std::to_string(data.size() - consumed) + " trailing bytes");
  }
  return item;
}

std::string to_diagnostic(const Item& item) {
  std::string out;
  diag(item, out);
  return out;
}

void append_head(Bytes& out, int major, uint64_t value) {
  const auto m = static_cast<uint8_t>(major << 5);
  if (value < 24) {
    out.push_back(std::byte(m | value));
    return;
  }
  int n;
  uint8_t info;
  if (value <= 0xff) {
    n = 1, info = 24;
  } else if (value <= 0xffff) {
    n = 2, info = 25;
  } else if (value <= 0xffffffffu) {
    n = 4, info = 26;
  } else {
    n = 8, info = 27;
  }
  out.push_back(std::byte(m | info));
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(std::byte((value >> (8 * i)) & 0xff));
  }
}

void append_bytes(Bytes& out, ByteView bytes) {
  append_head(out, 2, bytes.size());
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void append_text(Bytes& out, std::string_view text) {
  append_head(out, 3, text.size());
  const ByteView b = as_bytes(text);
  out.insert(out.end(), b.begin(), b.end());
}

}  // namespace hallmark::c2pa::cbor
