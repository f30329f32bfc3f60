// Adoption and release of dependents through ownerReferences, after
// pkg/controller/controller_ref_manager.go (BaseControllerRefManager.ClaimObject):
//
// For each candidate (same namespace as the controller):
//   - controlled by someone else                        → ignored;
//   - controlled by us and matching the selector        → claimed;
//   - controlled by us, not matching, not being deleted → released (our
//     controllerRef is patched away; the object is then an orphan, and a ReplicaSet
//     replaces a relabelled pod);
//   - orphan, matching, neither side being deleted      → adopted: a patch adds a
//     controllerRef (controller: true, blockOwnerDeletion: true), but only after
//     CanAdopt re-reads the controller from the API server (RecheckDeletionTimestamp):
//     a stale cache must not adopt for a controller that is being deleted.
// Adopt/release failures other than NotFound are collected; the caller retries.
#pragma once

#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/api/labels.h"

namespace kt::controllers {

struct ClaimResult {
  std::vector<api::ObjectPtr> claimed;
  std::string error;  // "" when every adoption/release went through
};

class ControllerRefManager {
 public:
  // `controller` is the owner as the cache has it; `owner_res` its resource (for the
  // fresh read); `child_res` the dependents' resource (pods, replicasets).
  ControllerRefManager(api::ApiServer& api, const api::ObjectPtr& controller, const api::ResourceInfo& owner_res,
                       const api::ResourceInfo& child_res, api::LabelSelector selector);

  ClaimResult claim(const std::vector<api::ObjectPtr>& candidates);

 private:
  // CanAdopt: the controller as the API server has it now still has our UID and
  // is not being deleted. Checked once per claim().
  std::string can_adopt();
  std::string adopt(const Json& child);
  std::string release(const Json& child);

  api::ApiServer& api_;
  api::ObjectPtr controller_;
  const api::ResourceInfo& owner_res_;
  const api::ResourceInfo& child_res_;
  api::LabelSelector selector_;
  bool adopt_checked_ = false;
  std::string adopt_error_;
};

// metav1.NewControllerRef.
Json new_controller_ref(const Json& owner);

}  // namespace kt::controllers
