#include "core/admission/namespace_lifecycle.h"

#include "core/admission/admission_util.h"
#include "core/api/apiserver.h"

namespace kt::admission {

NamespaceLifecycle::NamespaceLifecycle() : immortal_{"default", "kube-system", "kube-public"} {}

void NamespaceLifecycle::admit(api::AdmissionRequest& req, api::ApiServer& api) {
  if (req.operation == api::Operation::Delete) return;
  if (is_core(req.resource, "namespaces")) return;  // all operations on namespaces are allowed
  if (!req.resource.namespaced || req.ns.empty()) return;
  // authorization.k8s.io localsubjectaccessreviews would be exempt too; we serve none.

  const api::ResourceInfo& namespaces = api.resource("", "namespaces");
  api::ObjectPtr ns = api.try_get(namespaces, "", req.ns);
  if (!ns) throw api::ApiError::not_found("namespaces", req.ns);

  if (req.operation != api::Operation::Create) return;
  if (api::str_field(*ns, {"status", "phase"}) != "Terminating") return;
  api::ApiError err = forbidden(
      req, "unable to create new content in namespace " + req.ns + " because it is being terminated");
  Json details = err.details();
  details["causes"] = Json::array({{{"type", "NamespaceTerminating"},
                                    {"message", "namespace " + req.ns + " is being terminated"},
                                    {"field", "metadata.namespace"}}});
  throw api::ApiError(err.code(), err.reason(), err.message(), std::move(details));
}

void NamespaceLifecycle::validate(const api::AdmissionRequest& req, api::ApiServer&) {
  if (req.operation != api::Operation::Delete || !is_core(req.resource, "namespaces")) return;
  if (immortal_.count(req.name))
    throw api::ApiError::forbidden("namespaces", req.name, "this namespace may not be deleted");
}

}  // namespace kt::admission
