// JSON merge patch and JSON patch, as kube-apiserver applies them with the vendored
// gopkg.in/evanphx/json-patch.v4. Strategic merge patch lives in strategic_merge.cpp,
// the built-in patch metadata in patch_strategy.cpp.
//
// Sections:
//   1. Go text helpers (strconv.Atoi, pkg/errors wrapping)
//   2. merge patch
//   3. JSON patch: pointers and containers
//   4. JSON patch: operations
//   5. JSON patch: the apiserver's wrapping
#include "core/api/patch.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace kt::api::patch {
namespace {

// ---- 1. Go text helpers --------------------------------------------------------------

// strconv.Quote for the ASCII we meet in paths.
std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// What encoding/json says when a value of the wrong JSON type meets a Go type.
std::string json_kind(const Json& v) {
  if (v.is_object()) return "object";
  if (v.is_array()) return "array";
  if (v.is_string()) return "string";
  if (v.is_boolean()) return "bool";
  if (v.is_number()) return "number";
  return "null";
}

// strconv.Atoi: optional sign, decimal digits, int64 range.
struct Atoi {
  std::int64_t value = 0;
  std::string error;  // empty when it parsed
};

Atoi go_atoi(std::string_view s) {
  Atoi r;
  std::string_view digits = s;
  bool neg = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    neg = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) {
    r.error = "strconv.Atoi: parsing " + go_quote(s) + ": invalid syntax";
    return r;
  }
  // Magnitude up to 2^63 fits an unsigned accumulator; beyond that is out of range.
  const std::uint64_t limit = neg ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t acc = 0;
  bool overflow = false;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      r.error = "strconv.Atoi: parsing " + go_quote(s) + ": invalid syntax";
      return r;
    }
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (acc > (limit - d) / 10) overflow = true;
    else acc = acc * 10 + d;
  }
  if (overflow) {
    r.error = "strconv.Atoi: parsing " + go_quote(s) + ": value out of range";
    return r;
  }
  r.value = neg ? static_cast<std::int64_t>(0 - acc) : static_cast<std::int64_t>(acc);
  return r;
}

// errors.Wrapf(cause, ...): "<message>: <cause>".
std::string wrap(const std::string& message, const std::string& cause) { return message + ": " + cause; }

const std::string kMissing = "missing value";             // ErrMissing
const std::string kTestFailed = "test failed";            // ErrTestFailed
const std::string kInvalidIndex = "invalid index referenced";  // ErrInvalidIndex

[[noreturn]] void fail(const std::string& message) { throw JsonPatchFailure(message); }

// What a client sees when the apiserver panics while serving the request.
ApiError apiserver_panic() {
  return ApiError(500, "InternalError",
                  "an error on the server (\"This request caused apiserver to panic. Look in the logs for "
                  "details.\") has prevented the request from succeeding");
}

// ---- 2. merge patch ------------------------------------------------------------------

// pruneNulls: drops null object members and null array elements, all the way down.
void prune_nulls(Json& v) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end();) {
      if (it->is_null()) {
        it = v.erase(it);
      } else {
        prune_nulls(*it);
        ++it;
      }
    }
  } else if (v.is_array()) {
    Json kept = Json::array();
    for (auto& e : v) {
      if (e.is_null()) continue;
      prune_nulls(e);
      kept.push_back(std::move(e));
    }
    v = std::move(kept);
  }
}

void merge_docs(Json& doc, const Json& patch);

// merge(cur, patch): a non-object current value is replaced by the pruned patch; a
// non-object patch value replaces as is (unpruned, as evanphx does).
Json merge_value(Json cur, const Json& patch) {
  if (!cur.is_object()) {
    Json v = patch;
    prune_nulls(v);
    return v;
  }
  if (!patch.is_object()) return patch;
  merge_docs(cur, patch);
  return cur;
}

void merge_docs(Json& doc, const Json& patch) {
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it->is_null()) {
      doc.erase(it.key());
      continue;
    }
    auto cur = doc.find(it.key());
    if (cur == doc.end() || cur->is_null()) {
      Json v = *it;
      prune_nulls(v);
      doc[it.key()] = std::move(v);
    } else {
      *cur = merge_value(std::move(*cur), *it);
    }
  }
}

// ---- 3. JSON patch: pointers and containers -------------------------------------------
//
// evanphx keeps the document as lazily decoded nodes; a JSON null is a nil node, so a
// path through a null is "missing". Here the document is one mutable Json.

// rfc6901Decoder: strings.NewReplacer("~1", "/", "~0", "~"), left to right.
std::string decode_token(std::string_view t) {
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '~' && i + 1 < t.size() && (t[i + 1] == '1' || t[i + 1] == '0')) {
      out += t[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

std::vector<std::string> split_slash(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      parts.emplace_back(path.substr(start));
      return parts;
    }
    parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

// An array index as partialArray.get/remove/set read it: Atoi, then negative indices
// counting from the end. `len` is the length the index is checked against.
struct Index {
  std::size_t at = 0;
  std::string error;  // the Go error text, empty when usable
};

Index array_index(const std::string& key, std::size_t len) {
  Index r;
  const Atoi a = go_atoi(key);
  if (!a.error.empty()) {
    r.error = a.error;
    return r;
  }
  std::int64_t idx = a.value;
  const auto n = static_cast<std::int64_t>(len);
  if (idx < 0) {
    if (idx < -n) {
      r.error = wrap("Unable to access invalid index: " + std::to_string(a.value), kInvalidIndex);
      return r;
    }
    idx += n;
  }
  if (idx >= n) {
    r.error = wrap("Unable to access invalid index: " + std::to_string(a.value), kInvalidIndex);
    return r;
  }
  r.at = static_cast<std::size_t>(idx);
  return r;
}

// container.get: nullptr with no error for a missing object key (or a null value).
Json* get(Json& con, const std::string& key, std::string* error) {
  if (con.is_object()) {
    auto it = con.find(key);
    if (it == con.end() || it->is_null()) return nullptr;
    return &*it;
  }
  const Index i = array_index(key, con.size());
  if (!i.error.empty()) {
    *error = i.error;
    return nullptr;
  }
  Json& v = con[i.at];
  return v.is_null() ? nullptr : &v;
}

// container.add: any key on an object; "-" appends, 0..len inserts on an array.
std::string add(Json& con, const std::string& key, Json value) {
  if (con.is_object()) {
    con[key] = std::move(value);
    return {};
  }
  if (key == "-") {
    con.push_back(std::move(value));
    return {};
  }
  const Atoi a = go_atoi(key);
  if (!a.error.empty()) return wrap("value was not a proper array index: '" + key + "'", a.error);
  const auto size = static_cast<std::int64_t>(con.size()) + 1;
  std::int64_t idx = a.value;
  if (idx >= size) return wrap("Unable to access invalid index: " + std::to_string(a.value), kInvalidIndex);
  if (idx < 0) {
    if (idx < -size) return wrap("Unable to access invalid index: " + std::to_string(a.value), kInvalidIndex);
    idx += size;
  }
  con.insert(con.begin() + static_cast<std::ptrdiff_t>(idx), std::move(value));
  return {};
}

std::string remove(Json& con, const std::string& key) {
  if (con.is_object()) {
    if (!con.contains(key)) return wrap("Unable to remove nonexistent key: " + key, kMissing);
    con.erase(key);
    return {};
  }
  const Index i = array_index(key, con.size());
  if (!i.error.empty()) return i.error;
  con.erase(con.begin() + static_cast<std::ptrdiff_t>(i.at));
  return {};
}

// findObject: the container holding the last token, and that token decoded.
struct Location {
  Json* con = nullptr;
  std::string key;
};

Location find_object(Json& doc, std::string_view path) {
  const std::vector<std::string> split = split_slash(path);
  if (split.size() < 2) return {};
  Json* cur = &doc;
  for (std::size_t i = 1; i + 1 < split.size(); ++i) {
    std::string ignored;
    Json* next = get(*cur, decode_token(split[i]), &ignored);
    if (next == nullptr || !(next->is_object() || next->is_array())) return {};
    cur = next;
  }
  return {cur, decode_token(split.back())};
}

// lazyNode.equal: objects and arrays structurally, scalars by their JSON text (so 1
// and 1.0 differ, as their compacted bytes do).
bool node_equal(const Json& a, const Json& b) {
  if (a.is_object()) {
    if (!b.is_object() || a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto o = b.find(it.key());
      if (o == b.end()) return false;
      if (it->is_null() != o->is_null()) return false;
      if (it->is_null()) continue;
      if (!node_equal(*it, *o)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (!b.is_array() || a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!node_equal(a[i], b[i])) return false;
    return true;
  }
  if (b.is_object() || b.is_array()) return false;
  return a.dump() == b.dump();
}

// ---- 4. JSON patch: operations ----------------------------------------------------------

struct Op {
  const Json& raw;

  // Kind(): "unknown" unless "op" is a string.
  std::string kind() const {
    auto it = raw.find("op");
    if (it == raw.end() || !it->is_string()) return "unknown";
    return it->get<std::string>();
  }
  // Path()/From(): nullopt with `error` set when absent, null or not a string.
  std::optional<std::string> text(const char* field, const char* missing, std::string* error) const {
    auto it = raw.find(field);
    if (it == raw.end() || it->is_null()) {
      *error = wrap(missing, kMissing);
      return std::nullopt;
    }
    if (!it->is_string()) {
      *error = "json: cannot unmarshal " + json_kind(*it) + " into Go value of type string";
      return std::nullopt;
    }
    return it->get<std::string>();
  }
  std::optional<std::string> path(std::string* error) const {
    return text("path", "operation missing path field", error);
  }
  std::optional<std::string> from(std::string* error) const {
    return text("from", "operation, missing from field", error);
  }
  bool has_value() const { return raw.contains("value"); }
  Json value() const { return has_value() ? raw.at("value") : Json(nullptr); }
};

void op_add(Json& doc, const Op& op) {
  std::string err;
  auto path = op.path(&err);
  if (!path) fail(wrap("add operation failed to decode path", kMissing));
  Location loc = find_object(doc, *path);
  if (!loc.con) fail(wrap("add operation does not apply: doc is missing path: \"" + *path + "\"", kMissing));
  err = add(*loc.con, loc.key, op.value());
  if (!err.empty()) fail(wrap("error in add for path: '" + *path + "'", err));
}

void op_remove(Json& doc, const Op& op) {
  std::string err;
  auto path = op.path(&err);
  if (!path) fail(wrap("remove operation failed to decode path", kMissing));
  Location loc = find_object(doc, *path);
  if (!loc.con) fail(wrap("remove operation does not apply: doc is missing path: \"" + *path + "\"", kMissing));
  err = remove(*loc.con, loc.key);
  if (!err.empty()) fail(wrap("error in remove for path: '" + *path + "'", err));
}

void op_replace(Json& doc, const Op& op) {
  std::string err;
  auto path = op.path(&err);
  if (!path) fail(wrap("replace operation failed to decode path", err));
  if (path->empty()) {
    // The whole document: only an object or an array replaces it; anything else is
    // silently ignored (errors.Wrapf(nil, ...) is nil).
    if (!op.has_value()) throw apiserver_panic();
    const Json v = op.value();
    if (v.is_object() || v.is_array()) doc = v;
    return;
  }
  Location loc = find_object(doc, *path);
  if (!loc.con) fail(wrap("replace operation does not apply: doc is missing path: " + *path, kMissing));
  if (loc.con->is_object()) {
    // partialDoc.get never fails, so a missing key is simply set.
    (*loc.con)[loc.key] = op.value();
    return;
  }
  const Index i = array_index(loc.key, loc.con->size());
  if (!i.error.empty()) fail(wrap("replace operation does not apply: doc is missing key: " + *path, kMissing));
  (*loc.con)[i.at] = op.value();
}

void op_move(Json& doc, const Op& op) {
  std::string err;
  auto from = op.from(&err);
  if (!from) fail(wrap("move operation failed to decode from", err));
  Location src = find_object(doc, *from);
  if (!src.con) fail(wrap("move operation does not apply: doc is missing from path: " + *from, kMissing));
  const Json* found = get(*src.con, src.key, &err);
  if (!err.empty()) fail(wrap("error in move for path: '" + src.key + "'", err));
  Json val = found ? *found : Json(nullptr);
  err = remove(*src.con, src.key);
  if (!err.empty()) fail(wrap("error in move for path: '" + src.key + "'", err));
  auto path = op.path(&err);
  if (!path) fail(wrap("move operation failed to decode path", err));
  Location dst = find_object(doc, *path);
  if (!dst.con) fail(wrap("move operation does not apply: doc is missing destination path: " + *path, kMissing));
  err = add(*dst.con, dst.key, std::move(val));
  if (!err.empty()) fail(wrap("error in move for path: '" + *path + "'", err));
}

void op_test(Json& doc, const Op& op) {
  std::string err;
  auto path = op.path(&err);
  if (!path) fail(wrap("test operation failed to decode path", err));
  if (path->empty()) {
    if (!op.has_value()) throw apiserver_panic();
    if (node_equal(doc, op.value())) return;
    fail(wrap("testing value " + *path + " failed", kTestFailed));
  }
  Location loc = find_object(doc, *path);
  if (!loc.con) fail(wrap("test operation does not apply: is missing path: " + *path, kMissing));
  const Json* val = get(*loc.con, loc.key, &err);
  if (!err.empty()) fail(wrap("error in test for path: '" + *path + "'", err));
  if (val == nullptr) {
    // Missing (or null) passes only against an explicit null; no value at all
    // dereferences nil in Go.
    if (!op.has_value()) throw apiserver_panic();
    if (op.value().is_null()) return;
    fail(wrap("testing value " + *path + " failed", kTestFailed));
  }
  if (!op.has_value() || op.value().is_null() || !node_equal(*val, op.value()))
    fail(wrap("testing value " + *path + " failed", kTestFailed));
}

void op_copy(Json& doc, const Op& op) {
  std::string err;
  auto from = op.from(&err);
  if (!from) fail(wrap("copy operation failed to decode from", err));
  Location src = find_object(doc, *from);
  if (!src.con) fail(wrap("copy operation does not apply: doc is missing from path: " + *from, kMissing));
  const Json* found = get(*src.con, src.key, &err);
  if (!err.empty()) fail(wrap("error in copy for from: '" + *from + "'", err));
  Json val = found ? *found : Json(nullptr);  // a missing key copies as null
  auto path = op.path(&err);
  if (!path) fail(wrap("copy operation failed to decode path", kMissing));
  Location dst = find_object(doc, *path);
  if (!dst.con) fail(wrap("copy operation does not apply: doc is missing destination path: " + *path, kMissing));
  err = add(*dst.con, dst.key, std::move(val));
  if (!err.empty()) fail(wrap("error while adding value during copy", err));
}

// ---- 5. JSON patch: the apiserver's wrapping ----------------------------------------------

constexpr std::size_t kMaxJsonPatchOperations = 10000;

// The strict decode into []handlers.jsonPatchOp that runs before anything else
// (fieldValidation Warn, the default, and Strict both do it).
void check_json_patch_body(const Json& ops) {
  auto bad = [](const std::string& why) { return ApiError::bad_request("error decoding patch: " + why); };
  if (ops.is_null()) return;
  if (!ops.is_array())
    throw bad("json: cannot unmarshal " + json_kind(ops) + " into Go value of type []handlers.jsonPatchOp");
  for (const Json& op : ops) {
    if (op.is_null()) continue;
    if (!op.is_object())
      throw bad("json: cannot unmarshal " + json_kind(op) + " into Go value of type handlers.jsonPatchOp");
    for (const char* field : {"op", "path", "from"}) {
      auto it = op.find(field);
      if (it != op.end() && !it->is_null() && !it->is_string())
        throw bad("json: cannot unmarshal " + json_kind(*it) + " into Go struct field jsonPatchOp." +
                  field + " of type string");
    }
  }
}

}  // namespace

Json merge_patch(const Json& target, const Json& patch) {
  if (patch.is_array()) {
    Json out = patch;
    prune_nulls(out);
    return out;
  }
  if (!patch.is_object()) return patch;
  if (!target.is_object()) {
    Json out = patch;
    prune_nulls(out);
    return out;
  }
  Json out = target;
  merge_docs(out, patch);
  return out;
}

void check_merge_patch_body(const Json& body) {
  if (body.is_object()) return;
  if (body.is_null()) throw ApiError(500, "", "Invalid JSON Patch");
  throw ApiError::bad_request("error decoding patch: json: cannot unmarshal " + json_kind(body) +
                              " into Go value of type map[string]interface {}");
}

Json json_patch_ops(const Json& target, const Json& ops) {
  Json doc = target;
  if (!doc.is_object() && !doc.is_array())
    fail("json: cannot unmarshal " + json_kind(doc) + " into Go value of type jsonpatch.partialDoc");
  if (ops.is_null()) return doc;
  if (!ops.is_array()) fail("json: cannot unmarshal " + json_kind(ops) + " into Go value of type jsonpatch.Patch");
  for (const Json& raw : ops) {
    if (!raw.is_object() && !raw.is_null())
      fail("json: cannot unmarshal " + json_kind(raw) + " into Go value of type jsonpatch.Operation");
    static const Json kEmpty = Json::object();
    const Op op{raw.is_object() ? raw : kEmpty};  // a null operation has no "op"
    const std::string kind = op.kind();
    if (kind == "add") op_add(doc, op);
    else if (kind == "remove") op_remove(doc, op);
    else if (kind == "replace") op_replace(doc, op);
    else if (kind == "move") op_move(doc, op);
    else if (kind == "test") op_test(doc, op);
    else if (kind == "copy") op_copy(doc, op);
    else fail("Unexpected kind: " + kind);
  }
  return doc;
}

Json json_patch(const Json& target, const Json& ops) {
  check_json_patch_body(ops);
  if (ops.is_array() && ops.size() > kMaxJsonPatchOperations)
    throw ApiError(413, "RequestEntityTooLarge",
                   "Request entity too large: The allowed maximum operations in a JSON patch is " +
                       std::to_string(kMaxJsonPatchOperations) + ", got " + std::to_string(ops.size()));
  try {
    return json_patch_ops(target, ops);
  } catch (const JsonPatchFailure&) {
    // NewGenericServerResponse(422, ...): the library's message is not kept.
    throw ApiError(422, "Invalid", "the server rejected our request due to an error in our request");
  }
}

}  // namespace kt::api::patch
