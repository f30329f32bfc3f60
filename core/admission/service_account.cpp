#include "core/admission/service_account.h"

#include <set>

#include "core/admission/admission_util.h"
#include "core/api/apiserver.h"
#include "core/api/object.h"
#include "core/util/names.h"

namespace kt::admission {
namespace {

constexpr const char* kMirrorAnnotation = "kubernetes.io/config.mirror";
constexpr const char* kEnforceMountable = "kubernetes.io/enforce-mountable-secrets";
// pkg/serviceaccount: WarnOnlyBoundTokenExpirationSeconds (1h + 7s), the tell-tale
// value kubelets recognise as "the legacy default".
constexpr std::int64_t kTokenExpirationSeconds = 3607;
constexpr std::int64_t kProjectedDefaultMode = 0644;  // 420

bool applies(const api::AdmissionRequest& req) {
  return is_core(req.resource, "pods") && req.subresource.empty() && req.object &&
         req.operation == api::Operation::Create;
}

bool is_mirror_pod(const Json& pod) {
  const Json& a = api::meta::annotations(pod);
  return a.is_object() && a.contains(kMirrorAnnotation);
}

// The service account; a missing one is the Forbidden error kube returns.
api::ObjectPtr find_service_account(api::ApiServer& api, const std::string& ns, const std::string& name,
                                    const api::AdmissionRequest& req) {
  api::ObjectPtr sa = api.try_get(api.resource("", "serviceaccounts"), ns, name);
  if (!sa)
    throw forbidden(req, "error looking up service account " + ns + "/" + name + ": serviceaccount \"" + name +
                             "\" not found");
  return sa;
}

bool should_automount(const Json& sa, const Json& spec) {
  const Json& pod_pref = api::field(spec, {"automountServiceAccountToken"});
  if (pod_pref.is_boolean()) return pod_pref.get<bool>();
  const Json& sa_pref = api::field(sa, {"automountServiceAccountToken"});
  if (sa_pref.is_boolean()) return sa_pref.get<bool>();
  return true;
}

Json token_volume_source() {
  return {{"defaultMode", kProjectedDefaultMode},
          {"sources",
           Json::array({
               {{"serviceAccountToken", {{"expirationSeconds", kTokenExpirationSeconds}, {"path", "token"}}}},
               {{"configMap",
                 {{"name", "kube-root-ca.crt"}, {"items", Json::array({{{"key", "ca.crt"}, {"path", "ca.crt"}}})}}}},
               {{"downwardAPI",
                 {{"items", Json::array({{{"path", "namespace"},
                                          {"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.namespace"}}}}})}}}},
           })}};
}

bool has_mount_at_default_path(const Json& container) {
  const Json& mounts = api::field(container, {"volumeMounts"});
  if (!mounts.is_array()) return false;
  for (const auto& m : mounts)
    if (api::str_field(m, {"mountPath"}) == ServiceAccountAdmission::kMountPath) return true;
  return false;
}

// Adds the mount to each container of `list` without one; true if any was added.
bool mount_in(Json& spec, const char* list, const Json& mount) {
  auto it = spec.find(list);
  if (it == spec.end() || !it->is_array()) return false;
  bool added = false;
  for (auto& c : *it) {
    if (!c.is_object() || has_mount_at_default_path(c)) continue;
    Json& mounts = c["volumeMounts"];
    if (!mounts.is_array()) mounts = Json::array();
    mounts.push_back(mount);
    added = true;
  }
  return added;
}

void mount_token(Json& spec, sim::Random& rng) {
  std::string volume_name;
  bool has_volume = false;
  const Json& volumes = api::field(spec, {"volumes"});
  if (volumes.is_array()) {
    for (const auto& v : volumes) {
      const std::string n = api::str_field(v, {"name"});
      if (n.rfind(ServiceAccountAdmission::kVolumePrefix, 0) == 0) {
        volume_name = n;
        has_volume = true;
        break;
      }
    }
  }
  if (volume_name.empty()) volume_name = util::generate_name(ServiceAccountAdmission::kVolumePrefix, rng);

  const Json mount = {{"name", volume_name}, {"readOnly", true}, {"mountPath", ServiceAccountAdmission::kMountPath}};
  bool needs_volume = mount_in(spec, "initContainers", mount);
  needs_volume = mount_in(spec, "containers", mount) || needs_volume;
  if (has_volume || !needs_volume) return;
  Json& vols = spec["volumes"];
  if (!vols.is_array()) vols = Json::array();
  vols.push_back({{"name", volume_name}, {"projected", token_volume_source()}});
}

// The names of the secrets a pod spec refers to, visited in kube's order
// (podutil.VisitPodSecretNames): pull secrets, env/envFrom of every container, volumes.
std::vector<std::string> secret_names(const Json& spec) {
  std::vector<std::string> out;
  for (const auto& r : api::field(spec, {"imagePullSecrets"}))
    if (!api::str_field(r, {"name"}).empty()) out.push_back(api::str_field(r, {"name"}));
  for (const char* list : {"initContainers", "containers", "ephemeralContainers"}) {
    for (const auto& c : api::field(spec, {list})) {
      for (const auto& e : api::field(c, {"envFrom"}))
        if (!api::str_field(e, {"secretRef", "name"}).empty()) out.push_back(api::str_field(e, {"secretRef", "name"}));
      for (const auto& e : api::field(c, {"env"}))
        if (!api::str_field(e, {"valueFrom", "secretKeyRef", "name"}).empty())
          out.push_back(api::str_field(e, {"valueFrom", "secretKeyRef", "name"}));
    }
  }
  for (const auto& v : api::field(spec, {"volumes"})) {
    if (!api::str_field(v, {"secret", "secretName"}).empty()) out.push_back(api::str_field(v, {"secret", "secretName"}));
    for (const auto& s : api::field(v, {"projected", "sources"}))
      if (!api::str_field(s, {"secret", "name"}).empty()) out.push_back(api::str_field(s, {"secret", "name"}));
  }
  return out;
}

void validate_mirror_pod(const api::AdmissionRequest& req, const Json& spec) {
  if (!api::str_field(spec, {"serviceAccountName"}).empty())
    throw forbidden(req, "a mirror pod may not reference service accounts");
  if (!secret_names(spec).empty()) throw forbidden(req, "a mirror pod may not reference secrets");
  for (const auto& v : api::field(spec, {"volumes"}))
    for (const auto& s : api::field(v, {"projected", "sources"}))
      if (s.contains("serviceAccountToken"))
        throw forbidden(req, "a mirror pod may not use ServiceAccountToken volume projections");
}

// limitSecretReferences, for service accounts that enforce mountable secrets.
void limit_secret_references(const api::AdmissionRequest& req, const Json& sa, const Json& spec) {
  std::set<std::string> mountable, pullable;
  for (const auto& s : api::field(sa, {"secrets"})) mountable.insert(api::str_field(s, {"name"}));
  for (const auto& s : api::field(sa, {"imagePullSecrets"})) pullable.insert(api::str_field(s, {"name"}));
  const std::string sa_name = api::meta::name(sa);
  for (const auto& v : api::field(spec, {"volumes"})) {
    if (!v.contains("secret")) continue;
    const std::string secret = api::str_field(v, {"secret", "secretName"});
    if (!mountable.count(secret))
      throw forbidden(req, "volume with secret.secretName=\"" + secret + "\" is not allowed because service account " +
                               sa_name + " does not reference that secret");
  }
  for (const auto& [list, what] : {std::pair{"initContainers", "init container"}, std::pair{"containers", "container"}}) {
    for (const auto& c : api::field(spec, {list})) {
      for (const auto& e : api::field(c, {"env"})) {
        const std::string secret = api::str_field(e, {"valueFrom", "secretKeyRef", "name"});
        if (secret.empty() || !api::field(e, {"valueFrom", "secretKeyRef"}).is_object() || mountable.count(secret))
          continue;
        throw forbidden(req, std::string(what) + " " + api::str_field(c, {"name"}) + " with envVar " +
                                 api::str_field(e, {"name"}) + " referencing secret.secretName=\"" + secret +
                                 "\" is not allowed because service account " + sa_name +
                                 " does not reference that secret");
      }
    }
  }
  int i = 0;
  for (const auto& r : api::field(spec, {"imagePullSecrets"})) {
    const std::string name = api::str_field(r, {"name"});
    if (!pullable.count(name))
      throw forbidden(req, "imagePullSecrets[" + std::to_string(i) + "].name=\"" + name +
                               "\" is not allowed because service account " + sa_name +
                               " does not reference that imagePullSecret");
    ++i;
  }
}

}  // namespace

void ServiceAccountAdmission::admit(api::AdmissionRequest& req, api::ApiServer& api) {
  if (!applies(req)) return;
  Json& pod = *req.object;
  if (is_mirror_pod(pod)) return;  // validate() checks what mirror pods may reference
  auto it = pod.find("spec");
  if (it == pod.end() || !it->is_object()) return;  // validation reports the missing spec
  Json& spec = *it;

  std::string sa_name = api::str_field(spec, {"serviceAccountName"});
  if (sa_name.empty()) sa_name = api::str_field(spec, {"serviceAccount"});
  if (sa_name.empty()) sa_name = "default";
  spec["serviceAccountName"] = sa_name;
  spec["serviceAccount"] = sa_name;

  api::ObjectPtr sa = find_service_account(api, req.ns, sa_name, req);
  if (should_automount(*sa, spec)) mount_token(spec, rng_);
  const Json& pull = api::field(spec, {"imagePullSecrets"});
  const Json& sa_pull = api::field(*sa, {"imagePullSecrets"});
  if ((!pull.is_array() || pull.empty()) && sa_pull.is_array() && !sa_pull.empty()) {
    Json refs = Json::array();
    for (const auto& r : sa_pull) refs.push_back({{"name", api::str_field(r, {"name"})}});
    spec["imagePullSecrets"] = std::move(refs);
  }
}

void ServiceAccountAdmission::validate(const api::AdmissionRequest& req, api::ApiServer& api) {
  if (!applies(req)) return;
  const Json& pod = *req.object;
  const Json& spec = api::field(pod, {"spec"});
  if (is_mirror_pod(pod)) {
    validate_mirror_pod(req, spec);
    return;
  }
  const std::string sa_name = api::str_field(spec, {"serviceAccountName"});
  if (sa_name.empty()) return;  // admit() always sets it; nothing to check otherwise
  api::ObjectPtr sa = find_service_account(api, req.ns, sa_name, req);
  static const std::set<std::string> kTrue = {"1", "t", "T", "TRUE", "true", "True"};  // strconv.ParseBool
  if (kTrue.count(api::str_field(*sa, {"metadata", "annotations", kEnforceMountable})))
    limit_secret_references(req, *sa, spec);
}

}  // namespace kt::admission
