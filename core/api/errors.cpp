#include "core/api/errors.h"

namespace kt::api {
namespace {

// Go's %v of a field value as field.Error prints it: strings quoted, numbers bare.
std::string value_text(const Json& v) {
  if (v.is_string()) return Json(v.get<std::string>()).dump();
  if (v.is_null()) return "null";
  return v.dump();
}

std::string join_quoted(const std::vector<std::string>& xs) {
  std::string out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i) out += ", ";
    out += Json(xs[i]).dump();
  }
  return out;
}

}  // namespace

FieldError FieldError::required(std::string field, std::string detail) {
  return {Type::Required, std::move(field), nullptr, std::move(detail), {}, false};
}
FieldError FieldError::invalid(std::string field, Json value, std::string detail) {
  return {Type::Invalid, std::move(field), std::move(value), std::move(detail), {}, true};
}
FieldError FieldError::unsupported(std::string field, Json value, std::vector<std::string> supported) {
  return {Type::Unsupported, std::move(field), std::move(value), {}, std::move(supported), true};
}
FieldError FieldError::duplicate(std::string field, Json value) {
  return {Type::Duplicate, std::move(field), std::move(value), {}, {}, true};
}
FieldError FieldError::forbidden(std::string field, std::string detail) {
  return {Type::Forbidden, std::move(field), nullptr, std::move(detail), {}, false};
}
FieldError FieldError::too_long(std::string field, std::size_t max) {
  return {Type::TooLong, std::move(field), nullptr,
          "may not be more than " + std::to_string(max) + " bytes", {}, false};
}
FieldError FieldError::not_found(std::string field, Json value) {
  return {Type::NotFound, std::move(field), std::move(value), {}, {}, true};
}

std::string FieldError::reason() const {
  switch (type) {
    case Type::Required: return "FieldValueRequired";
    case Type::Invalid: return "FieldValueInvalid";
    case Type::Unsupported: return "FieldValueNotSupported";
    case Type::Duplicate: return "FieldValueDuplicate";
    case Type::Forbidden: return "FieldValueForbidden";
    case Type::TooLong: return "FieldValueTooLong";
    case Type::TooMany: return "FieldValueTooMany";
    case Type::NotFound: return "FieldValueNotFound";
    case Type::Internal: return "InternalError";
  }
  return "FieldValueInvalid";
}

std::string FieldError::type_text() const {
  switch (type) {
    case Type::Required: return "Required value";
    case Type::Invalid: return "Invalid value";
    case Type::Unsupported: return "Unsupported value";
    case Type::Duplicate: return "Duplicate value";
    case Type::Forbidden: return "Forbidden";
    case Type::TooLong: return "Too long";
    case Type::TooMany: return "Too many";
    case Type::NotFound: return "Not found";
    case Type::Internal: return "Internal error";
  }
  return "Invalid value";
}

std::string FieldError::body() const {
  std::string s = type_text();
  if (has_value) s += ": " + value_text(value);
  if (type == Type::Unsupported && !supported.empty()) s += ": supported values: " + join_quoted(supported);
  if (!detail.empty()) s += ": " + detail;
  return s;
}

std::string FieldError::to_string() const { return field.empty() ? body() : field + ": " + body(); }

ApiError::ApiError(int code, std::string reason, std::string message, Json details)
    : std::runtime_error(message), code_(code), reason_(std::move(reason)),
      message_(std::move(message)), details_(std::move(details)) {}

Json ApiError::status() const {
  Json s = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()},
            {"status", "Failure"}, {"message", message_}, {"code", code_}};
  if (!reason_.empty()) s["reason"] = reason_;
  if (!details_.empty()) s["details"] = details_;
  return s;
}

std::pair<std::string, std::string> split_group_resource(const std::string& qualified) {
  auto dot = qualified.find('.');
  if (dot == std::string::npos) return {"", qualified};
  return {qualified.substr(dot + 1), qualified.substr(0, dot)};
}

namespace {
Json resource_details(const std::string& qualified, const std::string& name) {
  auto [group, resource] = split_group_resource(qualified);
  Json d = Json::object();
  if (!name.empty()) d["name"] = name;
  if (!group.empty()) d["group"] = group;
  d["kind"] = resource;
  return d;
}
}  // namespace

ApiError ApiError::not_found(const std::string& resource, const std::string& name) {
  return {404, "NotFound", resource + " \"" + name + "\" not found", resource_details(resource, name)};
}

ApiError ApiError::already_exists(const std::string& resource, const std::string& name) {
  return {409, "AlreadyExists", resource + " \"" + name + "\" already exists", resource_details(resource, name)};
}

ApiError ApiError::conflict(const std::string& resource, const std::string& name, const std::string& why) {
  return {409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
          resource_details(resource, name)};
}

ApiError ApiError::conflict_modified(const std::string& resource, const std::string& name) {
  return conflict(resource, name,
                  "the object has been modified; please apply your changes to the latest version and try again");
}

ApiError ApiError::invalid(const std::string& kind, const std::string& name, const FieldErrors& errs) {
  std::string agg;
  if (errs.size() == 1) {
    agg = errs[0].to_string();
  } else {
    agg = "[";
    for (std::size_t i = 0; i < errs.size(); ++i) agg += (i ? ", " : "") + errs[i].to_string();
    agg += "]";
  }
  Json causes = Json::array();
  for (const auto& e : errs) causes.push_back({{"reason", e.reason()}, {"message", e.body()}, {"field", e.field}});
  auto [group, k] = split_group_resource(kind);
  Json d = {{"name", name}, {"kind", k}, {"causes", causes}};
  if (!group.empty()) d["group"] = group;
  return {422, "Invalid", kind + " \"" + name + "\" is invalid: " + agg, d};
}

ApiError ApiError::bad_request(const std::string& message) { return {400, "BadRequest", message}; }

ApiError ApiError::forbidden(const std::string& resource, const std::string& name, const std::string& why) {
  std::string msg = name.empty() ? resource + " is forbidden: " + why
                                 : resource + " \"" + name + "\" is forbidden: " + why;
  return {403, "Forbidden", msg, resource_details(resource, name)};
}

ApiError ApiError::method_not_supported(const std::string& resource, const std::string& action) {
  return {405, "MethodNotAllowed", action + " is not supported on resources of kind \"" + resource + "\"",
          resource_details(resource, "")};
}

ApiError ApiError::expired(const std::string& message) { return {410, "Expired", message}; }

ApiError ApiError::internal(const std::string& message) {
  return {500, "InternalError", "Internal error occurred: " + message,
          {{"causes", Json::array({{{"message", message}}})}}};
}

ApiError ApiError::unsupported_media_type(const std::string& content_type) {
  return {415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got " + content_type + ")"};
}

ApiError ApiError::timeout(const std::string& message) { return {504, "Timeout", message}; }

}  // namespace kt::api
