// What the create path has already checked, so that an identical part is not checked
// again. Controllers create many objects from one template (all the pods of a
// ReplicaSet, a Job, a DaemonSet): their metadata as sent (generateName, labels,
// owner) and their specs are the same, and checking a member against the schema,
// a pod's defaulting or validatePodSpec read nothing but that member. Per resource,
// the memo keeps
//   - the last members (metadata, spec, ...) that decoded cleanly as sent (no
//     unknown field, no wrong type), and the spec's defaulted form (pods: the
//     strategy says which kinds default their spec alone, strategy.h);
//   - the last stored object whose spec passed validation (pods: the strategy says
//     which kinds validate their spec alone, strategy.h), and with it the status
//     that the kind's prepare_for_create made from that spec (pods again).
// A create whose spec is identical (json_identical.h: same types, same bits) skips
// that check. Only clean outcomes are remembered, so a create with the memo answers
// exactly as one without it, errors and warnings included.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <unordered_map>

#include "core/api/json.h"
#include "core/api/object.h"
#include "core/api/resources.h"

namespace kt::api {

class CreateMemo {
 public:
  // Members of an object being created (by address).
  class Members {
   public:
    bool has(const Json* m) const;
    void add(const Json* m);
    std::span<const Json* const> all() const { return {at_.data(), n_}; }

   private:
    std::array<const Json*, 4> at_{};
    std::size_t n_ = 0;
  };

  // The object and array members of `obj` identical to the ones of the same name
  // that last decoded cleanly for `res`.
  Members decoded(const ResourceInfo& res, const Json& obj) const;
  // After a clean decode of `obj`: remembers copies of its object and array members
  // but those in `known` (a new spec forgets the defaulted form of the one before).
  void remember_decoded(const ResourceInfo& res, const Json& obj, const Members& known);
  // The defaulted form of the last spec that decoded cleanly, once remembered: a
  // frozen object, for borrow_frozen (json.h).
  const Json* defaulted(const ResourceInfo& res) const;
  void remember_defaulted(const ResourceInfo& res, const Json& spec);

  // The spec of the last object of `res` stored after passing validation when `spec`
  // is identical to it, else null.
  const Json* validated(const ResourceInfo& res, const Json& spec) const;
  // Remembers a stored object whose spec passed validation (the object is held, not copied).
  void remember_validated(const ResourceInfo& res, ObjectPtr stored);
  // The status of that object (frozen, for borrow_frozen), or null.
  const Json* validated_status(const ResourceInfo& res) const;

 private:
  struct Entry {
    Json decoded;          // members that decoded cleanly, by name; null until one did
    ObjectPtr defaulted;   // decoded spec's defaulted form (frozen), or null
    ObjectPtr validated;   // null until a validated create is remembered
    const Json* validated_spec = nullptr;    // its members, looked up once
    const Json* validated_status = nullptr;
  };
  const Entry* find(const ResourceInfo& res) const;

  std::unordered_map<const ResourceInfo*, Entry> entries_;
};

}  // namespace kt::api
