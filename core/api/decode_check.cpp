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

// Sets obj[k] = v unless it already holds v (assigning through operator[] to a member
// that is there still allocates a map node: this runs for every write).
void set_string_member(Json& obj, const char* k, const std::string& v) {
  auto it = obj.find(k);
  if (it != obj.end() && it->is_string() && it->get_ref<const std::string&>() == v) return;
  obj[k] = v;
}

// A string member as a view ("" when absent); a member of another type fails as
// Json::value does.
std::string_view text_member(const Json& obj, const char* k) {
  auto it = obj.find(k);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get_ref<const std::string&>();
  (void)obj.value(k, std::string());  // throws nlohmann's type_error, as reading it did before
  return {};
}

}  // namespace

void check_type_meta(const ResourceInfo& res, Json& obj) {
  const std::string_view api_version = text_member(obj, "apiVersion");
  const std::string_view kind = text_member(obj, "kind");
  const std::string served = res.api_version();
  if (!api_version.empty() && api_version != served) {
    throw ApiError::bad_request("the API version in the data (" + std::string(api_version) +
                                ") does not match the expected API version (" + served + ")");
  }
  if (!kind.empty() && kind != res.kind) {
    throw ApiError::bad_request("the kind in the data (" + std::string(kind) + ") does not match the expected kind (" +
                                res.kind + ")");
  }
  set_string_member(obj, "apiVersion", served);
  set_string_member(obj, "kind", res.kind);
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
