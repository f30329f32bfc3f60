#include "core/kubectl/pod_target.h"

#include <algorithm>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/sandbox.h"

namespace kt::kubectl {

api::ObjectPtr pod_for_workload(Invocation& inv, const api::ResourceInfo& res, const std::string& name,
                                std::string& note, std::string& error) {
  auto& api = inv.sb.api();
  const std::string ns = inv.ns();
  auto owner = api.try_get(res, res.namespaced ? ns : "", name);
  if (!owner) {
    error = "Error from server (NotFound): " + res.qualified() + " \"" + name + "\" not found\n";
    return nullptr;
  }
  const Json& sel = api::field(*owner, {"spec", "selector"});
  api::LabelSelector selector;
  try {
    selector = sel.contains("matchLabels") || sel.contains("matchExpressions") ? api::LabelSelector::from_json(sel)
                                                                              : api::LabelSelector::from_set(sel);
  } catch (const std::exception&) {
    error = "error: cannot attach to " + res.kind + ": selector for " + res.kind + " is not valid\n";
    return nullptr;
  }
  std::vector<api::ObjectPtr> pods;
  for (const auto& p : api.list(api.resource("", "pods"), ns).items)
    if (selector.matches(api::meta::labels(*p))) pods.push_back(p);
  if (pods.empty()) {
    error = "error: timed out waiting for the condition\n";
    return nullptr;
  }
  std::stable_sort(pods.begin(), pods.end(), [](const api::ObjectPtr& a, const api::ObjectPtr& b) {
    const bool ra = api::str_field(*a, {"status", "phase"}) == "Running";
    const bool rb = api::str_field(*b, {"status", "phase"}) == "Running";
    if (ra != rb) return ra;
    return api::str_field(*a, {"metadata", "creationTimestamp"}) > api::str_field(*b, {"metadata", "creationTimestamp"});
  });
  if (pods.size() > 1)
    note = "Found " + std::to_string(pods.size()) + " pods, using pod/" + api::meta::name(*pods[0]) + "\n";
  return pods[0];
}

PodTarget find_pod_target(Invocation& inv, const std::string& target, std::string container) {
  PodTarget t;
  auto& api = inv.sb.api();
  const std::string ns = inv.ns();
  std::string name = target;
  if (auto slash = target.find('/'); slash != std::string::npos) {
    const api::ResourceInfo* res = api.registry().resolve(target.substr(0, slash));
    if (!res) {
      t.error = "error: the server doesn't have a resource type \"" + target.substr(0, slash) + "\"\n";
      return t;
    }
    name = target.substr(slash + 1);
    // AttachablePodForObject knows these kinds' selectors; others it names by Go type.
    static const std::vector<std::string> kinds = {"ReplicationController", "ReplicaSet", "Deployment", "DaemonSet",
                                                   "StatefulSet",           "Job",        "Service"};
    if (res->plural != "pods" && std::find(kinds.begin(), kinds.end(), res->kind) == kinds.end()) {
      if (!api.try_get(*res, res->namespaced ? ns : "", name)) {
        t.error = "Error from server (NotFound): " + res->qualified() + " \"" + name + "\" not found\n";
        return t;
      }
      const std::string type = "*" + res->version + "." + res->kind;
      t.error = "error: cannot attach to " + type + ": selector for " + type + " not implemented\n";
      return t;
    }
    if (res->plural != "pods") {
      std::string note;  // exec and attach do not say which pod they chose
      t.pod = pod_for_workload(inv, *res, name, note, t.error);
      if (!t.pod) return t;
    }
  }
  if (!t.pod) t.pod = api.try_get(api.resource("", "pods"), ns, name);
  if (!t.pod) {
    t.error = "Error from server (NotFound): pods \"" + name + "\" not found\n";
    return t;
  }
  if (container.empty()) {
    std::vector<std::string> names;
    if (const Json& cs = api::field(*t.pod, {"spec", "containers"}); cs.is_array())
      for (const auto& c : cs) names.push_back(c.value("name", std::string()));
    container = api::str_field(*t.pod, {"metadata", "annotations", "kubectl.kubernetes.io/default-container"});
    if (container.empty() && !names.empty()) container = names[0];
    if (names.size() > 1) {
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      t.note = "Defaulted container \"" + container + "\" out of: " + all + "\n";
    }
  }
  t.container = container;
  return t;
}

}  // namespace kt::kubectl
