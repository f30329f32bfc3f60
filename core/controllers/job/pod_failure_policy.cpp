#include "core/controllers/job/pod_failure_policy.h"

#include "core/api/object.h"

namespace kt::controllers {
namespace {

bool exit_code_matches(std::int64_t code, const Json& requirement) {
  const std::string op = requirement.value("operator", "");
  bool listed = false;
  for (const auto& v : requirement.value("values", Json::array()))
    if (v.is_number_integer() && v.get<std::int64_t>() == code) listed = true;
  if (op == "In") return listed;
  if (op == "NotIn") return !listed;
  return false;
}

// The first container (regular ones, then init ones) that terminated with a non-zero
// exit code the requirement matches; null when none.
const Json* matching_container(const Json& pod, const Json& requirement) {
  const std::string only = requirement.value("containerName", "");
  for (const char* list : {"containerStatuses", "initContainerStatuses"}) {
    const Json& statuses = api::field(pod, {"status", list});
    if (!statuses.is_array()) continue;
    for (const auto& cs : statuses) {
      if (!only.empty() && cs.value("name", "") != only) continue;
      const Json& term = api::field(cs, {"state", "terminated"});
      if (!term.is_object()) continue;
      const std::int64_t code = term.value("exitCode", std::int64_t{0});
      if (code != 0 && exit_code_matches(code, requirement)) return &cs;
    }
  }
  return nullptr;
}

const Json* matching_condition(const Json& pod, const Json& patterns) {
  const Json& conds = api::field(pod, {"status", "conditions"});
  if (!conds.is_array()) return nullptr;
  for (const auto& c : conds)
    for (const auto& p : patterns)
      if (c.value("type", "") == p.value("type", "") && c.value("status", "") == p.value("status", "True")) return &c;
  return nullptr;
}

FailureAction action_of(const std::string& a) {
  if (a == "FailJob") return FailureAction::FailJob;
  if (a == "FailIndex") return FailureAction::FailIndex;
  if (a == "Ignore") return FailureAction::Ignore;
  return FailureAction::Count;
}

}  // namespace

FailureMatch match_pod_failure_policy(const Json& policy, const Json& pod) {
  const Json& rules = policy.is_object() ? policy.value("rules", Json::array()) : Json::array();
  if (!rules.is_array()) return {};
  const std::string pod_ref = api::meta::namespace_of(pod) + "/" + api::meta::name(pod);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Json& rule = rules[i];
    const std::string action = rule.value("action", "");
    std::string message;
    if (rule.contains("onExitCodes") && rule["onExitCodes"].is_object()) {
      const Json* cs = matching_container(pod, rule["onExitCodes"]);
      if (!cs) continue;
      message = "Container " + cs->value("name", "") + " for pod " + pod_ref + " failed with exit code " +
                std::to_string(api::field(*cs, {"state", "terminated"}).value("exitCode", std::int64_t{0})) +
                " matching " + action + " rule at index " + std::to_string(i);
    } else if (rule.contains("onPodConditions") && rule["onPodConditions"].is_array()) {
      const Json* c = matching_condition(pod, rule["onPodConditions"]);
      if (!c) continue;
      message = "Pod " + pod_ref + " has condition " + c->value("type", "") + " matching " + action + " rule at index " +
                std::to_string(i);
    } else {
      continue;
    }
    FailureMatch m;
    m.action = action_of(action);
    if (m.action == FailureAction::FailJob) m.message = message;
    return m;
  }
  return {};
}

}  // namespace kt::controllers
