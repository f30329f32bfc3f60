// The create-only review resources kube-apiserver v1.32 answers from its authorizer
// and authenticator (pkg/registry/authorization/*, pkg/registry/authentication/
// selfsubjectreview): nothing is stored, the request comes back with its status.
//   authorization.k8s.io/v1 SelfSubjectAccessReview, SubjectAccessReview,
//     LocalSubjectAccessReview (namespaced), SelfSubjectRulesReview
//   authentication.k8s.io/v1 SelfSubjectReview
// `kubectl auth can-i|whoami` and `kubetab serve` both go through here.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/auth/rbac.h"

namespace kt::auth {

// Whether (group, plural) is one of the review resources above.
bool is_review_resource(const std::string& group, const std::string& plural);

// The answer to a POST of `request` to the review resource `plural` (namespace `ns`
// for localsubjectaccessreviews) made by `user`; throws api::ApiError (BadRequest,
// Invalid) as kube-apiserver answers.
Json create_review(const api::ApiServer& api, const UserInfo& user, const std::string& plural, const std::string& ns,
                   const Json& request);

}  // namespace kt::auth
