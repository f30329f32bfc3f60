// endpointslice-controller (pkg/controller/endpointslice): for every Service with a
// selector, discovery.k8s.io/v1 EndpointSlices named `<service>-<5 random>`
// (generateName), owned by the Service, labelled kubernetes.io/service-name and
// endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io, one per
// set of resolved ports (at most --max-endpoints-per-slice endpoints each). Each
// endpoint: addresses [podIP], conditions {ready, serving, terminating}, nodeName,
// targetRef, hostname. A Service with no endpoints keeps one empty placeholder slice.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"

namespace kt::controllers {

class EndpointSliceController : public client::Controller {
 public:
  EndpointSliceController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5,
                          int max_endpoints_per_slice = 100);
  ~EndpointSliceController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  void pod_changed(const Json& pod);

  api::ApiServer& api_;
  int max_per_slice_;
  client::SharedInformer& services_;
  client::SharedInformer& pods_;
  client::SharedInformer& slices_;
  client::HandlerId service_handler_, pod_handler_;
  // Slices this controller created that its informer may not have seen yet
  // (endpointSliceTracker): without it a quick second sync would create another.
  std::map<std::string, std::vector<std::string>> created_;
};

}  // namespace kt::controllers
