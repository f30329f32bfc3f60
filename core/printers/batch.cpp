// batch/v1: jobs and cronjobs (printJob, printCronJob). Since v1.30 the job table
// leads with STATUS (Complete, Failed, Terminating, Suspended, FailureTarget, Running).
#include "core/api/labels.h"
#include "core/printers/printer_util.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

// hasJobCondition: the first condition of that type decides.
bool has_condition(const Json& job, const char* type) {
  const Json& conds = field(job, {"status", "conditions"});
  if (!conds.is_array()) return false;
  for (const auto& c : conds)
    if (str_field(c, {"type"}) == type) return str_field(c, {"status"}) == "True";
  return false;
}

Row job_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& job = *obj;
  const std::int64_t succeeded = api::int_field(job, {"status", "succeeded"}, 0);
  std::string completions;
  const Json& want = field(job, {"spec", "completions"});
  if (want.is_number_integer()) {
    completions = std::to_string(succeeded) + "/" + std::to_string(want.get<std::int64_t>());
  } else {
    const std::int64_t parallelism = api::int_field(job, {"spec", "parallelism"}, 0);
    completions = parallelism > 1 ? std::to_string(succeeded) + "/1 of " + std::to_string(parallelism)
                                  : std::to_string(succeeded) + "/1";
  }
  std::string duration;
  const std::string start = str_field(job, {"status", "startTime"});
  const std::string done = str_field(job, {"status", "completionTime"});
  if (!start.empty()) {
    if (done.empty()) {
      if (auto t = util::parse_rfc3339(start)) duration = util::human_duration(now - *t);
    } else {
      duration = between(start, done);
    }
  }
  std::string status;
  if (has_condition(job, "Complete")) status = "Complete";
  else if (has_condition(job, "Failed")) status = "Failed";
  else if (api::meta::being_deleted(job)) status = "Terminating";
  else if (has_condition(job, "Suspended")) status = "Suspended";
  else if (has_condition(job, "FailureTarget")) status = "FailureTarget";
  else status = "Running";

  auto [names, images] = containers_cells(field(job, {"spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(job), status, completions, duration, age(job, now), names, images,
                        api::format_label_selector(field(job, {"spec", "selector"}))});
}

std::string bool_ptr(const Json& v) {
  if (!v.is_boolean()) return "<unset>";
  return v.get<bool>() ? "True" : "False";
}

Row cronjob_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& cj = *obj;
  std::string last = "<none>";
  if (const std::string t = str_field(cj, {"status", "lastScheduleTime"}); !t.empty()) last = since(t, now);
  std::string tz = "<none>";
  if (const Json& z = field(cj, {"spec", "timeZone"}); z.is_string()) tz = z.get<std::string>();
  const Json& active = field(cj, {"status", "active"});
  auto [names, images] = containers_cells(field(cj, {"spec", "jobTemplate", "spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(cj), str_field(cj, {"spec", "schedule"}), tz,
                        bool_ptr(field(cj, {"spec", "suspend"})),
                        Json(static_cast<std::int64_t>(active.is_array() ? active.size() : 0)), last, age(cj, now),
                        names, images,
                        api::format_label_selector(field(cj, {"spec", "jobTemplate", "spec", "selector"}))});
}

}  // namespace

void register_batch_printers() {
  const Column containers = col("Containers", "string", 1, "Names of each container in the template.");
  const Column images = col("Images", "string", 1, "Images referenced by each container in the template.");
  add_printer("batch", "jobs",
              {{name_column(), col("Status", "string", 0, "Status of the job."),
                col("Completions", "string", 0,
                    "The number of pods which reached phase Succeeded. The value increases monotonically for a given "
                    "spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
                col("Duration", "string", 0, "Time required to complete the job."), age_column(), containers, images,
                col("Selector", "string", 1,
                    "A label query over pods that should match the pod count. Normally, the system sets this field "
                    "for you.")},
               job_row});
  add_printer("batch", "cronjobs",
              {{name_column(),
                col("Schedule", "string", 0, "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
                col("Timezone", "string", 0,
                    "The time zone name for the given schedule, see "
                    "https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
                col("Suspend", "boolean", 0,
                    "This flag tells the controller to suspend subsequent executions, it does not apply to already "
                    "started executions. Defaults to false."),
                col("Active", "integer", 0, "A list of pointers to currently running jobs."),
                col("Last Schedule", "string", 0,
                    "Information when was the last time the job was successfully scheduled."),
                age_column(), containers, images,
                col("Selector", "string", 1,
                    "A label query over pods that should match the pod count. Normally, the system sets this field "
                    "for you.")},
               cronjob_row});
}

}  // namespace kt::printers
