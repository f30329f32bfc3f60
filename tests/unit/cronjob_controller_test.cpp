// cronjob-controller: a Job per scheduled minute named <cronjob>-<minutes since
// epoch>, history limits, Forbid; the schedule parser's next activation.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/api/kinds/cron_schedule.h"
#include "core/sandbox.h"
#include "core/util/timefmt.h"

using namespace kt;

namespace {

void make_cronjob(Sandbox& sb, const std::string& name, const std::string& schedule, Json extra = Json::object()) {
  Json spec = {{"schedule", schedule},
               {"jobTemplate",
                {{"spec",
                  {{"template",
                    {{"spec",
                      {{"restartPolicy", "OnFailure"},
                       {"containers", Json::array({Json{{"name", "hello"},
                                                        {"image", "busybox:1.36"},
                                                        {"command", Json::array({"sh", "-c", "date; echo Hello"})}}})}}}}}}}}}};
  for (auto it = extra.begin(); it != extra.end(); ++it) spec[it.key()] = *it;
  sb.api().create(sb.api().resource("batch", "cronjobs"), "default",
                  Json{{"apiVersion", "batch/v1"}, {"kind", "CronJob"}, {"metadata", {{"name", name}}}, {"spec", spec}});
}

std::vector<std::string> job_names(Sandbox& sb) {
  std::vector<std::string> out;
  for (const auto& j : sb.api().list(sb.api().resource("batch", "jobs"), "default").items) out.push_back(api::meta::name(*j));
  return out;
}

}  // namespace

TEST_CASE("cron schedules give their next activation", "[cronjob]") {
  const sim::Time t = util::time_from_civil(2025, 1, 15, 9, 12, 30);  // a Wednesday
  auto every = api::kinds::parse_cron_schedule("*/1 * * * *");
  REQUIRE(every);
  CHECK(*every->next(t) == util::time_from_civil(2025, 1, 15, 9, 13));
  auto hourly = api::kinds::parse_cron_schedule("@hourly");
  CHECK(*hourly->next(t) == util::time_from_civil(2025, 1, 15, 10, 0));
  auto weekday = api::kinds::parse_cron_schedule("30 8 * * mon-fri");
  CHECK(*weekday->next(t) == util::time_from_civil(2025, 1, 16, 8, 30));
  auto monthly = api::kinds::parse_cron_schedule("0 0 1 * *");
  CHECK(*monthly->next(t) == util::time_from_civil(2025, 2, 1));
  auto dom_or_dow = api::kinds::parse_cron_schedule("0 0 20 * 5");  // the 20th or a Friday
  CHECK(*dom_or_dow->next(t) == util::time_from_civil(2025, 1, 17));
  CHECK_FALSE(api::kinds::parse_cron_schedule("61 * * * *"));
}

TEST_CASE("a CronJob starts a Job every minute and keeps three", "[cronjob]") {
  Sandbox sb;
  make_cronjob(sb, "hello", "*/1 * * * *");
  sb.advance(sim::seconds(59));  // the sandbox starts at 09:12:00: the first run is 09:13
  CHECK(job_names(sb).empty());
  sb.advance(sim::seconds(2));
  const auto names = job_names(sb);
  REQUIRE(names.size() == 1);
  const sim::Time at = util::time_from_civil(2025, 1, 15, 9, 13);
  CHECK(names[0] == "hello-" + std::to_string(at.us / 60000000));
  sb.advance(sim::minutes(5));  // 09:18:01
  CHECK(job_names(sb).size() == 4);  // three finished (successfulJobsHistoryLimit), the 09:18 one running
  auto cj = sb.api().get(sb.api().resource("batch", "cronjobs"), "default", "hello");
  CHECK(api::str_field(*cj, {"status", "lastScheduleTime"}) == "2025-01-15T09:18:00Z");
  CHECK(api::field(*cj, {"status", "lastSuccessfulTime"}).is_string());
  bool saw = false, created = false;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items) {
    if (api::str_field(*e, {"reason"}) == "SawCompletedJob") saw = true;
    if (api::str_field(*e, {"message"}) == "Created job " + names[0]) created = true;
  }
  CHECK(saw);
  CHECK(created);
}

TEST_CASE("Forbid skips a run while the previous Job is still going", "[cronjob]") {
  Sandbox sb;
  Json extra = {{"concurrencyPolicy", "Forbid"}};
  make_cronjob(sb, "slow", "*/1 * * * *", extra);
  Json cj = *sb.api().get(sb.api().resource("batch", "cronjobs"), "default", "slow");
  cj["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["command"] =
      Json::array({"sh", "-c", "sleep 150"});
  sb.api().update(sb.api().resource("batch", "cronjobs"), "default", cj);
  sb.advance(sim::seconds(61 + 60));  // 09:14:01: the 09:13 Job still sleeps
  CHECK(job_names(sb).size() == 1);
  bool skipped = false;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (api::str_field(*e, {"reason"}) == "JobAlreadyActive") skipped = true;
  CHECK(skipped);
}
