// Helpers shared by the admission plugins: how kube-apiserver names the object in
// an admission error (admission.NewForbidden), Go's error aggregation, and small
// predicates on the request.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/api/admission.h"
#include "core/api/errors.h"

namespace kt::admission {

// True for the core-group resource `plural` ("pods", "namespaces", ...).
bool is_core(const api::ResourceInfo& res, std::string_view plural);

// The name admission errors print (admission.extractResourceName): the object's
// name, or its generateName while the server has not generated one yet. Our server
// generates names before admission, kube after it, so a name that is exactly
// generateName plus a generated 5-character suffix is reported as the generateName
// (`pods "web-7c5ddbdf54-" is forbidden: exceeded quota: ...`, as ReplicaSet events
// show). "Unknown" when there is nothing at all.
std::string request_name(const api::AdmissionRequest& req);

// admission.NewForbidden: 403 `<resource> "<name>" is forbidden: <why>`.
api::ApiError forbidden(const api::AdmissionRequest& req, const std::string& why);

// utilerrors.NewAggregate(errs).Error(): "" for none, the message for one, and
// "[a, b]" for more; repeated messages are printed once.
std::string aggregate(const std::vector<std::string>& errs);

}  // namespace kt::admission
