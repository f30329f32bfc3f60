// Field selectors as apimachinery's pkg/fields has them (selector.go), and the fields
// each kind exposes to them (the registries' ToSelectableFields / GetAttrs, and the
// field-label conversion functions that decide which ones the API server accepts).
//
// Syntax (`kubectl get --field-selector`, `?fieldSelector=`):
//   status.phase=Running,spec.nodeName!=node-1      metadata.name==web-0
// Terms are comma-separated; in a value `\,` `\=` and `\\` escape the special characters.
// A field an object lacks reads as "" (fields.Set.Get), so `spec.nodeName=` selects
// unscheduled pods.
//
// Parse failures throw std::invalid_argument with the real text, e.g.
//   invalid selector: 'foo'; can't understand 'foo'
//   invalid field selector: invalid escape sequence: \x
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/json.h"

namespace kt::api {

struct FieldRequirement {
  enum class Op { Equals, NotEquals };
  std::string field;
  Op op = Op::Equals;
  std::string value;  // unescaped
  bool operator==(const FieldRequirement&) const = default;
};

class FieldSelector {
 public:
  using Requirement = FieldRequirement;
  using Getter = std::function<std::optional<std::string>(std::string_view field)>;

  FieldSelector() = default;  // Everything()

  // fields.ParseSelector. Throws std::invalid_argument with the real message.
  static FieldSelector parse(std::string_view selector);

  // `get` answers a field's value; nullopt (absent) compares as "".
  bool matches(const Getter& get) const;
  // Convenience: matches(obj) with field_value(obj, ·).
  bool matches_object(const Json& obj) const;
  bool empty() const { return reqs_.empty(); }
  // Terms sorted as parsed, joined by ","; values re-escaped ("a=b\,c").
  std::string to_string() const;
  std::vector<Requirement> requirements() const { return reqs_; }
  // RequiresExactMatch: the value an `=`/`==` term on `field` demands.
  std::optional<std::string> requires_exact_match(std::string_view field) const;

 private:
  std::vector<Requirement> reqs_;  // in the order of the sorted terms
};

// fields.EscapeValue: `\` -> `\\`, `,` -> `\,`, `=` -> `\=`.
std::string escape_field_value(std::string_view value);

// The value field selectors see for `field` of `obj` (dispatching on obj["kind"]):
// metadata.name and metadata.namespace for every kind, plus the kind-specific fields
// kube-apiserver indexes (Pod spec.nodeName, status.phase, ...; Event involvedObject.*,
// reason, source, type, ...; Node spec.unschedulable; Secret type; Namespace
// status.phase; ReplicaSet/ReplicationController status.replicas; Job
// status.successful; Service spec.clusterIP, spec.type). Booleans read "true"/"false",
// counts in decimal, absent strings "". nullopt for a field the kind does not expose.
std::optional<std::string> field_value(const Json& obj, std::string_view field);

// Whether the API server accepts `field` in a field selector on `resource` (plural,
// optionally group-qualified: "pods", "jobs.batch", "replicasets.apps").
bool field_supported(std::string_view resource, std::string_view field);
// The API server's error for an unsupported field (the field-label conversion error),
// or nullopt when supported:
//   pods, nodes, events, ...:   field label not supported: foo
//   jobs:                       field label "foo" not supported for batchv1.Job
//   other kinds:                "foo" is not a known field selector: only "metadata.name", "metadata.namespace"
std::optional<std::string> field_label_error(std::string_view resource, std::string_view field);
// The field a supported label names after conversion (pods: "spec.host" -> "spec.nodeName").
std::string canonical_field_label(std::string_view resource, std::string_view field);

}  // namespace kt::api
