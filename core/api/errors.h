// API errors as Kubernetes reports them: a metav1.Status with code, reason, message
// and details. The message formats are apimachinery's (pkg/api/errors, and
// pkg/util/validation/field for field errors), so every client, including the real
// kubectl, prints the real text, e.g.
//   Error from server (NotFound): pods "nope" not found
//   The Pod "x" is invalid: spec.containers: Required value
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/api/json.h"

namespace kt::api {

// A validation failure on one field (field.Error).
struct FieldError {
  enum class Type { Required, Invalid, Unsupported, Duplicate, Forbidden, TooLong, TooMany, NotFound, Internal };
  Type type;
  std::string field;          // "spec.template.spec.containers[0].image"
  Json value;                 // the bad value; null when not shown (Required, Forbidden)
  std::string detail;         // free text after the type
  std::vector<std::string> supported;  // Unsupported: the accepted values
  bool has_value = false;     // Invalid/Unsupported/Duplicate/NotFound show the value

  static FieldError required(std::string field, std::string detail = {});
  static FieldError invalid(std::string field, Json value, std::string detail);
  static FieldError unsupported(std::string field, Json value, std::vector<std::string> supported);
  static FieldError duplicate(std::string field, Json value);
  static FieldError forbidden(std::string field, std::string detail);
  static FieldError too_long(std::string field, std::size_t max);
  static FieldError not_found(std::string field, Json value);

  std::string reason() const;       // "FieldValueRequired", ...
  std::string type_text() const;    // "Required value", ...
  std::string body() const;         // "Required value: detail" (no field prefix)
  std::string to_string() const;    // "spec.containers: Required value"
};
using FieldErrors = std::vector<FieldError>;

// Thrown by the API server and everything under it. Carries the whole Status.
class ApiError : public std::runtime_error {
 public:
  ApiError(int code, std::string reason, std::string message, Json details = Json::object());

  int code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  const Json& details() const { return details_; }
  Json status() const;  // the metav1.Status object

  // `resource` is the group-qualified plural as Kubernetes prints it: "pods",
  // "deployments.apps". `kind` for Invalid is the group-qualified kind: "Pod",
  // "Deployment.apps".
  static ApiError not_found(const std::string& resource, const std::string& name);
  static ApiError already_exists(const std::string& resource, const std::string& name);
  static ApiError conflict(const std::string& resource, const std::string& name, const std::string& why);
  static ApiError conflict_modified(const std::string& resource, const std::string& name);
  static ApiError invalid(const std::string& kind, const std::string& name, const FieldErrors& errs);
  static ApiError bad_request(const std::string& message);
  static ApiError forbidden(const std::string& resource, const std::string& name, const std::string& why);
  static ApiError method_not_supported(const std::string& resource, const std::string& action);
  static ApiError expired(const std::string& message);  // 410 Gone, reason Expired
  static ApiError internal(const std::string& message);
  static ApiError unsupported_media_type(const std::string& content_type);
  static ApiError timeout(const std::string& message);

 private:
  int code_;
  std::string reason_;
  std::string message_;
  Json details_;
};

// Splits "deployments.apps" into {group "apps", resource "deployments"}.
std::pair<std::string, std::string> split_group_resource(const std::string& qualified);

}  // namespace kt::api
