// The review resources (see access_review.h). Map of this file:
//   1. request attributes and validation (pkg/apis/authorization/validation)
//   2. access reviews: SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview
//   3. SelfSubjectRulesReview
//   4. SelfSubjectReview
#include "core/auth/access_review.h"

namespace kt::auth {
namespace {

constexpr std::string_view kAuthz = "authorization.k8s.io";
constexpr std::string_view kAuthzV1 = "authorization.k8s.io/v1";
constexpr std::string_view kAuthn = "authentication.k8s.io";
constexpr std::string_view kAuthnV1 = "authentication.k8s.io/v1";

std::string str(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The request's metadata as it comes back: a zero creationTimestamp serialises as null.
Json echo_metadata(const Json& request) {
  Json meta = request.contains("metadata") && request["metadata"].is_object() ? request["metadata"] : Json::object();
  if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = nullptr;
  return meta;
}

// ---- 1. attributes and validation -----------------------------------------------------------

Attributes attributes_of(const Json& spec) {
  Attributes a;
  const Json& ra = spec.value("resourceAttributes", Json());
  if (ra.is_object()) {
    a.verb = str(ra, "verb");
    a.ns = str(ra, "namespace");
    a.group = str(ra, "group");
    a.resource = str(ra, "resource");
    a.subresource = str(ra, "subresource");
    a.name = str(ra, "name");
    return a;
  }
  const Json& nra = spec.value("nonResourceAttributes", Json());
  a.resource_request = false;
  a.verb = str(nra, "verb");
  a.path = str(nra, "path");
  return a;
}

api::FieldErrors validate_attributes(const Json& spec) {
  api::FieldErrors errs;
  const bool ra = spec.contains("resourceAttributes") && spec["resourceAttributes"].is_object();
  const bool nra = spec.contains("nonResourceAttributes") && spec["nonResourceAttributes"].is_object();
  if (ra && nra)
    errs.push_back(api::FieldError::invalid("spec.nonResourceAttributes", spec["nonResourceAttributes"],
                                            "cannot be specified in combination with resourceAttributes"));
  if (!ra && !nra)
    errs.push_back(api::FieldError::invalid("spec.resourceAttributes", nullptr,
                                            "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
  return errs;
}

// ---- 2. access reviews ------------------------------------------------------------------------

Json access_review(const api::ApiServer& api, const UserInfo& requester, const std::string& kind, const std::string& ns,
                   const Json& request) {
  const Json spec = request.value("spec", Json::object());
  api::FieldErrors errs = validate_attributes(spec);
  UserInfo user = requester;
  if (kind != "SelfSubjectAccessReview") {
    user = {str(spec, "user"), str(spec, "uid"), {}};
    if (spec.contains("groups") && spec["groups"].is_array())
      for (const auto& g : spec["groups"])
        if (g.is_string()) user.groups.push_back(g.get<std::string>());
    if (user.username.empty() && user.groups.empty())
      errs.push_back(api::FieldError::invalid("spec.user", "", "at least one of user or group must be specified"));
  }
  if (kind == "LocalSubjectAccessReview" && errs.empty()) {
    const Json& ra = spec.value("resourceAttributes", Json());
    if (!ra.is_object())
      errs.push_back(api::FieldError::invalid("spec.nonResourceAttributes", spec["nonResourceAttributes"],
                                              "disallowed on this kind of request"));
    else if (str(ra, "namespace") != ns)
      throw api::ApiError::bad_request("spec.resourceAttributes.namespace must match namespace: " + ns);
  }
  if (!errs.empty()) throw api::ApiError::invalid(kind + "." + std::string(kAuthz), "", errs);

  const Decision d = authorize(api, user, attributes_of(spec));
  Json out = Json::object();
  out["kind"] = kind;
  out["apiVersion"] = kAuthzV1;
  out["metadata"] = echo_metadata(request);
  out["spec"] = spec;
  Json status = Json::object();
  status["allowed"] = d.allowed;
  if (!d.reason.empty()) status["reason"] = d.reason;
  out["status"] = status;
  return out;
}

// ---- 3. rules review --------------------------------------------------------------------------

Json string_array(const std::vector<std::string>& xs) {
  Json a = Json::array();
  for (const auto& x : xs) a.push_back(x);
  return a;
}

Json rules_review(const api::ApiServer& api, const UserInfo& user, const Json& request) {
  const std::string ns = str(request.value("spec", Json::object()), "namespace");
  if (ns.empty()) throw api::ApiError::bad_request("no namespace on request");
  const RulesResult r = rules_for(api, user, ns);
  Json resource_rules = Json::array(), non_resource_rules = Json::array();
  for (const auto& rule : r.rules) {
    if (!rule.resources.empty()) {
      Json j = Json::object();
      j["verbs"] = string_array(rule.verbs);
      if (!rule.api_groups.empty()) j["apiGroups"] = string_array(rule.api_groups);
      j["resources"] = string_array(rule.resources);
      if (!rule.resource_names.empty()) j["resourceNames"] = string_array(rule.resource_names);
      resource_rules.push_back(j);
    }
    if (!rule.non_resource_urls.empty()) {
      Json j = Json::object();
      j["verbs"] = string_array(rule.verbs);
      j["nonResourceURLs"] = string_array(rule.non_resource_urls);
      non_resource_rules.push_back(j);
    }
  }
  Json status = Json::object();
  status["resourceRules"] = resource_rules;
  status["nonResourceRules"] = non_resource_rules;
  status["incomplete"] = false;
  if (!r.errors.empty()) {
    std::string e = r.errors.size() == 1 ? r.errors[0] : "";
    if (r.errors.size() > 1) {
      e = "[";
      for (std::size_t i = 0; i < r.errors.size(); ++i) e += (i ? ", " : "") + r.errors[i];
      e += "]";
    }
    status["evaluationError"] = e;
  }
  Json out = Json::object();
  out["kind"] = "SelfSubjectRulesReview";
  out["apiVersion"] = kAuthzV1;
  out["metadata"] = Json{{"creationTimestamp", nullptr}};
  out["spec"] = Json::object();
  out["status"] = status;
  return out;
}

// ---- 4. SelfSubjectReview ---------------------------------------------------------------------

Json self_subject_review(const api::ApiServer& api, const UserInfo& user) {
  Json info = Json::object();
  info["username"] = user.username;
  if (!user.uid.empty()) info["uid"] = user.uid;
  if (!user.groups.empty()) info["groups"] = string_array(user.groups);
  Json out = Json::object();
  out["kind"] = "SelfSubjectReview";
  out["apiVersion"] = kAuthnV1;
  out["metadata"] = Json{{"creationTimestamp", api.now_rfc3339()}};
  Json status = Json::object();
  status["userInfo"] = info;
  out["status"] = status;
  return out;
}

}  // namespace

bool is_review_resource(const std::string& group, const std::string& plural) {
  if (group == kAuthn) return plural == "selfsubjectreviews";
  return group == kAuthz && (plural == "selfsubjectaccessreviews" || plural == "subjectaccessreviews" ||
                             plural == "localsubjectaccessreviews" || plural == "selfsubjectrulesreviews");
}

Json create_review(const api::ApiServer& api, const UserInfo& user, const std::string& plural, const std::string& ns,
                   const Json& request) {
  if (plural == "selfsubjectaccessreviews") return access_review(api, user, "SelfSubjectAccessReview", "", request);
  if (plural == "subjectaccessreviews") return access_review(api, user, "SubjectAccessReview", "", request);
  if (plural == "localsubjectaccessreviews") return access_review(api, user, "LocalSubjectAccessReview", ns, request);
  if (plural == "selfsubjectrulesreviews") return rules_review(api, user, request);
  return self_subject_review(api, user);
}

}  // namespace kt::auth
