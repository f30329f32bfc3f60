// pods/eviction (policy/v1 Eviction) as kube-apiserver v1.32 serves it: deletes the
// pod unless a PodDisruptionBudget forbids it (429 TooManyRequests "Cannot evict pod
// as it would violate the pod's disruption budget."); a permitted eviction spends one
// of the budget's disruptionsAllowed. Returns the pod as the deletion left it.
#pragma once

#include "core/api/apiserver.h"

namespace kt::api {

ObjectPtr evict_pod(ApiServer& api, std::string_view ns, std::string_view name, const DeleteOptions& opts = {});

}  // namespace kt::api
