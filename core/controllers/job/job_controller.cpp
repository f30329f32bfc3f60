#include "core/controllers/job/job_controller.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/controllers/controller_ref_manager.h"
#include "core/controllers/controller_utils.h"
#include "core/controllers/job/indexed_job_utils.h"
#include "core/controllers/job/pod_failure_policy.h"
#include "core/controllers/serviceaccount_controller.h"
#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr const char* kTrackingFinalizer = "batch.kubernetes.io/job-tracking";
constexpr const char* kIndexAnnotation = "batch.kubernetes.io/job-completion-index";
constexpr const char* kIndexFailureCount = "batch.kubernetes.io/job-index-failure-count";
constexpr int kBurst = 500;
const sim::Duration kMaxPodBackoff = sim::minutes(6);

bool has_finalizer(const Json& pod) {
  const Json& f = api::field(pod, {"metadata", "finalizers"});
  return f.is_array() && std::find(f.begin(), f.end(), Json(kTrackingFinalizer)) != f.end();
}

std::string phase(const Json& pod) { return api::str_field(pod, {"status", "phase"}); }
bool terminal(const Json& pod) { return phase(pod) == "Succeeded" || phase(pod) == "Failed"; }

bool condition_true(const Json& job, const char* type) {
  const Json& conds = api::field(job, {"status", "conditions"});
  if (conds.is_array())
    for (const auto& c : conds)
      if (c.value("type", "") == type && c.value("status", "") == "True") return true;
  return false;
}

bool finished(const Json& job) { return condition_true(job, "Complete") || condition_true(job, "Failed"); }

Json condition(const char* type, const char* status, const std::string& reason, const std::string& message,
               const std::string& now) {
  return {{"type", type}, {"status", status}, {"lastProbeTime", now}, {"lastTransitionTime", now},
          {"reason", reason}, {"message", message}};
}

std::optional<std::int64_t> pod_index(const Json& pod) {
  const std::string v = api::str_field(pod, {"metadata", "annotations", kIndexAnnotation});
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(v);
}

// When a finished pod finished: the latest finishedAt of its containers.
std::optional<sim::Time> finished_at(const Json& pod) {
  std::optional<sim::Time> last;
  for (const char* list : {"containerStatuses", "initContainerStatuses"})
    for (const auto& cs : api::field(pod, {"status", list})) {
      const std::string at = api::str_field(cs, {"state", "terminated", "finishedAt"});
      if (auto t = util::parse_rfc3339(at); t && (!last || *t > *last)) last = t;
    }
  return last;
}

// The pod failure back-off after `failures` failures in a row: 10 s, doubling, at
// most 6 minutes (10 s, 20 s, 40 s, … for the 1st, 2nd, 3rd failure).
sim::Duration backoff_after(std::int64_t failures) {
  if (failures <= 0) return sim::Duration{};
  sim::Duration b = sim::seconds(10);
  for (std::int64_t i = 1; i < failures && b < kMaxPodBackoff; ++i) b = b * 2;
  return std::min(b, kMaxPodBackoff);
}

// The failures counted so far against a pod's index (the annotation its creator set).
std::int64_t index_failure_count(const Json& pod) {
  const std::string v = api::str_field(pod, {"metadata", "annotations", kIndexFailureCount});
  return v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos ? 0 : std::stoll(v);
}

}  // namespace

JobController::JobController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers)
    : client::Controller(api.sim(), client::Controller::Options{"job-controller", workers, {}, nullptr}),
      api_(api), jobs_res_(api.resource("batch", "jobs")), pods_res_(api.resource("", "pods")),
      jobs_(factory.informer(jobs_res_)), pods_(factory.informer(pods_res_)), expectations_(api.sim()),
      recorder_(api, "job-controller") {
  client::ResourceEventHandler jh;
  jh.on_add = [this](const ObjectPtr& j) { enqueue(*j); };
  jh.on_update = [this](const ObjectPtr&, const ObjectPtr& j) { enqueue(*j); };
  jh.on_delete = [this](const ObjectPtr& j) {
    expectations_.delete_expectations(api::meta::key(*j));
    for (const auto& p : pods_.list_namespace(api::meta::namespace_of(*j))) release_orphan(p);
  };
  job_handler_ = jobs_.add_handler(std::move(jh));
  client::ResourceEventHandler ph;
  ph.on_add = [this](const ObjectPtr& p) { on_pod(p); };
  ph.on_update = [this](const ObjectPtr&, const ObjectPtr& p) { on_pod(p); };
  ph.on_delete = [this](const ObjectPtr& p) { on_pod(p); };
  pod_handler_ = pods_.add_handler(std::move(ph));
}

JobController::~JobController() {
  jobs_.remove_handler(job_handler_);
  pods_.remove_handler(pod_handler_);
}

void JobController::on_pod(const ObjectPtr& pod) {
  const Json* ref = api::meta::controller_ref(*pod);
  if (!ref || ref->value("kind", "") != "Job") return;
  ObjectPtr job = jobs_.get(api::meta::namespace_of(*pod), ref->value("name", ""));
  if (!job || api::meta::uid(*job) != ref->value("uid", "")) {
    release_orphan(pod);
    return;
  }
  expectations_.lower_expectations(api::meta::key(*job), 1, 0);
  enqueue(*job);
}

// A tracked pod whose Job is gone keeps nothing waiting on it: its finalizer goes.
void JobController::release_orphan(const ObjectPtr& pod) {
  if (!has_finalizer(*pod)) return;
  const Json* ref = api::meta::controller_ref(*pod);
  if (ref && ref->value("kind", "") == "Job") {
    ObjectPtr job = jobs_.get(api::meta::namespace_of(*pod), ref->value("name", ""));
    if (job && api::meta::uid(*job) == ref->value("uid", "")) return;
  }
  Json p = *pod;
  Json& f = p["metadata"]["finalizers"];
  f.erase(std::remove(f.begin(), f.end(), Json(kTrackingFinalizer)), f.end());
  const std::string ns = api::meta::namespace_of(*pod);
  try {
    api_.update(pods_res_, ns, std::move(p));
  } catch (const api::ApiError&) {
    // A newer version of the pod comes back through the informer.
  }
}

std::string JobController::create_pod(const ObjectPtr& job, std::optional<std::int64_t> index,
                                      std::optional<std::int64_t> failure_count) {
  const Json& tmpl = api::field(*job, {"spec", "template"});
  const std::string name = api::meta::name(*job);
  Json meta = api::field(tmpl, {"metadata"}).is_object() ? api::field(tmpl, {"metadata"}) : Json::object();
  meta.erase("name");
  meta["generateName"] = name + "-" + (index ? std::to_string(*index) + "-" : "");
  meta["ownerReferences"] = Json::array({new_controller_ref(*job)});
  meta["finalizers"] = Json::array({kTrackingFinalizer});
  Json spec = api::field(tmpl, {"spec"});
  if (index) {
    meta["annotations"][kIndexAnnotation] = std::to_string(*index);
    meta["labels"][kIndexAnnotation] = std::to_string(*index);
    if (failure_count) meta["annotations"][kIndexFailureCount] = std::to_string(*failure_count);
    if (!spec.contains("hostname")) spec["hostname"] = name + "-" + std::to_string(*index);
    for (auto& c : spec["containers"]) {
      if (!c["env"].is_array()) c["env"] = Json::array();
      c["env"].push_back({{"name", "JOB_COMPLETION_INDEX"},
                          {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"},
                                                       {"fieldPath", "metadata.labels['" + std::string(kIndexAnnotation) + "']"}}}}}});
    }
  }
  Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", std::move(meta)}, {"spec", std::move(spec)}};
  try {
    ObjectPtr created = api_.create(pods_res_, api::meta::namespace_of(*job), std::move(pod));
    recorder_.event(*job, client::EventType::Normal, "SuccessfulCreate", "Created pod: " + api::meta::name(*created));
  } catch (const api::ApiError& e) {
    if (is_namespace_terminating(e)) return "";
    recorder_.event(*job, client::EventType::Warning, "FailedCreate", "Error creating: " + e.message());
    return e.message();
  }
  return "";
}

SyncResult JobController::sync(const std::string& key) {
  ObjectPtr job = jobs_.get(key);
  if (!job) {
    expectations_.delete_expectations(key);
    return SyncResult::ok();
  }
  const auto key_parts = api::split_key(key);
  const std::string ns = key_parts.first, name = key_parts.second;
  const std::string uid = api::meta::uid(*job);
  std::vector<ObjectPtr> pods;
  for (const auto& p : pods_.list_namespace(ns)) {
    const Json* ref = api::meta::controller_ref(*p);
    if (ref && ref->value("uid", "") == uid) pods.push_back(p);
  }
  if (finished(*job)) {
    // Nothing is counted any more: whatever still holds our finalizer lets go.
    for (const auto& p : pods)
      if (has_finalizer(*p)) {
        Json q = *p;
        Json& f = q["metadata"]["finalizers"];
        f.erase(std::remove(f.begin(), f.end(), Json(kTrackingFinalizer)), f.end());
        try {
          api_.update(pods_res_, ns, std::move(q));
        } catch (const api::ApiError& e) {
          return SyncResult::retry(e.message());
        }
      }
    return SyncResult::ok();
  }
  const sim::Time now_t = api_.sim().now();
  const std::string now = util::format_rfc3339(now_t);
  api::WriteOptions status_opts;
  status_opts.subresource = "status";

  // 1. Count pods that finished (or went away) and still hold our finalizer.
  std::vector<ObjectPtr> newly_succeeded, newly_failed;
  for (const auto& p : pods) {
    if (!has_finalizer(*p)) continue;
    if (phase(*p) == "Succeeded") newly_succeeded.push_back(p);
    else if (phase(*p) == "Failed") newly_failed.push_back(p);
  }
  Json status = api::field(*job, {"status"}).is_object() ? api::field(*job, {"status"}) : Json::object();
  std::int64_t succeeded = status.value("succeeded", std::int64_t{0});
  std::int64_t failed = status.value("failed", std::int64_t{0});
  // 1b. The podFailurePolicy decides which failures count; the first FailJob match
  // fails the Job.
  const Json& failure_policy = api::field(*job, {"spec", "podFailurePolicy"});
  std::vector<ObjectPtr> counted_failed;
  std::string policy_fail_message;
  for (const auto& p : newly_failed) {
    const FailureMatch m = match_pod_failure_policy(failure_policy, *p);
    if (m.action == FailureAction::Ignore) continue;
    counted_failed.push_back(p);
    if (m.action == FailureAction::FailJob && policy_fail_message.empty()) policy_fail_message = m.message;
  }
  if (!newly_succeeded.empty() || !newly_failed.empty()) {
    Json uncounted = {{"succeeded", Json::array()}, {"failed", Json::array()}};
    for (const auto& p : newly_succeeded) uncounted["succeeded"].push_back(api::meta::uid(*p));
    for (const auto& p : counted_failed) uncounted["failed"].push_back(api::meta::uid(*p));
    Json j = *job;
    j["status"]["uncountedTerminatedPods"] = uncounted;
    job = api_.update(jobs_res_, ns, std::move(j), status_opts);
    for (const auto* list : {&newly_succeeded, &newly_failed})
      for (const auto& p : *list) {
        Json q = *p;
        Json& f = q["metadata"]["finalizers"];
        f.erase(std::remove(f.begin(), f.end(), Json(kTrackingFinalizer)), f.end());
        api_.update(pods_res_, ns, std::move(q));
      }
    succeeded += static_cast<std::int64_t>(newly_succeeded.size());
    failed += static_cast<std::int64_t>(counted_failed.size());
    status = api::field(*job, {"status"});
  }
  status["succeeded"] = succeeded;
  status["failed"] = failed;
  status["uncountedTerminatedPods"] = Json::object();

  const Json& spec = api::field(*job, {"spec"});
  const bool indexed = api::str_field(*job, {"spec", "completionMode"}) == "Indexed";
  const std::optional<std::int64_t> completions =
      spec.contains("completions") && spec["completions"].is_number_integer()
          ? std::optional<std::int64_t>(spec["completions"].get<std::int64_t>())
          : std::nullopt;
  const std::int64_t parallelism = spec.value("parallelism", std::int64_t{1});
  const std::int64_t backoff_limit = spec.value("backoffLimit", std::int64_t{6});
  const bool suspended = spec.value("suspend", false);
  const bool per_index = indexed && spec.contains("backoffLimitPerIndex") && spec["backoffLimitPerIndex"].is_number_integer();
  const std::int64_t backoff_limit_per_index = per_index ? spec["backoffLimitPerIndex"].get<std::int64_t>() : 0;

  // podReplacementPolicy (default TerminatingOrFailed; Failed with a podFailurePolicy):
  // with Failed, a pod that is being deleted is replaced only once it is terminal.
  const bool only_replace_failed = api::str_field(*job, {"spec", "podReplacementPolicy"}) == "Failed";
  std::vector<ObjectPtr> active;
  std::int64_t ready = 0, terminating = 0;
  std::set<std::int64_t> done_indexes, active_indexes;
  for (const auto& p : pods) {
    if (phase(*p) == "Succeeded")
      if (auto i = pod_index(*p)) done_indexes.insert(*i);
    if (api::meta::being_deleted(*p) && !terminal(*p)) {
      ++terminating;
      // podReplacementPolicy Failed: a terminating pod keeps its index until it is terminal.
      if (only_replace_failed)
        if (auto i = pod_index(*p)) active_indexes.insert(*i);
    }
    if (!is_pod_active(*p)) continue;
    active.push_back(p);
    if (is_pod_ready(*p)) ++ready;
    if (auto i = pod_index(*p)) active_indexes.insert(*i);
  }
  if (indexed) {
    // Indexes counted earlier stay done even if their pods are gone.
    const std::string before = status.value("completedIndexes", std::string());
    std::size_t pos = 0;
    while (pos < before.size()) {
      auto comma = before.find(',', pos);
      const std::string part = before.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      auto dash = part.find('-');
      const std::int64_t a = std::stoll(part.substr(0, dash));
      const std::int64_t b = dash == std::string::npos ? a : std::stoll(part.substr(dash + 1));
      for (std::int64_t i = a; i <= b; ++i) done_indexes.insert(i);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    const std::string text = format_indexes(done_indexes);
    if (text.empty()) status.erase("completedIndexes");
    else status["completedIndexes"] = text;
    succeeded = static_cast<std::int64_t>(done_indexes.size());
    status["succeeded"] = succeeded;
  }
  // backoffLimitPerIndex: each index has its own count of failures (carried from pod
  // to pod in the job-index-failure-count annotation); an index whose count passes
  // the limit, or whose pod matched a FailIndex rule, is failed and not retried.
  std::map<std::int64_t, std::int64_t> index_failures;
  std::set<std::int64_t> failed_indexes;
  if (per_index) {
    failed_indexes = parse_indexes(status.value("failedIndexes", std::string()));
    for (const auto& p : pods) {
      if (phase(*p) != "Failed") continue;
      const auto i = pod_index(*p);
      if (!i) continue;
      const FailureMatch m = match_pod_failure_policy(failure_policy, *p);
      const std::int64_t count = index_failure_count(*p) + (m.action == FailureAction::Ignore ? 0 : 1);
      index_failures[*i] = std::max(index_failures[*i], count);
      if (m.action == FailureAction::FailIndex || count > backoff_limit_per_index) failed_indexes.insert(*i);
    }
    for (auto i : done_indexes) failed_indexes.erase(i);
    status["failedIndexes"] = format_indexes(failed_indexes);
  }
  if (!finished(*job) && !suspended && !status.contains("startTime")) status["startTime"] = now;

  auto delete_pods = [&](const std::vector<ObjectPtr>& victims) {
    for (const auto& p : victims) {
      try {
        api_.remove(pods_res_, ns, api::meta::name(*p));
        recorder_.event(*job, client::EventType::Normal, "SuccessfulDelete", "Deleted pod: " + api::meta::name(*p));
      } catch (const api::ApiError&) {
      }
    }
  };
  Json conds = status.contains("conditions") && status["conditions"].is_array() ? status["conditions"] : Json::array();
  auto set_condition = [&](Json c) {
    for (auto& x : conds)
      if (x.value("type", "") == c.value("type", "")) {
        if (x.value("status", "") != c.value("status", "")) x = c;
        return;
      }
    conds.push_back(std::move(c));
  };

  SyncResult result = SyncResult::ok();
  if (!finished(*job)) {
    std::string fail_reason, fail_message;
    const std::int64_t all_indexes = completions ? *completions : 0;
    if (!policy_fail_message.empty()) {
      fail_reason = "PodFailurePolicy";
      fail_message = policy_fail_message;
    } else if (per_index && spec.contains("maxFailedIndexes") &&
               static_cast<std::int64_t>(failed_indexes.size()) > spec.value("maxFailedIndexes", std::int64_t{0})) {
      fail_reason = "MaxFailedIndexesExceeded";
      fail_message = "Job has exceeded the specified maximum number of failed indexes";
    } else if (per_index && !failed_indexes.empty() &&
               static_cast<std::int64_t>(failed_indexes.size() + done_indexes.size()) >= all_indexes) {
      fail_reason = "FailedIndexes";
      fail_message = "Job has failed indexes";
    } else if (failed > backoff_limit) {
      fail_reason = "BackoffLimitExceeded";
      fail_message = "Job has reached the specified backoff limit";
    } else if (spec.contains("activeDeadlineSeconds") && status.contains("startTime") && !suspended) {
      const sim::Time started = util::parse_rfc3339(status["startTime"].get<std::string>()).value_or(now_t);
      const sim::Duration deadline = sim::seconds(spec["activeDeadlineSeconds"].get<std::int64_t>());
      if (now_t - started >= deadline) {
        fail_reason = "DeadlineExceeded";
        fail_message = "Job was active longer than specified deadline";
      } else {
        result = SyncResult::requeue_after(started + deadline - now_t);
      }
    }
    const bool complete = completions ? succeeded >= *completions : (succeeded > 0 && active.empty());
    if (!fail_reason.empty()) {
      delete_pods(active);
      set_condition(condition("FailureTarget", "True", fail_reason, fail_message, now));
      set_condition(condition("Failed", "True", fail_reason, fail_message, now));
      recorder_.event(*job, client::EventType::Warning, fail_reason, fail_message);
      active.clear();
      ready = 0;
    } else if (complete) {
      delete_pods(active);  // with completions unset, the others are done by definition
      set_condition(condition("SuccessCriteriaMet", "True", "CompletionsReached",
                              "Reached expected number of succeeded pods", now));
      set_condition(condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now));
      status["completionTime"] = now;
      recorder_.event(*job, client::EventType::Normal, "Completed", "Job completed");
      active.clear();
      ready = 0;
    } else if (suspended) {
      delete_pods(active);
      active.clear();
      ready = 0;
      if (!condition_true(*job, "Suspended")) {
        set_condition(condition("Suspended", "True", "JobSuspended", "Job suspended", now));
        recorder_.event(*job, client::EventType::Normal, "Suspended", "Job suspended");
      }
    } else {
      if (condition_true(*job, "Suspended")) {
        set_condition(condition("Suspended", "False", "JobResumed", "Job resumed", now));
        recorder_.event(*job, client::EventType::Normal, "Resumed", "Job resumed");
      }
      if (expectations_.satisfied(key)) {
        // The pod failure back-off (backoff_after), counted from the last failure:
        // for the Job, over the failures since its last success; per index, over that
        // index's failures. Ignored failures do not count.
        std::optional<sim::Time> last_success, last_failure;
        std::map<std::int64_t, sim::Time> index_last_failure;
        std::vector<std::pair<sim::Time, bool>> finishes;  // (when, failed)
        for (const auto& p : pods) {
          if (!terminal(*p)) continue;
          const bool is_failure = phase(*p) == "Failed";
          if (is_failure && match_pod_failure_policy(failure_policy, *p).action == FailureAction::Ignore) continue;
          const sim::Time at = finished_at(*p).value_or(now_t);
          finishes.emplace_back(at, is_failure);
          if (!is_failure) {
            if (!last_success || at > *last_success) last_success = at;
            continue;
          }
          if (!last_failure || at > *last_failure) last_failure = at;
          if (auto i = pod_index(*p)) index_last_failure[*i] = std::max(index_last_failure[*i], at);
        }
        std::int64_t failures_in_a_row = 0;
        for (const auto& [at, is_failure] : finishes)
          if (is_failure && (!last_success || at > *last_success)) ++failures_in_a_row;
        sim::Duration wait{};
        if (!per_index && last_failure && failures_in_a_row > 0) {
          const sim::Time ready_at = *last_failure + backoff_after(failures_in_a_row);
          if (ready_at > now_t) wait = ready_at - now_t;
        }
        // Pods still running for an index that has failed are stopped.
        std::vector<ObjectPtr> of_failed_indexes;
        for (auto it = active.begin(); it != active.end();) {
          const auto i = pod_index(**it);
          if (i && failed_indexes.count(*i)) {
            of_failed_indexes.push_back(*it);
            it = active.erase(it);
          } else {
            ++it;
          }
        }
        delete_pods(of_failed_indexes);
        const std::int64_t remaining = completions ? *completions - succeeded - static_cast<std::int64_t>(failed_indexes.size()) : 0;
        std::int64_t want = completions ? std::min(parallelism, remaining) : (succeeded > 0 ? 0 : parallelism);
        want = std::max<std::int64_t>(want, 0);
        const std::int64_t have = static_cast<std::int64_t>(active.size());
        const std::int64_t occupied = have + (only_replace_failed ? terminating : 0);
        if (have > want) {
          std::vector<ObjectPtr> victims = rank_for_deletion(active, active, now_t);
          victims.resize(static_cast<std::size_t>(have - want));
          delete_pods(victims);
        } else if (occupied < want && wait > sim::Duration{}) {
          result = SyncResult::requeue_after(wait);
        } else if (occupied < want) {
          std::vector<std::optional<std::int64_t>> slots;
          if (indexed) {
            std::optional<sim::Duration> soonest;  // an index still backing off
            for (std::int64_t i = 0; completions && i < *completions && static_cast<std::int64_t>(slots.size()) < want - occupied; ++i) {
              if (done_indexes.count(i) || active_indexes.count(i) || failed_indexes.count(i)) continue;
              if (per_index && index_last_failure.count(i)) {
                const sim::Time ready_at = index_last_failure[i] + backoff_after(index_failures[i]);
                if (ready_at > now_t) {
                  if (!soonest || ready_at - now_t < *soonest) soonest = ready_at - now_t;
                  continue;
                }
              }
              slots.emplace_back(i);
            }
            if (soonest) result = SyncResult::requeue_after(*soonest);
          } else {
            slots.assign(static_cast<std::size_t>(std::min<std::int64_t>(want - occupied, kBurst)), std::nullopt);
          }
          const int count = static_cast<int>(slots.size());
          expectations_.expect_creations(key, count);
          std::size_t next = 0;
          BatchResult r = slow_start_batch(count, kSlowStartInitialBatchSize, [&] {
            const auto index = slots[next++];
            std::optional<std::int64_t> failures;
            if (per_index && index) failures = index_failures.count(*index) ? index_failures[*index] : 0;
            return create_pod(job, index, failures);
          });
          for (int skipped = count - r.successes; skipped > 0; --skipped) expectations_.creation_observed(key);
          if (!r.error.empty()) result = SyncResult::retry(r.error);
        }
      }
    }
  }

  status["active"] = static_cast<std::int64_t>(active.size());
  status["ready"] = ready;
  status["terminating"] = terminating;
  if (!conds.empty()) status["conditions"] = conds;
  for (const char* zero : {"active", "succeeded", "failed"})  // omitempty
    if (status[zero] == 0) status.erase(zero);
  if (status != api::field(*job, {"status"})) {
    Json j = *job;
    j["status"] = status;
    try {
      api_.update(jobs_res_, ns, std::move(j), status_opts);
    } catch (const api::ApiError& e) {
      return SyncResult::retry(e.message());
    }
  }
  return result;
}

}  // namespace kt::controllers
