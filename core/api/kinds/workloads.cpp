// apps/v1 workloads and the core ReplicationController:
//   defaults    pkg/apis/apps/v1/defaults.go, core/v1 SetDefaults_ReplicationController
//   validation  pkg/apis/apps/validation/validation.go, ValidateReplicationController*
//   strategies  pkg/registry/apps/{deployment,replicaset,statefulset,daemonset}/strategy.go
//
// Map: 1. shared helpers  2. Deployment  3. ReplicaSet  4. ReplicationController
//      5. StatefulSet  6. DaemonSet  7. ControllerRevision
#include <stdexcept>

#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/kinds/podspec.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

// ---- 1. shared helpers ---------------------------------------------------------------

// Go always has the spec and template structs; so do defaulted objects here.
Json& ensure_template(Json& obj) {
  Json& spec = object_at(obj, "spec");
  Json& tmpl = object_at(spec, "template");
  object_at(tmpl, "spec");
  return tmpl;
}

// The selector checks of ValidateDeploymentSpec / ValidateReplicaSetSpec /
// ValidateStatefulSetSpec: Required, ValidateLabelSelector, "empty selector".
void validate_required_selector(const Json& spec, const std::string& what, FieldErrors& errs) {
  const Json& sel = get(spec, "selector");
  if (sel.is_null()) {
    errs.push_back(FieldError::required("spec.selector", ""));
    return;
  }
  append(errs, validate_label_selector(sel, "spec.selector"));
  if (len(get(sel, "matchLabels")) + len(get(sel, "matchExpressions")) == 0)
    errs.push_back(invalid_raw("spec.selector", go_label_selector(sel), "empty selector is invalid for " + what));
}

// LabelSelectorAsSelector; nullopt with an "invalid label selector" error when it
// does not convert.
std::optional<LabelSelector> as_selector(const Json& sel, const std::string& detail, FieldErrors& errs) {
  try {
    return LabelSelector::from_json(sel);
  } catch (const std::invalid_argument&) {
    errs.push_back(invalid_raw("spec.selector", go_label_selector(sel), detail));
    return std::nullopt;
  }
}

void validate_template_labels_match(const LabelSelector& selector, const Json& tmpl, const std::string& path,
                                    FieldErrors& errs) {
  if (selector.empty()) return;
  const Json& labels = get(get(tmpl, "metadata"), "labels");
  if (!selector.matches(labels))
    errs.push_back(invalid_raw(child(path, "metadata.labels"), go_string_map(labels),
                               "`selector` does not match template `labels`"));
}

// ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets).
void validate_template_for_replicaset(const Json& tmpl, const LabelSelector& selector, const std::string& owner,
                                      FieldErrors& errs) {
  validate_template_labels_match(selector, tmpl, "spec.template", errs);
  validate_pod_template_spec(tmpl, "spec.template", errs);
  const Json& pspec = get(tmpl, "spec");
  const std::string restart = str(pspec, "restartPolicy");
  if (restart != "Always")
    errs.push_back(FieldError::unsupported("spec.template.spec.restartPolicy", restart, {"Always"}));
  if (has(pspec, "activeDeadlineSeconds"))
    errs.push_back(FieldError::forbidden("spec.template.spec.activeDeadlineSeconds",
                                         "activeDeadlineSeconds in " + owner + " is not Supported"));
}

// intstr.IntOrString.IntValue() and the percent helpers of apps validation.
// getPercentValue: Go ignores the Atoi error, so an overflowing percent reads as 0.
std::optional<std::int64_t> percent_value(const Json& v) {
  if (!v.is_string() || !is_valid_percent(v.get<std::string>()).empty()) return std::nullopt;
  const std::string s = v.get<std::string>();
  return atoi64(std::string_view(s).substr(0, s.size() - 1)).value_or(0);
}

std::int64_t int_or_percent_value(const Json& v) {
  if (auto p = percent_value(v)) return *p;
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string()) return atoi64(v.get<std::string>()).value_or(0);
  return 0;
}

void validate_positive_int_or_percent(const Json& v, const std::string& path, FieldErrors& errs) {
  if (v.is_string()) {
    for (auto& m : is_valid_percent(v.get<std::string>())) errs.push_back(invalid_raw(path, go_int_or_string(v), m));
  } else if (v.is_number_integer()) {
    validate_nonnegative(v, path, errs);
  }
}

void is_not_more_than_100_percent(const Json& v, const std::string& path, FieldErrors& errs) {
  auto p = percent_value(v);
  if (p && *p > 100) errs.push_back(invalid_raw(path, go_int_or_string(v), "must not be greater than 100%"));
}

void selector_immutable(const Json& obj, const Json& old, FieldErrors& errs) {
  const Json& sel = get(get(obj, "spec"), "selector");
  immutable(sel, get(get(old, "spec"), "selector"), "spec.selector", go_label_selector(sel), errs);
}

// A Go %#v of a struct pointer member: nil, or an (unknowable) address.
std::string go_pointer(const Json& v, const std::string& type) {
  return v.is_null() ? "(*" + type + ")(nil)" : "(*" + type + ")(0xc000a1e2d0)";
}

// ---- 2. Deployment -----------------------------------------------------------------

void validate_deployment_strategy(const Json& strategy, FieldErrors& errs) {
  const std::string type = str(strategy, "type");
  const Json& ru = get(strategy, "rollingUpdate");
  if (type == "Recreate") {
    if (!ru.is_null())
      errs.push_back(FieldError::forbidden("spec.strategy.rollingUpdate",
                                           "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type == "RollingUpdate") {
    if (ru.is_null()) {
      errs.push_back(FieldError::required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
      return;
    }
    const Json& mu = get(ru, "maxUnavailable");
    const Json& ms = get(ru, "maxSurge");
    validate_positive_int_or_percent(mu, "spec.strategy.rollingUpdate.maxUnavailable", errs);
    validate_positive_int_or_percent(ms, "spec.strategy.rollingUpdate.maxSurge", errs);
    if (int_or_percent_value(mu) == 0 && int_or_percent_value(ms) == 0)
      errs.push_back(invalid_raw("spec.strategy.rollingUpdate.maxUnavailable", go_int_or_string(mu),
                                 "may not be 0 when `maxSurge` is 0"));
    is_not_more_than_100_percent(mu, "spec.strategy.rollingUpdate.maxUnavailable", errs);
  } else {
    errs.push_back(unsupported_raw("spec.strategy",
                                   "apps.DeploymentStrategy{Type:" + go_quote(type) +
                                       ", RollingUpdate:" + go_pointer(ru, "apps.RollingUpdateDeployment") + "}",
                                   {"Recreate", "RollingUpdate"}));
  }
}

void validate_deployment_spec(const Json& obj, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  validate_nonnegative(get(spec, "replicas"), "spec.replicas", errs);
  validate_required_selector(spec, "deployment", errs);
  if (auto selector = as_selector(get(spec, "selector"), "invalid label selector", errs))
    validate_template_for_replicaset(get(spec, "template"), *selector, "ReplicaSet", errs);
  validate_deployment_strategy(get(spec, "strategy"), errs);
  validate_nonnegative(get(spec, "minReadySeconds"), "spec.minReadySeconds", errs);
  validate_nonnegative(get(spec, "revisionHistoryLimit"), "spec.revisionHistoryLimit", errs);
  const Json& pds = get(spec, "progressDeadlineSeconds");
  if (pds.is_number_integer()) {
    validate_nonnegative(pds, "spec.progressDeadlineSeconds", errs);
    if (pds.get<std::int64_t>() <= integer(spec, "minReadySeconds").value_or(0))
      errs.push_back(FieldError::invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"));
  }
}

class DeploymentStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& tmpl = ensure_template(obj);
    Json& spec = obj["spec"];
    set_default(spec, "replicas", 1);
    Json& strategy = object_at(spec, "strategy");
    set_if_zero(strategy, "type", "RollingUpdate");
    if (strategy["type"] == "RollingUpdate") {
      Json& ru = object_at(strategy, "rollingUpdate");
      set_default(ru, "maxUnavailable", "25%");
      set_default(ru, "maxSurge", "25%");
    }
    set_default(spec, "revisionHistoryLimit", 10);
    set_default(spec, "progressDeadlineSeconds", 600);
    default_pod_template(tmpl);
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj); }
  void prepare_for_update(Json& obj, const Json& old) const override {
    // Annotations are copied to ReplicaSets, so their changes bump the generation too.
    if (get(get(obj, "metadata"), "annotations") != get(get(old, "metadata"), "annotations") ||
        get(obj, "spec") != get(old, "spec"))
      object_at(obj, "metadata")["generation"] = integer(get(old, "metadata"), "generation").value_or(0) + 1;
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_deployment_spec(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_deployment_spec(obj, errs);
    selector_immutable(obj, old, errs);
    return errs;
  }
};

// ---- 3. ReplicaSet -------------------------------------------------------------------

void validate_replicaset_spec(const Json& obj, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  validate_nonnegative(get(spec, "replicas"), "spec.replicas", errs);
  validate_nonnegative(get(spec, "minReadySeconds"), "spec.minReadySeconds", errs);
  // The "deployment" in the message is kube's own copy-paste.
  validate_required_selector(spec, "deployment", errs);
  if (auto selector = as_selector(get(spec, "selector"), "invalid label selector", errs))
    validate_template_for_replicaset(get(spec, "template"), *selector, "ReplicaSet", errs);
}

class ReplicaSetStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& tmpl = ensure_template(obj);
    set_default(obj["spec"], "replicas", 1);
    default_pod_template(tmpl);
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"replicas", 0}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_replicaset_spec(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_replicaset_spec(obj, errs);
    selector_immutable(obj, old, errs);
    return errs;
  }
};

// ---- 4. ReplicationController ------------------------------------------------------------

class ReplicationControllerStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    Json& meta = object_at(obj, "metadata");
    const Json& tmpl_labels = get(get(get(spec, "template"), "metadata"), "labels");
    if (tmpl_labels.is_object()) {
      if (len(get(spec, "selector")) == 0) spec["selector"] = tmpl_labels;
      if (len(get(meta, "labels")) == 0) meta["labels"] = tmpl_labels;
    }
    set_default(spec, "replicas", 1);
    if (has(spec, "template")) default_pod_template(spec["template"]);
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"replicas", 0}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_spec(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_spec(obj, errs);
    return errs;
  }

 private:
  static void validate_spec(const Json& obj, FieldErrors& errs) {
    const Json& spec = get(obj, "spec");
    validate_nonnegative(get(spec, "minReadySeconds"), "spec.minReadySeconds", errs);
    const Json& sel = get(spec, "selector");
    if (len(sel) == 0) errs.push_back(FieldError::required("spec.selector", ""));
    validate_nonnegative(get(spec, "replicas"), "spec.replicas", errs);
    const Json& tmpl = get(spec, "template");
    if (tmpl.is_null()) {
      errs.push_back(FieldError::required("spec.template", ""));
      return;
    }
    LabelSelector selector = LabelSelector::from_set(sel);
    validate_template_labels_match(selector, tmpl, "spec.template", errs);
    validate_pod_template_spec(tmpl, "spec.template", errs);
    const std::string restart = str(get(tmpl, "spec"), "restartPolicy");
    if (restart != "Always")
      errs.push_back(FieldError::unsupported("spec.template.spec.restartPolicy", restart, {"Always"}));
    if (has(get(tmpl, "spec"), "activeDeadlineSeconds"))
      errs.push_back(FieldError::forbidden("spec.template.spec.activeDeadlineSeconds",
                                           "activeDeadlineSeconds in ReplicationController is not Supported"));
  }
};

// ---- 5. StatefulSet ------------------------------------------------------------------

void validate_statefulset_spec(const Json& obj, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  const std::string pmp = str(spec, "podManagementPolicy");
  if (pmp.empty())
    errs.push_back(FieldError::required("spec.podManagementPolicy", ""));
  else if (pmp != "OrderedReady" && pmp != "Parallel")
    errs.push_back(FieldError::invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));

  const Json& us = get(spec, "updateStrategy");
  const std::string type = str(us, "type");
  const Json& ru = get(us, "rollingUpdate");
  if (type.empty()) {
    errs.push_back(FieldError::required("spec.updateStrategy", ""));
  } else if (type == "OnDelete") {
    if (!ru.is_null())
      errs.push_back(invalid_raw(
          "spec.updateStrategy.rollingUpdate",
          "apps.RollingUpdateStatefulSetStrategy{Partition:" + std::to_string(integer(ru, "partition").value_or(0)) +
              ", MaxUnavailable:" + go_pointer(get(ru, "maxUnavailable"), "intstr.IntOrString") + "}",
          "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type == "RollingUpdate") {
    if (!ru.is_null()) {
      validate_nonnegative(get(ru, "partition"), "spec.updateStrategy.rollingUpdate.partition", errs);
      const Json& mu = get(ru, "maxUnavailable");
      if (!mu.is_null()) {
        const std::string p = "spec.updateStrategy.rollingUpdate.maxUnavailable";
        validate_positive_int_or_percent(mu, p, errs);
        if (int_or_percent_value(mu) == 0) errs.push_back(invalid_raw(p, go_int_or_string(mu), "cannot be 0"));
        is_not_more_than_100_percent(mu, p, errs);
      }
    }
  } else {
    errs.push_back(invalid_raw("spec.updateStrategy",
                               "apps.StatefulSetUpdateStrategy{Type:" + go_quote(type) +
                                   ", RollingUpdate:" + go_pointer(ru, "apps.RollingUpdateStatefulSetStrategy") + "}",
                               "must be 'RollingUpdate' or 'OnDelete'"));
  }

  const Json& retention = get(spec, "persistentVolumeClaimRetentionPolicy");
  if (retention.is_object()) {
    for (const char* f : {"whenDeleted", "whenScaled"}) {
      std::string v = str(retention, f);
      if (v != "Retain" && v != "Delete")
        errs.push_back(
            FieldError::unsupported(child("spec.persistentVolumeClaimRetentionPolicy", f), v, {"Retain", "Delete"}));
    }
  }
  validate_nonnegative(get(spec, "replicas"), "spec.replicas", errs);
  validate_nonnegative(get(spec, "minReadySeconds"), "spec.minReadySeconds", errs);
  if (has(spec, "ordinals")) validate_nonnegative(get(get(spec, "ordinals"), "start"), "spec.ordinals.start", errs);

  validate_required_selector(spec, "statefulset", errs);
  const Json& tmpl = get(spec, "template");
  if (auto selector = as_selector(get(spec, "selector"), "", errs)) {
    // ValidatePodTemplateSpecForStatefulSet does not validate the pod spec (a kube TODO).
    validate_template_labels_match(*selector, tmpl, "spec.template", errs);
    const Json& meta = get(tmpl, "metadata");
    append(errs, validate_labels(get(meta, "labels"), "spec.template.labels"));
    append(errs, validate_annotations(get(meta, "annotations"), "spec.template.annotations"));
  }
  const std::string restart = str(get(tmpl, "spec"), "restartPolicy");
  if (restart != "Always")
    errs.push_back(FieldError::unsupported("spec.template.spec.restartPolicy", restart, {"Always"}));
  if (has(get(tmpl, "spec"), "activeDeadlineSeconds"))
    errs.push_back(FieldError::forbidden("spec.template.spec.activeDeadlineSeconds",
                                         "activeDeadlineSeconds in StatefulSet is not Supported"));
}

class StatefulSetStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& tmpl = ensure_template(obj);
    Json& spec = obj["spec"];
    set_if_zero(spec, "podManagementPolicy", "OrderedReady");
    Json& us = object_at(spec, "updateStrategy");
    if (str(us, "type").empty()) {
      us["type"] = "RollingUpdate";
      object_at(us, "rollingUpdate");
    }
    if (us["type"] == "RollingUpdate" && us.contains("rollingUpdate") && us["rollingUpdate"].is_object())
      set_default(us["rollingUpdate"], "partition", 0);
    Json& retention = object_at(spec, "persistentVolumeClaimRetentionPolicy");
    set_if_zero(retention, "whenDeleted", "Retain");
    set_if_zero(retention, "whenScaled", "Retain");
    set_default(spec, "replicas", 1);
    set_default(spec, "revisionHistoryLimit", 10);
    default_pod_template(tmpl);
    if (spec.contains("volumeClaimTemplates") && spec["volumeClaimTemplates"].is_array()) {
      for (auto& pvc : spec["volumeClaimTemplates"]) {
        if (!pvc.is_object()) continue;
        // The embedded claims serialize with their type, a template's null timestamp,
        // the PVC spec default and the (defaulted) Pending phase.
        pvc["apiVersion"] = "v1";
        pvc["kind"] = "PersistentVolumeClaim";
        Json& meta = object_at(pvc, "metadata");
        if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = nullptr;
        set_default(object_at(pvc, "spec"), "volumeMode", "Filesystem");
        set_if_zero(object_at(pvc, "status"), "phase", "Pending");
      }
    }
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"replicas", 0}, {"availableReplicas", 0}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_statefulset_spec(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_statefulset_spec(obj, errs);
    Json now = get(obj, "spec"), before = get(old, "spec");
    for (const char* f : {"replicas", "template", "updateStrategy", "minReadySeconds", "ordinals",
                          "persistentVolumeClaimRetentionPolicy"}) {
      now.erase(f);
      before.erase(f);
    }
    if (now != before)
      errs.push_back(FieldError::forbidden("spec",
                                           "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                                           "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
                                           "'minReadySeconds' are forbidden"));
    return errs;
  }
  std::vector<std::string> validate_name(std::string_view name) const override { return is_dns1123_label(name); }
};

// ---- 6. DaemonSet --------------------------------------------------------------------

constexpr const char* kTemplateGeneration = "deprecated.daemonset.template.generation";

void validate_daemonset_spec(const Json& obj, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  const Json& sel = get(spec, "selector");
  const Json& tmpl = get(spec, "template");
  append(errs, validate_label_selector(sel, "spec.selector"));
  try {
    LabelSelector selector = LabelSelector::from_json(sel);
    const Json& labels = get(get(tmpl, "metadata"), "labels");
    if (!selector.matches(labels))
      errs.push_back(invalid_raw("spec.template.metadata.labels", go_string_map(labels),
                                 "`selector` does not match template `labels`"));
  } catch (const std::invalid_argument&) {
  }
  if (sel.is_object() && len(get(sel, "matchLabels")) + len(get(sel, "matchExpressions")) == 0)
    errs.push_back(invalid_raw("spec.selector", go_label_selector(sel), "empty selector is invalid for daemonset"));
  validate_pod_template_spec(tmpl, "spec.template", errs);
  const std::string restart = str(get(tmpl, "spec"), "restartPolicy");
  if (restart != "Always")
    errs.push_back(FieldError::unsupported("spec.template.spec.restartPolicy", restart, {"Always"}));
  if (has(get(tmpl, "spec"), "activeDeadlineSeconds"))
    errs.push_back(FieldError::forbidden("spec.template.spec.activeDeadlineSeconds",
                                         "activeDeadlineSeconds in DaemonSet is not Supported"));
  validate_nonnegative(get(spec, "minReadySeconds"), "spec.minReadySeconds", errs);

  const Json& us = get(spec, "updateStrategy");
  const std::string type = str(us, "type");
  if (type == "RollingUpdate") {
    const Json& ru = get(us, "rollingUpdate");
    if (ru.is_null()) {
      errs.push_back(FieldError::required("spec.updateStrategy.rollingUpdate", ""));
    } else {
      const std::string p = "spec.updateStrategy.rollingUpdate";
      const Json& mu = get(ru, "maxUnavailable");
      const Json& ms = get(ru, "maxSurge");
      validate_positive_int_or_percent(mu, child(p, "maxUnavailable"), errs);
      validate_positive_int_or_percent(ms, child(p, "maxSurge"), errs);
      is_not_more_than_100_percent(mu, child(p, "maxUnavailable"), errs);
      is_not_more_than_100_percent(ms, child(p, "maxSurge"), errs);
      bool unavailable = int_or_percent_value(mu) != 0, surge = int_or_percent_value(ms) != 0;
      if (unavailable && surge)
        errs.push_back(
            invalid_raw(child(p, "maxSurge"), go_int_or_string(ms), "may not be set when maxUnavailable is non-zero"));
      else if (!unavailable && !surge)
        errs.push_back(FieldError::required(child(p, "maxUnavailable"), "cannot be 0 when maxSurge is 0"));
    }
  } else if (type != "OnDelete") {
    errs.push_back(unsupported_raw("spec.updateStrategy",
                                   "apps.DaemonSetUpdateStrategy{Type:" + go_quote(type) + ", RollingUpdate:" +
                                       go_pointer(get(us, "rollingUpdate"), "apps.RollingUpdateDaemonSet") + "}",
                                   {"RollingUpdate", "OnDelete"}));
  }
  validate_nonnegative(get(spec, "revisionHistoryLimit"), "spec.revisionHistoryLimit", errs);
}

class DaemonSetStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& tmpl = ensure_template(obj);
    Json& spec = obj["spec"];
    Json& us = object_at(spec, "updateStrategy");
    set_if_zero(us, "type", "RollingUpdate");
    if (us["type"] == "RollingUpdate") {
      Json& ru = object_at(us, "rollingUpdate");
      set_default(ru, "maxUnavailable", 1);
      set_default(ru, "maxSurge", 0);
    }
    set_default(spec, "revisionHistoryLimit", 10);
    default_pod_template(tmpl);
  }
  void prepare_for_create(Json& obj) const override {
    reset_status(
        obj,
        {{"currentNumberScheduled", 0}, {"desiredNumberScheduled", 0}, {"numberMisscheduled", 0}, {"numberReady", 0}});
    // Spec.TemplateGeneration = 1, which apps/v1 carries as an annotation.
    object_at(object_at(obj, "metadata"), "annotations")[kTemplateGeneration] = "1";
  }
  void prepare_for_update(Json& obj, const Json& old) const override {
    std::int64_t gen = 0;
    const Json& old_gen = get(get(get(old, "metadata"), "annotations"), kTemplateGeneration);
    if (old_gen.is_string()) gen = atoi64(old_gen.get<std::string>()).value_or(0);
    if (get(get(obj, "spec"), "template") != get(get(old, "spec"), "template")) ++gen;
    if (gen > 0) object_at(object_at(obj, "metadata"), "annotations")[kTemplateGeneration] = std::to_string(gen);
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_daemonset_spec(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_daemonset_spec(obj, errs);
    selector_immutable(obj, old, errs);
    return errs;
  }
};

// ---- 7. ControllerRevision --------------------------------------------------------------

class ControllerRevisionStrategy : public KindStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_revision(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_revision(obj, errs);
    if (get(obj, "data") != get(old, "data"))
      errs.push_back(invalid_raw("data", "runtime.RawExtension{Raw:[]uint8{...}, Object:runtime.Object(nil)}",
                                 std::string(kFieldImmutable)));
    return errs;
  }

 private:
  static void validate_revision(const Json& obj, FieldErrors& errs) {
    if (get(obj, "data").is_null()) errs.push_back(FieldError::required("data", "data is mandatory"));
    validate_nonnegative(get(obj, "revision"), "revision", errs);
  }
};

}  // namespace

const KindStrategy& deployment_strategy() {
  static const DeploymentStrategy s;
  return s;
}
const KindStrategy& replicaset_strategy() {
  static const ReplicaSetStrategy s;
  return s;
}
const KindStrategy& replicationcontroller_strategy() {
  static const ReplicationControllerStrategy s;
  return s;
}
const KindStrategy& statefulset_strategy() {
  static const StatefulSetStrategy s;
  return s;
}
const KindStrategy& daemonset_strategy() {
  static const DaemonSetStrategy s;
  return s;
}
const KindStrategy& controllerrevision_strategy() {
  static const ControllerRevisionStrategy s;
  return s;
}

}  // namespace kt::api::kinds
