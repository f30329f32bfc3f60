// Cluster-level and bookkeeping kinds:
//   Namespace      SetDefaults_Namespace(+Status), pkg/registry/core/namespace/strategy.go,
//                  ValidateNamespace
//   Node           SetDefaults_NodeStatus, ValidateNode / ValidateNodeUpdate
//   Event          core/v1 (legacyValidateEvent) and events.k8s.io/v1 (ValidateEventCreate)
//   Lease          pkg/apis/coordination/validation
//   PriorityClass  pkg/apis/scheduling/{v1/defaults.go,validation}
#include <set>

#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/kinds/quantity_ops.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

// ---- Namespace --------------------------------------------------------------------------

class NamespaceStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    const std::string name = str(get(obj, "metadata"), "name");
    if (!name.empty()) object_at(object_at(obj, "metadata"), "labels")["kubernetes.io/metadata.name"] = name;
    set_if_zero(object_at(obj, "status"), "phase", "Active");
  }
  void prepare_for_create(Json& obj) const override {
    obj["status"] = {{"phase", "Active"}};
    Json& spec = object_at(obj, "spec");
    if (!spec.contains("finalizers") || !spec["finalizers"].is_array()) spec["finalizers"] = Json::array();
    bool has_kube = false;
    for (const auto& f : spec["finalizers"]) has_kube = has_kube || f == "kubernetes";
    if (!has_kube) spec["finalizers"].push_back("kubernetes");
  }
  void prepare_for_update(Json& obj, const Json& old) const override {
    Json& spec = object_at(obj, "spec");
    if (has(get(old, "spec"), "finalizers"))
      spec["finalizers"] = old["spec"]["finalizers"];
    else
      spec.erase("finalizers");
    if (old.contains("status")) obj["status"] = old["status"];
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    const Json& fins = get(get(obj, "spec"), "finalizers");
    if (fins.is_array()) {
      for (const auto& f : fins) {
        std::string name = f.is_string() ? f.get<std::string>() : "";
        validate_qualified_name(name, "spec.finalizers", errs);
        if (name.find('/') == std::string::npos && name != "kubernetes" && name != "orphan" &&
            name != "foregroundDeletion")
          errs.push_back(FieldError::invalid("spec.finalizers", name,
                                             "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    return validate_object_meta_update(obj, old, Finalizers::Core);
  }
  std::vector<std::string> validate_name(std::string_view name) const override { return is_dns1123_label(name); }
};

// ---- Node ------------------------------------------------------------------------------

const std::vector<std::string> kTaintEffects = {"NoSchedule", "PreferNoSchedule", "NoExecute"};

std::string go_taint(const Json& t) {
  return "core.Taint{Key:" + go_quote(str(t, "key")) + ", Value:" + go_quote(str(t, "value")) +
         ", Effect:" + go_quote(str(t, "effect")) + ", TimeAdded:(*v1.Time)(nil)}";
}

void validate_taints(const Json& taints, FieldErrors& errs) {
  if (!taints.is_array()) return;
  std::set<std::string> seen;  // effect + "\0" + key
  for (std::size_t i = 0; i < taints.size(); ++i) {
    const Json& t = taints[i];
    // Kube reports node taints under metadata.taints.
    const std::string p = index("metadata.taints", i);
    append(errs, validate_label_name(str(t, "key"), child(p, "key")));
    auto msgs = is_valid_label_value(str(t, "value"));
    if (!msgs.empty()) {
      std::string joined;
      for (std::size_t j = 0; j < msgs.size(); ++j) joined += (j ? ";" : "") + msgs[j];
      errs.push_back(FieldError::invalid(child(p, "value"), str(t, "value"), joined));
    }
    const std::string effect = str(t, "effect");
    if (effect.empty())
      errs.push_back(FieldError::required(child(p, "effect"), ""));
    else if (std::find(kTaintEffects.begin(), kTaintEffects.end(), effect) == kTaintEffects.end())
      errs.push_back(FieldError::unsupported(child(p, "effect"), effect, kTaintEffects));
    const std::string k = effect + std::string(1, '\0') + str(t, "key");
    if (seen.count(k)) {
      FieldError e = duplicate_raw(p, go_taint(t) + ": taints must be unique by key and effect pair");
      errs.push_back(std::move(e));
      continue;
    }
    seen.insert(k);
  }
}

void validate_node_resources(const Json& obj, FieldErrors& errs) {
  for (const char* which : {"capacity", "allocatable"}) {
    const Json& list = get(get(obj, "status"), which);
    if (!list.is_object()) continue;
    for (auto it = list.begin(); it != list.end(); ++it) {
      const std::string p = "status." + std::string(which) + "." + it.key();
      auto sign = quantity_sign(*it);
      if (sign && *sign < 0)
        errs.push_back(FieldError::invalid(p, quantity_string(*it).value_or(""), std::string(kNegative)));
    }
  }
}

void validate_pod_cidrs(const Json& obj, FieldErrors& errs) {
  const Json& cidrs = get(get(obj, "spec"), "podCIDRs");
  if (!cidrs.is_array()) return;
  for (std::size_t i = 0; i < cidrs.size(); ++i) {
    std::string c = cidrs[i].is_string() ? cidrs[i].get<std::string>() : "";
    auto slash = c.find('/');
    bool ok = slash != std::string::npos && is_valid_ip(c.substr(0, slash)).empty();
    if (ok) {
      std::string bits = c.substr(slash + 1);
      ok = !bits.empty() && bits.size() <= 3 && std::all_of(bits.begin(), bits.end(), ::isdigit) &&
           std::stoi(bits) <= 128;
    }
    if (!ok)
      errs.push_back(FieldError::invalid(index("spec.podCIDRs", i), c,
                                         "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  }
}

class NodeStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& status = object_at(obj, "status");
    if (status.contains("capacity")) canonicalize_resource_list(status["capacity"]);
    if (status.contains("allocatable")) canonicalize_resource_list(status["allocatable"]);
    if (!has(status, "allocatable") && has(status, "capacity")) status["allocatable"] = status["capacity"];
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_taints(get(get(obj, "spec"), "taints"), errs);
    validate_node_resources(obj, errs);
    validate_pod_cidrs(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_node_resources(obj, errs);
    const Json& addrs = get(get(obj, "status"), "addresses");
    if (addrs.is_array()) {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < addrs.size(); ++i) {
        std::string k = str(addrs[i], "type") + "/" + str(addrs[i], "address");
        if (seen.count(k))
          errs.push_back(
              duplicate_raw(index("status.addresses", i), "core.NodeAddress{Type:" + go_quote(str(addrs[i], "type")) +
                                                              ", Address:" + go_quote(str(addrs[i], "address")) + "}"));
        seen.insert(k);
      }
    }
    const Json& old_cidrs = get(get(old, "spec"), "podCIDRs");
    const Json& cidrs = get(get(obj, "spec"), "podCIDRs");
    if (len(old_cidrs) > 0) {
      const std::string msg = "node updates may not change podCIDR except from \"\" to valid";
      if (len(old_cidrs) != len(cidrs)) {
        errs.push_back(FieldError::forbidden("spec.podCIDRs", msg));
      } else {
        for (std::size_t i = 0; i < old_cidrs.size(); ++i)
          if (old_cidrs[i] != cidrs[i]) errs.push_back(FieldError::forbidden("spec.podCIDRs", msg));
      }
    }
    const std::string old_provider = str(get(old, "spec"), "providerID");
    if (!old_provider.empty() && old_provider != str(get(obj, "spec"), "providerID"))
      errs.push_back(
          FieldError::forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
    validate_taints(get(get(obj, "spec"), "taints"), errs);
    if (get(get(obj, "spec"), "externalID") != get(get(old, "spec"), "externalID"))
      errs.push_back(FieldError::forbidden("spec.externalID", "may not be updated"));
    return errs;
  }
};

// ---- Events ------------------------------------------------------------------------------

class CoreEventStrategy : public KindStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs;
    const std::string ns = str(get(obj, "metadata"), "namespace");
    const std::string involved_ns = str(get(obj, "involvedObject"), "namespace");
    const bool has_event_time = has(obj, "eventTime");
    if (!has_event_time) {
      if (involved_ns.empty()) {
        if (!ns.empty() && ns != "default")
          errs.push_back(
              FieldError::invalid("involvedObject.namespace", involved_ns, "does not match event.namespace"));
      } else if (ns != involved_ns) {
        errs.push_back(FieldError::invalid("involvedObject.namespace", involved_ns, "does not match event.namespace"));
      }
    } else {
      if (involved_ns.empty() && ns != "default" && ns != "kube-system")
        errs.push_back(FieldError::invalid("involvedObject.namespace", involved_ns, "does not match event.namespace"));
      const std::string rc = str(obj, "reportingComponent");
      if (rc.empty()) errs.push_back(FieldError::required("reportingComponent", ""));
      validate_qualified_name(rc, "reportingComponent", errs);
      const std::string ri = str(obj, "reportingInstance");
      if (ri.empty()) errs.push_back(FieldError::required("reportingInstance", ""));
      if (ri.size() > 128)
        errs.push_back(FieldError::invalid("reportingInstance", "", "can have at most 128 characters"));
      const std::string action = str(obj, "action");
      if (action.empty()) errs.push_back(FieldError::required("action", ""));
      if (action.size() > 128) errs.push_back(FieldError::invalid("action", "", "can have at most 128 characters"));
      const std::string reason = str(obj, "reason");
      if (reason.empty()) errs.push_back(FieldError::required("reason", ""));
      if (reason.size() > 128) errs.push_back(FieldError::invalid("reason", "", "can have at most 128 characters"));
      if (str(obj, "message").size() > 1024)
        errs.push_back(FieldError::invalid("message", "", "can have at most 1024 characters"));
    }
    for (auto& m : is_dns1123_subdomain(ns)) errs.push_back(FieldError::invalid("namespace", ns, m));
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override { return validate(obj); }
  std::vector<std::string> validate_name(std::string_view name) const override {
    return is_valid_path_segment_name(name);
  }
};

class EventsV1EventStrategy : public KindStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    const std::string ns = str(get(obj, "metadata"), "namespace");
    const std::string regarding_ns = str(get(obj, "regarding"), "namespace");
    if (regarding_ns.empty() && ns != "default" && ns != "kube-system")
      errs.push_back(FieldError::invalid("involvedObject.namespace", regarding_ns, "does not match event.namespace"));
    const std::string rc = str(obj, "reportingController");
    if (rc.empty()) errs.push_back(FieldError::required("reportingController", ""));
    validate_qualified_name(rc, "reportingController", errs);
    if (str(obj, "reportingInstance").empty()) errs.push_back(FieldError::required("reportingInstance", ""));
    if (str(obj, "action").empty()) errs.push_back(FieldError::required("action", ""));
    if (str(obj, "reason").empty()) errs.push_back(FieldError::required("reason", ""));
    if (str(obj, "note").size() > 1024)
      errs.push_back(FieldError::invalid("message", "", "can have at most 1024 characters"));
    for (auto& m : is_dns1123_subdomain(ns)) errs.push_back(FieldError::invalid("namespace", ns, m));
    if (!has(obj, "eventTime")) errs.push_back(FieldError::required("eventTime", ""));
    const std::string type = str(obj, "type");
    if (type != "Normal" && type != "Warning")
      errs.push_back(FieldError::invalid("type", "", "has invalid value: " + type));
    for (const char* f : {"deprecatedFirstTimestamp", "deprecatedLastTimestamp"})
      if (has(obj, f))
        errs.push_back(
            FieldError::invalid(f == std::string("deprecatedFirstTimestamp") ? "firstTimestamp" : "lastTimestamp", "",
                                "needs to be unset"));
    if (integer(obj, "deprecatedCount").value_or(0) != 0)
      errs.push_back(FieldError::invalid("count", "", "needs to be unset"));
    if (!str(get(obj, "deprecatedSource"), "component").empty() || !str(get(obj, "deprecatedSource"), "host").empty())
      errs.push_back(FieldError::invalid("source", "", "needs to be unset"));
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    for (const char* f : {"reportingController", "reportingInstance", "action", "reason", "type", "eventTime"})
      immutable_value(get(obj, f), get(old, f), f, errs);
    return errs;
  }
};

// ---- Lease -------------------------------------------------------------------------------

class LeaseStrategy : public KindStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_spec(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_spec(obj, errs);
    return errs;
  }

 private:
  static void validate_spec(const Json& obj, FieldErrors& errs) {
    const Json& spec = get(obj, "spec");
    auto duration = integer(spec, "leaseDurationSeconds");
    if (duration && *duration <= 0)
      errs.push_back(FieldError::invalid("spec.leaseDurationSeconds", *duration, "must be greater than 0"));
    auto transitions = integer(spec, "leaseTransitions");
    if (transitions && *transitions < 0)
      errs.push_back(FieldError::invalid("spec.leaseTransitions", *transitions, std::string(kNegative)));
  }
};

// ---- PriorityClass -------------------------------------------------------------------------

class PriorityClassStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override { set_default(obj, "preemptionPolicy", "PreemptLowerPriority"); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    const std::string name = str(get(obj, "metadata"), "name");
    const auto value = integer(obj, "value").value_or(0);
    if (name.rfind("system-", 0) == 0) {
      std::string err;
      const bool global_default = get(obj, "globalDefault") == true;
      if (name == "system-node-critical" || name == "system-cluster-critical") {
        const std::int64_t want = name == "system-node-critical" ? 2000001000 : 2000000000;
        if (value != want)
          err = "value of " + name + " PriorityClass must be " + std::to_string(want);
        else if (global_default)
          err = "globalDefault of " + name + " PriorityClass must be false";
      } else {
        err = name + " is not a known system priority class";
      }
      if (!err.empty())
        errs.push_back(FieldError::forbidden(
            "metadata.name",
            "priority class names with 'system-' prefix are reserved for system use only. error: " + err));
    } else if (value > 1000000000) {
      errs.push_back(FieldError::forbidden("value", "maximum allowed value of a user defined priority is 1000000000"));
    }
    const Json& pp = get(obj, "preemptionPolicy");
    if (pp.is_string() && pp != "PreemptLowerPriority" && pp != "Never")
      errs.push_back(FieldError::unsupported("preemptionPolicy", pp, {"PreemptLowerPriority", "Never"}));
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    if (integer(obj, "value").value_or(0) != integer(old, "value").value_or(0))
      errs.push_back(FieldError::forbidden("value", "may not be changed in an update."));
    immutable_value(get(obj, "preemptionPolicy"), get(old, "preemptionPolicy"), "preemptionPolicy", errs);
    return errs;
  }
};

}  // namespace

const KindStrategy& namespace_strategy() {
  static const NamespaceStrategy s;
  return s;
}
const KindStrategy& node_strategy() {
  static const NodeStrategy s;
  return s;
}
const KindStrategy& event_strategy() {
  static const CoreEventStrategy s;
  return s;
}
const KindStrategy& events_k8s_io_event_strategy() {
  static const EventsV1EventStrategy s;
  return s;
}
const KindStrategy& lease_strategy() {
  static const LeaseStrategy s;
  return s;
}
const KindStrategy& priorityclass_strategy() {
  static const PriorityClassStrategy s;
  return s;
}

}  // namespace kt::api::kinds
