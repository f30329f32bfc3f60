#include "core/admission/default_storage_class.h"

#include "core/api/apiserver.h"

namespace kt::admission {

void DefaultStorageClass::admit(api::AdmissionRequest& req, api::ApiServer& api) {
  if (req.operation != api::Operation::Create || !req.subresource.empty() || !req.object) return;
  if (req.resource.group != "" || req.resource.plural != "persistentvolumeclaims") return;
  Json& spec = (*req.object)["spec"];
  if (spec.is_object() && spec.contains("storageClassName") && !spec["storageClassName"].is_null()) return;
  api::ObjectPtr chosen;
  for (const auto& sc : api.list(api.resource("storage.k8s.io", "storageclasses"), "").items) {
    if (api::str_field(*sc, {"metadata", "annotations", "storageclass.kubernetes.io/is-default-class"}) != "true" &&
        api::str_field(*sc, {"metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class"}) != "true")
      continue;
    const std::string created = api::str_field(*sc, {"metadata", "creationTimestamp"});
    if (!chosen || created > api::str_field(*chosen, {"metadata", "creationTimestamp"}) ||
        (created == api::str_field(*chosen, {"metadata", "creationTimestamp"}) &&
         api::meta::name(*sc) < api::meta::name(*chosen)))
      chosen = sc;
  }
  if (chosen) spec["storageClassName"] = api::meta::name(*chosen);
}

}  // namespace kt::admission
