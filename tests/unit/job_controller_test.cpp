// job-controller: completions and parallelism, the pod failure back-off and
// backoffLimit, Indexed completion, tracking finalizers released.
#include <catch2/catch.hpp>

#include <set>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

api::ObjectPtr make_job(Sandbox& sb, const std::string& name, Json spec_extra, const std::string& script) {
  Json spec = {{"template",
                {{"spec",
                  {{"restartPolicy", "Never"},
                   {"containers", Json::array({Json{{"name", "c"},
                                                    {"image", "busybox:1.36"},
                                                    {"command", Json::array({"sh", "-c", script})}}})}}}}}};
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  return sb.api().create(sb.api().resource("batch", "jobs"), "default",
                         Json{{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", {{"name", name}}}, {"spec", spec}});
}

api::ObjectPtr job(Sandbox& sb, const std::string& name) {
  return sb.api().get(sb.api().resource("batch", "jobs"), "default", name);
}

std::vector<api::ObjectPtr> pods_of(Sandbox& sb, const std::string& job_name) {
  return sb.api().list(sb.api().resource("", "pods"), "default",
                       api::ListOptions{"batch.kubernetes.io/job-name=" + job_name}).items;
}

std::string condition_reason(const Json& j, const std::string& type) {
  for (const auto& c : api::field(j, {"status", "conditions"}))
    if (c.value("type", "") == type && c.value("status", "") == "True") return c.value("reason", "");
  return "";
}

}  // namespace

TEST_CASE("a job with completions 3 and parallelism 2 runs pods until 3 succeed", "[job]") {
  Sandbox sb;
  make_job(sb, "work", {{"completions", 3}, {"parallelism", 2}}, "echo done; sleep 2");
  sb.advance(sim::seconds(2));
  CHECK(pods_of(sb, "work").size() == 2);
  CHECK(api::field(*job(sb, "work"), {"status", "active"}) == 2);
  sb.advance(sim::seconds(60));
  auto j = job(sb, "work");
  CHECK(api::field(*j, {"status", "succeeded"}) == 3);
  CHECK_FALSE(api::field(*j, {"status"}).contains("active"));
  CHECK(condition_reason(*j, "Complete") == "CompletionsReached");
  CHECK(condition_reason(*j, "SuccessCriteriaMet") == "CompletionsReached");
  CHECK(api::field(*j, {"status", "completionTime"}).is_string());
  const auto pods = pods_of(sb, "work");
  CHECK(pods.size() == 3);
  for (const auto& p : pods) {
    CHECK(api::str_field(*p, {"status", "phase"}) == "Succeeded");
    CHECK(api::meta::name(*p).rfind("work-", 0) == 0);
    CHECK(api::field(*p, {"metadata", "finalizers"}).empty());  // the tracking finalizer was released
  }
}

TEST_CASE("failing pods are retried with back-off until backoffLimit", "[job]") {
  Sandbox sb;
  make_job(sb, "bad", {{"backoffLimit", 2}}, "exit 1");
  sb.advance(sim::minutes(3));
  auto j = job(sb, "bad");
  CHECK(api::field(*j, {"status", "failed"}) == 3);
  CHECK(condition_reason(*j, "Failed") == "BackoffLimitExceeded");
  CHECK(condition_reason(*j, "FailureTarget") == "BackoffLimitExceeded");
  CHECK(pods_of(sb, "bad").size() == 3);
  bool event = false;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (api::str_field(*e, {"reason"}) == "BackoffLimitExceeded" &&
        api::str_field(*e, {"message"}) == "Job has reached the specified backoff limit")
      event = true;
  CHECK(event);
}

TEST_CASE("an Indexed job runs one pod per index", "[job]") {
  Sandbox sb;
  make_job(sb, "idx", {{"completions", 3}, {"parallelism", 3}, {"completionMode", "Indexed"}}, "sleep 1");
  sb.advance(sim::seconds(60));
  auto j = job(sb, "idx");
  CHECK(api::str_field(*j, {"status", "completedIndexes"}) == "0-2");
  std::set<std::string> hostnames;
  for (const auto& p : pods_of(sb, "idx")) hostnames.insert(api::str_field(*p, {"spec", "hostname"}));
  CHECK(hostnames == std::set<std::string>{"idx-0", "idx-1", "idx-2"});
  CHECK(condition_reason(*j, "Complete") == "CompletionsReached");
}
