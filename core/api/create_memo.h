// What the create path has already checked, so that an identical part is not checked
// again. Controllers create many objects from one template (all the pods of a
// ReplicaSet, a Job, a DaemonSet): their specs are the same, and checking a spec
// against the schema, or a pod's spec against validatePodSpec, reads nothing but
// the spec. Per resource, the memo keeps
//   - the last spec that decoded cleanly as sent (no unknown field, no wrong type),
//     and its defaulted form (pods: the strategy says which kinds default their
//     spec alone, strategy.h);
//   - the last stored object whose spec passed validation (pods: the strategy says
//     which kinds validate their spec alone, strategy.h).
// A create whose spec is identical (json_identical.h: same types, same bits) skips
// that check. Only clean outcomes are remembered, so a create with the memo answers
// exactly as one without it, errors and warnings included.
#pragma once

#include <unordered_map>

#include "core/api/json.h"
#include "core/api/object.h"
#include "core/api/resources.h"

namespace kt::api {

class CreateMemo {
 public:
  // Whether `spec` is identical to the last spec of `res` that decoded cleanly.
  bool decoded(const ResourceInfo& res, const Json& spec) const;
  // Remembers a copy of a spec that decoded cleanly (and forgets the defaulted form
  // of the one before).
  void remember_decoded(const ResourceInfo& res, const Json& spec);
  // The defaulted form of the last spec that decoded cleanly, once remembered.
  const Json* defaulted(const ResourceInfo& res) const;
  void remember_defaulted(const ResourceInfo& res, const Json& spec);

  // Whether `spec` is identical to the spec of the last object of `res` stored
  // after passing validation.
  bool validated(const ResourceInfo& res, const Json& spec) const;
  // Remembers a stored object whose spec passed validation (the object is held, not copied).
  void remember_validated(const ResourceInfo& res, ObjectPtr stored);

 private:
  struct Entry {
    Json decoded;          // null until a clean decode is remembered
    Json defaulted;        // decoded's defaulted form, or null
    ObjectPtr validated;   // null until a validated create is remembered
  };
  const Entry* find(const ResourceInfo& res) const;

  std::unordered_map<const ResourceInfo*, Entry> entries_;
};

}  // namespace kt::api
