// rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding:
//   defaults    pkg/apis/rbac/v1/defaults.go (roleRef and subject apiGroups)
//   validation  pkg/apis/rbac/validation/validation.go
// RBAC object names are path segments (no '/', '%', not '.' or '..').
#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

constexpr const char* kGroup = "rbac.authorization.k8s.io";

void validate_policy_rule(const Json& rule, bool namespaced, const std::string& path, FieldErrors& errs) {
  if (len(get(rule, "verbs")) == 0)
    errs.push_back(FieldError::required(child(path, "verbs"), "verbs must contain at least one value"));
  const Json& urls = get(rule, "nonResourceURLs");
  if (len(urls) > 0) {
    if (namespaced)
      errs.push_back(invalid_raw(child(path, "nonResourceURLs"), go_string_slice(urls),
                                 "namespaced rules cannot apply to non-resource URLs"));
    if (len(get(rule, "apiGroups")) > 0 || len(get(rule, "resources")) > 0 || len(get(rule, "resourceNames")) > 0)
      errs.push_back(invalid_raw(child(path, "nonResourceURLs"), go_string_slice(urls),
                                 "rules cannot apply to both regular resources and non-resource URLs"));
    return;
  }
  if (len(get(rule, "apiGroups")) == 0)
    errs.push_back(FieldError::required(child(path, "apiGroups"), "resource rules must supply at least one api group"));
  if (len(get(rule, "resources")) == 0)
    errs.push_back(FieldError::required(child(path, "resources"), "resource rules must supply at least one resource"));
}

void validate_rules(const Json& obj, bool namespaced, FieldErrors& errs) {
  const Json& rules = get(obj, "rules");
  if (!rules.is_array()) return;
  for (std::size_t i = 0; i < rules.size(); ++i) validate_policy_rule(rules[i], namespaced, index("rules", i), errs);
}

void validate_subject(const Json& s, bool namespaced, const std::string& path, FieldErrors& errs) {
  const std::string name = str(s, "name");
  const std::string kind = str(s, "kind");
  const std::string group = str(s, "apiGroup");
  if (name.empty()) errs.push_back(FieldError::required(child(path, "name"), ""));
  if (kind == "ServiceAccount") {
    if (!name.empty()) validate_dns_subdomain(name, child(path, "name"), errs);
    if (!group.empty()) errs.push_back(FieldError::unsupported(child(path, "apiGroup"), group, {""}));
    if (!namespaced && str(s, "namespace").empty()) errs.push_back(FieldError::required(child(path, "namespace"), ""));
  } else if (kind == "User" || kind == "Group") {
    if (group != kGroup) errs.push_back(FieldError::unsupported(child(path, "apiGroup"), group, {kGroup}));
  } else {
    errs.push_back(FieldError::unsupported(child(path, "kind"), kind, {"ServiceAccount", "User", "Group"}));
  }
}

void validate_binding(const Json& obj, bool namespaced, FieldErrors& errs) {
  const Json& ref = get(obj, "roleRef");
  const std::string group = str(ref, "apiGroup");
  if (group != kGroup) errs.push_back(FieldError::unsupported("roleRef.apiGroup", group, {kGroup}));
  const std::string kind = str(ref, "kind");
  if (namespaced) {
    if (kind != "Role" && kind != "ClusterRole")
      errs.push_back(FieldError::unsupported("roleRef.kind", kind, {"Role", "ClusterRole"}));
  } else if (kind != "ClusterRole") {
    errs.push_back(FieldError::unsupported("roleRef.kind", kind, {"ClusterRole"}));
  }
  const std::string name = str(ref, "name");
  if (name.empty())
    errs.push_back(FieldError::required("roleRef.name", ""));
  else
    for (auto& m : is_valid_path_segment_name(name)) errs.push_back(FieldError::invalid("roleRef.name", name, m));
  const Json& subjects = get(obj, "subjects");
  if (subjects.is_array())
    for (std::size_t i = 0; i < subjects.size(); ++i)
      validate_subject(subjects[i], namespaced, index("subjects", i), errs);
}

void default_binding(Json& obj) {
  set_if_zero(object_at(obj, "roleRef"), "apiGroup", kGroup);
  if (!obj.contains("subjects") || !obj["subjects"].is_array()) return;
  for (auto& s : obj["subjects"]) {
    if (!s.is_object() || !str(s, "apiGroup").empty()) continue;
    const std::string kind = str(s, "kind");
    if (kind == "User" || kind == "Group") s["apiGroup"] = kGroup;
  }
}

class RBACStrategy : public KindStrategy {
 public:
  std::vector<std::string> validate_name(std::string_view name) const override {
    return is_valid_path_segment_name(name);
  }
};

class RoleStrategy : public RBACStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_rules(obj, true, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate(obj);
    append(errs, validate_object_meta_update(obj, old));
    dedup(errs);
    return errs;
  }
};

class ClusterRoleStrategy : public RBACStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_rules(obj, false, errs);
    const Json& agg = get(obj, "aggregationRule");
    if (agg.is_object()) {
      const Json& sels = get(agg, "clusterRoleSelectors");
      if (len(sels) == 0)
        errs.push_back(FieldError::required("aggregationRule.clusterRoleSelectors",
                                            "at least one clusterRoleSelector required if aggregationRule is non-nil"));
      if (sels.is_array())
        for (std::size_t i = 0; i < sels.size(); ++i)
          append(errs, validate_label_selector(sels[i], index("aggregationRule.clusterRoleSelectors", i)));
    }
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate(obj);
    append(errs, validate_object_meta_update(obj, old));
    dedup(errs);
    return errs;
  }
};

class BindingStrategy : public RBACStrategy {
 public:
  explicit BindingStrategy(bool namespaced) : namespaced_(namespaced) {}
  void apply_defaults(Json& obj) const override { default_binding(obj); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_binding(obj, namespaced_, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate(obj);
    append(errs, validate_object_meta_update(obj, old));
    dedup(errs);
    const Json& ref = get(obj, "roleRef");
    if (ref != get(old, "roleRef"))
      errs.push_back(invalid_raw("roleRef",
                                 "rbac.RoleRef{APIGroup:" + go_quote(str(ref, "apiGroup")) + ", Kind:" +
                                     go_quote(str(ref, "kind")) + ", Name:" + go_quote(str(ref, "name")) + "}",
                                 "cannot change roleRef"));
    return errs;
  }

 private:
  bool namespaced_;
};

}  // namespace

const KindStrategy& role_strategy() {
  static const RoleStrategy s;
  return s;
}
const KindStrategy& clusterrole_strategy() {
  static const ClusterRoleStrategy s;
  return s;
}
const KindStrategy& rolebinding_strategy() {
  static const BindingStrategy s(true);
  return s;
}
const KindStrategy& clusterrolebinding_strategy() {
  static const BindingStrategy s(false);
  return s;
}

}  // namespace kt::api::kinds
