// TokenRequest issuance (see token_request.h). kube-apiserver's facts
// (pkg/registry/core/serviceaccount/storage/token.go, pkg/serviceaccount/claims.go):
// default lifetime 3600 s, minimum 600 s; the `kubernetes.io` claim names the
// namespace, the service account (name, uid) and the bound object; nbf = iat = now.
#include "core/api/token_request.h"

#include "core/api/object.h"
#include "core/util/base64.h"
#include "core/util/sha256.h"
#include "core/util/timefmt.h"

namespace kt::api {
namespace {

const char* kIssuer = "https://kubernetes.default.svc.cluster.local";

// A UUID-shaped id from a digest (the jti claim).
std::string uuid_from(const std::string& digest_hex) {
  return digest_hex.substr(0, 8) + "-" + digest_hex.substr(8, 4) + "-4" + digest_hex.substr(13, 3) + "-a" +
         digest_hex.substr(17, 3) + "-" + digest_hex.substr(20, 12);
}

}  // namespace

Json create_token_request(ApiServer& api, const std::string& ns, const std::string& service_account,
                          const Json& request) {
  const auto& reg = api.registry();
  ObjectPtr sa = api.get(*reg.find_plural("", "serviceaccounts"), ns, service_account);
  const Json spec = request.contains("spec") && request["spec"].is_object() ? request["spec"] : Json::object();
  std::int64_t expiration = 3600;
  if (spec.contains("expirationSeconds") && spec["expirationSeconds"].is_number_integer())
    expiration = spec["expirationSeconds"].get<std::int64_t>();
  FieldErrors errs;
  if (expiration < 600)
    errs.push_back(FieldError::invalid("spec.expirationSeconds", expiration,
                                       "may not specify a duration less than 10 minutes"));
  if (expiration > (std::int64_t(1) << 32))
    errs.push_back(FieldError::invalid("spec.expirationSeconds", expiration,
                                       "may not specify a duration larger than 2^32 seconds"));
  if (!errs.empty()) throw ApiError::invalid("TokenRequest.authentication.k8s.io", service_account, errs);
  Json audiences = Json::array();
  if (spec.contains("audiences") && spec["audiences"].is_array() && !spec["audiences"].empty())
    audiences = spec["audiences"];
  else
    audiences.push_back(kIssuer);

  Json k8s = Json::object();
  k8s["namespace"] = ns;
  k8s["serviceaccount"] = Json{{"name", service_account}, {"uid", meta::uid(*sa)}};
  Json bound = nullptr;
  if (spec.contains("boundObjectRef") && spec["boundObjectRef"].is_object()) {
    bound = spec["boundObjectRef"];
    const std::string kind = bound.value("kind", std::string()), name = bound.value("name", std::string());
    const char* plural = kind == "Pod" ? "pods" : kind == "Secret" ? "secrets" : kind == "Node" ? "nodes" : nullptr;
    if (!plural)
      throw ApiError::bad_request("cannot bind token for serviceaccount \"" + service_account +
                                  "\" to object of kind " + kind);
    const ResourceInfo& res = *reg.find_plural("", plural);
    ObjectPtr obj = api.get(res, res.namespaced ? ns : "", name);
    bound["uid"] = meta::uid(*obj);
    const std::string claim = kind == "Pod" ? "pod" : kind == "Node" ? "node" : "secret";
    k8s[claim] = Json{{"name", name}, {"uid", meta::uid(*obj)}};
  }
  const sim::Time now = api.sim().now();
  const std::int64_t iat = now.unix_seconds();
  Json claims = Json::object();
  claims["aud"] = audiences;
  claims["exp"] = iat + expiration;
  claims["iat"] = iat;
  claims["iss"] = kIssuer;
  claims["jti"] = uuid_from(util::sha256_hex(meta::uid(*sa) + "/" + std::to_string(now.us) + "/" + audiences.dump() +
                                             "/" + bound.dump()));
  claims["kubernetes.io"] = k8s;
  claims["nbf"] = iat;
  claims["sub"] = "system:serviceaccount:" + ns + ":" + service_account;
  const std::string signed_part = util::base64url_encode(R"({"alg":"RS256","kid":"kubetab-sandbox"})") + "." +
                                  util::base64url_encode(claims.dump());
  // 256 bytes, the length of an RS256 signature with a 2048-bit key.
  std::string signature;
  for (int i = 0; signature.size() < 256; ++i) signature += util::sha256(signed_part + std::to_string(i));
  signature.resize(256);

  Json out = Json::object();
  out["apiVersion"] = "authentication.k8s.io/v1";
  out["kind"] = "TokenRequest";
  Json m = Json::object();
  m["creationTimestamp"] = nullptr;  // the request's (empty) metadata comes back
  out["metadata"] = m;
  Json out_spec = Json::object();
  out_spec["audiences"] = audiences;
  out_spec["boundObjectRef"] = bound;
  out_spec["expirationSeconds"] = expiration;
  out["spec"] = out_spec;
  Json status = Json::object();
  status["expirationTimestamp"] = util::format_rfc3339(now + sim::seconds(expiration));
  status["token"] = signed_part + "." + util::base64url_encode(signature);
  out["status"] = status;
  return out;
}

}  // namespace kt::api
