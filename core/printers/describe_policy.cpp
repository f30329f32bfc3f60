// Autoscaling and scheduling policy: HorizontalPodAutoscaler (autoscaling/v2, and
// the autoscaling/v1 layout), PodDisruptionBudget, PriorityClass.
#include <utility>
#include "core/api/labels.h"
#include "core/printers/describe_util.h"

namespace kt::printers::describe_detail {
namespace {

// (*resource.Quantity).String(): "<nil>" for an unset quantity.
std::string qty_ptr(const Json& q) { return q.is_null() ? "<nil>" : qty(q); }

}  // namespace

std::string describe_hpa(const DescribeContext& ctx, const Json& hpa) {
  PrefixWriter w;
  const Json& spec = api::field(hpa, {"spec"});
  const Json& st = api::field(hpa, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(hpa) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(hpa) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(hpa));
  annotations_multiline(w, "Annotations", api::meta::annotations(hpa));
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(hpa, {"metadata", "creationTimestamp"})) + "\n");
  w.write(L0, "Reference:\t" + s(spec, {"scaleTargetRef", "kind"}) + "/" + s(spec, {"scaleTargetRef", "name"}) + "\n");
  w.write(L0, "Metrics:\t( current / target )\n");
  const Json& metrics = api::field(spec, {"metrics"});
  const Json& current = api::field(st, {"currentMetrics"});
  if (metrics.is_array())
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const Json& m = metrics[i];
      const Json cur = current.is_array() && i < current.size() ? current[i] : Json();
      const std::string type = s(m, {"type"});
      if (type == "Resource" || type == "ContainerResource") {
        const Json& r = type == "Resource" ? m["resource"] : m["containerResource"];
        const Json& cr = api::field(cur, {type == "Resource" ? "resource" : "containerResource"});
        std::string head = type == "Resource" ? "resource " + s(r, {"name"}) + " on pods"
                                              : "resource " + s(r, {"name"}) + " of container \"" + s(r, {"container"}) +
                                                    "\" on pods";
        w.write(L1, head);
        if (has(r, {"target", "averageValue"})) {
          std::string c = cr.is_object() ? qty_ptr(api::field(cr, {"current", "averageValue"})) : "<unknown>";
          w.write(L0, ":\t" + c + " / " + qty(r["target"]["averageValue"]) + "\n");
        } else {
          std::string c = "<unknown>";
          if (cr.is_object() && has(cr, {"current", "averageUtilization"}))
            c = i64(cr, {"current", "averageUtilization"}) + "% (" + qty_ptr(api::field(cr, {"current", "averageValue"})) +
                ")";
          std::string target = has(r, {"target", "averageUtilization"}) ? i64(r, {"target", "averageUtilization"}) + "%"
                                                                         : "<auto>";
          w.write(L1, "(as a percentage of request):\t" + c + " / " + target + "\n");
        }
      } else if (type == "Pods") {
        std::string c = has(cur, {"pods"}) ? qty_ptr(api::field(cur, {"pods", "current", "averageValue"})) : "<unknown>";
        w.write(L1, "\"" + s(m, {"pods", "metric", "name"}) + "\" on pods:\t" + c + " / " +
                        qty_ptr(api::field(m, {"pods", "target", "averageValue"})) + "\n");
      } else if (type == "External") {
        const Json& e = m["external"];
        const std::string name = "\"" + s(e, {"metric", "name"}) + "\"";
        if (has(e, {"target", "averageValue"})) {
          std::string c = has(cur, {"external", "current", "averageValue"})
                              ? qty(api::field(cur, {"external", "current", "averageValue"}))
                              : "<unknown>";
          w.write(L1, name + " (target average value):\t" + c + " / " + qty(e["target"]["averageValue"]) + "\n");
        } else {
          std::string c =
              has(cur, {"external"}) ? qty_ptr(api::field(cur, {"external", "current", "value"})) : "<unknown>";
          w.write(L1, name + " (target value):\t" + c + " / " + qty_ptr(api::field(e, {"target", "value"})) + "\n");
        }
      } else if (type == "Object") {
        const Json& o = m["object"];
        w.write(L1, "\"" + s(o, {"metric", "name"}) + "\" on " + s(o, {"describedObject", "kind"}) + "/" +
                        s(o, {"describedObject", "name"}) + " ");
        const bool average = s(o, {"target", "type"}) == "AverageValue";
        const char* field = average ? "averageValue" : "value";
        std::string c = has(cur, {"object"}) ? qty_ptr(api::field(cur, {"object", "current", field})) : "<unknown>";
        w.write(L0, std::string(average ? "(target average value):\t" : "(target value):\t") + c + " / " +
                        qty_ptr(api::field(o, {"target", field})) + "\n");
      } else {
        w.write(L1, "<unknown metric type \"" + type + "\">\n");
      }
    }
  w.write(L0, "Min replicas:\t" + (has(spec, {"minReplicas"}) ? i64(spec, {"minReplicas"}) : "<unset>") + "\n");
  w.write(L0, "Max replicas:\t" + i64(spec, {"maxReplicas"}) + "\n");
  const Json& behavior = api::field(spec, {"behavior"});
  if (behavior.is_object()) {
    w.write(L0, "Behavior:\n");
    using Direction = std::pair<const char*, const char*>;
    const Direction directions[] = {{"Scale Up", "scaleUp"}, {"Scale Down", "scaleDown"}};
    for (const Direction& dir : directions) {
      const Json& rules = api::field(behavior, {dir.second});
      if (!rules.is_object()) continue;
      w.write(L1, std::string(dir.first) + ":\n");
      if (has(rules, {"stabilizationWindowSeconds"}))
        w.write(L2, "Stabilization Window: " + i64(rules, {"stabilizationWindowSeconds"}) + " seconds\n");
      const Json& policies = api::field(rules, {"policies"});
      if (policies.is_array() && !policies.empty()) {
        w.write(L2, "Select Policy: " + (has(rules, {"selectPolicy"}) ? s(rules, {"selectPolicy"}) : "Max") + "\n");
        w.write(L2, "Policies:\n");
        for (const auto& p : policies)
          w.write(L3, "- Type: " + s(p, {"type"}) + "\tValue: " + i64(p, {"value"}) + "\tPeriod: " +
                          i64(p, {"periodSeconds"}) + " seconds\n");
      }
    }
  }
  w.write(L0, s(spec, {"scaleTargetRef", "kind"}) + " pods:\t");
  w.write(L0, i64(st, {"currentReplicas"}) + " current / " + i64(st, {"desiredReplicas"}) + " desired\n");
  const Json& conds = api::field(st, {"conditions"});
  if (conds.is_array() && !conds.empty()) {
    w.write(L0, "Conditions:\n");
    w.write(L1, "Type\tStatus\tReason\tMessage\n");
    w.write(L1, "----\t------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(L1, s(c, {"type"}) + "\t" + s(c, {"status"}) + "\t" + s(c, {"reason"}) + "\t" + s(c, {"message"}) + "\n");
  }
  events_of(ctx, w, hpa, "HorizontalPodAutoscaler");
  return w.finish();
}

std::string describe_hpa_v1(const DescribeContext& ctx, const Json& hpa) {
  PrefixWriter w;
  const Json& spec = api::field(hpa, {"spec"});
  const Json& st = api::field(hpa, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(hpa) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(hpa) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(hpa));
  annotations_multiline(w, "Annotations", api::meta::annotations(hpa));
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(hpa, {"metadata", "creationTimestamp"})) + "\n");
  w.write(L0, "Reference:\t" + s(spec, {"scaleTargetRef", "kind"}) + "/" + s(spec, {"scaleTargetRef", "name"}) + "\n");
  if (has(spec, {"targetCPUUtilizationPercentage"})) {
    w.write(L0, "Target CPU utilization:\t" + i64(spec, {"targetCPUUtilizationPercentage"}) + "%\n");
    const std::string current =
        has(st, {"currentCPUUtilizationPercentage"}) ? i64(st, {"currentCPUUtilizationPercentage"}) : "<unknown>";
    w.write(L0, "Current CPU utilization:\t" + current + "%\n");
  }
  w.write(L0, "Min replicas:\t" + (has(spec, {"minReplicas"}) ? i64(spec, {"minReplicas"}) : "<unset>") + "\n");
  w.write(L0, "Max replicas:\t" + i64(spec, {"maxReplicas"}) + "\n");
  w.write(L0, s(spec, {"scaleTargetRef", "kind"}) + " pods:\t");
  w.write(L0, i64(st, {"currentReplicas"}) + " current / " + i64(st, {"desiredReplicas"}) + " desired\n");
  events_of(ctx, w, hpa, "HorizontalPodAutoscaler");
  return w.finish();
}

std::string describe_pdb(const DescribeContext& ctx, const Json& pdb) {
  PrefixWriter w;
  const Json& spec = api::field(pdb, {"spec"});
  const Json& st = api::field(pdb, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(pdb) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(pdb) + "\n");
  if (has(spec, {"minAvailable"})) w.write(L0, "Min available:\t" + intstr(spec["minAvailable"]) + "\n");
  else if (has(spec, {"maxUnavailable"})) w.write(L0, "Max unavailable:\t" + intstr(spec["maxUnavailable"]) + "\n");
  if (has(spec, {"selector"})) w.write(L0, "Selector:\t" + api::format_label_selector(spec["selector"]) + "\n");
  else w.write(L0, "Selector:\t<unset>\n");
  w.write(L0, "Status:\n");
  w.write(L2, "Allowed disruptions:\t" + i64(st, {"disruptionsAllowed"}) + "\n");
  w.write(L2, "Current:\t" + i64(st, {"currentHealthy"}) + "\n");
  w.write(L2, "Desired:\t" + i64(st, {"desiredHealthy"}) + "\n");
  w.write(L2, "Total:\t" + i64(st, {"expectedPods"}) + "\n");
  events_of(ctx, w, pdb, "PodDisruptionBudget");
  return w.finish();
}

std::string describe_priority_class(const DescribeContext& ctx, const Json& pc) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(pc) + "\n");
  w.write(L0, "Value:\t" + i64(pc, {"value"}) + "\n");
  w.write(L0, std::string("GlobalDefault:\t") + (api::field(pc, {"globalDefault"}) == Json(true) ? "true" : "false") + "\n");
  w.write(L0, "PreemptionPolicy:\t" + s(pc, {"preemptionPolicy"}) + "\n");
  w.write(L0, "Description:\t" + s(pc, {"description"}) + "\n");
  w.write(L0, "Annotations:\t" + api::format_labels(api::meta::annotations(pc)) + "\n");
  events_of(ctx, w, pc, "PriorityClass");
  return w.finish();
}

}  // namespace kt::printers::describe_detail
