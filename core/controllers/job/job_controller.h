// job-controller (pkg/controller/job), on virtual time.
//
// A Job runs pods from its template until `completions` of them succeed (or, with
// completions unset, until one does and none is left running), at most
// `parallelism` at a time. Pods are `<job>-<5 random>` (Indexed: `<job>-<index>-…`
// with the completion-index annotation, label and hostname), owned by the Job and
// carrying the batch.kubernetes.io/job-tracking finalizer: a finished pod is
// counted through status.uncountedTerminatedPods, its finalizer removed, then it
// moves into status.succeeded / status.failed — so counts never go back, even when
// pods are deleted.
//
// Failures are retried with the pod failure back-off (10 s doubling, at most 6
// minutes) until backoffLimit is passed: FailureTarget + Failed
// "BackoffLimitExceeded", active pods deleted. activeDeadlineSeconds ends it with
// "DeadlineExceeded". Success adds SuccessCriteriaMet + Complete
// ("CompletionsReached", "Reached expected number of succeeded pods") and
// completionTime. spec.suspend deletes the active pods (Suspended condition).
// Events: SuccessfulCreate, SuccessfulDelete, Completed, BackoffLimitExceeded,
// DeadlineExceeded, Suspended, Resumed.
//
// FIXME(issue 7): podFailurePolicy, backoffLimitPerIndex, successPolicy and
// podReplacementPolicy Failed are accepted by the API but not acted on.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/expectations.h"
#include "core/client/informer.h"

namespace kt::controllers {

class JobController : public client::Controller {
 public:
  JobController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5);
  ~JobController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  void on_pod(const api::ObjectPtr& pod);
  void release_orphan(const api::ObjectPtr& pod);
  std::string create_pod(const api::ObjectPtr& job, std::optional<std::int64_t> index);

  api::ApiServer& api_;
  const api::ResourceInfo& jobs_res_;
  const api::ResourceInfo& pods_res_;
  client::SharedInformer& jobs_;
  client::SharedInformer& pods_;
  client::ControllerExpectations expectations_;
  client::EventRecorder recorder_;
  client::HandlerId job_handler_, pod_handler_;
};

}  // namespace kt::controllers
