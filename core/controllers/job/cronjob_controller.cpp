#include "core/controllers/job/cronjob_controller.h"

#include <algorithm>

#include "core/api/kinds/cron_schedule.h"
#include "core/controllers/controller_ref_manager.h"
#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

// The Job's finished condition ("Complete"/"Failed"), or "".
std::string finished_as(const Json& job) {
  const Json& conds = api::field(job, {"status", "conditions"});
  if (conds.is_array())
    for (const auto& c : conds)
      if ((c.value("type", "") == "Complete" || c.value("type", "") == "Failed") && c.value("status", "") == "True")
        return c.value("type", "");
  return "";
}

sim::Time time_of(const Json& v, sim::Time dflt) {
  return v.is_string() ? util::parse_rfc3339(v.get<std::string>()).value_or(dflt) : dflt;
}

}  // namespace

CronJobController::CronJobController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers)
    : client::Controller(api.sim(), client::Controller::Options{"cronjob-controller", workers, {}, nullptr}),
      api_(api), cronjobs_res_(api.resource("batch", "cronjobs")), jobs_res_(api.resource("batch", "jobs")),
      cronjobs_(factory.informer(cronjobs_res_)), jobs_(factory.informer(jobs_res_)),
      recorder_(api, "cronjob-controller") {
  client::ResourceEventHandler ch;
  ch.on_add = [this](const ObjectPtr& c) { enqueue(*c); };
  ch.on_update = [this](const ObjectPtr&, const ObjectPtr& c) { enqueue(*c); };
  cronjob_handler_ = cronjobs_.add_handler(std::move(ch));
  auto job_changed = [this](const ObjectPtr& j) {
    const Json* ref = api::meta::controller_ref(*j);
    if (ref && ref->value("kind", "") == "CronJob") enqueue_key(api::meta::namespace_of(*j) + "/" + ref->value("name", ""));
  };
  client::ResourceEventHandler jh;
  jh.on_add = job_changed;
  jh.on_update = [job_changed](const ObjectPtr&, const ObjectPtr& j) { job_changed(j); };
  jh.on_delete = job_changed;
  job_handler_ = jobs_.add_handler(std::move(jh));
}

CronJobController::~CronJobController() {
  cronjobs_.remove_handler(cronjob_handler_);
  jobs_.remove_handler(job_handler_);
}

SyncResult CronJobController::sync(const std::string& key) {
  ObjectPtr cj = cronjobs_.get(key);
  if (!cj || api::meta::being_deleted(*cj)) return SyncResult::ok();
  const auto key_parts = api::split_key(key);
  const std::string ns = key_parts.first, name = key_parts.second;
  const std::string uid = api::meta::uid(*cj);
  const sim::Time now = api_.sim().now();
  const Json& spec = api::field(*cj, {"spec"});

  std::vector<ObjectPtr> jobs;
  for (const auto& j : jobs_.list_namespace(ns)) {
    const Json* ref = api::meta::controller_ref(*j);
    if (ref && ref->value("uid", "") == uid) jobs.push_back(j);
  }
  std::sort(jobs.begin(), jobs.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
    return api::str_field(*a, {"metadata", "creationTimestamp"}) < api::str_field(*b, {"metadata", "creationTimestamp"});
  });

  Json status = api::field(*cj, {"status"}).is_object() ? api::field(*cj, {"status"}) : Json::object();
  Json active = Json::array();
  std::vector<ObjectPtr> succeeded, failed;
  const Json& before_active = api::field(status, {"active"});
  for (const auto& j : jobs) {
    const std::string done = finished_as(*j);
    if (done.empty()) {
      active.push_back({{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"name", api::meta::name(*j)},
                        {"namespace", ns}, {"resourceVersion", api::str_field(*j, {"metadata", "resourceVersion"})},
                        {"uid", api::meta::uid(*j)}});
      continue;
    }
    (done == "Complete" ? succeeded : failed).push_back(j);
    bool was_active = false;
    if (before_active.is_array())
      for (const auto& r : before_active)
        if (r.value("uid", "") == api::meta::uid(*j)) was_active = true;
    if (was_active)
      recorder_.event(*cj, client::EventType::Normal, "SawCompletedJob",
                      "Saw completed job: " + api::meta::name(*j) + ", status: " + done);
    if (done == "Complete") {
      const std::string t = api::str_field(*j, {"status", "completionTime"});
      if (!t.empty() && t > status.value("lastSuccessfulTime", std::string())) status["lastSuccessfulTime"] = t;
    }
  }

  // History limits: the oldest finished Jobs go.
  auto prune = [&](std::vector<ObjectPtr>& list, std::int64_t limit) {
    while (static_cast<std::int64_t>(list.size()) > limit) {
      const ObjectPtr j = list.front();
      list.erase(list.begin());
      api::DeleteOptions opts;
      opts.propagation = api::Propagation::Background;
      try {
        api_.remove(jobs_res_, ns, api::meta::name(*j), opts);
        recorder_.event(*cj, client::EventType::Normal, "SuccessfulDelete", "Deleted job " + api::meta::name(*j));
      } catch (const api::ApiError&) {
      }
    }
  };
  prune(succeeded, spec.value("successfulJobsHistoryLimit", std::int64_t{3}));
  prune(failed, spec.value("failedJobsHistoryLimit", std::int64_t{1}));

  SyncResult result = SyncResult::ok();
  auto schedule = api::kinds::parse_cron_schedule(spec.value("schedule", std::string()));
  if (schedule && !spec.value("suspend", false)) {
    const sim::Time earliest =
        time_of(status.contains("lastScheduleTime") ? status["lastScheduleTime"] : api::field(*cj, {"metadata", "creationTimestamp"}), now);
    // The most recent activation that is due (missed ones before it are not run).
    std::optional<sim::Time> due;
    for (auto t = schedule->next(earliest); t && *t <= now; t = schedule->next(*t)) due = t;
    if (due) {
      bool start = true;
      if (spec.contains("startingDeadlineSeconds") &&
          now - *due > sim::seconds(spec["startingDeadlineSeconds"].get<std::int64_t>()))
        start = false;
      const std::string policy = spec.value("concurrencyPolicy", std::string("Allow"));
      if (start && !active.empty() && policy == "Forbid") {
        recorder_.event(*cj, client::EventType::Normal, "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid");
        start = false;
      }
      if (start && !active.empty() && policy == "Replace") {
        for (const auto& r : active) {
          api::DeleteOptions opts;
          opts.propagation = api::Propagation::Background;
          try {
            api_.remove(jobs_res_, ns, r.value("name", ""), opts);
            recorder_.event(*cj, client::EventType::Normal, "SuccessfulDelete", "Deleted job " + r.value("name", ""));
          } catch (const api::ApiError&) {
          }
        }
        active = Json::array();
      }
      if (start) {
        const std::string job_name = name + "-" + std::to_string(due->us / (60LL * 1000000));
        const Json& tmpl = api::field(spec, {"jobTemplate"});
        Json meta = api::field(tmpl, {"metadata"}).is_object() ? api::field(tmpl, {"metadata"}) : Json::object();
        meta["name"] = job_name;
        meta["annotations"]["batch.kubernetes.io/cronjob-scheduled-timestamp"] = util::format_rfc3339(*due);
        meta["ownerReferences"] = Json::array({new_controller_ref(*cj)});
        Json job = {{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", meta}, {"spec", api::field(tmpl, {"spec"})}};
        try {
          ObjectPtr created = api_.create(jobs_res_, ns, std::move(job));
          recorder_.event(*cj, client::EventType::Normal, "SuccessfulCreate", "Created job " + job_name);
          active.push_back({{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"name", job_name}, {"namespace", ns},
                            {"resourceVersion", api::str_field(*created, {"metadata", "resourceVersion"})},
                            {"uid", api::meta::uid(*created)}});
        } catch (const api::ApiError& e) {
          if (e.code() != 409) return SyncResult::retry(e.message());
        }
      }
      status["lastScheduleTime"] = util::format_rfc3339(*due);
    }
    if (auto next = schedule->next(now)) result = SyncResult::requeue_after(*next - now + sim::millis(100));
  }

  if (active.empty()) status.erase("active");
  else status["active"] = active;
  if (status != api::field(*cj, {"status"})) {
    Json c = *cj;
    c["status"] = status;
    api::WriteOptions opts;
    opts.subresource = "status";
    try {
      api_.update(cronjobs_res_, ns, std::move(c), opts);
    } catch (const api::ApiError& e) {
      return SyncResult::retry(e.message());
    }
  }
  return result;
}

}  // namespace kt::controllers
