// The admission chain the sandbox's API server runs, in kube-apiserver's order
// (pkg/kubeapiserver/options/plugins.go, AllOrderedPlugins) restricted to the
// plugins we implement:
//   NamespaceLifecycle, LimitRanger, ServiceAccount, DefaultTolerationSeconds, ResourceQuota
// Mutating plugins run first (in that order), then validating ones (same order).
#pragma once

#include <cstdint>

namespace kt::api {
class ApiServer;
}

namespace kt::admission {

// Adds the plugins above to `api`. `seed` seeds the ServiceAccount plugin's stream
// (kube-api-access-<suffix> volume names), forked by label so other draws never
// shift it.
void install_default_admission(api::ApiServer& api, std::uint64_t seed = 0);

}  // namespace kt::admission
