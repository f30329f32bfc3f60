// Pod: pkg/registry/core/pod/strategy.go (PrepareForCreate: status Pending + QoS
// class, scheduling-gated condition) and ValidatePodCreate / ValidatePodUpdate.
#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/kinds/podspec.h"

namespace kt::api::kinds {
namespace {

const char* const kUpdatableFields =
    "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
    "`spec.tolerations` (only additions to existing tolerations),"
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

// apiequality.Semantic treats nil and empty slices, and absent and zero-valued
// non-pointer fields, alike; drop those before comparing JSON.
Json semantic(const Json& v) {
  if (v.is_object()) {
    Json out = Json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      Json c = semantic(*it);
      if (c.is_null() || (c.is_string() && c.get_ref<const std::string&>().empty()) || (c.is_array() && c.empty()) ||
          c == false)
        continue;
      out[it.key()] = std::move(c);
    }
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& e : v) out.push_back(semantic(e));
    return out;
  }
  return v;
}

void validate_metadata_and_spec(const Json& pod, FieldErrors& errs) {
  append(errs, validate_object_meta(pod, Finalizers::Core));
  validate_pod_spec(get(pod, "spec"), "spec", true, errs);
  validate_containers_only_for_pod(get(pod, "spec"), errs);
}

// validateOnlyAddedTolerations: every old toleration must still be there (its
// tolerationSeconds may change).
void validate_only_added_tolerations(const Json& now, const Json& before, FieldErrors& errs) {
  if (before.is_array()) {
    for (const auto& old : before) {
      bool found = false;
      if (now.is_array()) {
        for (const auto& t : now) {
          Json a = old, b = t;
          if (a.is_object()) a.erase("tolerationSeconds");
          if (b.is_object()) b.erase("tolerationSeconds");
          if (semantic(a) == semantic(b)) {
            found = true;
            break;
          }
        }
      }
      if (!found) {
        errs.push_back(FieldError::forbidden("spec.tolerations",
                                             "existing toleration can not be modified except its tolerationSeconds"));
        return;
      }
    }
  }
}

// ValidateContainerUpdates: true when validation must stop (containers added/removed).
bool validate_container_updates(const Json& now, const Json& before, const std::string& path, FieldErrors& errs) {
  if (len(now) != len(before)) {
    errs.push_back(FieldError::forbidden(path, "pod updates may not add or remove containers"));
    return true;
  }
  if (!now.is_array()) return false;
  for (std::size_t i = 0; i < now.size(); ++i) {
    const std::string image = str(now[i], "image");
    if (image.empty()) errs.push_back(FieldError::required(child(index(path, i), "image"), ""));
    if (!image.empty() && (std::isspace(static_cast<unsigned char>(image.front())) ||
                           std::isspace(static_cast<unsigned char>(image.back()))))
      errs.push_back(
          FieldError::invalid(child(index(path, i), "image"), image, "must not have leading or trailing whitespace"));
  }
  return false;
}

class PodStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    if (obj.contains("spec")) default_pod_spec(obj["spec"], PodSpecOf::Pod);
  }
  bool defaults_spec_alone() const override { return true; }

  bool prepares_status_from_spec_alone() const override { return true; }
  void prepare_for_create(Json& obj) const override {
    const Json& spec = get(obj, "spec");
    // Built member by member: an initializer list copies each value once more.
    Json status = Json::object();
    status["phase"] = "Pending";
    status["qosClass"] = pod_qos_class(spec);
    if (len(get(spec, "schedulingGates")) > 0) {
      status["conditions"] = Json::array({{{"type", "PodScheduled"},
                                           {"status", "False"},
                                           {"reason", "SchedulingGated"},
                                           {"message", "Scheduling is blocked due to non-empty scheduling gates"},
                                           {"lastProbeTime", nullptr},
                                           {"lastTransitionTime", nullptr}}});
    }
    obj["status"] = std::move(status);
  }

  // validatePodSpec and the container checks read only the spec.
  bool validates_spec_alone() const override { return true; }
  FieldErrors validate(const Json& obj) const override { return validate_create(obj, false); }
  FieldErrors validate_create(const Json& obj, bool spec_known_valid) const override {
    FieldErrors errs;
    if (spec_known_valid) append(errs, validate_object_meta(obj, Finalizers::Core));
    else validate_metadata_and_spec(obj, errs);
    const Json& spec = get(obj, "spec");
    if (len(get(spec, "ephemeralContainers")) > 0)
      errs.push_back(FieldError::forbidden("spec.ephemeralContainers", "cannot be set on create"));
    if (!str(spec, "nodeName").empty() && len(get(spec, "schedulingGates")) != 0)
      errs.push_back(
          FieldError::forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
    return errs;
  }

  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    // validatePodMetadataAndSpec repeats the metadata checks; keep them once.
    validate_pod_spec(get(obj, "spec"), "spec", true, errs);
    validate_containers_only_for_pod(get(obj, "spec"), errs);

    const Json& spec = get(obj, "spec");
    const Json& old_spec = get(old, "spec");
    if (validate_container_updates(get(spec, "containers"), get(old_spec, "containers"), "spec.containers", errs))
      return errs;
    if (validate_container_updates(get(spec, "initContainers"), get(old_spec, "initContainers"), "spec.initContainers",
                                   errs))
      return errs;

    const Json& ads = get(spec, "activeDeadlineSeconds");
    const Json& old_ads = get(old_spec, "activeDeadlineSeconds");
    if (ads.is_number_integer()) {
      auto v = ads.get<std::int64_t>();
      if (v < 0 || v > 2147483647) {
        errs.push_back(
            FieldError::invalid("spec.activeDeadlineSeconds", v, "must be between 0 and 2147483647, inclusive"));
        return errs;
      }
      if (old_ads.is_number_integer() && old_ads.get<std::int64_t>() < v) {
        errs.push_back(
            FieldError::invalid("spec.activeDeadlineSeconds", v, "must be less than or equal to previous value"));
        return errs;
      }
    } else if (!old_ads.is_null()) {
      errs.push_back(FieldError::invalid("spec.activeDeadlineSeconds", "null",
                                         "must not update from a positive integer to nil value"));
    }

    validate_only_added_tolerations(get(spec, "tolerations"), get(old_spec, "tolerations"), errs);

    // Scheduling gates may only be removed.
    const Json& gates = get(spec, "schedulingGates");
    if (gates.is_array()) {
      for (std::size_t i = 0; i < gates.size(); ++i) {
        bool known = false;
        const Json& old_gates = get(old_spec, "schedulingGates");
        if (old_gates.is_array())
          for (const auto& g : old_gates)
            if (str(g, "name") == str(gates[i], "name")) known = true;
        if (!known)
          errs.push_back(FieldError::forbidden(
              child(index("spec.schedulingGates", i), "name"),
              "only deletion is allowed, but found new scheduling gate '" + str(gates[i], "name") + "'"));
      }
    }

    if (semantic(spec) == semantic(old_spec)) return errs;
    Json munged = spec;
    for (const char* list : {"containers", "initContainers"}) {
      if (!munged.contains(list) || !munged[list].is_array()) continue;
      for (std::size_t i = 0; i < munged[list].size(); ++i) {
        const Json& old_image = get(get(old_spec, list)[i], "image");
        if (old_image.is_null())
          munged[list][i].erase("image");
        else
          munged[list][i]["image"] = old_image;
      }
    }
    for (const char* f : {"activeDeadlineSeconds", "schedulingGates", "tolerations"}) {
      if (old_spec.contains(f))
        munged[f] = old_spec[f];
      else
        munged.erase(f);
    }
    auto old_grace = integer(old_spec, "terminationGracePeriodSeconds");
    if (old_grace && *old_grace < 0 && integer(munged, "terminationGracePeriodSeconds") == 1)
      munged["terminationGracePeriodSeconds"] = *old_grace;
    if (semantic(munged) != semantic(old_spec)) {
      errs.push_back(FieldError::forbidden(
          "spec", std::string("pod updates may not change fields other than ") + kUpdatableFields + "\n" +
                      spec_diff(semantic(old_spec), semantic(munged), "core.PodSpec")));
    }
    return errs;
  }
};

// PodTemplate: the template defaults, ValidatePodTemplate(Update).
class PodTemplateStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& tmpl = object_at(obj, "template");
    object_at(tmpl, "spec");
    default_pod_template(tmpl);
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_pod_template_spec(get(obj, "template"), "template", errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_pod_template_spec(get(obj, "template"), "template", errs);
    return errs;
  }
};

}  // namespace

const KindStrategy& podtemplate_strategy() {
  static const PodTemplateStrategy s;
  return s;
}

const KindStrategy& pod_strategy() {
  static const PodStrategy s;
  return s;
}

}  // namespace kt::api::kinds
