// A cluster for the workload controller tests: testenv::Env plus the ReplicaSet,
// ReplicationController and Deployment controllers on one informer factory, and a
// stand-in kubelet (there is no scheduler or kubelet here): it binds pending pods
// to a node and reports them Running and Ready, and finishes graceful deletions.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/client/informer.h"
#include "core/controllers/controller_utils.h"
#include "core/controllers/deployment/deployment_controller.h"
#include "core/controllers/replicaset/replica_set.h"
#include "core/util/timefmt.h"
#include "tests/unit/controller_test_env.h"

namespace kt::testenv {

struct WorkloadEnv : Env {
  client::SharedInformerFactory factory{api};
  controllers::ReplicaSetController rsc{api, factory, controllers::ReplicaSetKind::replica_sets()};
  controllers::ReplicaSetController rcc{api, factory, controllers::ReplicaSetKind::replication_controllers()};
  controllers::DeploymentController dc{api, factory};

  WorkloadEnv() {
    factory.start();
    rsc.start();
    rcc.start();
    dc.start();
  }

  const api::ResourceInfo& deployments() { return res("apps", "deployments"); }
  const api::ResourceInfo& rcs() { return res("", "replicationcontrollers"); }

  static Json pod_template(const std::string& app, const std::string& image) {
    Json containers = Json::array();
    containers.push_back({{"name", "app"}, {"image", image}});
    return {{"metadata", {{"labels", {{"app", app}}}}}, {"spec", {{"containers", containers}}}};
  }
  api::ObjectPtr make_replicaset(const std::string& name, int replicas, Json extra_spec = Json::object()) {
    Json rs = {{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"metadata", {{"name", name}}},
               {"spec", {{"replicas", replicas}, {"selector", {{"matchLabels", {{"app", name}}}}},
                         {"template", pod_template(name, "nginx:1.27")}}}};
    rs["spec"].update(extra_spec);
    return api.create(replicasets(), "default", rs);
  }
  api::ObjectPtr make_deployment(const std::string& name, int replicas, const std::string& image,
                                 Json extra_spec = Json::object()) {
    Json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", name}}},
              {"spec", {{"replicas", replicas}, {"selector", {{"matchLabels", {{"app", name}}}}},
                        {"template", pod_template(name, image)}}}};
    d["spec"].update(extra_spec);
    return api.create(deployments(), "default", d);
  }
  // Reads, edits and writes back an object (a kubectl edit).
  template <typename F>
  api::ObjectPtr edit(const api::ResourceInfo& r, const std::string& name, F&& change) {
    Json obj = *api.get(r, "default", name);
    change(obj);
    return api.update(r, "default", std::move(obj));
  }
  api::ObjectPtr set_image(const std::string& deploy, const std::string& image) {
    return edit(deployments(), deploy, [&](Json& d) { d["spec"]["template"]["spec"]["containers"][0]["image"] = image; });
  }

  std::vector<api::ObjectPtr> all_pods() { return api.list(pods(), "default").items; }
  // Pods that count: not terminal, not being deleted.
  std::vector<api::ObjectPtr> active_pods() {
    std::vector<api::ObjectPtr> out;
    for (auto& p : all_pods())
      if (controllers::is_pod_active(*p)) out.push_back(p);
    return out;
  }
  std::vector<api::ObjectPtr> owned_by(const api::ObjectPtr& owner) {
    std::vector<api::ObjectPtr> out;
    for (auto& p : active_pods()) {
      const Json* ref = api::meta::controller_ref(*p);
      if (ref && ref->value("uid", "") == api::meta::uid(*owner)) out.push_back(p);
    }
    return out;
  }

  // The kubelet's part for one pod: scheduled on `node`, Running, and Ready now.
  api::ObjectPtr start_pod(const std::string& name, const std::string& node = "node-1", bool ready = true) {
    if (api::str_field(*api.get(pods(), "default", name), {"spec", "nodeName"}).empty())
      api.bind_pod("default", name, node);
    Json pod = *api.get(pods(), "default", name);
    const std::string now = api.now_rfc3339();
    Json conds = Json::array();
    for (const char* type : {"Initialized", "ContainersReady", "Ready"})
      conds.push_back({{"type", type}, {"status", ready || std::string(type) == "Initialized" ? "True" : "False"},
                       {"lastProbeTime", nullptr}, {"lastTransitionTime", now}});
    conds.push_back({{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr},
                     {"lastTransitionTime", now}});
    pod["status"]["phase"] = "Running";
    pod["status"]["conditions"] = conds;
    pod["status"]["startTime"] = now;
    api::WriteOptions o;
    o.subresource = "status";
    return api.update(pods(), "default", std::move(pod), o);
  }
  // One pass of the stand-in kubelet over every pod.
  void kubelet() {
    for (const auto& p : all_pods()) {
      const std::string name = api::meta::name(*p);
      if (api::meta::being_deleted(*p)) {
        api::DeleteOptions o;
        o.grace_period_seconds = 0;
        api.remove(pods(), "default", name, o);
      } else if (api::str_field(*p, {"status", "phase"}) == "Pending") {
        start_pod(name);
      }
    }
  }
  // Controllers settle, the kubelet acts, controllers settle again, `rounds` times.
  void run_cluster(int rounds = 1) {
    for (int i = 0; i < rounds; ++i) {
      settle();
      kubelet();
      settle();
    }
  }

  std::vector<api::ObjectPtr> replicasets_now() { return api.list(replicasets(), "default").items; }
  // Messages of the Events about `name`, oldest first.
  std::vector<std::string> events_for(const std::string& name, const std::string& reason = "") {
    std::vector<api::ObjectPtr> evs = api.list(res("", "events"), "default").items;
    std::sort(evs.begin(), evs.end(), [](const api::ObjectPtr& a, const api::ObjectPtr& b) {
      return api::meta::resource_version(*a) < api::meta::resource_version(*b);
    });
    std::vector<std::string> out;
    for (const auto& e : evs)
      if (api::str_field(*e, {"involvedObject", "name"}) == name &&
          (reason.empty() || api::str_field(*e, {"reason"}) == reason))
        out.push_back(api::str_field(*e, {"message"}));
    return out;
  }
};

inline const Json* condition(const Json& obj, const std::string& type) {
  const Json& conds = api::field(obj, {"status", "conditions"});
  if (!conds.is_array()) return nullptr;
  for (const auto& c : conds)
    if (c.value("type", "") == type) return &c;
  return nullptr;
}

}  // namespace kt::testenv
