// The shape of every built-in kind: field names (json tags), types and descriptions as
// k8s.io/api v1.32 defines them, for the API server's strict decoding (unknown fields,
// wrong types) and, later, `kubectl explain`.
//
// The tables are generated (tools/gen_schema.py) from the v1.32.0 OpenAPI spec into
// core/api/schema_<group>.cpp; shared structs (ObjectMeta, PodSpec, Container, Volume,
// Probe, LabelSelector, PodTemplateSpec, ...) exist once and are referenced.
//
// Decoding facts (kube-apiserver, sigs.k8s.io/json, encoding/json):
//   * field names match case-sensitively; an unknown one is reported as
//     `unknown field "spec.template.spec.containers[0].imagee"` (list indexes shown);
//   * a value of the wrong JSON type stops decoding with Go's UnmarshalTypeError:
//     `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of
//     type int32` (the innermost struct's name, then the json names without indexes);
//     only the first such error is reported and it wins over unknown fields;
//   * null is accepted anywhere; map values of map[string]string must be strings;
//   * Quantity, IntOrString, Time and []byte fields decode with their own rules.
// The API server wraps the result (see decode_error_message):
//   `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error:
//   unknown field "spec.bogus", unknown field "spec.other"` (400 BadRequest), or under
//   fieldValidation=Warn turns each unknown field into a warning `unknown field "..."`.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/json.h"
#include "core/api/resources.h"

namespace kt::api {

struct SchemaNode;

struct SchemaField {
  std::string name;         // json name
  const SchemaNode* node = nullptr;
  std::string go_type;      // "int32", "[]v1.Container", "v1.RestartPolicy", "v1.ResourceList"
  std::string description;  // from the Go doc comment
  bool required = false;
};

struct SchemaNode {
  enum class Kind { String, Integer, Number, Boolean, Quantity, IntOrString, Time, Bytes, Map, Array, Object, Any };
  Kind kind = Kind::Any;
  std::string type_name;    // explain's name: "PodSpec", "string", "integer", "Quantity", ...
  std::string go_type;      // "v1.PodSpec", "int32", ...
  std::string description;  // objects: the type's doc comment
  const SchemaNode* elem = nullptr;  // Map and Array: the element
  std::vector<SchemaField> fields;   // Object: sorted by name
  // One key per field, in the same order: the name's first 8 bytes, big-endian, so
  // keys order as the names do. A lookup searches these 8-byte keys and compares
  // whole names only where keys are equal (the decode check looks up every member
  // of every object written). Empty: field() searches the names themselves.
  std::vector<std::uint64_t> field_keys;
  const SchemaField* field(std::string_view name) const;
};

struct DecodeIssue {
  enum Kind { UnknownField, DuplicateField, WrongType } kind;
  std::string path;     // "spec.containers[0].imagee" (WrongType: json names, no indexes)
  std::string message;  // `unknown field "spec.containers[0].imagee"`, `json: cannot unmarshal ...`
  bool fatal = false;   // a custom unmarshaler (Quantity, IntOrString, Time) failed: decoding
                        // stopped here, and this error wins over earlier ones
};

// The root schema of a kind (nullptr for kinds without one).
const SchemaNode* schema_for(const ResourceInfo& res);
// The node at a dotted path of json names ("spec.template.spec.containers.image");
// arrays and maps are stepped through implicitly, as `kubectl explain` does.
const SchemaNode* schema_at(const ResourceInfo& res, std::string_view dotted_path);
// The field at a dotted path (its description and Go type), or nullptr.
const SchemaField* schema_field_at(const ResourceInfo& res, std::string_view dotted_path);

// Every problem strict decoding finds, in document order. WrongType issues: the server
// reports only the first one, and then no unknown fields.
// `skip`: members of obj (by address) known to decode cleanly, left unchecked.
std::vector<DecodeIssue> check_against_schema(const ResourceInfo& res, const Json& obj,
                                              std::span<const Json* const> skip = {});

// `strict decoding error: unknown field "a", unknown field "b"` for the UnknownField and
// DuplicateField issues.
std::string strict_decoding_message(const std::vector<DecodeIssue>& issues);

// The BadRequest message kube-apiserver returns on create/update when decoding fails
// under fieldValidation=Strict: a fatal issue, else the first WrongType issue, else the
// strict decoding error; empty when there is nothing to report:
// `Deployment in version "v1" cannot be handled as a Deployment: <error>`.
std::string decode_error_message(const ResourceInfo& res, const std::vector<DecodeIssue>& issues);

}  // namespace kt::api
