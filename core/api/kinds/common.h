// Shared pieces of the per-kind strategies (core/api/kinds/*.cpp): JSON access that
// tolerates missing parents, field paths as kube prints them, Go's %#v rendering of
// the values apimachinery's field errors show, and the small validators many kinds use
// (ObjectMeta labels/annotations/finalizers, ports, non-negative numbers, immutable
// fields).
//
// Field error values: field.Error prints Go values with %#v unless they are strings,
// numbers, bools or Stringers, so a label map shows as
//   Invalid value: map[string]string{"app":"y"}
// Those renderings are built here as text and carried by invalid_raw().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/errors.h"
#include "core/api/json.h"

namespace kt::api::kinds {

// ---- JSON access -----------------------------------------------------------------
// The member `key` of an object, or a shared null.
const Json& get(const Json& obj, std::string_view key);
// Present and not null.
bool has(const Json& obj, std::string_view key);
// The member as a string ("" when absent or not a string).
std::string str(const Json& obj, std::string_view key);
// The member as an integer, or nullopt when absent/not an integer.
std::optional<std::int64_t> integer(const Json& obj, std::string_view key);
// strconv.Atoi on a 64-bit platform: nullopt when not an integer or out of range.
std::optional<std::int64_t> atoi64(std::string_view s);
// Go's len() of a JSON value: array/object size, string length, 0 for null.
std::size_t len(const Json& v);
// The member `key` of `obj`, created as an object when absent or null.
Json& object_at(Json& obj, std::string_view key);
// Sets obj[key] = value when the member is absent or null.
void set_default(Json& obj, std::string_view key, Json value);
// Sets obj[key] = value when the member is absent, null, or "" / 0 (Go zero values).
void set_if_zero(Json& obj, std::string_view key, Json value);

// ---- field paths ------------------------------------------------------------------
std::string child(const std::string& path, std::string_view name);  // a.b
std::string index(const std::string& path, std::size_t i);          // a[0]
std::string key(const std::string& path, std::string_view k);       // a[k]

// ---- Go %#v renderings ------------------------------------------------------------
std::string go_quote(std::string_view s);
// map[string]string{"a":"b", "c":"d"}; map[string]string(nil) for null.
std::string go_string_map(const Json& m);
// []string{"a", "b"}; []string(nil) for null.
std::string go_string_slice(const Json& a, std::string_view type = "[]string");
// v1.LabelSelector{MatchLabels:..., MatchExpressions:...} (the dereferenced pointer);
// "null" (quoted, as field.Error prints a nil pointer) for null.
std::string go_label_selector(const Json& sel);
// intstr.IntOrString's String(): 25% or 3.
std::string go_int_or_string(const Json& v);

// ---- field errors -----------------------------------------------------------------
// Invalid value whose bad value is already rendered (not quoted again).
FieldError invalid_raw(std::string field, std::string rendered, std::string detail);
// Unsupported value whose bad value is already rendered.
FieldError unsupported_raw(std::string field, std::string rendered, const std::vector<std::string>& supported);
// Duplicate value whose bad value is already rendered.
FieldError duplicate_raw(std::string field, std::string rendered);
// A string field value as it is printed (strings quoted).
Json str_value(const Json& v);
void append(FieldErrors& to, FieldErrors from);
// Drops repeated messages, as ErrorList.ToAggregate does when kube runs overlapping
// validators (e.g. ValidateX and ValidateXUpdate both checking labels).
void dedup(FieldErrors& errs);

inline constexpr std::string_view kFieldImmutable = "field is immutable";
inline constexpr std::string_view kNegative = "must be greater than or equal to 0";

// ---- validators -------------------------------------------------------------------
// ValidateNonnegativeField for an integer member (absent: no error).
void validate_nonnegative(const Json& value, const std::string& path, FieldErrors& errs);
// validation.IsValidPortNum / IsValidPortName / IsValidPercent / IsConfigMapKey / IsEnvVarName.
std::vector<std::string> is_valid_port_num(std::int64_t port);
std::vector<std::string> is_valid_port_name(std::string_view name);
std::vector<std::string> is_valid_percent(std::string_view s);
std::vector<std::string> is_config_map_key(std::string_view key);
std::vector<std::string> is_relaxed_env_var_name(std::string_view name);
// IsValidPathSegmentName: the names of RBAC objects.
std::vector<std::string> is_valid_path_segment_name(std::string_view name);
// IsValidIP (v1.32 wording, without the legacy-leading-zero rules).
std::vector<std::string> is_valid_ip(std::string_view ip);
bool parse_ipv4(std::string_view s, unsigned char out[4]);
bool is_ipv6(std::string_view s);
// ValidatePortNumOrName on an IntOrString member.
void validate_port_num_or_name(const Json& v, const std::string& path, FieldErrors& errs);
// ValidateDNS1123Label/Subdomain/QualifiedName on a string value, errors at `path`.
void validate_dns_label(const std::string& value, const std::string& path, FieldErrors& errs);
void validate_dns_subdomain(const std::string& value, const std::string& path, FieldErrors& errs);
void validate_qualified_name(const std::string& value, const std::string& path, FieldErrors& errs);

// helper.IsStandardResourceName / IsStandardContainerResourceName / IsNativeResource /
// IsExtendedResourceName / IsIntegerResourceName.
bool is_standard_resource_name(const std::string& name);
bool is_standard_container_resource_name(const std::string& name);
bool is_native_resource_name(const std::string& name);
bool is_extended_resource_name(const std::string& name);
bool is_integer_resource_name(const std::string& name);

// ValidateAnnotations: keys are qualified names (lowercased), total size <= 256 KiB.
FieldErrors validate_annotations(const Json& annotations, std::string_view path);

// The parts of ValidateObjectMeta the generic server does not do itself (it checks
// metadata.name): labels, annotations, finalizers. `core_finalizers` adds the core
// group's "standard finalizer name or fully qualified" check.
enum class Finalizers { Generic, Core };
FieldErrors validate_object_meta(const Json& obj, Finalizers finalizers = Finalizers::Generic);
// ValidateObjectMetaUpdate's checks on the new metadata (labels, annotations).
FieldErrors validate_object_meta_update(const Json& obj, const Json& old, Finalizers finalizers = Finalizers::Generic);

// ValidateImmutableField with a pre-rendered value: Invalid value: <rendered>: field is immutable.
void immutable(const Json& now, const Json& before, const std::string& path, const std::string& rendered,
               FieldErrors& errs);
// The same for a plain string/number member (value printed as Go prints it).
void immutable_value(const Json& now, const Json& before, const std::string& path, FieldErrors& errs);

// The status a kind's PrepareForCreate leaves (status cleared to its zero value).
void reset_status(Json& obj, Json zero = Json::object());

}  // namespace kt::api::kinds
