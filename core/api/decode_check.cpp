#include "core/api/decode_check.h"

#include "core/api/schema.h"

namespace kt::api {
namespace {

// Removes the field at a path as kube prints it ("spec.containers[0].imagee").
void erase_path(Json& obj, const std::string& path) {
  Json* cur = &obj;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find_first_of(".[", i);
    std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    const bool last = end == std::string::npos;
    if (!cur->is_object() || !cur->contains(key)) return;
    if (last) {
      cur->erase(key);
      return;
    }
    cur = &(*cur)[key];
    i = end;
    while (i < path.size() && path[i] == '[') {
      std::size_t close = path.find(']', i);
      if (close == std::string::npos || !cur->is_array()) return;
      std::size_t idx = std::stoul(path.substr(i + 1, close - i - 1));
      if (idx >= cur->size()) return;
      cur = &(*cur)[idx];
      i = close + 1;
    }
    if (i < path.size() && path[i] == '.') ++i;
  }
}

// The string member k of obj ("apiVersion", "kind"): null when absent; a member of
// another type fails as Json::value does.
Json* type_member(Json& obj, std::string_view k) {
  auto& members = obj.get_ref<Json::object_t&>();
  auto it = members.find(k);
  if (it == members.end()) return nullptr;
  if (!it->second.is_string()) (void)obj.value(std::string(k), std::string());  // throws nlohmann's type_error
  return &it->second;
}

std::string_view text_of(const Json* member) {
  return member ? std::string_view(member->get_ref<const std::string&>()) : std::string_view();
}

// Sets the member found (or not) by type_member to v, unless it holds v already.
void set_type_member(Json& obj, Json* member, std::string_view k, std::string_view v) {
  if (!member) set_member(obj, k, std::string(v));
  else if (text_of(member) != v) *member = std::string(v);
}

}  // namespace

// One lookup per member: this runs for every create and update.
void check_type_meta(const ResourceInfo& res, Json& obj) {
  Json* api_version_member = type_member(obj, "apiVersion");
  Json* kind_member = type_member(obj, "kind");
  const std::string_view api_version = text_of(api_version_member), kind = text_of(kind_member);
  std::string served_storage;
  const std::string_view served =
      res.group.empty() ? std::string_view(res.version) : std::string_view(served_storage = res.api_version());
  if (!api_version.empty() && api_version != served) {
    throw ApiError::bad_request("the API version in the data (" + std::string(api_version) +
                                ") does not match the expected API version (" + std::string(served) + ")");
  }
  if (!kind.empty() && kind != res.kind) {
    throw ApiError::bad_request("the kind in the data (" + std::string(kind) + ") does not match the expected kind (" +
                                res.kind + ")");
  }
  set_type_member(obj, api_version_member, "apiVersion", served);
  set_type_member(obj, kind_member, "kind", res.kind);
}

bool check_fields(const ResourceInfo& res, Json& obj, FieldValidation mode, std::vector<std::string>& warnings,
                  std::span<const Json* const> skip) {
  std::vector<DecodeIssue> issues = check_against_schema(res, obj, skip);
  if (issues.empty()) return true;
  std::vector<DecodeIssue> wrong_types, unknown;
  for (auto& i : issues) (i.kind == DecodeIssue::WrongType ? wrong_types : unknown).push_back(i);
  // Strict: one message, chosen as Go's decoder would (a fatal type error wins).
  if (mode == FieldValidation::Strict) throw ApiError::bad_request(decode_error_message(res, issues));
  // A wrong type can never be decoded, whatever the validation mode.
  if (!wrong_types.empty()) throw ApiError::bad_request(decode_error_message(res, wrong_types));
  if (mode == FieldValidation::Warn)
    for (const auto& i : unknown) warnings.push_back(i.message);
  // Like kube's decoder, unknown fields do not survive into the stored object.
  for (const auto& i : unknown)
    if (i.kind == DecodeIssue::UnknownField) erase_path(obj, i.path);
  return false;
}

}  // namespace kt::api
