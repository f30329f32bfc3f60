#include "core/controllers/endpoints_controller.h"

#include <algorithm>
#include <map>

#include "core/api/labels.h"
#include "core/controllers/endpoint_util.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

bool addr_less(const Json& a, const Json& b) {
  const std::string ia = a.value("ip", ""), ib = b.value("ip", "");
  if (ia != ib) return ia < ib;
  return api::str_field(a, {"targetRef", "uid"}) < api::str_field(b, {"targetRef", "uid"});
}

}  // namespace

Json compute_endpoint_subsets(const Json& service, const std::vector<ObjectPtr>& pods) {
  const bool publish = api::field(service, {"spec", "publishNotReadyAddresses"}) == true;
  const std::string svc_name = api::meta::name(service);
  const Json& svc_ports = api::field(service, {"spec", "ports"});
  // Port set (as JSON text) → (ready addresses, not-ready addresses).
  std::map<std::string, std::pair<Json, std::pair<Json, Json>>> by_ports;
  for (const auto& p : selected_pods(service, pods)) {
    if (!pod_in_endpoints(*p, publish)) continue;
    Json addr = {{"ip", api::str_field(*p, {"status", "podIP"})}};
    const std::string hostname = api::str_field(*p, {"spec", "hostname"});
    if (!hostname.empty() && api::str_field(*p, {"spec", "subdomain"}) == svc_name) addr["hostname"] = hostname;
    const std::string node = api::str_field(*p, {"spec", "nodeName"});
    if (!node.empty()) addr["nodeName"] = node;
    addr["targetRef"] = pod_reference(*p);
    Json ports = Json::array();
    if (svc_ports.is_array()) {
      for (const auto& sp : svc_ports) {
        auto port = target_port(*p, sp);
        if (!port) continue;
        Json ep = {{"port", *port}, {"protocol", sp.value("protocol", std::string("TCP"))}};
        if (sp.contains("name") && !sp["name"].get<std::string>().empty()) ep["name"] = sp["name"];
        if (sp.contains("appProtocol")) ep["appProtocol"] = sp["appProtocol"];
        ports.push_back(std::move(ep));
      }
    }
    if (svc_ports.is_array() && !svc_ports.empty() && ports.empty()) continue;
    std::sort(ports.begin(), ports.end(),
              [](const Json& a, const Json& b) { return a.value("name", "") < b.value("name", ""); });
    auto& slot = by_ports[ports.dump()];
    slot.first = ports;
    ((pod_ready(*p) || publish) ? slot.second.first : slot.second.second).push_back(std::move(addr));
  }
  Json subsets = Json::array();
  for (auto& [key, slot] : by_ports) {
    Json ready = slot.second.first.is_array() ? slot.second.first : Json::array();
    Json not_ready = slot.second.second.is_array() ? slot.second.second : Json::array();
    std::sort(ready.begin(), ready.end(), addr_less);
    std::sort(not_ready.begin(), not_ready.end(), addr_less);
    Json subset = Json::object();
    if (!ready.empty()) subset["addresses"] = ready;
    if (!not_ready.empty()) subset["notReadyAddresses"] = not_ready;
    if (!slot.first.empty()) subset["ports"] = slot.first;
    subsets.push_back(std::move(subset));
  }
  return subsets;
}

EndpointsController::EndpointsController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers)
    : client::Controller(api.sim(), client::Controller::Options{"endpoints-controller", workers, {}, nullptr}),
      api_(api), services_(factory.informer("", "services")), pods_(factory.informer("", "pods")),
      endpoints_(factory.informer("", "endpoints")),
      triggers_(services_, pods_, [this](const Json& s) { enqueue(s); }) {}

SyncResult EndpointsController::sync(const std::string& key) {
  const auto key_parts = api::split_key(key);
  const std::string ns = key_parts.first, name = key_parts.second;
  const auto& eps = api_.resource("", "endpoints");
  ObjectPtr svc = services_.get(key);
  ObjectPtr current = endpoints_.get(key);
  if (!svc) {
    // The Service is gone: so are the Endpoints this controller made for it.
    if (current) {
      try {
        api_.remove(eps, ns, name);
      } catch (const api::ApiError& e) {
        if (e.code() != 404) return SyncResult::retry(e.message());
      }
    }
    return SyncResult::ok();
  }
  const Json& sel = api::field(*svc, {"spec", "selector"});
  if (!sel.is_object() || sel.empty()) return SyncResult::ok();
  if (api::str_field(*svc, {"spec", "type"}) == "ExternalName") return SyncResult::ok();

  const Json subsets = compute_endpoint_subsets(*svc, pods_.list_namespace(ns));
  Json labels = api::meta::labels(*svc).is_object() ? api::meta::labels(*svc) : Json::object();
  if (api::str_field(*svc, {"spec", "clusterIP"}) == "None") labels["service.kubernetes.io/headless"] = "";

  const Json current_subsets = current ? api::field(*current, {"subsets"}) : Json();
  const bool same_subsets = (current_subsets.is_null() && subsets.empty()) || current_subsets == subsets;
  if (current && same_subsets && api::meta::labels(*current) == (labels.empty() ? Json() : labels))
    return SyncResult::ok();

  Json obj = current ? *current : Json{{"apiVersion", "v1"}, {"kind", "Endpoints"}, {"metadata", {{"name", name}}}};
  if (labels.empty()) obj["metadata"].erase("labels");
  else obj["metadata"]["labels"] = labels;
  obj["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"] = api_.now_rfc3339();
  if (subsets.empty()) obj.erase("subsets");
  else obj["subsets"] = subsets;
  try {
    if (current) api_.update(eps, ns, std::move(obj));
    else api_.create(eps, ns, std::move(obj));
  } catch (const api::ApiError& e) {
    return SyncResult::retry(e.message());
  }
  return SyncResult::ok();
}

}  // namespace kt::controllers
