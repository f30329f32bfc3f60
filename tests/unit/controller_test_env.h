// A small cluster for the client-library and controller tests: a simulator, an API
// server with NamespaceLifecycle admission, the "default" namespace, and helpers.
#pragma once

#include <memory>
#include <string>

#include "core/admission/namespace_lifecycle.h"
#include "core/api/apiserver.h"

namespace kt::testenv {

inline constexpr sim::Time kStart{1736931600LL * 1000000};  // 2025-01-15T09:00:00Z

struct Env {
  sim::Simulator sim{kStart};
  api::ApiServer api;

  explicit Env(std::uint64_t seed = 1, api::ApiServer::Config cfg = {}) : api(sim, sim::Random(seed), cfg) {
    api.add_admission(std::make_unique<admission::NamespaceLifecycle>());
    ns("default");
  }

  const api::ResourceInfo& res(std::string_view group, std::string_view plural) { return api.resource(group, plural); }
  const api::ResourceInfo& pods() { return res("", "pods"); }
  const api::ResourceInfo& configmaps() { return res("", "configmaps"); }
  const api::ResourceInfo& namespaces() { return res("", "namespaces"); }
  const api::ResourceInfo& replicasets() { return res("apps", "replicasets"); }

  // A namespace as the API server stores one (finalizer "kubernetes", phase Active),
  // spelled out so the test does not depend on the namespace strategy's defaults.
  api::ObjectPtr ns(const std::string& name) {
    return api.create(namespaces(), "", {{"apiVersion", "v1"}, {"kind", "Namespace"},
                                         {"metadata", {{"name", name}}},
                                         {"spec", {{"finalizers", {"kubernetes"}}}},
                                         {"status", {{"phase", "Active"}}}});
  }
  api::ObjectPtr configmap(const std::string& ns, const std::string& name, Json data = Json::object(),
                           Json labels = Json::object()) {
    Json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", data}};
    if (!labels.empty()) cm["metadata"]["labels"] = labels;
    return api.create(configmaps(), ns, cm);
  }
  static Json owner_ref(const api::ObjectPtr& owner, bool controller = true, bool block = true) {
    return {{"apiVersion", (*owner)["apiVersion"]}, {"kind", (*owner)["kind"]}, {"name", api::meta::name(*owner)},
            {"uid", api::meta::uid(*owner)}, {"controller", controller}, {"blockOwnerDeletion", block}};
  }
  api::ObjectPtr replicaset(const std::string& ns, const std::string& name) {
    Json rs = {{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"metadata", {{"name", name}}},
               {"spec", {{"replicas", 2},
                         {"selector", {{"matchLabels", {{"app", name}}}}},
                         {"template", {{"metadata", {{"labels", {{"app", name}}}}},
                                       {"spec", {{"containers", {{{"name", "c"}, {"image", "nginx"}}}}}}}}}}};
    return api.create(replicasets(), ns, rs);
  }
  api::ObjectPtr pod(const std::string& ns, const std::string& name, Json owner_refs = nullptr,
                     Json extra_meta = Json::object()) {
    Json p = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}}},
              {"spec", {{"containers", {{{"name", "c"}, {"image", "nginx"}}}}}}};
    if (!owner_refs.is_null()) p["metadata"]["ownerReferences"] = owner_refs;
    p["metadata"].update(extra_meta);
    return api.create(pods(), ns, p);
  }
  api::ObjectPtr get(const api::ResourceInfo& r, const std::string& ns, const std::string& name) {
    return api.try_get(r, ns, name);
  }
  void settle(sim::Duration d = sim::seconds(1)) { sim.run_for(d); }
};

}  // namespace kt::testenv
