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
// spec.podFailurePolicy (pod_failure_policy.h) decides per failed pod: FailJob fails
// the Job at once (reason PodFailurePolicy), Ignore leaves the failure uncounted,
// FailIndex fails the pod's index. Indexed Jobs with backoffLimitPerIndex count
// failures per index (annotation job-index-failure-count on each new pod); an index
// past its limit goes into status.failedIndexes and is not retried; more than
// maxFailedIndexes fails the Job ("MaxFailedIndexesExceeded"), and once every index
// has succeeded or failed with some failed it fails with "FailedIndexes".
// Events: SuccessfulCreate, SuccessfulDelete, Completed, Suspended, Resumed, and one
// Warning per failure reason (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy,
// MaxFailedIndexesExceeded, FailedIndexes).
//
// podReplacementPolicy Failed (the default with a podFailurePolicy) replaces a pod
// that is being deleted only once it is terminal.
//
// FIXME(issue 7): successPolicy is accepted by the API but not acted on.
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
  // `failure_count`: the index's failures so far, for jobs with backoffLimitPerIndex.
  std::string create_pod(const api::ObjectPtr& job, std::optional<std::int64_t> index,
                         std::optional<std::int64_t> failure_count = std::nullopt);

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
