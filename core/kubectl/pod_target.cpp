#include "core/kubectl/pod_target.h"

#include <algorithm>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/sandbox.h"

namespace kt::kubectl {

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
    if (res->plural != "pods") {
      auto owner = api.try_get(*res, res->namespaced ? ns : "", name);
      if (!owner) {
        t.error = "Error from server (NotFound): " + res->qualified() + " \"" + name + "\" not found\n";
        return t;
      }
      api::LabelSelector selector;
      const Json& sel = api::field(*owner, {"spec", "selector"});
      try {
        selector = sel.contains("matchLabels") || sel.contains("matchExpressions") ? api::LabelSelector::from_json(sel)
                                                                                  : api::LabelSelector::from_set(sel);
      } catch (const std::exception&) {
        t.error = "error: cannot attach to " + res->kind + ": selector for " + res->kind + " is not valid\n";
        return t;
      }
      std::vector<api::ObjectPtr> pods;
      for (const auto& p : api.list(api.resource("", "pods"), ns).items)
        if (selector.matches(api::meta::labels(*p))) pods.push_back(p);
      if (pods.empty()) {
        t.error = "error: timed out waiting for the condition\n";
        return t;
      }
      std::stable_sort(pods.begin(), pods.end(), [](const api::ObjectPtr& a, const api::ObjectPtr& b) {
        const bool ra = api::str_field(*a, {"status", "phase"}) == "Running";
        const bool rb = api::str_field(*b, {"status", "phase"}) == "Running";
        if (ra != rb) return ra;
        return api::str_field(*a, {"metadata", "creationTimestamp"}) > api::str_field(*b, {"metadata", "creationTimestamp"});
      });
      t.pod = pods[0];
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
