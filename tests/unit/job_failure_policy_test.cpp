// job-controller: podFailurePolicy (FailJob on exit codes, Ignore on DisruptionTarget,
// FailIndex), backoffLimitPerIndex with failedIndexes and maxFailedIndexes, and the
// validation errors the API server gives for these fields.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

Json job_object(const std::string& name, Json spec_extra, const std::string& script,
                const std::string& restart = "Never") {
  Json container = {{"name", "main"}, {"image", "busybox:1.36"}, {"command", Json::array({"sh", "-c", script})}};
  Json pod_spec = {{"restartPolicy", restart}};
  pod_spec["containers"] = Json::array({container});
  Json spec = Json::object();
  spec["template"]["spec"] = pod_spec;
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  Json job = {{"apiVersion", "batch/v1"}, {"kind", "Job"}};
  job["metadata"]["name"] = name;
  job["spec"] = spec;
  return job;
}

api::ObjectPtr create(Sandbox& sb, Json job) {
  return sb.api().create(sb.api().resource("batch", "jobs"), "default", std::move(job));
}

api::ObjectPtr job(Sandbox& sb, const std::string& name) {
  return sb.api().get(sb.api().resource("batch", "jobs"), "default", name);
}

std::vector<api::ObjectPtr> pods_of(Sandbox& sb, const std::string& job_name) {
  return sb.api().list(sb.api().resource("", "pods"), "default",
                       api::ListOptions{"batch.kubernetes.io/job-name=" + job_name}).items;
}

const Json* condition(const Json& j, const std::string& type) {
  for (const auto& c : api::field(j, {"status", "conditions"}))
    if (c.value("type", "") == type && c.value("status", "") == "True") return &c;
  return nullptr;
}

std::string validation_error(Sandbox& sb, Json job) {
  try {
    create(sb, std::move(job));
  } catch (const api::ApiError& e) {
    return e.message();
  }
  return "";
}

Json exit_code_rule(const std::string& action, const std::string& op, Json values) {
  Json rule = {{"action", action}};
  rule["onExitCodes"]["operator"] = op;
  rule["onExitCodes"]["values"] = std::move(values);
  return rule;
}

Json policy(Json rules) {
  Json p = Json::object();
  p["rules"] = std::move(rules);
  return p;
}

}  // namespace

TEST_CASE("podFailurePolicy FailJob on an exit code fails the job at once with reason PodFailurePolicy", "[job]") {
  Sandbox sb;
  Json extra = {{"backoffLimit", 6}};
  extra["podFailurePolicy"] = policy(Json::array({exit_code_rule("FailJob", "In", Json::array({42}))}));
  create(sb, job_object("pfp", extra, "exit 42"));
  sb.advance(sim::seconds(30));
  auto j = job(sb, "pfp");
  const auto pods = pods_of(sb, "pfp");
  REQUIRE(pods.size() == 1);  // no retry
  const Json* failed = condition(*j, "Failed");
  REQUIRE(failed != nullptr);
  CHECK(failed->value("reason", "") == "PodFailurePolicy");
  CHECK(failed->value("message", "") == "Container main for pod default/" + api::meta::name(*pods[0]) +
                                            " failed with exit code 42 matching FailJob rule at index 0");
  REQUIRE(condition(*j, "FailureTarget") != nullptr);
  CHECK(condition(*j, "FailureTarget")->value("reason", "") == "PodFailurePolicy");
  CHECK(api::field(*j, {"status", "failed"}) == 1);
  // The API defaulted podReplacementPolicy to Failed for a job with a podFailurePolicy.
  CHECK(api::str_field(*j, {"spec", "podReplacementPolicy"}) == "Failed");
  bool event = false;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (api::str_field(*e, {"reason"}) == "PodFailurePolicy" && api::str_field(*e, {"type"}) == "Warning") event = true;
  CHECK(event);
}

TEST_CASE("podFailurePolicy: an exit code not matched counts towards backoffLimit; Count counts too", "[job]") {
  Sandbox sb;
  Json extra = {{"backoffLimit", 1}};
  extra["podFailurePolicy"] = policy(Json::array({exit_code_rule("FailJob", "In", Json::array({42})),
                                                  exit_code_rule("Count", "In", Json::array({3}))}));
  create(sb, job_object("counted", extra, "exit 3"));
  sb.advance(sim::minutes(2));
  auto j = job(sb, "counted");
  CHECK(api::field(*j, {"status", "failed"}) == 2);
  REQUIRE(condition(*j, "Failed") != nullptr);
  CHECK(condition(*j, "Failed")->value("reason", "") == "BackoffLimitExceeded");
}

TEST_CASE("podFailurePolicy Ignore: failures of matching pods are not counted", "[job]") {
  Sandbox sb;
  Json extra = {{"backoffLimit", 0}, {"completions", 1}};
  Json ignore_rule = {{"action", "Ignore"}};
  ignore_rule["onPodConditions"] = Json::array({Json{{"type", "DisruptionTarget"}}});
  extra["podFailurePolicy"] = policy(Json::array({exit_code_rule("Ignore", "NotIn", Json::array({1})), ignore_rule}));
  // Exit code 7 is NotIn [1]: ignored every time, so backoffLimit 0 is never passed.
  create(sb, job_object("ignored", extra, "exit 7"));
  sb.advance(sim::minutes(3));
  auto j = job(sb, "ignored");
  CHECK(condition(*j, "Failed") == nullptr);
  CHECK_FALSE(api::field(*j, {"status"}).contains("failed"));
  CHECK(pods_of(sb, "ignored").size() >= 3);  // replaced again and again
  // The defaulted pattern status is True.
  CHECK(api::field(*j, {"spec", "podFailurePolicy", "rules"})[1]["onPodConditions"][0]["status"] == "True");
}

TEST_CASE("backoffLimitPerIndex: each index is retried on its own, then goes to failedIndexes", "[job]") {
  Sandbox sb;
  Json extra = {{"completions", 2}, {"parallelism", 2}, {"completionMode", "Indexed"}, {"backoffLimitPerIndex", 1}};
  create(sb, job_object("per-index", extra, "exit 1"));
  sb.advance(sim::seconds(5));
  CHECK(api::str_field(*job(sb, "per-index"), {"status", "failedIndexes"}) == "");  // set, empty
  CHECK(api::field(*job(sb, "per-index"), {"status"}).contains("failedIndexes"));
  sb.advance(sim::minutes(3));
  auto j = job(sb, "per-index");
  CHECK(api::str_field(*j, {"status", "failedIndexes"}) == "0-1");
  CHECK_FALSE(api::field(*j, {"status"}).contains("completedIndexes"));
  CHECK(api::field(*j, {"status", "failed"}) == 4);  // each index: the first try and one retry
  REQUIRE(condition(*j, "Failed") != nullptr);
  CHECK(condition(*j, "Failed")->value("reason", "") == "FailedIndexes");
  CHECK(condition(*j, "Failed")->value("message", "") == "Job has failed indexes");
  CHECK(api::field(*j, {"spec", "backoffLimit"}) == 2147483647);
  // Two pods per index; the retry carried the failure count of its index.
  std::map<std::string, std::set<std::string>> counts;
  for (const auto& p : pods_of(sb, "per-index"))
    counts[api::str_field(*p, {"metadata", "annotations", "batch.kubernetes.io/job-completion-index"})].insert(
        api::str_field(*p, {"metadata", "annotations", "batch.kubernetes.io/job-index-failure-count"}));
  CHECK(counts == std::map<std::string, std::set<std::string>>{{"0", {"0", "1"}}, {"1", {"0", "1"}}});
}

TEST_CASE("maxFailedIndexes: one failed index too many fails the job; FailIndex skips the retries", "[job]") {
  Sandbox sb;
  Json extra = {{"completions", 4}, {"parallelism", 1}, {"completionMode", "Indexed"}, {"backoffLimitPerIndex", 3},
                {"maxFailedIndexes", 0}};
  extra["podFailurePolicy"] = policy(Json::array({exit_code_rule("FailIndex", "In", Json::array({5}))}));
  create(sb, job_object("max-failed", extra, "exit 5"));
  sb.advance(sim::minutes(1));
  auto j = job(sb, "max-failed");
  CHECK(api::str_field(*j, {"status", "failedIndexes"}) == "0");
  REQUIRE(condition(*j, "Failed") != nullptr);
  CHECK(condition(*j, "Failed")->value("reason", "") == "MaxFailedIndexesExceeded");
  CHECK(condition(*j, "Failed")->value("message", "") ==
        "Job has exceeded the specified maximum number of failed indexes");
  CHECK(pods_of(sb, "max-failed").size() == 1);  // FailIndex: index 0 was not retried
}

TEST_CASE("podFailurePolicy and backoffLimitPerIndex: the validation errors of the API server", "[job]") {
  Sandbox sb;
  Json extra = Json::object();
  extra["podFailurePolicy"] = policy(Json::array({exit_code_rule("FailJob", "In", Json::array({1}))}));
  CHECK(validation_error(sb, job_object("a", extra, "true", "OnFailure")) ==
        "Job.batch \"a\" is invalid: spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is "
        "supported when podFailurePolicy is specified");

  extra["podFailurePolicy"] = policy(Json::array({exit_code_rule("FailIndex", "In", Json::array({0, 2, 1}))}));
  CHECK(validation_error(sb, job_object("b", extra, "true")) ==
        "Job.batch \"b\" is invalid: [spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the "
        "backoffLimitPerIndex to be set, spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must "
        "not be 0 for the In operator, spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: "
        "[]int32{0, 2, 1}: must be ordered]");

  Json no_pattern = {{"action", "Ignore"}};
  extra["podFailurePolicy"] = policy(Json::array({no_pattern}));
  CHECK(validation_error(sb, job_object("c", extra, "true")) ==
        "Job.batch \"c\" is invalid: spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and "
        "OnPodConditions is required");

  Json bad_action = exit_code_rule("Retry", "Between", Json::array({1}));
  bad_action["onExitCodes"]["containerName"] = "nope";
  extra["podFailurePolicy"] = policy(Json::array({bad_action}));
  CHECK(validation_error(sb, job_object("d", extra, "true")) ==
        "Job.batch \"d\" is invalid: [spec.podFailurePolicy.rules[0].action: Unsupported value: \"Retry\": supported "
        "values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\", spec.podFailurePolicy.rules[0].onExitCodes.operator: "
        "Unsupported value: \"Between\": supported values: \"In\", \"NotIn\", "
        "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"nope\": must be one of the container "
        "or initContainer names in the pod template]");

  Json per_index = {{"backoffLimitPerIndex", 1}, {"completions", 2}};
  CHECK(validation_error(sb, job_object("e", per_index, "true")) ==
        "Job.batch \"e\" is invalid: spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode");

  Json too_many = {{"backoffLimitPerIndex", 1}, {"completions", 2}, {"completionMode", "Indexed"}, {"maxFailedIndexes", 3}};
  CHECK(validation_error(sb, job_object("f", too_many, "true")) ==
        "Job.batch \"f\" is invalid: spec.maxFailedIndexes: Invalid value: 3: must be less than or equal to completions");
}

TEST_CASE("podFailurePolicy Ignore on DisruptionTarget: a pod evicted by a NoExecute taint is not counted", "[job]") {
  Sandbox sb;
  Json extra = {{"backoffLimit", 0}};
  Json rule = {{"action", "Ignore"}};
  rule["onPodConditions"] = Json::array({Json{{"type", "DisruptionTarget"}}});
  extra["podFailurePolicy"] = policy(Json::array({rule}));
  create(sb, job_object("evicted", extra, "sleep 3600"));
  sb.advance(sim::seconds(10));
  auto first = pods_of(sb, "evicted");
  REQUIRE(first.size() == 1);
  const std::string node_name = api::str_field(*first[0], {"spec", "nodeName"});
  REQUIRE_FALSE(node_name.empty());
  // The taint manager evicts the pod: DisruptionTarget (DeletionByTaintManager), then deletion.
  const auto& nodes = sb.api().resource("", "nodes");
  Json node = *sb.api().get(nodes, "", node_name);
  Json taint = {{"key", "example.com/maintenance"}, {"effect", "NoExecute"}};
  if (!node["spec"].contains("taints")) node["spec"]["taints"] = Json::array();
  node["spec"]["taints"].push_back(taint);
  sb.api().update(nodes, "", node);
  sb.advance(sim::seconds(90));
  auto j = job(sb, "evicted");
  CHECK(condition(*j, "Failed") == nullptr);  // backoffLimit 0, yet the job goes on
  CHECK_FALSE(api::field(*j, {"status"}).contains("failed"));
  bool replaced = false;
  for (const auto& p : pods_of(sb, "evicted"))
    if (api::meta::uid(*p) != api::meta::uid(*first[0]) && api::str_field(*p, {"status", "phase"}) == "Running" &&
        api::str_field(*p, {"spec", "nodeName"}) != node_name)
      replaced = true;
  CHECK(replaced);
  CHECK(api::field(*j, {"status", "active"}) == 1);
}

TEST_CASE("podReplacementPolicy: TerminatingOrFailed replaces a deleted pod at once, Failed once it is terminal", "[job]") {
  for (const std::string policy_name : {"TerminatingOrFailed", "Failed"}) {
    INFO(policy_name);
    Sandbox sb;
    Json extra = {{"podReplacementPolicy", policy_name}};
    // `sleep` under sh ignores SIGTERM: the deleted pod terminates only after its 30 s grace period.
    create(sb, job_object("rp", extra, "sleep 3600"));
    sb.advance(sim::seconds(10));
    auto first = pods_of(sb, "rp");
    REQUIRE(first.size() == 1);
    sb.api().remove(sb.api().resource("", "pods"), "default", api::meta::name(*first[0]));
    sb.advance(sim::seconds(5));
    CHECK(pods_of(sb, "rp").size() == (policy_name == "Failed" ? 1u : 2u));
    CHECK(api::field(*job(sb, "rp"), {"status", "terminating"}) == 1);
    sb.advance(sim::seconds(60));
    std::size_t running = 0;
    for (const auto& p : pods_of(sb, "rp"))
      if (api::str_field(*p, {"status", "phase"}) == "Running") ++running;
    CHECK(running == 1);
  }
}
