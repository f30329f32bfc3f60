// ResourceQuota admission: CheckRequest of apiserver's resourcequota controller.go,
// without the status writes (see resource_quota.h).
#include "core/admission/resource_quota.h"

#include "core/admission/admission_util.h"
#include "core/admission/quota_usage.h"
#include "core/api/apiserver.h"

namespace kt::admission {
namespace {

// The usage to charge against: live usage raised to what the quota's status says.
ResourceList effective_used(const ResourceList& live, const Json& quota) {
  const ResourceList status = parse_resource_list(api::field(quota, {"status", "used"}));
  ResourceList out = live;
  for (auto& [name, q] : out)
    if (auto it = status.find(name); it != status.end() && it->second.compare(q) > 0) q = it->second;
  return out;
}

}  // namespace

void ResourceQuotaAdmission::validate(const api::AdmissionRequest& req, api::ApiServer& api) {
  if (!req.subresource.empty() || !req.object) return;
  if (req.operation != api::Operation::Create && req.operation != api::Operation::Update) return;
  if (req.ns.empty() || !req.resource.namespaced || is_core(req.resource, "namespaces")) return;
  if (quota_ignores(req.resource)) return;
  const QuotaEvaluator evaluator = QuotaEvaluator::for_resource(req.resource);
  if (!evaluator.handles(req.operation, req.subresource, req.object, req.old_object)) return;

  const api::ListResult quotas = api.list(api.resource("", "resourcequotas"), req.ns);
  if (quotas.items.empty()) return;
  const Json& obj = *req.object;
  const sim::Time now = api.sim().now();

  // The quotas that match the object; each must accept what the pod states.
  std::vector<api::ObjectPtr> interesting;
  for (const api::ObjectPtr& quota : quotas.items) {
    if (!evaluator.matches(*quota, obj)) continue;
    const ResourceNames tracked = evaluator.matching_resources(names_of(quota_hard(*quota)));
    const std::string why = evaluator.constraints(tracked, obj);
    if (!why.empty()) throw forbidden(req, "failed quota: " + api::meta::name(*quota) + ": " + why);
    interesting.push_back(quota);
  }
  if (interesting.empty()) return;

  const ResourceList input = evaluator.usage(obj, now);
  ResourceNames negative;
  for (const auto& [name, q] : input)
    if (q.sign() < 0) negative.insert(name);
  if (!negative.empty())
    throw forbidden(req, "quota usage is negative for resource(s): " + pretty_print(negative));

  // An update is charged what it adds, for quotas that already counted the old
  // object; one with no resourceVersion was never stored ("create on update").
  const bool charge_delta = req.operation == api::Operation::Update && req.old_object &&
                            !api::str_field(*req.old_object, {"metadata", "resourceVersion"}).empty();
  const ResourceList old_usage = charge_delta ? evaluator.usage(*req.old_object, now) : ResourceList{};

  for (const api::ObjectPtr& quota : interesting) {
    ResourceList delta = input;
    if (charge_delta && evaluator.matches(*quota, *req.old_object)) delta = subtract_non_negative(input, old_usage);
    delta = remove_zeros(delta);
    if (delta.empty()) continue;

    const ResourceList hard = quota_hard(*quota);
    const ResourceList requested = mask(delta, names_of(hard));
    if (requested.empty()) continue;
    const ResourceList live = calculate_usage(*quota, req.ns, api.registry(), server_lister(api), now);
    const ResourceList used = effective_used(live, *quota);
    const ResourceList next = mask(add(used, requested), names_of(requested));
    const ResourceNames exceeded = exceeding(next, hard);
    if (exceeded.empty()) continue;
    throw forbidden(req, "exceeded quota: " + api::meta::name(*quota) +
                             ", requested: " + pretty_print(mask(requested, exceeded)) +
                             ", used: " + pretty_print(mask(used, exceeded)) +
                             ", limited: " + pretty_print(mask(hard, exceeded)));
  }
}

}  // namespace kt::admission
