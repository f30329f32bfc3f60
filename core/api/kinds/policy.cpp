// Quotas, limits, disruption budgets and autoscalers:
//   ResourceQuota  ValidateResourceQuota(Update); status cleared on create
//   LimitRange     SetDefaults_LimitRangeItem, ValidateLimitRange
//   PDB            pkg/apis/policy/validation ValidatePodDisruptionBudget
//   HPA            pkg/apis/autoscaling/{v1,v2}/defaults.go, validation (v1 and v2 shapes)
#include <algorithm>
#include <map>
#include <set>

#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/kinds/quantity_ops.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

// validateResourceName: a qualified name; a bare name must be a standard resource.
bool validate_resource_name(const std::string& n, const std::string& path, FieldErrors& errs) {
  auto msgs = is_qualified_name(n);
  for (auto& m : msgs) errs.push_back(FieldError::invalid(path, n, m));
  if (!msgs.empty()) return false;
  if (n.find('/') == std::string::npos && !is_standard_resource_name(n)) {
    errs.push_back(FieldError::invalid(path, n, "must be a standard resource type or fully qualified"));
    return false;
  }
  return true;
}

void validate_quantity_value(const std::string& n, const Json& q, const std::string& path, FieldErrors& errs) {
  auto sign = quantity_sign(q);
  if (sign && *sign < 0)
    errs.push_back(FieldError::invalid(path, quantity_string(q).value_or(""), std::string(kNegative)));
  if (is_integer_resource_name(n)) {
    auto whole = quantity_is_integer(q);
    if (whole && !*whole) errs.push_back(invalid_raw(path, quantity_string(q).value_or(""), "must be an integer"));
  }
}

// ---- ResourceQuota ----------------------------------------------------------------------

bool is_standard_quota_resource(const std::string& n) {
  static const std::set<std::string> quota = {"cpu",
                                              "memory",
                                              "ephemeral-storage",
                                              "requests.cpu",
                                              "requests.memory",
                                              "requests.storage",
                                              "requests.ephemeral-storage",
                                              "limits.cpu",
                                              "limits.memory",
                                              "limits.ephemeral-storage",
                                              "pods",
                                              "resourcequotas",
                                              "services",
                                              "replicationcontrollers",
                                              "secrets",
                                              "persistentvolumeclaims",
                                              "configmaps",
                                              "services.nodeports",
                                              "services.loadbalancers"};
  return quota.count(n) || n.rfind("requests.hugepages-", 0) == 0;
}

void validate_quota_hard(const Json& hard, const std::string& path, FieldErrors& errs) {
  if (!hard.is_object()) return;
  for (auto it = hard.begin(); it != hard.end(); ++it) {
    const std::string p = key(path, it.key());
    FieldErrors name_errs;
    validate_resource_name(it.key(), p, name_errs);
    append(errs, std::move(name_errs));
    if (it.key().find('/') == std::string::npos && !is_standard_quota_resource(it.key()))
      errs.push_back(FieldError::invalid(p, it.key(), "must be a standard resource for quota"));
    validate_quantity_value(it.key(), *it, p, errs);
  }
}

const std::set<std::string> kQuotaScopes = {"Terminating",   "NotTerminating", "BestEffort",
                                            "NotBestEffort", "PriorityClass",  "CrossNamespacePodAffinity"};

std::string go_scopes(const Json& scopes) { return go_string_slice(scopes, "[]core.ResourceQuotaScope"); }

void validate_quota_spec(const Json& spec, FieldErrors& errs) {
  validate_quota_hard(get(spec, "hard"), "spec.hard", errs);
  const Json& scopes = get(spec, "scopes");
  if (len(scopes) > 0) {
    std::set<std::string> seen;
    for (const auto& s : scopes) {
      std::string scope = s.is_string() ? s.get<std::string>() : "";
      if (!kQuotaScopes.count(scope))
        errs.push_back(invalid_raw("spec.scopes", go_scopes(scopes), "unsupported scope"));
      seen.insert(scope);
    }
    if ((seen.count("BestEffort") && seen.count("NotBestEffort")) ||
        (seen.count("Terminating") && seen.count("NotTerminating")))
      errs.push_back(invalid_raw("spec.scopes", go_scopes(scopes), "conflicting scopes"));
  }
  const Json& selector = get(spec, "scopeSelector");
  const Json& exprs = get(selector, "matchExpressions");
  if (exprs.is_array()) {
    const std::string p = "spec.scopeSelector.matchExpressions";
    for (const auto& req : exprs) {
      const std::string scope = str(req, "scopeName");
      const std::string op = str(req, "operator");
      if (!kQuotaScopes.count(scope))
        errs.push_back(FieldError::invalid(child(p, "scopeName"), scope, "unsupported scope"));
      if (scope != "PriorityClass" && kQuotaScopes.count(scope) && op != "Exists")
        errs.push_back(
            FieldError::invalid(child(p, "operator"), op,
                                "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, "
                                "ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, "
                                "ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"));
      if (op == "In" || op == "NotIn") {
        if (len(get(req, "values")) == 0)
          errs.push_back(FieldError::required(
              child(p, "values"), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      } else if (op == "Exists" || op == "DoesNotExist") {
        if (len(get(req, "values")) != 0)
          errs.push_back(
              invalid_raw(child(p, "values"), go_string_slice(get(req, "values")),
                          "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      } else {
        errs.push_back(FieldError::invalid(child(p, "operator"), op, "not a valid selector operator"));
      }
    }
  }
}

class ResourceQuotaStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    if (spec.contains("hard")) canonicalize_resource_list(spec["hard"]);
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_quota_spec(get(obj, "spec"), errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_quota_spec(get(obj, "spec"), errs);
    std::set<std::string> now, before;
    for (const auto& s : get(get(obj, "spec"), "scopes")) now.insert(s.is_string() ? s.get<std::string>() : "");
    for (const auto& s : get(get(old, "spec"), "scopes")) before.insert(s.is_string() ? s.get<std::string>() : "");
    if (now != before)
      errs.push_back(
          invalid_raw("spec.scopes", go_scopes(get(get(obj, "spec"), "scopes")), std::string(kFieldImmutable)));
    return errs;
  }
};

// ---- LimitRange ----------------------------------------------------------------------------

void validate_limit_range(const Json& obj, FieldErrors& errs) {
  const Json& limits = get(get(obj, "spec"), "limits");
  if (!limits.is_array()) return;
  std::set<std::string> types;
  for (std::size_t i = 0; i < limits.size(); ++i) {
    const Json& item = limits[i];
    const std::string p = index("spec.limits", i);
    const std::string type = str(item, "type");
    auto msgs = is_qualified_name(type);
    for (auto& m : msgs) errs.push_back(FieldError::invalid(child(p, "type"), type, m));
    if (msgs.empty() && type.find('/') == std::string::npos && type != "Pod" && type != "Container" &&
        type != "PersistentVolumeClaim")
      errs.push_back(FieldError::invalid(child(p, "type"), type, "must be a standard limit type or fully qualified"));
    if (types.count(type)) errs.push_back(FieldError::duplicate(child(p, "type"), type));
    types.insert(type);

    auto check_names = [&](const char* which) {
      const Json& list = get(item, which);
      if (!list.is_object()) return;
      for (auto it = list.begin(); it != list.end(); ++it) {
        const std::string kp = key(child(p, which), it.key());
        FieldErrors name_errs;
        bool ok = validate_resource_name(it.key(), kp, name_errs);
        append(errs, std::move(name_errs));
        if (ok && (type == "Pod" || type == "Container")) {
          if (it.key().find('/') == std::string::npos && !is_standard_container_resource_name(it.key()))
            errs.push_back(FieldError::invalid(kp, it.key(), "must be a standard resource for containers"));
        }
      }
    };
    check_names("max");
    check_names("min");
    if (type == "Pod") {
      if (len(get(item, "default")) > 0)
        errs.push_back(FieldError::forbidden(child(p, "default"), "may not be specified when `type` is 'Pod'"));
      if (len(get(item, "defaultRequest")) > 0)
        errs.push_back(FieldError::forbidden(child(p, "defaultRequest"), "may not be specified when `type` is 'Pod'"));
    } else {
      check_names("default");
      check_names("defaultRequest");
    }
    if (type == "PersistentVolumeClaim" && !has(get(item, "min"), "storage") && !has(get(item, "max"), "storage"))
      errs.push_back(FieldError::required(
          child(p, "limits"), "either minimum or maximum storage value is required, but neither was provided"));
    check_names("maxLimitRequestRatio");

    std::set<std::string> keys;
    for (const char* which : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
      const Json& list = get(item, which);
      if (list.is_object())
        for (auto it = list.begin(); it != list.end(); ++it) keys.insert(it.key());
    }
    for (const auto& k : keys) {
      const Json& mn = get(get(item, "min"), k);
      const Json& mx = get(get(item, "max"), k);
      const Json& df = type == "Pod" ? Json() : get(get(item, "default"), k);
      const Json& dr = type == "Pod" ? Json() : get(get(item, "defaultRequest"), k);
      const Json& ratio = get(get(item, "maxLimitRequestRatio"), k);
      auto q = [](const Json& v) { return quantity_string(v).value_or(""); };
      auto gt = [](const Json& a, const Json& b) {
        auto c = quantity_cmp(a, b);
        return c && *c > 0;
      };
      if (!mn.is_null() && !mx.is_null() && gt(mn, mx))
        errs.push_back(
            invalid_raw(key(child(p, "min"), k), q(mn), "min value " + q(mn) + " is greater than max value " + q(mx)));
      if (!dr.is_null() && !mn.is_null() && gt(mn, dr))
        errs.push_back(invalid_raw(key(child(p, "defaultRequest"), k), q(dr),
                                   "min value " + q(mn) + " is greater than default request value " + q(dr)));
      if (!dr.is_null() && !mx.is_null() && gt(dr, mx))
        errs.push_back(invalid_raw(key(child(p, "defaultRequest"), k), q(dr),
                                   "default request value " + q(dr) + " is greater than max value " + q(mx)));
      if (!dr.is_null() && !df.is_null() && gt(dr, df))
        errs.push_back(invalid_raw(key(child(p, "defaultRequest"), k), q(dr),
                                   "default request value " + q(dr) + " is greater than default limit value " + q(df)));
      if (!df.is_null() && !mn.is_null() && gt(mn, df))
        errs.push_back(invalid_raw(key(child(p, "default"), k), q(mn),
                                   "min value " + q(mn) + " is greater than default value " + q(df)));
      if (!df.is_null() && !mx.is_null() && gt(df, mx))
        errs.push_back(invalid_raw(key(child(p, "default"), k), q(mx),
                                   "default value " + q(df) + " is greater than max value " + q(mx)));
      if (!ratio.is_null()) {
        auto c = quantity_cmp(ratio, Json(1));
        if (c && *c < 0)
          errs.push_back(
              invalid_raw(key(child(p, "maxLimitRequestRatio"), k), q(ratio), "ratio " + q(ratio) + " is less than 1"));
      }
    }
  }
}

class LimitRangeStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    if (!spec.contains("limits") || !spec["limits"].is_array()) return;
    for (auto& item : spec["limits"]) {
      if (!item.is_object()) continue;
      for (const char* which : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"})
        if (item.contains(which)) canonicalize_resource_list(item[which]);
      if (str(item, "type") != "Container") continue;
      Json def = has(item, "default") ? item["default"] : Json::object();
      Json req = has(item, "defaultRequest") ? item["defaultRequest"] : Json::object();
      // A default limit from max; a default request from the default limit, then from min.
      if (has(item, "max"))
        for (auto it = item["max"].begin(); it != item["max"].end(); ++it)
          if (!def.contains(it.key())) def[it.key()] = *it;
      for (auto it = def.begin(); it != def.end(); ++it)
        if (!req.contains(it.key())) req[it.key()] = *it;
      if (has(item, "min"))
        for (auto it = item["min"].begin(); it != item["min"].end(); ++it)
          if (!req.contains(it.key())) req[it.key()] = *it;
      if (!def.empty()) item["default"] = def;
      if (!req.empty()) item["defaultRequest"] = req;
    }
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_limit_range(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_limit_range(obj, errs);
    return errs;
  }
};

// ---- PodDisruptionBudget -------------------------------------------------------------------

void validate_int_or_percent(const Json& v, const std::string& path, FieldErrors& errs) {
  if (v.is_string()) {
    for (auto& m : is_valid_percent(v.get<std::string>())) errs.push_back(invalid_raw(path, go_int_or_string(v), m));
    const std::string s = v.get<std::string>();
    if (is_valid_percent(s).empty() && atoi64(std::string_view(s).substr(0, s.size() - 1)).value_or(0) > 100)
      errs.push_back(invalid_raw(path, s, "must not be greater than 100%"));
  } else if (v.is_number_integer()) {
    validate_nonnegative(v, path, errs);
  }
}

class PodDisruptionBudgetStrategy : public KindStrategy {
 public:
  void prepare_for_create(Json& obj) const override {
    reset_status(obj, {{"currentHealthy", 0}, {"desiredHealthy", 0}, {"disruptionsAllowed", 0}, {"expectedPods", 0}});
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_spec(get(obj, "spec"), errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_spec(get(obj, "spec"), errs);
    return errs;
  }

 private:
  static void validate_spec(const Json& spec, FieldErrors& errs) {
    const Json& min = get(spec, "minAvailable");
    const Json& max = get(spec, "maxUnavailable");
    if (!min.is_null() && !max.is_null())
      errs.push_back(
          invalid_raw("spec",
                      "policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1e2d0), "
                      "Selector:(*v1.LabelSelector)(0xc000a1e300), MaxUnavailable:(*intstr.IntOrString)(0xc000a1e2e0), "
                      "UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}",
                      "minAvailable and maxUnavailable cannot be both set"));
    if (!min.is_null()) validate_int_or_percent(min, "spec.minAvailable", errs);
    if (!max.is_null()) validate_int_or_percent(max, "spec.maxUnavailable", errs);
    append(errs, validate_label_selector(get(spec, "selector"), "spec.selector"));
    const Json& policy = get(spec, "unhealthyPodEvictionPolicy");
    if (policy.is_string() && policy != "AlwaysAllow" && policy != "IfHealthyBudget")
      errs.push_back(
          FieldError::unsupported("spec.unhealthyPodEvictionPolicy", policy, {"AlwaysAllow", "IfHealthyBudget"}));
  }
};

// ---- HorizontalPodAutoscaler -----------------------------------------------------------------

void validate_scale_target_ref(const Json& ref, FieldErrors& errs) {
  const std::string p = "spec.scaleTargetRef";
  const std::string kind = str(ref, "kind");
  if (kind.empty())
    errs.push_back(FieldError::required(child(p, "kind"), ""));
  else
    for (auto& m : is_valid_path_segment_name(kind)) errs.push_back(FieldError::invalid(child(p, "kind"), kind, m));
  const std::string name = str(ref, "name");
  if (name.empty())
    errs.push_back(FieldError::required(child(p, "name"), ""));
  else
    for (auto& m : is_valid_path_segment_name(name)) errs.push_back(FieldError::invalid(child(p, "name"), name, m));
}

void validate_replicas(const Json& spec, FieldErrors& errs) {
  auto min = integer(spec, "minReplicas");
  auto max = integer(spec, "maxReplicas").value_or(0);
  if (min && *min < 1)
    errs.push_back(FieldError::invalid("spec.minReplicas", *min, "must be greater than or equal to 1"));
  if (max < 1) errs.push_back(FieldError::invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (min && max < *min)
    errs.push_back(FieldError::invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
}

void validate_metric_target(const Json& t, const std::string& path, FieldErrors& errs) {
  const std::string type = str(t, "type");
  if (type.empty()) errs.push_back(FieldError::required(child(path, "type"), "must specify a metric target type"));
  if (type != "Utilization" && type != "Value" && type != "AverageValue")
    errs.push_back(
        FieldError::invalid(child(path, "type"), type, "must be either Utilization, Value, or AverageValue"));
  for (const char* f : {"value", "averageValue"}) {
    const Json& v = get(t, f);
    if (v.is_null()) continue;
    auto sign = quantity_sign(v);
    if (sign && *sign != 1)
      errs.push_back(invalid_raw(child(path, f), quantity_string(v).value_or(""), "must be positive"));
  }
  auto util = integer(t, "averageUtilization");
  if (util && *util < 1)
    errs.push_back(FieldError::invalid(child(path, "averageUtilization"), *util, "must be greater than 0"));
}

void validate_metric_identifier(const Json& metric, const std::string& path, FieldErrors& errs) {
  if (str(metric, "name").empty())
    errs.push_back(FieldError::required(child(path, "name"), "must specify a metric name"));
  if (has(metric, "selector")) append(errs, validate_label_selector(get(metric, "selector"), child(path, "selector")));
}

void validate_metric(const Json& m, const std::string& path, FieldErrors& errs) {
  static const std::vector<std::string> types = {"ContainerResource", "External", "Object", "Pods", "Resource"};
  const std::string type = str(m, "type");
  if (type.empty()) errs.push_back(FieldError::required(child(path, "type"), "must specify a metric source type"));
  const bool known = std::find(types.begin(), types.end(), type) != types.end();
  if (!known) errs.push_back(FieldError::unsupported(child(path, "type"), type, types));
  std::vector<std::string> present;
  for (const char* src : {"object", "external", "pods", "resource", "containerResource"}) {
    if (!has(m, src)) continue;
    present.push_back(src);
    if (present.size() != 1) continue;
    const Json& s = get(m, src);
    const std::string sp = child(path, src);
    const std::string tp = child(sp, "target");
    const Json& t = get(s, "target");
    if (std::string(src) == "resource" || std::string(src) == "containerResource") {
      if (str(s, "name").empty())
        errs.push_back(FieldError::required(child(sp, "name"), "must specify a resource name"));
      if (std::string(src) == "containerResource" && str(s, "container").empty())
        errs.push_back(FieldError::required(child(sp, "container"), "must specify a container"));
      validate_metric_target(t, tp, errs);
      if (!has(t, "averageUtilization") && !has(t, "averageValue"))
        errs.push_back(FieldError::required(child(tp, "averageUtilization"),
                                            "must set either a target raw value or a target utilization"));
      if (has(t, "averageUtilization") && has(t, "averageValue"))
        errs.push_back(FieldError::forbidden(child(tp, "averageValue"),
                                             "may not set both a target raw value and a target utilization"));
    } else if (std::string(src) == "pods") {
      validate_metric_identifier(get(s, "metric"), child(sp, "metric"), errs);
      validate_metric_target(t, tp, errs);
      if (!has(t, "averageValue"))
        errs.push_back(FieldError::required(child(tp, "averageValue"), "must specify a positive target averageValue"));
    } else {
      if (std::string(src) == "object") {
        const Json& ref = get(s, "describedObject");
        if (str(ref, "kind").empty()) errs.push_back(FieldError::required(child(sp, "describedObject.kind"), ""));
        if (str(ref, "name").empty()) errs.push_back(FieldError::required(child(sp, "describedObject.name"), ""));
      }
      validate_metric_identifier(get(s, "metric"), child(sp, "metric"), errs);
      validate_metric_target(t, tp, errs);
      if (!has(t, "value") && !has(t, "averageValue"))
        errs.push_back(
            FieldError::required(child(tp, "averageValue"), "must set either a target value or averageValue"));
    }
  }
  static const std::map<std::string, std::string> expected = {{"Object", "object"},
                                                              {"Pods", "pods"},
                                                              {"Resource", "resource"},
                                                              {"External", "external"},
                                                              {"ContainerResource", "containerResource"}};
  if (known) {
    const std::string& want = expected.at(type);
    if (!has(m, want))
      errs.push_back(FieldError::required(child(path, want), "must populate information for the given metric source"));
    if (present.size() != 1)
      for (const auto& p : present)
        if (p != want)
          errs.push_back(FieldError::forbidden(child(path, p), "must populate the given metric source only"));
  }
}

Json default_scale_rules(const Json& rules, bool up) {
  Json r = rules.is_object() ? rules : Json::object();
  set_default(r, "stabilizationWindowSeconds", up ? 0 : 300);
  set_default(r, "selectPolicy", "Max");
  if (!has(r, "policies")) {
    r["policies"] = up ? Json::array({{{"type", "Pods"}, {"value", 4}, {"periodSeconds", 15}},
                                      {{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}})
                       : Json::array({{{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}});
  }
  return r;
}

class HPAv2Strategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    set_default(spec, "minReplicas", 1);
    if (len(get(spec, "metrics")) == 0)
      spec["metrics"] = Json::array(
          {{{"type", "Resource"},
            {"resource", {{"name", "cpu"}, {"target", {{"type", "Utilization"}, {"averageUtilization", 80}}}}}}});
    if (has(spec, "behavior")) {
      Json& b = spec["behavior"];
      b["scaleUp"] = default_scale_rules(get(b, "scaleUp"), true);
      b["scaleDown"] = default_scale_rules(get(b, "scaleDown"), false);
    }
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"desiredReplicas", 0}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_spec(get(obj, "spec"), errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_spec(get(obj, "spec"), errs);
    return errs;
  }

 private:
  static void validate_spec(const Json& spec, FieldErrors& errs) {
    validate_replicas(spec, errs);
    validate_scale_target_ref(get(spec, "scaleTargetRef"), errs);
    const Json& metrics = get(spec, "metrics");
    if (metrics.is_array())
      for (std::size_t i = 0; i < metrics.size(); ++i) validate_metric(metrics[i], index("spec.metrics", i), errs);
    const Json& behavior = get(spec, "behavior");
    for (const char* dir : {"scaleUp", "scaleDown"}) {
      const Json& rules = get(behavior, dir);
      if (!rules.is_object()) continue;
      const std::string p = child("spec.behavior", dir);
      auto window = integer(rules, "stabilizationWindowSeconds");
      if (window && (*window < 0 || *window > 3600))
        errs.push_back(FieldError::invalid(
            child(p, "stabilizationWindowSeconds"), *window,
            *window < 0 ? "must be greater than or equal to zero" : "must be less than or equal to 3600"));
      const Json& sp = get(rules, "selectPolicy");
      if (sp.is_string() && sp != "Max" && sp != "Min" && sp != "Disabled")
        errs.push_back(FieldError::unsupported(child(p, "selectPolicy"), sp, {"Disabled", "Max", "Min"}));
      const Json& policies = get(rules, "policies");
      if (len(policies) == 0 && sp != "Disabled")
        errs.push_back(FieldError::required(child(p, "policies"), "must specify at least one Policy"));
      if (policies.is_array())
        for (std::size_t i = 0; i < policies.size(); ++i) {
          const std::string pp = index(child(p, "policies"), i);
          const std::string type = str(policies[i], "type");
          if (type != "Pods" && type != "Percent")
            errs.push_back(FieldError::unsupported(child(pp, "type"), type, {"Percent", "Pods"}));
          auto period = integer(policies[i], "periodSeconds").value_or(0);
          if (period <= 0)
            errs.push_back(FieldError::invalid(child(pp, "periodSeconds"), period, "must be greater than zero"));
          if (period > 1800)
            errs.push_back(
                FieldError::invalid(child(pp, "periodSeconds"), period, "must be less than or equal to 1800"));
          auto value = integer(policies[i], "value").value_or(0);
          if (value <= 0) errs.push_back(FieldError::invalid(child(pp, "value"), value, "must be greater than zero"));
        }
    }
  }
};

// autoscaling/v1 objects are stored as autoscaling/v2 (core/api/conversion.h): the
// API server applies v1's own defaults, then converts; status handling and
// validation are v2's, as kube validates the internal type (so a v1
// targetCPUUtilizationPercentage of 0 is reported at spec.metrics[0].resource...).
class HPAv1Strategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override { set_default(object_at(obj, "spec"), "minReplicas", 1); }
};

}  // namespace

const KindStrategy& resourcequota_strategy() {
  static const ResourceQuotaStrategy s;
  return s;
}
const KindStrategy& limitrange_strategy() {
  static const LimitRangeStrategy s;
  return s;
}
const KindStrategy& poddisruptionbudget_strategy() {
  static const PodDisruptionBudgetStrategy s;
  return s;
}
const KindStrategy& hpa_v1_strategy() {
  static const HPAv1Strategy s;
  return s;
}
const KindStrategy& hpa_v2_strategy() {
  static const HPAv2Strategy s;
  return s;
}

}  // namespace kt::api::kinds
