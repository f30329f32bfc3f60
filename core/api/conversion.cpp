#include "core/api/conversion.h"

#include <string>

namespace kt::api {
namespace {

using Ordered = nlohmann::ordered_json;

// The annotations autoscaling/v1 round-trips through (pkg/apis/autoscaling/annotations.go).
constexpr const char* kMetricSpecs = "autoscaling.alpha.kubernetes.io/metrics";
constexpr const char* kMetricStatuses = "autoscaling.alpha.kubernetes.io/current-metrics";
constexpr const char* kConditions = "autoscaling.alpha.kubernetes.io/conditions";
constexpr int kDefaultCPUUtilization = 80;

bool has(const Json& o, const char* k) { return o.is_object() && o.contains(k) && !o.at(k).is_null(); }
const Json& at(const Json& o, const char* k) {
  static const Json null;
  return has(o, k) ? o.at(k) : null;
}
// A Go Quantity that is not a pointer: marshalled as "0" when unset.
Json quantity_or_zero(const Json& q) { return q.is_null() ? Json("0") : q; }

// ---- Go's encoding of the v1 types in the annotations: fields in struct order ----------

Ordered ordered(const Json& j) {
  if (j.is_object()) {
    Ordered o = Ordered::object();
    for (auto it = j.begin(); it != j.end(); ++it) o[it.key()] = ordered(it.value());
    return o;
  }
  if (j.is_array()) {
    Ordered a = Ordered::array();
    for (const auto& x : j) a.push_back(ordered(x));
    return a;
  }
  return Ordered::parse(j.dump());
}

// metav1.LabelSelector: matchLabels, then matchExpressions (key, operator, values).
Ordered ordered_selector(const Json& s) {
  Ordered o = Ordered::object();
  if (has(s, "matchLabels")) o["matchLabels"] = ordered(s.at("matchLabels"));
  if (has(s, "matchExpressions")) {
    Ordered exprs = Ordered::array();
    for (const auto& e : s.at("matchExpressions")) {
      Ordered x = Ordered::object();
      for (const char* k : {"key", "operator", "values"})
        if (has(e, k)) x[k] = ordered(e.at(k));
      exprs.push_back(std::move(x));
    }
    o["matchExpressions"] = std::move(exprs);
  }
  return o;
}

Ordered ordered_ref(const Json& r) {
  Ordered o = Ordered::object();
  o["kind"] = r.value("kind", "");
  o["name"] = r.value("name", "");
  if (!r.value("apiVersion", "").empty()) o["apiVersion"] = r.at("apiVersion");
  return o;
}

// Puts the listed fields of `src` (already in v1 shape) into `out` in that order.
Ordered in_order(const Json& src, std::initializer_list<std::string> fields) {
  Ordered o = Ordered::object();
  for (const std::string& k : fields) {
    const char* f = k.c_str();
    if (!has(src, f)) continue;
    if (k == "selector" || k == "metricSelector") o[k] = ordered_selector(src.at(f));
    else if (k == "target" && src.at(f).is_object() && src.at(f).contains("kind")) o[k] = ordered_ref(src.at(f));
    else o[k] = ordered(src.at(f));
  }
  return o;
}

// v1 MetricSpec / MetricStatus: type, object, pods, resource, containerResource, external;
// a spec's fields say targetX where a status's say currentX.
std::string encode_v1_metrics(const Json& list, bool status) {
  const std::string p = status ? "current" : "target";
  Ordered out = Ordered::array();
  for (const auto& m : list) {
    Ordered o = Ordered::object();
    o["type"] = m.value("type", "");
    if (has(m, "object")) o["object"] = in_order(m.at("object"), {"target", "metricName", p + "Value", "selector", "averageValue"});
    if (has(m, "pods")) o["pods"] = in_order(m.at("pods"), {"metricName", p + "AverageValue", "selector"});
    if (has(m, "resource"))
      o["resource"] = in_order(m.at("resource"), {"name", p + "AverageUtilization", p + "AverageValue"});
    if (has(m, "containerResource"))
      o["containerResource"] =
          in_order(m.at("containerResource"), {"name", p + "AverageUtilization", p + "AverageValue", "container"});
    if (has(m, "external"))
      o["external"] = in_order(m.at("external"), {"metricName", "metricSelector", p + "Value", p + "AverageValue"});
    out.push_back(std::move(o));
  }
  return out.dump();
}

std::string encode_v1_conditions(const Json& conditions) {
  Ordered out = Ordered::array();
  for (const auto& c : conditions) {
    Ordered o = Ordered::object();
    o["type"] = c.value("type", "");
    o["status"] = c.value("status", "");
    o["lastTransitionTime"] = has(c, "lastTransitionTime") ? ordered(c.at("lastTransitionTime")) : Ordered(nullptr);
    if (!c.value("reason", "").empty()) o["reason"] = c.at("reason");
    if (!c.value("message", "").empty()) o["message"] = c.at("message");
    out.push_back(std::move(o));
  }
  return out.dump();
}

// ---- metrics: v1 (the annotations' shape) ⇄ v2 ----------------------------------------------

Json identifier(const Json& v1, const char* name_key, const char* selector_key) {
  Json id = Json::object();
  id["name"] = v1.value(name_key, "");
  if (has(v1, selector_key)) id["selector"] = v1.at(selector_key);
  return id;
}

// A MetricSpec's target and a MetricStatus's current value convert alike: v1 spells the
// fields targetX / currentX, v2 nests them under "target" / "current". What differs:
// a spec's target names its type, and some status quantities are Go values (never
// omitted) where the spec's are pointers.
struct MetricSide {
  bool status;
  std::string v1(const char* field) const { return std::string(status ? "current" : "target") + field; }
  const char* v2() const { return status ? "current" : "target"; }
};

Json metric_v1_to_v2(const Json& m, MetricSide side) {
  Json out = Json::object();
  out["type"] = m.value("type", "");
  for (const char* src : {"resource", "containerResource"}) {
    if (!has(m, src)) continue;
    const Json& r = m.at(src);
    const std::string utilization = side.v1("AverageUtilization"), average = side.v1("AverageValue");
    Json s = Json::object();
    s["name"] = r.value("name", "");
    if (std::string(src) == "containerResource") s["container"] = r.value("container", "");
    Json t = Json::object();
    if (!side.status) t["type"] = has(r, utilization.c_str()) ? "Utilization" : "AverageValue";
    if (has(r, utilization.c_str())) t["averageUtilization"] = r.at(utilization);
    if (side.status) t["averageValue"] = quantity_or_zero(at(r, average.c_str()));
    else if (has(r, average.c_str())) t["averageValue"] = r.at(average);
    s[side.v2()] = t;
    out[src] = s;
  }
  if (has(m, "pods")) {
    const Json& p = m.at("pods");
    Json t = Json::object();
    if (!side.status) t["type"] = "AverageValue";
    t["averageValue"] = quantity_or_zero(at(p, side.v1("AverageValue").c_str()));
    Json s = Json::object();
    s["metric"] = identifier(p, "metricName", "selector");
    s[side.v2()] = t;
    out["pods"] = s;
  }
  if (has(m, "object")) {
    const Json& o = m.at("object");
    Json t = Json::object();
    if (!side.status) t["type"] = has(o, "averageValue") ? "AverageValue" : "Value";
    t["value"] = quantity_or_zero(at(o, side.v1("Value").c_str()));
    if (has(o, "averageValue")) t["averageValue"] = o.at("averageValue");
    Json s = Json::object();
    s["describedObject"] = at(o, "target").is_object() ? o.at("target") : Json::object();
    s["metric"] = identifier(o, "metricName", "selector");
    s[side.v2()] = t;
    out["object"] = s;
  }
  if (has(m, "external")) {
    const Json& e = m.at("external");
    const std::string value = side.v1("Value"), average = side.v1("AverageValue");
    Json t = Json::object();
    if (!side.status) t["type"] = has(e, value.c_str()) ? "Value" : "AverageValue";
    if (side.status) t["value"] = quantity_or_zero(at(e, value.c_str()));
    else if (has(e, value.c_str())) t["value"] = e.at(value);
    if (has(e, average.c_str())) t["averageValue"] = e.at(average);
    Json s = Json::object();
    s["metric"] = identifier(e, "metricName", "metricSelector");
    s[side.v2()] = t;
    out["external"] = s;
  }
  return out;
}

Json metric_v2_to_v1(const Json& m, MetricSide side) {
  Json out = Json::object();
  out["type"] = m.value("type", "");
  for (const char* src : {"resource", "containerResource"}) {
    if (!has(m, src)) continue;
    const Json& r = m.at(src);
    const Json& t = at(r, side.v2());
    Json s = Json::object();
    s["name"] = r.value("name", "");
    if (has(t, "averageUtilization")) s[side.v1("AverageUtilization")] = t.at("averageUtilization");
    if (side.status) s[side.v1("AverageValue")] = quantity_or_zero(at(t, "averageValue"));
    else if (has(t, "averageValue")) s[side.v1("AverageValue")] = t.at("averageValue");
    if (std::string(src) == "containerResource") s["container"] = r.value("container", "");
    out[src] = s;
  }
  if (has(m, "pods")) {
    const Json& p = m.at("pods");
    Json s = Json::object();
    s["metricName"] = at(p, "metric").value("name", "");
    s[side.v1("AverageValue")] = quantity_or_zero(at(at(p, side.v2()), "averageValue"));
    if (has(at(p, "metric"), "selector")) s["selector"] = p.at("metric").at("selector");
    out["pods"] = s;
  }
  if (has(m, "object")) {
    const Json& o = m.at("object");
    const Json& t = at(o, side.v2());
    Json s = Json::object();
    s["target"] = at(o, "describedObject").is_object() ? o.at("describedObject") : Json::object();
    s["metricName"] = at(o, "metric").value("name", "");
    s[side.v1("Value")] = quantity_or_zero(at(t, "value"));
    if (has(at(o, "metric"), "selector")) s["selector"] = o.at("metric").at("selector");
    if (has(t, "averageValue")) s["averageValue"] = t.at("averageValue");
    out["object"] = s;
  }
  if (has(m, "external")) {
    const Json& e = m.at("external");
    const Json& t = at(e, side.v2());
    Json s = Json::object();
    s["metricName"] = at(e, "metric").value("name", "");
    if (has(at(e, "metric"), "selector")) s["metricSelector"] = e.at("metric").at("selector");
    if (side.status) s[side.v1("Value")] = quantity_or_zero(at(t, "value"));
    else if (has(t, "value")) s[side.v1("Value")] = t.at("value");
    if (has(t, "averageValue")) s[side.v1("AverageValue")] = t.at("averageValue");
    out["external"] = s;
  }
  return out;
}

constexpr MetricSide kSpec{false}, kStatus{true};

bool is_cpu_resource(const Json& m) {
  return m.value("type", "") == "Resource" && has(m, "resource") && m.at("resource").value("name", "") == "cpu";
}

// An annotation holding a JSON list; null when absent or not a list (kube fails the
// conversion on a malformed one; the sandbox leaves it in place).
Json take_list_annotation(Json& annotations, const char* key) {
  if (!annotations.is_object() || !annotations.contains(key) || !annotations.at(key).is_string()) return nullptr;
  Json parsed = Json::parse(annotations.at(key).get<std::string>(), nullptr, false);
  if (!parsed.is_array()) return nullptr;
  annotations.erase(key);
  return parsed;
}

const ResourceInfo& hpa(const char* version) {
  return *ResourceRegistry::builtin().find("autoscaling", version, "horizontalpodautoscalers");
}

}  // namespace

// ---- HorizontalPodAutoscaler -------------------------------------------------------------------

Json hpa_v1_to_v2(const Json& v1) {
  Json out = v1;
  out["apiVersion"] = "autoscaling/v2";
  Json annotations = at(at(v1, "metadata"), "annotations");

  const Json& spec = at(v1, "spec");
  Json s = Json::object();
  for (const char* k : {"scaleTargetRef", "minReplicas", "maxReplicas"})
    if (has(spec, k)) s[k] = spec.at(k);
  Json metrics = Json::array();
  if (Json others = take_list_annotation(annotations, kMetricSpecs); others.is_array())
    for (const auto& m : others) metrics.push_back(metric_v1_to_v2(m, kSpec));
  // The v1 CPU target goes after the other metrics (the annotation's order first).
  const Json& cpu = at(spec, "targetCPUUtilizationPercentage");
  const int default_cpu = kDefaultCPUUtilization;
  if (!cpu.is_null() || metrics.empty()) {
    Json t = Json::object();
    t["type"] = "Utilization";
    t["averageUtilization"] = cpu.is_null() ? Json(default_cpu) : cpu;
    Json r = Json::object();
    r["name"] = "cpu";
    r["target"] = t;
    Json m = Json::object();
    m["type"] = "Resource";
    m["resource"] = r;
    metrics.push_back(m);
  }
  s["metrics"] = metrics;
  out["spec"] = s;

  if (v1.contains("status")) {
    const Json& st = at(v1, "status");
    Json o = Json::object();
    for (const char* k : {"observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"})
      if (has(st, k)) o[k] = st.at(k);
    if (has(st, "currentCPUUtilizationPercentage")) {
      Json c = Json::object();
      c["averageUtilization"] = st.at("currentCPUUtilizationPercentage");
      Json r = Json::object();
      r["name"] = "cpu";
      r["current"] = c;
      Json m = Json::object();
      m["type"] = "Resource";
      m["resource"] = r;
      o["currentMetrics"] = Json::array({m});
    }
    if (Json current = take_list_annotation(annotations, kMetricStatuses); current.is_array()) {
      Json list = Json::array();
      for (const auto& m : current) list.push_back(metric_v1_to_v2(m, kStatus));
      o["currentMetrics"] = list;
    }
    if (Json conditions = take_list_annotation(annotations, kConditions); conditions.is_array()) o["conditions"] = conditions;
    if (has(o, "currentReplicas") && o.at("currentReplicas") == 0) o.erase("currentReplicas");  // omitempty in v2
    out["status"] = o;
  }
  if (annotations.is_object()) {
    if (annotations.empty()) out["metadata"].erase("annotations");
    else out["metadata"]["annotations"] = annotations;
  }
  return out;
}

Json hpa_v2_to_v1(const Json& v2) {
  Json out = v2;
  out["apiVersion"] = "autoscaling/v1";
  Json annotations = at(at(v2, "metadata"), "annotations");
  if (!annotations.is_object()) annotations = Json::object();

  const Json& spec = at(v2, "spec");
  Json s = Json::object();
  for (const char* k : {"scaleTargetRef", "minReplicas", "maxReplicas"})
    if (has(spec, k)) s[k] = spec.at(k);
  Json others = Json::array();
  bool cpu_seen = false;
  for (const auto& m : at(spec, "metrics").is_array() ? spec.at("metrics") : Json::array()) {
    const bool cpu_utilization = is_cpu_resource(m) && has(at(m.at("resource"), "target"), "averageUtilization");
    if (is_cpu_resource(m) && !cpu_seen) {
      cpu_seen = true;
      if (cpu_utilization) s["targetCPUUtilizationPercentage"] = m.at("resource").at("target").at("averageUtilization");
    }
    if (!cpu_utilization) others.push_back(metric_v2_to_v1(m, kSpec));
  }
  if (!others.empty()) annotations[kMetricSpecs] = encode_v1_metrics(others, false);
  out["spec"] = s;

  const Json& st = at(v2, "status");
  Json o = Json::object();
  for (const char* k : {"observedGeneration", "lastScaleTime"})
    if (has(st, k)) o[k] = st.at(k);
  o["currentReplicas"] = at(st, "currentReplicas").is_null() ? Json(0) : st.at("currentReplicas");
  o["desiredReplicas"] = at(st, "desiredReplicas").is_null() ? Json(0) : st.at("desiredReplicas");
  const Json& current = at(st, "currentMetrics");
  if (current.is_array() && !current.empty()) {
    Json list = Json::array();
    for (const auto& m : current) {
      if (is_cpu_resource(m) && has(at(m.at("resource"), "current"), "averageUtilization"))
        o["currentCPUUtilizationPercentage"] = m.at("resource").at("current").at("averageUtilization");
      list.push_back(metric_v2_to_v1(m, kStatus));
    }
    annotations[kMetricStatuses] = encode_v1_metrics(list, true);
  }
  const Json& conditions = at(st, "conditions");
  if (conditions.is_array() && !conditions.empty()) annotations[kConditions] = encode_v1_conditions(conditions);
  out["status"] = o;
  if (!annotations.empty()) out["metadata"]["annotations"] = annotations;
  return out;
}

const VersionConversion* conversion_for(const ResourceInfo& res) {
  if (res.group != "autoscaling" || res.plural != "horizontalpodautoscalers" || res.version != "v1") return nullptr;
  static const VersionConversion v1{&hpa("v2"), hpa_v1_to_v2, hpa_v2_to_v1};
  return &v1;
}

}  // namespace kt::api
