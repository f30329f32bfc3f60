// endpoints-controller (pkg/controller/endpoint): for every Service with a
// selector, an Endpoints object of the same name listing the selected pods:
// ready ones under addresses, the rest under notReadyAddresses (all under
// addresses with publishNotReadyAddresses), each {ip, nodeName, targetRef,
// hostname when the pod's subdomain is the Service}, grouped into subsets by the
// ports they resolve (a named targetPort only on pods that declare it), repacked
// and sorted as RepackSubsets does; labels copied from the Service (plus
// service.kubernetes.io/headless for clusterIP None). Services without a selector
// are left to whoever manages their Endpoints; a deleted Service's go with it.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"
#include "core/controllers/endpoint_util.h"

namespace kt::controllers {

class EndpointsController : public client::Controller {
 public:
  EndpointsController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5);

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  api::ApiServer& api_;
  client::SharedInformer& services_;
  client::SharedInformer& pods_;
  client::SharedInformer& endpoints_;
  ServicePodTriggers triggers_;
};

// The subsets the controller computes for a Service and the pods of its namespace
// (shared with tests and with the EndpointSlice controller's view of readiness).
Json compute_endpoint_subsets(const Json& service, const std::vector<api::ObjectPtr>& pods_in_ns);

}  // namespace kt::controllers
