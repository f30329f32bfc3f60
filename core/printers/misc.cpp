// The rest of kube's printers for kinds the sandbox serves: leases
// (coordination.k8s.io/v1), horizontalpodautoscalers (autoscaling v2 and v1),
// replicationcontrollers and componentstatuses (core/v1).
#include "core/api/labels.h"
#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

Row lease_row(const api::ObjectPtr& obj, sim::Time now) {
  return make_row(obj, {api::meta::name(*obj), str_field(*obj, {"spec", "holderIdentity"}), age(*obj, now)});
}

// formatHPAMetrics over the autoscaling/v2 shape; an autoscaling/v1 object
// (targetCPUUtilizationPercentage) is read as the one cpu Resource metric it
// converts to.
std::string hpa_metrics(const Json& hpa) {
  Json specs = field(hpa, {"spec", "metrics"});
  Json statuses = field(hpa, {"status", "currentMetrics"});
  if (!specs.is_array() && field(hpa, {"spec", "targetCPUUtilizationPercentage"}).is_number_integer()) {
    specs = Json::array({{{"type", "Resource"},
                          {"resource",
                           {{"name", "cpu"},
                            {"target",
                             {{"type", "Utilization"},
                              {"averageUtilization", hpa["spec"]["targetCPUUtilizationPercentage"]}}}}}}});
    const Json& cur = field(hpa, {"status", "currentCPUUtilizationPercentage"});
    statuses = Json::array();
    if (cur.is_number_integer())
      statuses.push_back({{"type", "Resource"},
                          {"resource", {{"name", "cpu"}, {"current", {{"averageUtilization", cur}}}}}});
  }
  if (!specs.is_array() || specs.empty()) return "<none>";
  std::vector<std::string> list;
  auto status_at = [&](std::size_t i, const char* key) -> const Json& {
    static const Json null_json;
    if (!statuses.is_array() || i >= statuses.size()) return null_json;
    return field(statuses[i], {key});
  };
  auto pct = [](const Json& v) { return std::to_string(v.get<std::int64_t>()) + "%"; };
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const Json& spec = specs[i];
    const std::string type = str_field(spec, {"type"});
    if (type == "External" || type == "Object") {
      const char* key = type == "External" ? "external" : "object";
      const Json& target = field(spec, {key, "target"});
      const Json& st = status_at(i, key);
      if (!field(target, {"averageValue"}).is_null()) {
        std::string current = "<unknown>";
        if (st.is_object() && !field(st, {"current", "averageValue"}).is_null())
          current = quantity_string(st["current"]["averageValue"]);
        list.push_back(current + "/" + quantity_string(target["averageValue"]) + " (avg)");
      } else {
        std::string current = "<unknown>";
        if (st.is_object()) current = quantity_string(field(st, {"current", "value"}));
        list.push_back(current + "/" + quantity_string(field(target, {"value"})));
      }
    } else if (type == "Pods") {
      const Json& st = status_at(i, "pods");
      std::string current = "<unknown>";
      if (st.is_object()) current = quantity_string(field(st, {"current", "averageValue"}));
      list.push_back(current + "/" + quantity_string(field(spec, {"pods", "target", "averageValue"})));
    } else if (type == "Resource" || type == "ContainerResource") {
      const char* key = type == "Resource" ? "resource" : "containerResource";
      const Json& target = field(spec, {key, "target"});
      const Json& st = status_at(i, key);
      const std::string name = str_field(spec, {key, "name"});
      if (!field(target, {"averageValue"}).is_null()) {
        std::string current = "<unknown>";
        if (st.is_object()) current = quantity_string(field(st, {"current", "averageValue"}));
        list.push_back(name + ": " + current + "/" + quantity_string(target["averageValue"]));
      } else {
        std::string current = "<unknown>";
        if (st.is_object() && field(st, {"current", "averageUtilization"}).is_number_integer())
          current = pct(st["current"]["averageUtilization"]);
        std::string tgt = "<auto>";
        if (field(target, {"averageUtilization"}).is_number_integer()) tgt = pct(target["averageUtilization"]);
        list.push_back(name + ": " + current + "/" + tgt);
      }
    } else {
      list.push_back("<unknown type>");
    }
  }
  const std::size_t max = 2;
  const std::size_t count = list.size();
  if (count > max) {
    list.resize(max);
    return join(list, ", ") + " + " + std::to_string(count - max) + " more...";
  }
  return join(list, ", ");
}

Row hpa_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& hpa = *obj;
  const Json& min = field(hpa, {"spec", "minReplicas"});
  return make_row(obj, {api::meta::name(hpa),
                        str_field(hpa, {"spec", "scaleTargetRef", "kind"}) + "/" +
                            str_field(hpa, {"spec", "scaleTargetRef", "name"}),
                        hpa_metrics(hpa), min.is_number_integer() ? std::to_string(min.get<std::int64_t>()) : "<unset>",
                        int_cell(hpa, {"spec", "maxReplicas"}), int_cell(hpa, {"status", "currentReplicas"}),
                        age(hpa, now)});
}

Row rc_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& rc = *obj;
  auto [names, images] = containers_cells(field(rc, {"spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(rc), int_cell(rc, {"spec", "replicas"}), int_cell(rc, {"status", "replicas"}),
                        int_cell(rc, {"status", "readyReplicas"}), age(rc, now), names, images,
                        api::format_labels(field(rc, {"spec", "selector"}))});
}

Row componentstatus_row(const api::ObjectPtr& obj, sim::Time) {
  std::string status = "Unknown", message, error;
  if (const Json& conds = field(*obj, {"conditions"}); conds.is_array()) {
    for (const auto& c : conds) {
      if (str_field(c, {"type"}) != "Healthy") continue;
      status = str_field(c, {"status"}) == "True" ? "Healthy" : "Unhealthy";
      message = str_field(c, {"message"});
      error = str_field(c, {"error"});
      break;
    }
  }
  return make_row(obj, {api::meta::name(*obj), status, message, error});
}

}  // namespace

void register_misc_printers() {
  add_printer("coordination.k8s.io", "leases",
              {{name_column(),
                col("Holder", "string", 0,
                    "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader "
                    "Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name "
                    "field."),
                age_column()},
               lease_row});
  const std::vector<Column> hpa_columns = {
      name_column(),
      col("Reference", "string", 0, "reference to scaled resource; horizontal pod autoscaler will learn the current "
                                    "resource consumption and will set the desired number of pods by using its Scale "
                                    "subresource."),
      col("Targets", "string", 0, "metrics contains the specifications for which to use to calculate the desired "
                                  "replica count (the maximum replica count across all metrics will be used)."),
      col("MinPods", "string", 0, "minReplicas is the lower limit for the number of replicas to which the autoscaler "
                                  "can scale down."),
      col("MaxPods", "string", 0, "maxReplicas is the upper limit for the number of replicas to which the autoscaler "
                                  "can scale up."),
      col("Replicas", "string", 0, "currentReplicas is current number of replicas of pods managed by this autoscaler, "
                                   "as last seen by the autoscaler."),
      age_column()};
  add_printer("autoscaling", "horizontalpodautoscalers", {hpa_columns, hpa_row});
  add_printer("", "replicationcontrollers",
              {{name_column(),
                col("Desired", "integer", 0,
                    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit "
                    "zero and unspecified. Defaults to 1."),
                col("Current", "integer", 0, "Replicas is the most recently observed number of replicas."),
                col("Ready", "integer", 0, "The number of ready replicas for this replication controller."),
                age_column(), col("Containers", "string", 1, "Names of each container in the template."),
                col("Images", "string", 1, "Images referenced by each container in the template."),
                col("Selector", "string", 1,
                    "Selector is a label query over pods that should match the Replicas count. If Selector is empty, "
                    "it is defaulted to the labels present on the Pod template.")},
               rc_row});
  add_printer("", "componentstatuses",
              {{name_column(), col("Status", "string", 0, "Status of the component conditions"),
                col("Message", "string", 0, "Message of the component conditions"),
                col("Error", "string", 0, "Error of the component conditions")},
               componentstatus_row});
}

}  // namespace kt::printers
