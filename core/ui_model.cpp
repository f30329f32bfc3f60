#include "core/ui_model.h"

#include "core/api/apiserver.h"
#include "core/sandbox.h"

namespace kt {

std::vector<NodeView> nodes_for_view(Sandbox& sandbox) {
  auto& api = sandbox.api();
  const auto& nodes = api.resource("", "nodes");
  const auto& pods = api.resource("", "pods");
  std::vector<NodeView> out;
  auto all_pods = api.list(pods, "").items;
  for (const auto& n : api.list(nodes, "").items) {
    NodeView v;
    v.name = api::meta::name(*n);
    const Json& labels = api::meta::labels(*n);
    v.role = labels.is_object() && labels.contains("node-role.kubernetes.io/control-plane") ? "control-plane" : "worker";
    const Json& conds = api::field(*n, {"status", "conditions"});
    if (conds.is_array())
      for (const auto& c : conds)
        if (c.value("type", "") == "Ready") v.ready = c.value("status", "") == "True";
    const Json& addrs = api::field(*n, {"status", "addresses"});
    if (addrs.is_array())
      for (const auto& a : addrs)
        if (a.value("type", "") == "InternalIP") v.internal_ip = a.value("address", "");
    v.kubelet_version = api::str_field(*n, {"status", "nodeInfo", "kubeletVersion"});
    for (const auto& p : all_pods)
      if (api::str_field(*p, {"spec", "nodeName"}) == v.name) ++v.pods;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace kt
