// batch/v1 Job and CronJob:
//   defaults    pkg/apis/batch/v1/defaults.go
//   validation  pkg/apis/batch/validation/validation.go
//   strategies  pkg/registry/batch/{job,cronjob}/strategy.go (selector generation)
#include <algorithm>
#include <stdexcept>

#include "core/api/kinds/common.h"
#include "core/api/kinds/cron_schedule.h"
#include "core/api/kinds/kinds.h"
#include "core/api/kinds/podspec.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

constexpr const char* kLegacyControllerUid = "controller-uid";
constexpr const char* kLegacyJobName = "job-name";
constexpr const char* kControllerUid = "batch.kubernetes.io/controller-uid";
constexpr const char* kJobName = "batch.kubernetes.io/job-name";

void default_job_spec_template(Json& spec) {
  Json& tmpl = object_at(spec, "template");
  object_at(tmpl, "spec");
  default_pod_template(tmpl);
}

void default_job(Json& obj) {
  Json& spec = object_at(obj, "spec");
  if (!has(spec, "completions") && !has(spec, "parallelism")) {
    spec["completions"] = 1;
    spec["parallelism"] = 1;
  }
  set_default(spec, "parallelism", 1);
  if (!has(spec, "backoffLimit")) spec["backoffLimit"] = has(spec, "backoffLimitPerIndex") ? 2147483647 : 6;
  const Json& tmpl_labels = get(get(get(spec, "template"), "metadata"), "labels");
  Json& meta = object_at(obj, "metadata");
  if (tmpl_labels.is_object() && len(get(meta, "labels")) == 0) meta["labels"] = tmpl_labels;
  set_default(spec, "completionMode", "NonIndexed");
  set_default(spec, "suspend", false);
  if (has(spec, "podFailurePolicy")) {
    Json& rules = spec["podFailurePolicy"]["rules"];
    if (rules.is_array())
      for (auto& rule : rules)
        if (rule.is_object() && rule.contains("onPodConditions") && rule["onPodConditions"].is_array())
          for (auto& pattern : rule["onPodConditions"]) set_if_zero(pattern, "status", "True");
  }
  set_default(spec, "podReplacementPolicy", has(spec, "podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
  default_job_spec_template(spec);
}

// generateSelector: the job's uid and name on the template, the uid in the selector.
void generate_selector(Json& obj) {
  const std::string uid = str(get(obj, "metadata"), "uid");
  const std::string name = str(get(obj, "metadata"), "name");
  Json& spec = object_at(obj, "spec");
  Json& labels = object_at(object_at(object_at(spec, "template"), "metadata"), "labels");
  for (const char* k : {kLegacyJobName, kJobName})
    if (!labels.contains(k)) labels[k] = name;
  for (const char* k : {kLegacyControllerUid, kControllerUid})
    if (!labels.contains(k)) labels[k] = uid;
  Json& match = object_at(object_at(spec, "selector"), "matchLabels");
  if (!match.contains(kControllerUid)) match[kControllerUid] = uid;
}

// ValidateHasLabel on the job's template.
void validate_has_label(const Json& tmpl_meta, const std::string& k, const std::string& expected, FieldErrors& errs) {
  const Json& labels = get(tmpl_meta, "labels");
  const Json& v = get(labels, k);
  const std::string path = key("spec.template.metadata.labels", k);
  if (v.is_null())
    errs.push_back(FieldError::required(path, "must be '" + expected + "'"));
  else if (v != expected)
    errs.push_back(invalid_raw(path, go_string_map(labels), "must be '" + expected + "'"));
}

void validate_generated_selector(const Json& obj, bool prefixed_labels, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  if (get(spec, "manualSelector") == true) return;
  const Json& sel = get(spec, "selector");
  if (sel.is_null()) return;
  const std::string uid = str(get(obj, "metadata"), "uid");
  const std::string name = str(get(obj, "metadata"), "name");
  if (uid.empty()) errs.push_back(FieldError::required("metadata.uid", ""));
  const Json& tmeta = get(get(spec, "template"), "metadata");
  validate_has_label(tmeta, kLegacyControllerUid, uid, errs);
  validate_has_label(tmeta, kLegacyJobName, name, errs);
  Json expected = {{kLegacyControllerUid, uid}, {kLegacyJobName, name}};
  if (prefixed_labels) {
    validate_has_label(tmeta, kControllerUid, uid, errs);
    validate_has_label(tmeta, kJobName, name, errs);
    expected[kControllerUid] = uid;
    expected[kJobName] = name;
  }
  try {
    if (!LabelSelector::from_json(sel).matches(expected))
      errs.push_back(invalid_raw("spec.selector", go_label_selector(sel), "`selector` not auto-generated"));
  } catch (const std::invalid_argument&) {
  }
}

// "[]int32{1, 2}": how a field error shows a list of exit codes (Go's %#v).
std::string go_int32_slice(const Json& values) {
  std::string out = "[]int32{";
  if (values.is_array())
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i].dump();
  return out + "}";
}

// validatePodFailurePolicyRule with its onExitCodes / onPodConditions checks.
void validate_pod_failure_rule(const Json& spec, const Json& rule, const std::string& path,
                               const std::vector<std::string>& containers, FieldErrors& errs) {
  const std::string action_path = child(path, "action");
  const Json& action = get(rule, "action");
  const std::vector<std::string> actions = {"Count", "FailIndex", "FailJob", "Ignore"};
  if (!action.is_string() || action.get<std::string>().empty())
    errs.push_back(FieldError::required(action_path, "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]"));
  else if (action == "FailIndex") {
    if (!has(spec, "backoffLimitPerIndex"))
      errs.push_back(FieldError::invalid(action_path, action, "requires the backoffLimitPerIndex to be set"));
  } else if (std::find(actions.begin(), actions.end(), action.get<std::string>()) == actions.end()) {
    errs.push_back(FieldError::unsupported(action_path, action, actions));
  }
  const Json& codes = get(rule, "onExitCodes");
  const Json& conds = get(rule, "onPodConditions");
  const bool has_codes = codes.is_object();
  const bool has_conds = conds.is_array() && !conds.empty();
  if (has_codes) {
    const std::string cpath = child(path, "onExitCodes");
    const Json& op = get(codes, "operator");
    if (!op.is_string() || op.get<std::string>().empty())
      errs.push_back(FieldError::required(child(cpath, "operator"), "valid values: [\"In\" \"NotIn\"]"));
    else if (op != "In" && op != "NotIn")
      errs.push_back(FieldError::unsupported(child(cpath, "operator"), op, {"In", "NotIn"}));
    const Json& cname = get(codes, "containerName");
    if (cname.is_string() && std::find(containers.begin(), containers.end(), cname.get<std::string>()) == containers.end())
      errs.push_back(FieldError::invalid(child(cpath, "containerName"), cname,
                                         "must be one of the container or initContainer names in the pod template"));
    const Json& values = get(codes, "values");
    const std::string vpath = child(cpath, "values");
    if (!values.is_array() || values.empty())
      errs.push_back(invalid_raw(vpath, go_int32_slice(values), "at least one value is required"));
    bool ordered = true;
    std::vector<std::int64_t> seen;
    for (std::size_t j = 0; values.is_array() && j < values.size(); ++j) {
      if (!values[j].is_number_integer()) continue;
      const std::int64_t v = values[j].get<std::int64_t>();
      const std::string item = vpath + "[" + std::to_string(j) + "]";
      if (op == "In" && v == 0) errs.push_back(FieldError::invalid(item, v, "must not be 0 for the In operator"));
      if (std::find(seen.begin(), seen.end(), v) != seen.end()) errs.push_back(FieldError::duplicate(item, v));
      else seen.push_back(v);
      if (j > 0 && values[j - 1].is_number_integer() && values[j - 1].get<std::int64_t>() > v) ordered = false;
    }
    if (!ordered) errs.push_back(invalid_raw(vpath, go_int32_slice(values), "must be ordered"));
  }
  if (has_conds) {
    const std::string ppath = child(path, "onPodConditions");
    for (std::size_t j = 0; j < conds.size(); ++j) {
      const std::string item = ppath + "[" + std::to_string(j) + "]";
      validate_qualified_name(str(conds[j], "type"), child(item, "type"), errs);
      const Json& status = get(conds[j], "status");
      if (!status.is_string() || status.get<std::string>().empty())
        errs.push_back(FieldError::required(child(item, "status"), "valid values: [\"False\" \"True\" \"Unknown\"]"));
      else if (status != "True" && status != "False" && status != "Unknown")
        errs.push_back(FieldError::unsupported(child(item, "status"), status, {"False", "True", "Unknown"}));
    }
  }
  if (has_codes && has_conds)
    errs.push_back(invalid_raw(path, "specifying both OnExitCodes and OnPodConditions is not supported", ""));
  if (!has_codes && !has_conds)
    errs.push_back(invalid_raw(path, "specifying one of OnExitCodes and OnPodConditions is required", ""));
}

void validate_pod_failure_policy(const Json& spec, const std::string& path, FieldErrors& errs) {
  std::vector<std::string> containers;
  const Json& pod_spec = get(get(spec, "template"), "spec");
  for (const char* list : {"containers", "initContainers"})
    if (get(pod_spec, list).is_array())
      for (const auto& c : get(pod_spec, list)) containers.push_back(str(c, "name"));
  const Json& rules = get(get(spec, "podFailurePolicy"), "rules");
  for (std::size_t i = 0; rules.is_array() && i < rules.size(); ++i)
    validate_pod_failure_rule(spec, rules[i], child(path, "rules") + "[" + std::to_string(i) + "]", containers, errs);
}

// validateJobSpec: the fields a JobTemplateSpec shares with a Job. `path` is the
// JobSpec's path ("spec", "spec.jobTemplate.spec").
void validate_job_spec_fields(const Json& spec, const std::string& path, FieldErrors& errs) {
  for (const char* f : {"parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
                        "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"})
    validate_nonnegative(get(spec, f), child(path, f), errs);
  if (has(spec, "maxFailedIndexes") && !has(spec, "backoffLimitPerIndex"))
    errs.push_back(FieldError::required(child(path, "backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
  const Json& mode = get(spec, "completionMode");
  const bool indexed = mode == "Indexed";
  if (mode.is_string()) {
    if (mode != "NonIndexed" && mode != "Indexed")
      errs.push_back(FieldError::unsupported(child(path, "completionMode"), mode, {"NonIndexed", "Indexed"}));
    if (indexed) {
      if (!has(spec, "completions"))
        errs.push_back(FieldError::required(child(path, "completions"), "when completion mode is Indexed"));
      auto par = integer(spec, "parallelism");
      if (par && *par > 100000)
        errs.push_back(FieldError::invalid(child(path, "parallelism"), *par,
                                           "must be less than or equal to 100000 when completion mode is Indexed"));
      auto completions = integer(spec, "completions");
      auto max_failed = integer(spec, "maxFailedIndexes");
      if (completions && max_failed && *max_failed > *completions)
        errs.push_back(FieldError::invalid(child(path, "maxFailedIndexes"), *max_failed,
                                           "must be less than or equal to completions"));
      if (max_failed && *max_failed > 100000)
        errs.push_back(FieldError::invalid(child(path, "maxFailedIndexes"), *max_failed,
                                           "must be less than or equal to 100000"));
    }
  }
  if (!indexed) {
    for (const char* f : {"backoffLimitPerIndex", "maxFailedIndexes"})
      if (has(spec, f))
        errs.push_back(FieldError::invalid(child(path, f), get(spec, f), "requires indexed completion mode"));
  }
  if (get(spec, "podFailurePolicy").is_object()) validate_pod_failure_policy(spec, child(path, "podFailurePolicy"), errs);
  if (has(spec, "successPolicy") && !indexed)
    errs.push_back(
        invalid_raw(child(path, "successPolicy"), "batch.SuccessPolicy{...}", "requires indexed completion mode"));
  const Json& prp = get(spec, "podReplacementPolicy");
  if (prp.is_string()) {
    if (has(spec, "podFailurePolicy")) {
      if (prp != "Failed")
        errs.push_back(FieldError::unsupported(child(path, "podReplacementPolicy"), prp, {"Failed"}));
    } else if (prp != "Failed" && prp != "TerminatingOrFailed") {
      errs.push_back(
          FieldError::unsupported(child(path, "podReplacementPolicy"), prp, {"Failed", "TerminatingOrFailed"}));
    }
  }
  const Json& tmpl = get(spec, "template");
  validate_pod_template_spec(tmpl, child(path, "template"), errs);
  const std::string restart = str(get(tmpl, "spec"), "restartPolicy");
  const std::string rp = child(path, "template.spec.restartPolicy");
  if (restart == "Always" || restart.empty())
    errs.push_back(FieldError::required(rp, "valid values: \"OnFailure\", \"Never\""));
  else if (restart != "OnFailure" && restart != "Never")
    errs.push_back(FieldError::unsupported(rp, restart, {"OnFailure", "Never"}));
  else if (has(spec, "podFailurePolicy") && restart != "Never")
    errs.push_back(FieldError::invalid(rp, restart, "only \"Never\" is supported when podFailurePolicy is specified"));
}

void validate_job(const Json& obj, FieldErrors& errs) {
  validate_generated_selector(obj, true, errs);
  const Json& spec = get(obj, "spec");
  validate_job_spec_fields(spec, "spec", errs);
  const Json& sel = get(spec, "selector");
  if (sel.is_null())
    errs.push_back(FieldError::required("spec.selector", ""));
  else
    append(errs, validate_label_selector(sel, "spec.selector"));
  try {
    const Json& labels = get(get(get(spec, "template"), "metadata"), "labels");
    if (!LabelSelector::from_json(sel).matches(labels))
      errs.push_back(invalid_raw("spec.template.metadata.labels", go_string_map(labels),
                                 "`selector` does not match template `labels`"));
  } catch (const std::invalid_argument&) {
  }
  // Indexed pods get "<job>-<index>" hostnames, which must be DNS labels.
  auto completions = integer(spec, "completions");
  if (get(spec, "completionMode") == "Indexed" && completions && *completions > 0) {
    const std::string name = str(get(obj, "metadata"), "name");
    const std::string hostname = name + "-" + std::to_string(*completions - 1);
    if (!is_dns1123_label(hostname).empty())
      errs.push_back(FieldError::invalid("metadata.name", name,
                                         "will not able to create pod with invalid DNS label: " + hostname));
  }
}

std::string go_pod_template(const Json& /*tmpl*/) {
  // The real message prints the whole internal core.PodTemplateSpec with %#v.
  return "core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}";
}

class JobStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override { default_job(obj); }
  void prepare_for_create(Json& obj) const override {
    if (get(get(obj, "spec"), "manualSelector") != true) generate_selector(obj);
    reset_status(obj);
    // Kube applies the defaults again when it reads the stored job, which copies the
    // (now generated) template labels onto a job without labels.
    const Json& tmpl_labels = get(get(get(get(obj, "spec"), "template"), "metadata"), "labels");
    Json& meta = object_at(obj, "metadata");
    if (tmpl_labels.is_object() && len(get(meta, "labels")) == 0) meta["labels"] = tmpl_labels;
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_job(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_job(obj, errs);
    const Json& spec = get(obj, "spec");
    const Json& old_spec = get(old, "spec");
    // Completions: immutable, except for Indexed jobs changed together with parallelism.
    if (get(spec, "completions") != get(old_spec, "completions")) {
      if (get(spec, "completionMode") == "Indexed") {
        if (has(spec, "completions") && get(spec, "completions") != get(spec, "parallelism"))
          errs.push_back(FieldError::invalid("spec.completions", get(spec, "completions"),
                                             "can only be modified in tandem with spec.parallelism"));
      } else {
        immutable_value(get(spec, "completions"), get(old_spec, "completions"), "spec.completions", errs);
      }
    }
    const Json& sel = get(spec, "selector");
    immutable(sel, get(old_spec, "selector"), "spec.selector", go_label_selector(sel), errs);
    // A suspended job that never started may change its scheduling directives.
    Json tmpl = get(spec, "template"), old_tmpl = get(old_spec, "template");
    if (get(spec, "suspend") == true && get(old_spec, "suspend") == true && !has(get(old, "status"), "startTime")) {
      for (Json* t : {&tmpl, &old_tmpl}) {
        Json& ps = object_at(*t, "spec");
        for (const char* f : {"nodeSelector", "tolerations", "schedulingGates"}) ps.erase(f);
        if (ps.contains("affinity") && ps["affinity"].is_object()) ps["affinity"].erase("nodeAffinity");
        if (ps.contains("affinity") && ps["affinity"].empty()) ps.erase("affinity");
        Json& m = object_at(*t, "metadata");
        m.erase("labels");
        m.erase("annotations");
      }
    }
    immutable(tmpl, old_tmpl, "spec.template", go_pod_template(tmpl), errs);
    for (const char* f : {"completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"}) {
      const Json& now = get(spec, f);
      const Json& before = get(old_spec, f);
      if (now == before) continue;
      if (now.is_object())
        errs.push_back(invalid_raw(child("spec", f), "{...}", std::string(kFieldImmutable)));
      else
        immutable_value(now, before, child("spec", f), errs);
    }
    return errs;
  }
};

class CronJobStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    set_if_zero(spec, "concurrencyPolicy", "Allow");
    set_default(spec, "suspend", false);
    set_default(spec, "successfulJobsHistoryLimit", 3);
    set_default(spec, "failedJobsHistoryLimit", 1);
    Json& jt = object_at(spec, "jobTemplate");
    Json& jmeta = object_at(jt, "metadata");
    if (!jmeta.contains("creationTimestamp")) jmeta["creationTimestamp"] = nullptr;
    default_job_spec_template(object_at(jt, "spec"));
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_spec(get(obj, "spec"), nullptr, errs);
    const std::string name = str(get(obj, "metadata"), "name");
    if (name.size() > 52)
      errs.push_back(FieldError::invalid("metadata.name", name, "must be no more than 52 characters"));
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    const Json& old_spec = get(old, "spec");
    validate_spec(get(obj, "spec"), &old_spec, errs);
    return errs;
  }

 private:
  static void validate_spec(const Json& spec, const Json* old_spec, FieldErrors& errs) {
    const std::string schedule = str(spec, "schedule");
    if (schedule.empty()) {
      errs.push_back(FieldError::required("spec.schedule", ""));
    } else {
      std::string err;
      if (!valid_cron_schedule(schedule, &err)) errs.push_back(FieldError::invalid("spec.schedule", schedule, err));
      const bool allow_tz = old_spec && str(*old_spec, "schedule").find("TZ") != std::string::npos;
      const bool has_tz = schedule.find("TZ") != std::string::npos;
      if (allow_tz && has_tz && has(spec, "timeZone"))
        errs.push_back(FieldError::invalid("spec.schedule", schedule,
                                           "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
      else if (!allow_tz && has_tz)
        errs.push_back(FieldError::invalid("spec.schedule", schedule,
                                           "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
    }
    validate_nonnegative(get(spec, "startingDeadlineSeconds"), "spec.startingDeadlineSeconds", errs);
    const Json& tz = get(spec, "timeZone");
    if (tz.is_string() && (!old_spec || get(*old_spec, "timeZone") != tz))
      validate_time_zone(tz.get<std::string>(), errs);
    const std::string cp = str(spec, "concurrencyPolicy");
    if (cp.empty())
      errs.push_back(FieldError::required("spec.concurrencyPolicy", ""));
    else if (cp != "Allow" && cp != "Forbid" && cp != "Replace")
      errs.push_back(FieldError::unsupported("spec.concurrencyPolicy", cp, {"Allow", "Forbid", "Replace"}));
    // ValidateJobTemplateSpec
    const Json& jspec = get(get(spec, "jobTemplate"), "spec");
    validate_job_spec_fields(jspec, "spec.jobTemplate.spec", errs);
    if (has(jspec, "selector"))
      errs.push_back(invalid_raw("spec.jobTemplate.spec.selector", go_label_selector(get(jspec, "selector")),
                                 "`selector` will be auto-generated"));
    if (get(jspec, "manualSelector") == true)
      errs.push_back(unsupported_raw("spec.jobTemplate.spec.manualSelector", "true", {"nil", "false"}));
    validate_nonnegative(get(spec, "successfulJobsHistoryLimit"), "spec.successfulJobsHistoryLimit", errs);
    validate_nonnegative(get(spec, "failedJobsHistoryLimit"), "spec.failedJobsHistoryLimit", errs);
  }

  static void validate_time_zone(const std::string& tz, FieldErrors& errs) {
    const std::string path = "spec.timeZone";
    if (tz.empty()) {
      errs.push_back(FieldError::invalid(path, tz, "timeZone must be nil or non-empty string"));
      return;
    }
    std::size_t start = 0;
    while (true) {
      auto slash = tz.find('/', start);
      std::string part = tz.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      bool ok = !part.empty() && part.size() <= 14 && part != "." && part != ".." && part[0] != '-';
      for (char c : part)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '+')) ok = false;
      if (!ok) {
        errs.push_back(FieldError::invalid(path, tz, "unknown time zone " + tz));
        return;
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    std::string lower = tz;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "local")
      errs.push_back(FieldError::invalid(
          path, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
  }
};

}  // namespace

const KindStrategy& job_strategy() {
  static const JobStrategy s;
  return s;
}
const KindStrategy& cronjob_strategy() {
  static const CronJobStrategy s;
  return s;
}

}  // namespace kt::api::kinds
