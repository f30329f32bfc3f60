// What the Endpoints and EndpointSlice controllers share
// (pkg/controller/util/endpoint, endpointslice utils): which pods a Service's
// endpoints list, whether they are ready, and what a Service port's targetPort is
// on a given pod.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/client/informer.h"

namespace kt::controllers {

// ShouldPodBeInEndpoints: it has an IP, has not finished, and is not terminating
// (unless the Service publishes not-ready addresses).
bool pod_in_endpoints(const Json& pod, bool publish_not_ready);
// podutil.IsPodReady: the Ready condition is True.
bool pod_ready(const Json& pod);
// FindPort: a Service port's targetPort (a number, or a container port's name) on
// this pod; nullopt when the pod has no port of that name.
std::optional<std::int64_t> target_port(const Json& pod, const Json& service_port);
// The pods of `ns` a Service's spec.selector selects (none for a nil/empty selector).
std::vector<api::ObjectPtr> selected_pods(const Json& service, const std::vector<api::ObjectPtr>& pods_in_ns);
// The Services (of the pod's namespace) whose selector selects the pod.
std::vector<api::ObjectPtr> services_selecting(const std::vector<api::ObjectPtr>& services_in_ns, const Json& pod);
// The Pod reference an address carries.
Json pod_reference(const Json& pod);

// The informer handlers both endpoint controllers register: a Service's add, update or
// delete enqueues that Service; a pod's enqueues every Service selecting it (after a
// label change, also those that selected it before). Removed again on destruction.
class ServicePodTriggers {
 public:
  using Enqueue = std::function<void(const Json& service)>;
  ServicePodTriggers(client::SharedInformer& services, client::SharedInformer& pods, Enqueue enqueue);
  ~ServicePodTriggers();
  ServicePodTriggers(const ServicePodTriggers&) = delete;
  ServicePodTriggers& operator=(const ServicePodTriggers&) = delete;

 private:
  void pod_changed(const Json& pod);

  client::SharedInformer& services_;
  client::SharedInformer& pods_;
  Enqueue enqueue_;
  client::HandlerId service_handler_, pod_handler_;
};

}  // namespace kt::controllers
