// The serviceaccounts/token subresource (TokenRequest, authentication.k8s.io/v1), as
// kube-apiserver answers `kubectl create token`: the service account must exist, a
// bound Pod or Secret too; expirationSeconds defaults to 3600 and must be at least
// 600; the audiences default to the API server's. The token is a JWT whose claims
// are those kube-apiserver issues (aud, exp, iat, iss, jti, kubernetes.io, nbf, sub);
// its signature is a SHA-256 over header and claims, not RSA: the sandbox's API
// server checks no signatures. Everything derives from the request, the objects and
// the simulated clock, so the same request at the same time gets the same token.
#pragma once

#include "core/api/apiserver.h"

namespace kt::api {

// The TokenRequest answered for `request` (a TokenRequest; its spec is read);
// throws ApiError (NotFound, Invalid) as kube-apiserver answers.
Json create_token_request(ApiServer& api, const std::string& ns, const std::string& service_account, const Json& request);

}  // namespace kt::api
