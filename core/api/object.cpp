#include "core/api/object.h"

#include <charconv>

namespace kt::api {
namespace {
const Json& null_json() {
  static const Json n;
  return n;
}
}  // namespace

const Json& field(const Json& obj, std::initializer_list<std::string_view> path) {
  const Json* cur = &obj;
  for (auto p : path) {
    // Through the const member map: no temporary key strings, no checked iterators,
    // and a borrowed map stays borrowed (json_object.h).
    const auto* members = cur->get_ptr<const Json::object_t*>();
    if (!members) return null_json();
    auto it = members->find(p);
    if (it == members->end()) return null_json();
    cur = &it->second;
  }
  return *cur;
}

std::string str_field(const Json& obj, std::initializer_list<std::string_view> path, std::string_view dflt) {
  const Json& v = field(obj, path);
  return v.is_string() ? v.get<std::string>() : std::string(dflt);
}

std::int64_t int_field(const Json& obj, std::initializer_list<std::string_view> path, std::int64_t dflt) {
  const Json& v = field(obj, path);
  return v.is_number_integer() ? v.get<std::int64_t>() : dflt;
}

namespace meta {
std::string name(const Json& o) { return str_field(o, {"metadata", "name"}); }
std::string namespace_of(const Json& o) { return str_field(o, {"metadata", "namespace"}); }
std::string uid(const Json& o) { return str_field(o, {"metadata", "uid"}); }
std::uint64_t resource_version(const Json& o) {
  const Json& v = field(o, {"metadata", "resourceVersion"});
  if (!v.is_string()) return 0;
  const auto& s = v.get_ref<const std::string&>();
  std::uint64_t rv = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), rv);
  return (ec == std::errc() && p == s.data() + s.size()) ? rv : 0;
}
std::int64_t generation(const Json& o) { return int_field(o, {"metadata", "generation"}); }
const Json& labels(const Json& o) { return field(o, {"metadata", "labels"}); }
const Json& annotations(const Json& o) { return field(o, {"metadata", "annotations"}); }
bool being_deleted(const Json& o) { return !field(o, {"metadata", "deletionTimestamp"}).is_null(); }
std::string key(const Json& o) {
  // Hot: every informer and watch computes keys. No temporaries.
  static const std::string empty;
  const Json& m = field(o, {"metadata"});
  auto get = [&](const char* k) -> const std::string& {
    if (!m.is_object()) return empty;
    auto it = m.find(k);
    return it != m.end() && it->is_string() ? it->get_ref<const std::string&>() : empty;
  };
  const std::string& ns = get("namespace");
  const std::string& nm = get("name");
  std::string out;
  out.reserve(ns.size() + 1 + nm.size());
  if (!ns.empty()) {
    out += ns;
    out += '/';
  }
  out += nm;
  return out;
}
const Json* controller_ref(const Json& o) {
  const Json& refs = field(o, {"metadata", "ownerReferences"});
  if (!refs.is_array()) return nullptr;
  for (const auto& r : refs)
    if (r.is_object() && r.value("controller", false)) return &r;
  return nullptr;
}
}  // namespace meta

std::pair<std::string, std::string> split_key(std::string_view key) {
  auto slash = key.find('/');
  if (slash == std::string_view::npos) return {"", std::string(key)};
  return {std::string(key.substr(0, slash)), std::string(key.substr(slash + 1))};
}

}  // namespace kt::api
