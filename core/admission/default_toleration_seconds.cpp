#include "core/admission/default_toleration_seconds.h"

#include "core/admission/admission_util.h"
#include "core/api/object.h"

namespace kt::admission {
namespace {

constexpr const char* kNotReady = "node.kubernetes.io/not-ready";
constexpr const char* kUnreachable = "node.kubernetes.io/unreachable";

bool tolerates(const Json& tolerations, const std::string& key) {
  if (!tolerations.is_array()) return false;
  for (const auto& t : tolerations) {
    const std::string k = api::str_field(t, {"key"});
    const std::string effect = api::str_field(t, {"effect"});
    if ((k == key || k.empty()) && (effect == "NoExecute" || effect.empty())) return true;
  }
  return false;
}

Json toleration(const char* key, std::int64_t seconds) {
  return {{"key", key}, {"operator", "Exists"}, {"effect", "NoExecute"}, {"tolerationSeconds", seconds}};
}

}  // namespace

void DefaultTolerationSeconds::admit(api::AdmissionRequest& req, api::ApiServer&) {
  if (!is_core(req.resource, "pods") || !req.subresource.empty() || !req.object) return;
  if (req.operation != api::Operation::Create && req.operation != api::Operation::Update) return;
  auto it = req.object->find("spec");
  if (it == req.object->end() || !it->is_object()) return;  // validation reports the missing spec
  Json& spec = *it;
  const bool not_ready = tolerates(api::field(spec, {"tolerations"}), kNotReady);
  const bool unreachable = tolerates(api::field(spec, {"tolerations"}), kUnreachable);
  if (not_ready && unreachable) return;
  Json& tolerations = spec["tolerations"];
  if (!tolerations.is_array()) tolerations = Json::array();
  if (!not_ready) tolerations.push_back(toleration(kNotReady, not_ready_seconds_));
  if (!unreachable) tolerations.push_back(toleration(kUnreachable, unreachable_seconds_));
}

}  // namespace kt::admission
