// taint-eviction-controller (pkg/controller/tainteviction): pods on a node with
// NoExecute taints they do not tolerate are deleted at once; pods that tolerate
// them for tolerationSeconds (300 s for not-ready/unreachable, added by the
// DefaultTolerationSeconds admission plugin) are deleted that long after the
// taint's timeAdded; tolerating without a limit means staying. Before deleting, the
// pod gets the DisruptionTarget condition (DeletionByTaintManager) and an event
// TaintManagerEviction "Marking for deletion Pod ns/name". A taint removed in time
// cancels the eviction.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::controllers {

class TaintEvictionController : public client::Controller {
 public:
  TaintEvictionController(api::ApiServer& api, client::SharedInformerFactory& factory);
  ~TaintEvictionController() override;

 protected:
  client::SyncResult sync(const std::string& pod_key) override;

 private:
  api::ApiServer& api_;
  client::SharedInformer& nodes_;
  client::SharedInformer& pods_;
  client::EventRecorder recorder_;
  client::HandlerId node_handler_, pod_handler_;
};

}  // namespace kt::controllers
