#include "core/admission/priority.h"

#include "core/admission/admission_util.h"
#include "core/api/apiserver.h"
#include "core/api/object.h"

namespace kt::admission {
namespace {

bool is_priority_class(const api::ResourceInfo& res) {
  return res.group == "scheduling.k8s.io" && res.plural == "priorityclasses";
}

// The globalDefault class with the lowest value (several may exist after a race).
api::ObjectPtr default_class(api::ApiServer& api) {
  api::ObjectPtr best;
  for (const auto& pc : api.list(api.resource("scheduling.k8s.io", "priorityclasses"), "").items) {
    if (api::field(*pc, {"globalDefault"}) != true) continue;
    if (!best || api::int_field(*pc, {"value"}, 0) < api::int_field(*best, {"value"}, 0)) best = pc;
  }
  return best;
}

}  // namespace

void PriorityAdmission::admit(api::AdmissionRequest& req, api::ApiServer& api) {
  if (!is_core(req.resource, "pods") || !req.subresource.empty() || !req.object) return;
  auto it = req.object->find("spec");
  if (it == req.object->end() || !it->is_object()) return;  // validation reports the missing spec
  Json& spec = *it;
  if (req.operation == api::Operation::Update) {
    // The priority was set on create; keep it when the update leaves it out.
    if (!req.old_object) return;
    const Json& old_spec = api::field(*req.old_object, {"spec"});
    for (const char* f : {"priority", "preemptionPolicy"})
      if (!spec.contains(f) && old_spec.is_object() && old_spec.contains(f)) spec[f] = old_spec[f];
    return;
  }
  if (req.operation != api::Operation::Create) return;

  std::int64_t priority = 0;
  Json policy = "PreemptLowerPriority";
  const std::string class_name = api::str_field(spec, {"priorityClassName"});
  if (class_name.empty()) {
    if (auto pc = default_class(api)) {
      spec["priorityClassName"] = api::meta::name(*pc);
      priority = api::int_field(*pc, {"value"}, 0);
      policy = api::field(*pc, {"preemptionPolicy"});
    }
  } else {
    auto pc = api.try_get(api.resource("scheduling.k8s.io", "priorityclasses"), "", class_name);
    if (!pc) throw forbidden(req, "no PriorityClass with name " + class_name + " was found");
    priority = api::int_field(*pc, {"value"}, 0);
    policy = api::field(*pc, {"preemptionPolicy"});
  }
  if (spec.contains("priority") && spec["priority"].is_number_integer() && spec["priority"].get<std::int64_t>() != priority)
    throw forbidden(req, "the integer value of priority (" + std::to_string(spec["priority"].get<std::int64_t>()) +
                             ") must not be provided in pod spec; priority admission controller computed " +
                             std::to_string(priority) + " from the given PriorityClass name");
  spec["priority"] = priority;
  if (policy.is_string()) {
    const Json& given = api::field(spec, {"preemptionPolicy"});
    if (given.is_string() && given != policy)
      throw forbidden(req, "the string value of PreemptionPolicy (" + given.get<std::string>() +
                               ") must not be provided in pod spec; priority admission controller computed " +
                               policy.get<std::string>() + " from the given PriorityClass name");
    spec["preemptionPolicy"] = policy;
  }
}

void PriorityAdmission::validate(const api::AdmissionRequest& req, api::ApiServer& api) {
  if (!is_priority_class(req.resource) || !req.subresource.empty() || !req.object) return;
  if (req.operation != api::Operation::Create && req.operation != api::Operation::Update) return;
  if (api::field(*req.object, {"globalDefault"}) != true) return;
  auto dpc = default_class(api);
  if (!dpc) return;
  const std::string existing = api::meta::name(*dpc);
  if (req.operation == api::Operation::Create || existing != api::str_field(*req.object, {"metadata", "name"}))
    throw forbidden(req, "PriorityClass " + existing + " is already marked as default. Only one default can exist");
}

}  // namespace kt::admission
