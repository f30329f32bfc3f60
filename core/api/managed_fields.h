// Server-side apply and field ownership (metadata.managedFields), as kube-apiserver's
// field manager (sigs.k8s.io/structured-merge-diff) keeps them:
//  - an Apply records the fields of the applied configuration as owned by its
//    manager; applying a field another manager owns with a different value is a
//    409 Conflict ("Apply failed with 1 conflict: conflict with \"kubectl-create\"
//    using apps/v1: .spec.replicas") unless forced, which moves the ownership;
//  - a field the manager applied before and leaves out now is removed from the
//    object unless another manager owns it too;
//  - an Update (create, update, patch by a named manager) takes ownership of the
//    fields it changed.
// Field sets follow the list semantics of the strategic-merge table (lists merged
// by key are associative: `k:{"name":"nginx"}`; other lists are atomic).
//
// Sandbox limit: ownership is tracked for objects once something server-side
// applies them. Objects written only with create/update/patch carry no
// managedFields (kubectl hides them anyway), so their fields count as owned by
// "before-first-apply", as kube treats objects whose managedFields were cleared.
#pragma once

#include <string>

#include "core/api/json.h"
#include "core/api/patch.h"

namespace kt::api {

struct ApplyRequest {
  const Json* live = nullptr;  // null: the apply creates the object
  Json applied;                // the configuration sent
  std::string manager;         // fieldManager (required for apply)
  std::string api_version;     // of the request, e.g. "apps/v1"
  std::string now;             // RFC 3339
  bool force = false;
  bool has_status_subresource = false;
  patch::Strategy strategy;
};

// The object the apply produces, with metadata.managedFields updated. Throws
// ApiError 409 Conflict with kube's message on conflicts (not forced).
Json server_side_apply(const ApplyRequest& req);

// After an ordinary write by `manager` to an object that has managedFields: the
// changed fields move to the manager's Update entry. No-op for objects without
// managedFields or writes without a manager.
void track_update(Json& updated, const Json& old, const std::string& manager, const std::string& api_version,
                  const std::string& subresource, const std::string& now, bool has_status_subresource,
                  const patch::Strategy& strategy);

}  // namespace kt::api
