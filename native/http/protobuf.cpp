// Decoding Kubernetes protobuf request bodies into JSON. Map of this file:
//   1. wire reader (varints, tags, length-delimited fields)
//   2. scalar conversions (base64, timestamps, IntOrString)
//   3. message → JSON through the schema tables
//   4. the k8s envelope (magic + runtime.Unknown)
#include "native/http/protobuf.h"

#include <cstdio>

#include "core/api/errors.h"
#include "core/util/timefmt.h"

namespace kt::http::protobuf {

using api::ApiError;

namespace {

// ---- 1. wire reader ----------------------------------------------------------------------

ApiError malformed(const std::string& why) {
  return ApiError::bad_request("the protobuf body of the request could not be decoded: " + why);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) throw malformed("truncated varint");
      auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw malformed("varint too long");
  }

  std::string_view bytes() {
    std::uint64_t n = varint();
    if (n > data_.size() - pos_) throw malformed("truncated length-delimited field");
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }

  void skip(int wire_type) {
    switch (wire_type) {
      case 0: varint(); break;
      case 1: advance(8); break;
      case 2: bytes(); break;
      case 5: advance(4); break;
      default: throw malformed("unsupported wire type " + std::to_string(wire_type));
    }
  }

 private:
  void advance(std::size_t n) {
    if (n > data_.size() - pos_) throw malformed("truncated fixed-size field");
    pos_ += n;
  }
  std::string_view data_;
  std::size_t pos_ = 0;
};

// ---- 2. scalars ------------------------------------------------------------------------------

std::string base64(std::string_view in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += table[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// Time / MicroTime: {seconds = 1, nanos = 2}. Null when zero (Go's zero time is
// written as an empty message; JSON has null there).
Json timestamp(std::string_view msg, bool micro) {
  Reader r(msg);
  std::int64_t seconds = 0, nanos = 0;
  while (!r.done()) {
    std::uint64_t tag = r.varint();
    int field = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
    if (field == 1 && wire == 0) seconds = static_cast<std::int64_t>(r.varint());
    else if (field == 2 && wire == 0) nanos = static_cast<std::int64_t>(r.varint());
    else r.skip(wire);
  }
  if (seconds == 0 && nanos == 0) return nullptr;
  sim::Time t{seconds * 1000000 + nanos / 1000};
  return micro ? util::format_rfc3339_micro(t) : util::format_rfc3339(t);
}

// IntOrString: {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}.
Json int_or_string(std::string_view msg) {
  Reader r(msg);
  std::int64_t type = 0, iv = 0;
  std::string sv;
  while (!r.done()) {
    std::uint64_t tag = r.varint();
    int field = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
    if (field == 1 && wire == 0) type = static_cast<std::int64_t>(r.varint());
    else if (field == 2 && wire == 0) iv = static_cast<std::int32_t>(r.varint());
    else if (field == 3 && wire == 2) sv = std::string(r.bytes());
    else r.skip(wire);
  }
  if (type == 1) return sv;
  return iv;
}

// resource.Quantity: {string = 1}.
Json quantity(std::string_view msg) {
  Reader r(msg);
  std::string s;
  while (!r.done()) {
    std::uint64_t tag = r.varint();
    if ((tag >> 3) == 1 && (tag & 7) == 2) s = std::string(r.bytes());
    else r.skip(static_cast<int>(tag & 7));
  }
  return s;
}

// map<string, X> entries: {key = 1, value = 2}.
std::pair<std::string, std::string_view> map_entry(std::string_view msg) {
  Reader r(msg);
  std::string key;
  std::string_view value;
  while (!r.done()) {
    std::uint64_t tag = r.varint();
    int field = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
    if (field == 1 && wire == 2) key = std::string(r.bytes());
    else if (field == 2 && wire == 2) value = r.bytes();
    else r.skip(wire);
  }
  return {key, value};
}

bool is_zero(const Json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.get_ref<const std::string&>().empty();
  if (v.is_number_integer()) return v.get<std::int64_t>() == 0;
  if (v.is_boolean()) return !v.get<bool>();
  return false;
}

// Reads an unknown field; true when its value is zero/empty (nothing lost).
bool skip_if_zero(Reader& r, int wire) {
  switch (wire) {
    case 0: return r.varint() == 0;
    case 2: return r.bytes().empty();
    default: r.skip(wire); return false;
  }
}

// ---- 3. messages -------------------------------------------------------------------------------

Json decode_message(std::string_view data, const MessageDef& def, const std::string& path);

Json decode_value(Reader& r, int wire, const FieldDef& f, const std::string& path) {
  auto need = [&](int w) {
    if (wire != w) throw malformed("field " + path + " has wire type " + std::to_string(wire));
  };
  switch (f.type) {
    case FieldType::String: need(2); return std::string(r.bytes());
    case FieldType::Bytes: need(2); return base64(r.bytes());
    case FieldType::Int32: need(0); return static_cast<std::int64_t>(static_cast<std::int32_t>(r.varint()));
    case FieldType::Int64: need(0); return static_cast<std::int64_t>(r.varint());
    case FieldType::Bool: need(0); return r.varint() != 0;
    case FieldType::Time: need(2); return timestamp(r.bytes(), false);
    case FieldType::MicroTime: need(2); return timestamp(r.bytes(), true);
    case FieldType::IntOrString: need(2); return int_or_string(r.bytes());
    case FieldType::Quantity: need(2); return quantity(r.bytes());
    case FieldType::Message: {
      need(2);
      const MessageDef* m = find_message(f.message);
      if (!m) throw ApiError(415, "UnsupportedMediaType",
                             "protobuf message " + std::string(f.message) + " (" + path +
                                 ") is not known to this sandbox; send the object as JSON (kubectl create -f) instead",
                             Json::object());
      return decode_message(r.bytes(), *m, path);
    }
    default: break;
  }
  throw malformed("unexpected field type at " + path);
}

Json decode_message(std::string_view data, const MessageDef& def, const std::string& path) {
  Json out = Json::object();
  Reader r(data);
  while (!r.done()) {
    std::uint64_t tag = r.varint();
    int number = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
    const FieldDef* f = nullptr;
    for (const auto& fd : def.fields)
      if (fd.number == number) f = &fd;
    if (!f) {
      // Go writes every non-pointer field, zero or not; a zero value of a field we
      // do not know would be left out of the JSON anyway.
      if (skip_if_zero(r, wire)) continue;
      throw ApiError(415, "UnsupportedMediaType",
                     "field " + std::to_string(number) + " of protobuf message " + def.name + " (" + path +
                         ") is not known to this sandbox; send the object as JSON (kubectl create -f) instead",
                     Json::object());
    }
    const std::string fpath = path.empty() ? f->json : path + "." + f->json;
    switch (f->type) {
      case FieldType::MapStringString:
      case FieldType::MapStringBytes:
      case FieldType::MapStringQuantity: {
        if (wire != 2) throw malformed("map field " + fpath + " is not length-delimited");
        auto [key, value] = map_entry(r.bytes());
        Json& m = out[f->json];
        if (!m.is_object()) m = Json::object();
        if (f->type == FieldType::MapStringString) m[key] = std::string(value);
        else if (f->type == FieldType::MapStringBytes) m[key] = base64(value);
        else m[key] = quantity(value);
        continue;
      }
      default: break;
    }
    Json v = decode_value(r, wire, *f, fpath);
    if (f->inline_) {
      for (auto& [k, x] : v.items()) out[k] = x;
      continue;
    }
    if (f->repeated) {
      Json& a = out[f->json];
      if (!a.is_array()) a = Json::array();
      a.push_back(std::move(v));
      continue;
    }
    // Non-pointer scalars are always on the wire; their JSON is omitempty.
    if (!f->pointer && f->type != FieldType::Message && f->type != FieldType::IntOrString && is_zero(v)) continue;
    if (v.is_null()) continue;
    out[f->json] = std::move(v);
  }
  return out;
}

}  // namespace

// ---- 4. envelope --------------------------------------------------------------------------------

Json decode_object(std::string_view body) {
  static const std::string_view kMagic("k8s\0", 4);
  if (body.size() < 4 || body.substr(0, 4) != kMagic) throw malformed("missing the k8s protobuf prefix");
  Reader unknown(body.substr(4));
  std::string api_version, kind;
  std::string_view raw;
  while (!unknown.done()) {
    std::uint64_t tag = unknown.varint();
    int field = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
    if (field == 1 && wire == 2) {
      Reader tm(unknown.bytes());
      while (!tm.done()) {
        std::uint64_t t = tm.varint();
        if ((t >> 3) == 1 && (t & 7) == 2) api_version = std::string(tm.bytes());
        else if ((t >> 3) == 2 && (t & 7) == 2) kind = std::string(tm.bytes());
        else tm.skip(static_cast<int>(t & 7));
      }
    } else if (field == 2 && wire == 2) {
      raw = unknown.bytes();
    } else {
      unknown.skip(wire);
    }
  }
  const char* message = message_for_kind(api_version, kind);
  const MessageDef* def = message ? find_message(message) : nullptr;
  if (!def)
    throw ApiError(415, "UnsupportedMediaType",
                   "protobuf request bodies for " + (kind.empty() ? std::string("this kind") : kind) +
                       " (" + api_version + ") are not supported by this sandbox; send the object as JSON "
                       "(kubectl create -f) instead",
                   Json::object());
  Json obj = decode_message(raw, *def, "");
  Json out = {{"apiVersion", api_version}, {"kind", kind}};
  for (auto& [k, v] : obj.items()) out[k] = v;
  return out;
}

}  // namespace kt::http::protobuf
