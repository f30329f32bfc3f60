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
#include "core/controllers/endpoint_util.h"

namespace kt::controllers {

class EndpointSliceController : public client::Controller {
 public:
  EndpointSliceController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5,
                          int max_endpoints_per_slice = 100);

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  api::ApiServer& api_;
  int max_per_slice_;
  client::SharedInformer& services_;
  client::SharedInformer& pods_;
  client::SharedInformer& slices_;
  ServicePodTriggers triggers_;
  // Slices this controller created that its informer may not have seen yet
  // (endpointSliceTracker): without it a quick second sync would create another.
  std::map<std::string, std::vector<std::string>> created_;
};

}  // namespace kt::controllers
