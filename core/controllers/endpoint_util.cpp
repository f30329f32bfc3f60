#include "core/controllers/endpoint_util.h"

#include <utility>

#include "core/api/labels.h"

namespace kt::controllers {

bool pod_in_endpoints(const Json& pod, bool publish_not_ready) {
  if (api::str_field(pod, {"status", "podIP"}).empty()) return false;
  const std::string phase = api::str_field(pod, {"status", "phase"});
  if (phase == "Succeeded" || phase == "Failed") return false;
  if (api::meta::being_deleted(pod) && !publish_not_ready) return false;
  return true;
}

bool pod_ready(const Json& pod) {
  const Json& conds = api::field(pod, {"status", "conditions"});
  if (!conds.is_array()) return false;
  for (const auto& c : conds)
    if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
  return false;
}

std::optional<std::int64_t> target_port(const Json& pod, const Json& service_port) {
  const Json& target = api::field(service_port, {"targetPort"});
  if (target.is_number_integer()) return target.get<std::int64_t>();
  const std::string protocol = service_port.value("protocol", std::string("TCP"));
  if (target.is_string()) {
    const std::string name = target.get<std::string>();
    for (const char* list : {"containers", "initContainers"}) {
      const Json& containers = api::field(pod, {"spec", list});
      if (!containers.is_array()) continue;
      for (const auto& c : containers) {
        const Json& ports = api::field(c, {"ports"});
        if (!ports.is_array()) continue;
        for (const auto& p : ports)
          if (p.value("name", "") == name && p.value("protocol", std::string("TCP")) == protocol)
            return p.value("containerPort", std::int64_t{0});
      }
    }
    return std::nullopt;
  }
  return service_port.value("port", std::int64_t{0});
}

std::vector<api::ObjectPtr> selected_pods(const Json& service, const std::vector<api::ObjectPtr>& pods) {
  std::vector<api::ObjectPtr> out;
  const Json& sel = api::field(service, {"spec", "selector"});
  if (!sel.is_object() || sel.empty()) return out;
  const api::LabelSelector selector = api::LabelSelector::from_set(sel);
  for (const auto& p : pods)
    if (selector.matches(api::meta::labels(*p))) out.push_back(p);
  return out;
}

std::vector<api::ObjectPtr> services_selecting(const std::vector<api::ObjectPtr>& services, const Json& pod) {
  std::vector<api::ObjectPtr> out;
  for (const auto& s : services) {
    const Json& sel = api::field(*s, {"spec", "selector"});
    if (sel.is_object() && !sel.empty() && api::LabelSelector::from_set(sel).matches(api::meta::labels(pod)))
      out.push_back(s);
  }
  return out;
}

Json pod_reference(const Json& pod) {
  return {{"kind", "Pod"},
          {"name", api::meta::name(pod)},
          {"namespace", api::meta::namespace_of(pod)},
          {"uid", api::meta::uid(pod)}};
}

ServicePodTriggers::ServicePodTriggers(client::SharedInformer& services, client::SharedInformer& pods,
                                       Enqueue enqueue)
    : services_(services), pods_(pods), enqueue_(std::move(enqueue)) {
  client::ResourceEventHandler sh;
  sh.on_add = [this](const api::ObjectPtr& s) { enqueue_(*s); };
  sh.on_update = [this](const api::ObjectPtr&, const api::ObjectPtr& s) { enqueue_(*s); };
  sh.on_delete = [this](const api::ObjectPtr& s) { enqueue_(*s); };
  service_handler_ = services_.add_handler(std::move(sh));
  client::ResourceEventHandler ph;
  ph.on_add = [this](const api::ObjectPtr& p) { pod_changed(*p); };
  ph.on_update = [this](const api::ObjectPtr& old, const api::ObjectPtr& p) {
    pod_changed(*p);
    if (api::meta::labels(*old) != api::meta::labels(*p)) pod_changed(*old);
  };
  ph.on_delete = [this](const api::ObjectPtr& p) { pod_changed(*p); };
  pod_handler_ = pods_.add_handler(std::move(ph));
}

ServicePodTriggers::~ServicePodTriggers() {
  services_.remove_handler(service_handler_);
  pods_.remove_handler(pod_handler_);
}

void ServicePodTriggers::pod_changed(const Json& pod) {
  for (const auto& s : services_selecting(services_.list_namespace(api::meta::namespace_of(pod)), pod)) enqueue_(*s);
}

}  // namespace kt::controllers
