// Per-kind behaviour of the API server (kube-apiserver's "strategies", pkg/registry/*):
// defaulting (pkg/apis/<group>/v1/defaults.go), status handling on create/update,
// and validation (pkg/apis/<group>/validation) with the real messages.
// The generic server code handles metadata (uid, resourceVersion, generation,
// timestamps), status-subresource separation and name checks common to all kinds.
#pragma once

#include <string_view>

#include "core/api/errors.h"
#include "core/api/json.h"
#include "core/api/resources.h"

namespace kt::api {

class KindStrategy {
 public:
  virtual ~KindStrategy() = default;

  // v1 defaults, applied in place to every object the server decodes (create,
  // update, patch results), as kube-apiserver's decoder does.
  virtual void apply_defaults(Json& /*obj*/) const {}
  // On create: reset what clients may not set (e.g. status), fill derived fields.
  virtual void prepare_for_create(Json& /*obj*/) const {}
  // On update of the main resource: `obj` is the new object, `old` the stored one.
  // (The generic code already restores status for kinds with a status subresource.)
  virtual void prepare_for_update(Json& /*obj*/, const Json& /*old*/) const {}
  // Object validation on create. Paths as kube prints them: "spec.replicas".
  virtual FieldErrors validate(const Json& /*obj*/) const { return {}; }
  // Kinds whose apply_defaults changes nothing but "spec", as a function of the spec
  // alone (pods), say so: the server then reuses the defaulted form of the last spec
  // sent (create_memo.h) for an identical one.
  virtual bool defaults_spec_alone() const { return false; }
  // Kinds whose create validation of "spec" reads the spec and nothing else (pods)
  // say so; the server then remembers the last spec that passed (create_memo.h) and,
  // for an identical one, calls validate_create(obj, true), which skips those checks.
  // Their prepare_for_create must leave the spec as it is (the server compares the
  // spec with the remembered one before it).
  virtual bool validates_spec_alone() const { return false; }
  // Kinds whose prepare_for_create sets "status" from the spec alone and changes
  // nothing else (pods: phase Pending and the QoS class) say so; a create whose spec
  // is identical to the remembered validated one then takes that object's status.
  virtual bool prepares_status_from_spec_alone() const { return false; }
  virtual FieldErrors validate_create(const Json& obj, bool /*spec_known_valid*/) const { return validate(obj); }
  // Validation on update, including immutable-field checks.
  virtual FieldErrors validate_update(const Json& obj, const Json& /*old*/) const { return validate(obj); }
  // Name validation for metadata.name (most kinds: DNS-1123 subdomain).
  // Returns the messages (without the field prefix) for an invalid name.
  virtual std::vector<std::string> validate_name(std::string_view name) const;
};

// The strategy for a resource; a default (no-op, DNS-subdomain names) one for
// kinds that have none of their own.
const KindStrategy& strategy_for(const ResourceInfo& res);

}  // namespace kt::api
