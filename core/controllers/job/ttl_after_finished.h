// ttl-after-finished-controller (pkg/controller/ttlafterfinished): a Job with
// spec.ttlSecondsAfterFinished is deleted (background propagation, its pods go
// with it) that long after it finished — its Complete or Failed condition's
// lastTransitionTime.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"

namespace kt::controllers {

class TTLAfterFinishedController : public client::Controller {
 public:
  TTLAfterFinishedController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5);
  ~TTLAfterFinishedController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  api::ApiServer& api_;
  client::SharedInformer& jobs_;
  client::HandlerId handler_;
};

}  // namespace kt::controllers
