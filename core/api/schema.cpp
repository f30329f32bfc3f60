// Schema graph and strict decoding (see schema.h).
//
// Map of this file:
//   1. Graph      — builds SchemaNodes once from the generated tables (schema_data.h)
//   2. Lookups    — schema_for / schema_at / schema_field_at
//   3. Decoder    — walks a Json object the way encoding/json (sigs.k8s.io/json) walks it
//                   into the typed Go struct: unknown fields, UnmarshalTypeError texts,
//                   and the custom unmarshalers (Quantity, IntOrString, Time, []byte)
//   4. Messages   — strict_decoding_message, decode_error_message
#include "core/api/schema.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <map>
#include <memory>

#include "core/api/schema_data.h"
#include "core/api/yaml.h"

namespace kt::api {

namespace {

// The first 8 bytes of a name, big-endian, zero-padded: comparing two keys orders as
// comparing those bytes (names hold no NUL, so a shorter prefix sorts first).
std::uint64_t name_key(std::string_view name) {
  unsigned char b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::memcpy(b, name.data(), name.size() < 8 ? name.size() : 8);
  std::uint64_t k = 0;
  for (unsigned char c : b) k = (k << 8) | c;  // compilers make this one byte swap
  return k;
}

}  // namespace

const SchemaField* SchemaNode::field(std::string_view name) const {
  if (field_keys.size() != fields.size()) {
    auto it = std::lower_bound(fields.begin(), fields.end(), name,
                               [](const SchemaField& f, std::string_view n) { return f.name < n; });
    if (it == fields.end() || it->name != name) return nullptr;
    return &*it;
  }
  const std::uint64_t k = name_key(name);
  for (auto i = static_cast<std::size_t>(std::lower_bound(field_keys.begin(), field_keys.end(), k) - field_keys.begin());
       i < fields.size() && field_keys[i] == k; ++i)
    if (fields[i].name == name) return &fields[i];
  return nullptr;
}

namespace {

// ---- 1. graph -----------------------------------------------------------------------

class Graph {
 public:
  static const Graph& get() {
    static const Graph g;
    return g;
  }

  const SchemaNode* kind_root(const ResourceInfo& res) const {
    // Writes come in runs of one kind: the last answer first, compared as strings of
    // known length (the table's are C strings, each compare a strlen).
    if (last_root_ && res.kind == last_.kind && res.group == last_.group && res.version == last_.version)
      return last_root_;
    // Kind first: it tells the entries apart at once (most share group "" and v1).
    for (const auto& k : schema_data::kinds())
      if (res.kind == k.kind && res.group == k.group && res.version == k.version) {
        last_ = {k.group, k.version, k.kind};
        last_root_ = type(k.type_id);
        return last_root_;
      }
    return nullptr;
  }

 private:
  std::deque<SchemaNode> nodes_;  // stable addresses
  std::map<std::string, SchemaNode*> types_;
  std::map<std::string, const SchemaNode*> specs_;
  std::map<std::string, const schema_data::TypeDef*> defs_;
  std::vector<schema_data::TypeDef> tables_;
  struct KindName {
    std::string group, version, kind;
  };
  mutable KindName last_;  // the last kind kind_root found, and its answer
  mutable const SchemaNode* last_root_ = nullptr;

  const SchemaNode* type(const std::string& id) const {
    auto it = types_.find(id);
    return it == types_.end() ? nullptr : it->second;
  }

  Graph() {
    schema_data::add_all(tables_);
    // Objects first (so references resolve), fields after.
    for (const auto& t : tables_) {
      nodes_.emplace_back();
      SchemaNode& n = nodes_.back();
      n.kind = SchemaNode::Kind::Object;
      std::string go = t.go_name;
      n.go_type = go;
      n.type_name = go.substr(go.find('.') + 1);
      n.description = t.description;
      types_[t.id] = &n;
    }
    for (const auto& t : tables_) {
      SchemaNode* n = types_[t.id];
      for (const auto& f : t.fields) {
        SchemaField sf;
        sf.name = f.name;
        sf.node = node_for(f.spec);
        sf.go_type = f.go_type;
        sf.description = f.description;
        sf.required = f.required;
        n->fields.push_back(std::move(sf));
      }
      std::sort(n->fields.begin(), n->fields.end(),
                [](const SchemaField& a, const SchemaField& b) { return a.name < b.name; });
      n->field_keys.reserve(n->fields.size());
      for (const auto& f : n->fields) n->field_keys.push_back(name_key(f.name));
    }
  }

  const SchemaNode* node_for(const std::string& spec) {
    auto it = specs_.find(spec);
    if (it != specs_.end()) return it->second;
    const SchemaNode* result = nullptr;
    if (spec[0] == '@') {
      result = types_.at(spec.substr(1));
    } else {
      nodes_.emplace_back();
      SchemaNode& n = nodes_.back();
      using K = SchemaNode::Kind;
      if (spec.rfind("[]", 0) == 0) {
        n.kind = K::Array;
        n.elem = node_for(spec.substr(2));
        n.type_name = "[]" + n.elem->type_name;
      } else if (spec.rfind("map:", 0) == 0) {
        n.kind = K::Map;
        n.elem = node_for(spec.substr(4));
        n.type_name = "map[string]" + n.elem->type_name;
      } else if (spec == "string") {
        n.kind = K::String, n.type_name = "string", n.go_type = "string";
      } else if (spec == "int32" || spec == "int64") {
        n.kind = K::Integer, n.type_name = "integer", n.go_type = spec;
      } else if (spec == "double") {
        n.kind = K::Number, n.type_name = "number", n.go_type = "float64";
      } else if (spec == "bool") {
        n.kind = K::Boolean, n.type_name = "boolean", n.go_type = "bool";
      } else if (spec == "quantity") {
        n.kind = K::Quantity, n.type_name = "Quantity", n.go_type = "resource.Quantity";
      } else if (spec == "intstr") {
        n.kind = K::IntOrString, n.type_name = "IntOrString", n.go_type = "intstr.IntOrString";
      } else if (spec == "time") {
        n.kind = K::Time, n.type_name = "Time", n.go_type = "v1.Time";
      } else if (spec == "microtime") {
        n.kind = K::Time, n.type_name = "MicroTime", n.go_type = "v1.MicroTime";
      } else if (spec == "bytes") {
        n.kind = K::Bytes, n.type_name = "string", n.go_type = "[]uint8";
      } else {
        n.kind = K::Any, n.type_name = "Object", n.go_type = "runtime.RawExtension";
      }
      result = &n;
    }
    specs_[spec] = result;
    return result;
  }
};

// ---- 2. lookups helpers -------------------------------------------------------------

const SchemaNode* step_into(const SchemaNode* n) {
  while (n && (n->kind == SchemaNode::Kind::Array || n->kind == SchemaNode::Kind::Map)) n = n->elem;
  return n;
}

// ---- 3. decoder ---------------------------------------------------------------------

std::string json_kind(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_boolean()) return "bool";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  return "number";
}

// The literal Go's decoder saw: kubectl sends the JSON encoding/json wrote.
std::string number_literal(const Json& v) {
  if (v.is_number_float()) return go_json_float(v.get<double>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  return std::to_string(v.get<int64_t>());
}

std::string_view strip_prefix(std::string_view go, std::string_view prefix) {
  return go.substr(0, prefix.size()) == prefix ? go.substr(prefix.size()) : go;
}

// resource.ParseQuantity's verdict: "" when fine, else its error text.
std::string quantity_error(const std::string& raw) {
  static const std::string format_wrong =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  std::string s = raw;
  // strings.TrimSpace
  size_t a = s.find_first_not_of(" \t\n\r\v\f"), b = s.find_last_not_of(" \t\n\r\v\f");
  s = a == std::string::npos ? "" : s.substr(a, b - a + 1);
  if (s.empty()) return format_wrong;
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  size_t num_start = i;
  int dots = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) {
    if (s[i] == '.') ++dots;
    ++i;
  }
  if (i == num_start) return format_wrong;
  std::string suffix = s.substr(i);
  // The suffix part of the regular expression: [eEinumkKMGTP]*[-+]?[0-9]*
  size_t k = 0;
  while (k < suffix.size() && std::string("eEinumkKMGTP").find(suffix[k]) != std::string::npos) ++k;
  if (k < suffix.size() && (suffix[k] == '+' || suffix[k] == '-')) ++k;
  while (k < suffix.size() && suffix[k] >= '0' && suffix[k] <= '9') ++k;
  if (k != suffix.size()) return format_wrong;
  std::string num = s.substr(num_start, i - num_start);
  if (dots > 1 || num == ".") return "unable to parse numeric part of quantity";
  static const char* known[] = {"", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  for (const char* kn : known)
    if (suffix == kn) return "";
  if (suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    size_t j = 1;
    if (suffix[j] == '+' || suffix[j] == '-') ++j;
    if (j < suffix.size() && suffix.find_first_not_of("0123456789", j) == std::string::npos) return "";
  }
  return "unable to parse quantity's suffix";
}

// base64.StdEncoding.Decode's CorruptInputError position, or -1 when valid.
long base64_error(const std::string& s) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  // Go skips \r and \n; work on positions in the original string.
  std::vector<size_t> pos;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] != '\r' && s[i] != '\n') pos.push_back(i);
  size_t n = pos.size();
  size_t i = 0;
  while (i < n) {
    // One quantum of up to four characters.
    size_t j = 0;
    for (; j < 4; ++j) {
      if (i + j >= n) {
        if (j == 0) return -1;
        if (j == 1) return static_cast<long>(pos[i + j - 1]);
        return static_cast<long>(s.size());  // missing padding
      }
      char c = s[pos[i + j]];
      if (c == '=') {
        if (j < 2) return static_cast<long>(pos[i + j]);
        if (j == 2) {
          if (i + 3 >= n) return static_cast<long>(s.size());
          if (s[pos[i + 3]] != '=') return static_cast<long>(pos[i + 3]);
          j = 4;
        } else {
          j = 4;
        }
        if (i + 4 < n) return static_cast<long>(pos[i + 4]);  // data after padding
        return -1;
      }
      if (val(c) < 0) return static_cast<long>(pos[i + j]);
    }
    i += 4;
  }
  return -1;
}

bool is_rfc3339(const std::string& s) {
  // 2006-01-02T15:04:05[.frac](Z|±07:00), digits fixed-width.
  auto d = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  if (s.size() < 20) return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (!d(i)) return false;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return false;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!d(i)) return false;
    while (d(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && d(i + 1) && d(i + 2) && s[i + 3] == ':' && d(i + 4) && d(i + 5))
    return true;
  return false;
}

class Decoder {
  // The walk keeps views of the document's keys and of the schema's names, and
  // builds path strings only for an issue: building them eagerly for every member
  // was ~2/3 of the ~31,000 instructions this check cost per pod create.
  struct Segment {
    enum class Kind { Field, MapKey, Index } kind;
    std::string_view key;
    std::size_t index = 0;
  };

 public:
  // Where the walk is, as two stacks. Their memory is kept from one check to the
  // next (spare()): a create allocated and freed both before.
  struct Stacks {
    std::vector<Segment> path;                  // with [i], for strict errors
    std::vector<std::string_view> field_stack;  // json names, for type errors
    bool busy = false;
  };
  static Stacks& spare() {
    static Stacks s;
    return s;
  }

  explicit Decoder(Stacks& stacks) : stacks_(stacks), path_(stacks.path), field_stack_(stacks.field_stack) {
    stacks_.busy = true;
    path_.clear();
    field_stack_.clear();
  }
  ~Decoder() {
    path_.clear();  // no views of the document outlive the check
    field_stack_.clear();
    stacks_.busy = false;
  }
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  std::vector<DecodeIssue> issues;
  std::span<const Json* const> skip;  // members of the root object (path_ empty) not to check

  void object(const Json& v, const SchemaNode* n, const std::string& go_type) {
    // Deep enough for a pod (spec.containers[0].ports[0].containerPort) without regrowing.
    path_.reserve(16);
    field_stack_.reserve(16);
    value(v, n, go_type);
  }

 private:
  Stacks& stacks_;
  std::vector<Segment>& path_;
  std::vector<std::string_view>& field_stack_;
  std::string_view struct_name_;
  bool aborted_ = false;

  std::string path() const {
    std::string out;
    for (const auto& s : path_) {
      switch (s.kind) {
        case Segment::Kind::Field:
          if (!out.empty()) out += '.';
          out += s.key;
          break;
        case Segment::Kind::MapKey:
          out += '.';
          out += s.key;
          break;
        case Segment::Kind::Index:
          out += "[" + std::to_string(s.index) + "]";
          break;
      }
    }
    return out;
  }

  std::string stack_path() const {
    std::string out;
    for (const auto& f : field_stack_) {
      if (!out.empty()) out += '.';
      out += f;
    }
    return out;
  }

  void type_error(const std::string& value_desc, std::string_view go_type, bool fatal = false) {
    std::string msg = "json: cannot unmarshal " + value_desc;
    if (!struct_name_.empty() || !field_stack_.empty())
      msg.append(" into Go struct field ").append(struct_name_).append(".").append(stack_path()).append(" of type ").append(go_type);
    else
      msg.append(" into Go value of type ").append(go_type);
    issues.push_back({DecodeIssue::WrongType, stack_path(), msg, fatal});
    if (fatal) aborted_ = true;
  }

  void fatal_error(const std::string& msg) {
    issues.push_back({DecodeIssue::WrongType, stack_path(), msg, true});
    aborted_ = true;
  }

  void value(const Json& v, const SchemaNode* n, std::string_view go_type) {
    if (aborted_ || v.is_null() || !n) return;
    using K = SchemaNode::Kind;
    switch (n->kind) {
      case K::Any:
        return;
      case K::Object: {
        if (!v.is_object()) return type_error(json_kind(v), go_type);
        const std::string_view saved_struct = struct_name_;
        for (auto it = v.begin(); it != v.end() && !aborted_; ++it) {
          if (path_.empty() && std::find(skip.begin(), skip.end(), &it.value()) != skip.end()) continue;
          const SchemaField* f = n->field(it.key());
          path_.push_back({Segment::Kind::Field, it.key()});
          if (!f) {
            std::string p = path();
            issues.push_back({DecodeIssue::UnknownField, p, "unknown field \"" + p + "\""});
          } else {
            field_stack_.push_back(f->name);
            struct_name_ = n->type_name;
            value(it.value(), f->node, f->go_type);
            field_stack_.pop_back();
            struct_name_ = saved_struct;
          }
          path_.pop_back();
        }
        return;
      }
      case K::Array: {
        if (!v.is_array()) return type_error(json_kind(v), go_type);
        const std::string_view elem_go = strip_prefix(go_type, "[]");
        for (size_t i = 0; i < v.size() && !aborted_; ++i) {
          path_.push_back({Segment::Kind::Index, {}, i});
          value(v[i], n->elem, elem_go);
          path_.pop_back();
        }
        return;
      }
      case K::Map: {
        if (!v.is_object()) return type_error(json_kind(v), go_type);
        const std::string_view elem_go =
            n->elem->kind == K::Quantity ? std::string_view("resource.Quantity") : strip_prefix(go_type, "map[string]");
        for (auto it = v.begin(); it != v.end() && !aborted_; ++it) {
          path_.push_back({Segment::Kind::MapKey, it.key()});
          value(it.value(), n->elem, elem_go);
          path_.pop_back();
        }
        return;
      }
      case K::String:
        if (!v.is_string()) type_error(json_kind(v), go_type);
        return;
      case K::Boolean:
        if (!v.is_boolean()) type_error(json_kind(v), go_type);
        return;
      case K::Number:
        if (!v.is_number()) type_error(json_kind(v), go_type);
        return;
      case K::Integer: {
        if (!v.is_number()) return type_error(json_kind(v), go_type);
        bool ok = true;
        if (v.is_number_float()) {
          double f = v.get<double>();
          // Go's ParseInt reads the literal: "1.5", "1e+21" fail; integral floats were
          // written without a fraction only if small enough.
          ok = number_literal(v).find_first_of(".eE") == std::string::npos;
          if (ok) ok = std::fabs(f) < 9.2e18;
          if (ok && go_type.find("int32") != std::string::npos) ok = f >= -2147483648.0 && f <= 2147483647.0;
        } else if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
          ok = false;
        } else {
          int64_t x = v.get<int64_t>();
          if (go_type.find("int32") != std::string::npos) ok = x >= INT32_MIN && x <= INT32_MAX;
        }
        if (!ok) type_error("number " + number_literal(v), go_type);
        return;
      }
      case K::Bytes: {
        if (!v.is_string()) return type_error(json_kind(v), go_type);
        long bad = base64_error(v.get<std::string>());
        if (bad >= 0) {
          issues.push_back({DecodeIssue::WrongType, stack_path(), "illegal base64 data at input byte " + std::to_string(bad)});
        }
        return;
      }
      case K::Quantity: {
        std::string raw = v.is_string() ? v.get<std::string>() : v.is_number() ? number_literal(v) : v.dump();
        std::string err = quantity_error(raw);
        if (!err.empty()) fatal_error(err);
        return;
      }
      case K::IntOrString: {
        if (v.is_string()) return;
        if (v.is_number()) {
          bool ok = !v.is_number_float() || number_literal(v).find_first_of(".eE") == std::string::npos;
          double f = v.is_number_float() ? v.get<double>() : v.is_number_unsigned() ? static_cast<double>(v.get<uint64_t>())
                                                                                     : static_cast<double>(v.get<int64_t>());
          if (ok && (f < -2147483648.0 || f > 2147483647.0)) ok = false;
          if (!ok) type_error("number " + number_literal(v), "int32", true);
          return;
        }
        type_error(json_kind(v), "int32", true);
        return;
      }
      case K::Time: {
        if (!v.is_string()) return type_error(json_kind(v), "string", true);
        std::string s = v.get<std::string>();
        if (!is_rfc3339(s)) {
          const char* layout = n->type_name == "MicroTime" ? "2006-01-02T15:04:05.000000Z07:00" : "2006-01-02T15:04:05Z07:00";
          fatal_error("parsing time \"" + s + "\" as \"" + layout + "\": cannot parse \"" + s + "\" as \"2006\"");
        }
        return;
      }
    }
  }
};

}  // namespace

// ---- 2. lookups ---------------------------------------------------------------------

const SchemaNode* schema_for(const ResourceInfo& res) { return Graph::get().kind_root(res); }

const SchemaField* schema_field_at(const ResourceInfo& res, std::string_view dotted_path) {
  const SchemaNode* n = schema_for(res);
  const SchemaField* f = nullptr;
  size_t pos = 0;
  while (n && pos <= dotted_path.size()) {
    size_t dot = dotted_path.find('.', pos);
    std::string_view seg = dotted_path.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
    n = step_into(n);
    if (!n || n->kind != SchemaNode::Kind::Object) return nullptr;
    f = n->field(seg);
    if (!f) return nullptr;
    n = f->node;
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return f;
}

const SchemaNode* schema_at(const ResourceInfo& res, std::string_view dotted_path) {
  if (dotted_path.empty()) return schema_for(res);
  const SchemaField* f = schema_field_at(res, dotted_path);
  return f ? f->node : nullptr;
}

// ---- 3. check -----------------------------------------------------------------------

std::vector<DecodeIssue> check_against_schema(const ResourceInfo& res, const Json& obj, std::span<const Json* const> skip) {
  const SchemaNode* root = schema_for(res);
  if (!root) return {};
  // A check started inside another (none is today) gets stacks of its own.
  Decoder::Stacks own;
  Decoder d(Decoder::spare().busy ? own : Decoder::spare());
  d.skip = skip;
  d.object(obj, root, root->go_type);
  return d.issues;
}

// ---- 4. messages --------------------------------------------------------------------

std::string strict_decoding_message(const std::vector<DecodeIssue>& issues) {
  std::string out = "strict decoding error: ";
  bool first = true;
  for (const auto& i : issues) {
    if (i.kind == DecodeIssue::WrongType) continue;
    if (!first) out += ", ";
    out += i.message;
    first = false;
  }
  return out;
}

std::string decode_error_message(const ResourceInfo& res, const std::vector<DecodeIssue>& issues) {
  std::string err;
  // A custom unmarshaler's failure ends decoding and wins; otherwise the first saved
  // UnmarshalTypeError; otherwise the strict (unknown/duplicate field) errors.
  const DecodeIssue* first_type = nullptr;
  for (const auto& i : issues)
    if (i.kind == DecodeIssue::WrongType) first_type = first_type ? first_type : &i;
  if (!issues.empty() && issues.back().fatal)
    err = issues.back().message;
  else if (first_type)
    err = first_type->message;
  else {
    bool any = false;
    for (const auto& i : issues) any = any || i.kind != DecodeIssue::WrongType;
    if (!any) return "";
    err = strict_decoding_message(issues);
  }
  return res.kind + " in version \"" + res.version + "\" cannot be handled as a " + res.kind + ": " + err;
}

}  // namespace kt::api
