// cronjob-controller (pkg/controller/cronjob, the v2 controller), on virtual time:
// at each time its schedule names (five fields or @hourly-style, UTC), a CronJob
// creates the Job `<cronjob>-<minutes since the epoch>` from its jobTemplate, owned
// by it and annotated batch.kubernetes.io/cronjob-scheduled-timestamp.
//   concurrencyPolicy  Allow: always; Forbid: not while one of its Jobs runs;
//                      Replace: the running ones are deleted first
//   startingDeadlineSeconds  a time missed by more than this is skipped
//   suspend            nothing new starts
//   history            finished Jobs beyond successfulJobsHistoryLimit (3) /
//                      failedJobsHistoryLimit (1) are deleted, oldest first
// status.active lists the running Jobs, lastScheduleTime and lastSuccessfulTime
// follow them. Events: SuccessfulCreate "Created job x", SawCompletedJob "Saw
// completed job: x, status: Complete", SuccessfulDelete "Deleted job x",
// JobAlreadyActive "Not starting job because prior execution is running and
// concurrency policy is Forbid".
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::controllers {

class CronJobController : public client::Controller {
 public:
  CronJobController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5);
  ~CronJobController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  api::ApiServer& api_;
  const api::ResourceInfo& cronjobs_res_;
  const api::ResourceInfo& jobs_res_;
  client::SharedInformer& cronjobs_;
  client::SharedInformer& jobs_;
  client::EventRecorder recorder_;
  client::HandlerId cronjob_handler_, job_handler_;
};

}  // namespace kt::controllers
