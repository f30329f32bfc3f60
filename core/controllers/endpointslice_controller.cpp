#include "core/controllers/endpointslice_controller.h"

#include <algorithm>
#include <map>

#include "core/api/labels.h"
#include "core/controllers/endpoint_util.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr const char* kManagedBy = "endpointslice.kubernetes.io/managed-by";
constexpr const char* kController = "endpointslice-controller.k8s.io";
constexpr const char* kServiceName = "kubernetes.io/service-name";

}  // namespace

EndpointSliceController::EndpointSliceController(api::ApiServer& api, client::SharedInformerFactory& factory,
                                                 int workers, int max_endpoints_per_slice)
    : client::Controller(api.sim(), client::Controller::Options{"endpointslice-controller", workers, {}, nullptr}),
      api_(api), max_per_slice_(max_endpoints_per_slice), services_(factory.informer("", "services")),
      pods_(factory.informer("", "pods")), slices_(factory.informer("discovery.k8s.io", "endpointslices")),
      triggers_(services_, pods_, [this](const Json& s) { enqueue(s); }) {}

SyncResult EndpointSliceController::sync(const std::string& key) {
  const auto key_parts = api::split_key(key);
  const std::string ns = key_parts.first, name = key_parts.second;
  const auto& res = api_.resource("discovery.k8s.io", "endpointslices");
  std::vector<ObjectPtr> existing;
  for (const auto& s : slices_.list_namespace(ns))
    if (api::str_field(*s, {"metadata", "labels", kServiceName}) == name &&
        api::str_field(*s, {"metadata", "labels", kManagedBy}) == kController)
      existing.push_back(s);
  auto& tracked = created_[key];
  for (auto it = tracked.begin(); it != tracked.end();) {
    const bool seen = std::any_of(existing.begin(), existing.end(),
                                  [&](const ObjectPtr& s) { return api::meta::name(*s) == *it; });
    if (seen) {
      it = tracked.erase(it);
      continue;
    }
    if (ObjectPtr s = api_.try_get(res, ns, *it)) {
      existing.push_back(s);
      ++it;
    } else {
      it = tracked.erase(it);
    }
  }
  ObjectPtr svc = services_.get(key);
  if (!svc) {
    created_.erase(key);
    return SyncResult::ok();  // the garbage collector removes owned slices
  }
  const Json& sel = api::field(*svc, {"spec", "selector"});
  if (!sel.is_object() || sel.empty() || api::str_field(*svc, {"spec", "type"}) == "ExternalName")
    return SyncResult::ok();

  // Desired slices: endpoints grouped by their resolved ports.
  const Json& svc_ports = api::field(*svc, {"spec", "ports"});
  std::map<std::string, std::pair<Json, Json>> groups;  // ports text → (ports, endpoints)
  const bool publish = api::field(*svc, {"spec", "publishNotReadyAddresses"}) == true;
  for (const auto& p : selected_pods(*svc, pods_.list_namespace(ns))) {
    if (!pod_in_endpoints(*p, true)) continue;
    Json ports = Json::array();
    if (svc_ports.is_array())
      for (const auto& sp : svc_ports) {
        auto port = target_port(*p, sp);
        if (!port) continue;
        Json ep = {{"name", sp.value("name", std::string())},
                   {"port", *port},
                   {"protocol", sp.value("protocol", std::string("TCP"))}};
        if (sp.contains("appProtocol")) ep["appProtocol"] = sp["appProtocol"];
        ports.push_back(std::move(ep));
      }
    const bool terminating = api::meta::being_deleted(*p);
    const bool serving = pod_ready(*p) || publish;
    Json endpoint = {{"addresses", Json::array({api::str_field(*p, {"status", "podIP"})})},
                     {"conditions", {{"ready", serving && !terminating}, {"serving", serving}, {"terminating", terminating}}},
                     {"targetRef", pod_reference(*p)}};
    const std::string hostname = api::str_field(*p, {"spec", "hostname"});
    if (!hostname.empty() && api::str_field(*p, {"spec", "subdomain"}) == name) endpoint["hostname"] = hostname;
    const std::string node = api::str_field(*p, {"spec", "nodeName"});
    if (!node.empty()) endpoint["nodeName"] = node;
    auto& g = groups[ports.dump()];
    g.first = ports;
    if (!g.second.is_array()) g.second = Json::array();
    if (static_cast<int>(g.second.size()) < max_per_slice_) g.second.push_back(std::move(endpoint));
  }
  if (groups.empty()) groups[""] = {Json(), Json()};  // the placeholder

  Json labels = api::meta::labels(*svc).is_object() ? api::meta::labels(*svc) : Json::object();
  if (api::str_field(*svc, {"spec", "clusterIP"}) == "None") labels["service.kubernetes.io/headless"] = "";
  labels[kServiceName] = name;
  labels[kManagedBy] = kController;
  const Json owner = {{"apiVersion", "v1"},         {"blockOwnerDeletion", true}, {"controller", true},
                      {"kind", "Service"},          {"name", name},               {"uid", api::meta::uid(*svc)}};

  std::size_t reuse = 0;
  try {
    for (auto& [text, group] : groups) {
      Json slice = reuse < existing.size()
                       ? *existing[reuse]
                       : Json{{"apiVersion", "discovery.k8s.io/v1"},
                              {"kind", "EndpointSlice"},
                              {"metadata", {{"generateName", name + "-"}, {"ownerReferences", Json::array({owner})}}},
                              {"addressType", "IPv4"}};
      Json endpoints = group.second.is_array() ? group.second : Json();
      if (endpoints.is_array())
        std::sort(endpoints.begin(), endpoints.end(), [](const Json& a, const Json& b) {
          return a["addresses"][0].get<std::string>() < b["addresses"][0].get<std::string>();
        });
      const bool same = reuse < existing.size() && api::field(slice, {"endpoints"}) == endpoints &&
                        api::field(slice, {"ports"}) == group.first && api::meta::labels(slice) == labels;
      slice["metadata"]["labels"] = labels;
      slice["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"] = api_.now_rfc3339();
      if (endpoints.is_null()) slice.erase("endpoints");
      else slice["endpoints"] = endpoints;
      if (group.first.is_null()) slice.erase("ports");
      else slice["ports"] = group.first;
      if (reuse < existing.size()) {
        if (!same) api_.update(res, ns, std::move(slice));
      } else {
        tracked.push_back(api::meta::name(*api_.create(res, ns, std::move(slice))));
      }
      ++reuse;
    }
    for (; reuse < existing.size(); ++reuse) api_.remove(res, ns, api::meta::name(*existing[reuse]));
  } catch (const api::ApiError& e) {
    return SyncResult::retry(e.message());
  }
  return SyncResult::ok();
}

}  // namespace kt::controllers
