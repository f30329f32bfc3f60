// The namespace controller. Map of this file:
//   1. wiring (handlers enqueue; rate limiter)
//   2. sync: the deleter's Delete()
//   3. deleteAllContent and the per-resource pass
//   4. status conditions (status_condition_utils.go)
#include "core/controllers/namespace_controller.h"

#include <algorithm>
#include <map>

#include "core/util/timefmt.h"
#include "core/util/strings.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr sim::Duration kDeletionGracePeriod = sim::seconds(5);  // namespaceDeletionGracePeriod
constexpr std::int64_t kFinalizerEstimateSeconds = 15;           // finalizerEstimateSeconds
constexpr const char* kFinalizerToken = "kubernetes";

// What deleteAllContent learned, for the conditions.
struct Totals {
  std::map<std::string, std::int64_t> gvr_remaining;        // "pods." → 2
  std::map<std::string, std::int64_t> finalizers_remaining;  // "example.com/x" → 1
};

std::string gvr_string(const api::ResourceInfo& r) {  // schema.GroupVersionResource.String()
  return r.group + "/" + r.version + ", Resource=" + r.plural;
}

}  // namespace

// ---- 1. wiring -------------------------------------------------------------------------

std::unique_ptr<client::RateLimiter> NamespaceController::rate_limiter() {
  // Faster than the default: retries at least every minute, never longer.
  std::vector<std::unique_ptr<client::RateLimiter>> v;
  v.push_back(std::make_unique<client::ItemExponentialFailureRateLimiter>(sim::millis(5), sim::seconds(60)));
  v.push_back(std::make_unique<client::BucketRateLimiter>(10.0, 100));
  return std::make_unique<client::MaxOfRateLimiter>(std::move(v));
}

NamespaceController::NamespaceController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts)
    : client::Controller(api.sim(), client::Controller::Options{"namespace-controller", opts.workers, {}, rate_limiter()}),
      api_(api), namespaces_(factory.informer("", "namespaces")) {
  client::ResourceEventHandler h;
  h.on_add = [this](const ObjectPtr& ns) { enqueue_namespace(ns); };
  h.on_update = [this](const ObjectPtr&, const ObjectPtr& ns) { enqueue_namespace(ns); };
  h.resync_period = opts.resync_period;
  handler_ = namespaces_.add_handler(std::move(h));
}

NamespaceController::~NamespaceController() { namespaces_.remove_handler(handler_); }

void NamespaceController::enqueue_namespace(const ObjectPtr& ns) {
  if (!api::meta::being_deleted(*ns)) return;
  queue().add_after(api::meta::name(*ns), kDeletionGracePeriod);
}

std::vector<const api::ResourceInfo*> NamespaceController::deletable_resources(const api::ResourceRegistry& reg) {
  std::vector<const api::ResourceInfo*> out;
  for (const auto& r : reg.all())
    if (r.namespaced && r.preferred && r.has_verb("delete")) out.push_back(&r);
  return out;
}

// ---- 2. sync -----------------------------------------------------------------------------

SyncResult NamespaceController::sync(const std::string& key) {
  if (!namespaces_.get(key)) return SyncResult::ok();
  const api::ResourceInfo& ns_res = api_.resource("", "namespaces");
  // Several controllers edit a terminating namespace: work from the live object.
  ObjectPtr ns = api_.try_get(ns_res, "", key);
  if (!ns || !api::meta::being_deleted(*ns)) return SyncResult::ok();

  if (api::str_field(*ns, {"status", "phase"}) != "Terminating") {
    Json next = *ns;
    next["status"]["phase"] = "Terminating";
    api::WriteOptions wo;
    wo.subresource = "status";
    ns = api_.update(ns_res, "", std::move(next), wo);
  }
  const Json& fin = api::field(*ns, {"spec", "finalizers"});
  if (!fin.is_array() || fin.empty()) return SyncResult::ok();

  std::vector<std::string> errors;
  const std::int64_t estimate = delete_all_content(*ns, errors);
  if (!errors.empty()) {
    std::string msg;
    for (const auto& e : errors) msg += (msg.empty() ? "" : ", ") + e;
    return SyncResult::retry(msg);
  }
  if (estimate > 0) {
    // "some content remains in the namespace, estimate N seconds before it is removed"
    return SyncResult::requeue_after(sim::seconds(estimate / 2 + 1),
                                     "some content remains in the namespace, estimate " + std::to_string(estimate) +
                                         " seconds before it is removed");
  }

  // Everything is gone: release our finalizer through the finalize subresource.
  ns = api_.get(ns_res, "", key);
  Json next = *ns;
  Json keep = Json::array();
  std::vector<std::string> names;
  for (const auto& f : api::field(*ns, {"spec", "finalizers"}))
    if (f.is_string() && f.get<std::string>() != kFinalizerToken) names.push_back(f.get<std::string>());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (auto& n : names) keep.push_back(n);
  next["spec"]["finalizers"] = keep;
  api::WriteOptions wo;
  wo.subresource = "finalize";
  try {
    api_.update(ns_res, "", std::move(next), wo);
  } catch (const api::ApiError& e) {
    if (e.code() != 404) throw;
  }
  return SyncResult::ok();
}

// ---- 3. deleteAllContent -------------------------------------------------------------------

namespace {
void update_conditions(Json& status, const Totals& totals, const std::vector<std::string>& content_errors,
                       const std::string& now);
}

std::int64_t NamespaceController::delete_all_content(const Json& ns, std::vector<std::string>& errors) {
  const std::string name = api::meta::name(ns);
  const sim::Time deleted_at =
      util::parse_rfc3339(api::str_field(ns, {"metadata", "deletionTimestamp"})).value_or(api_.sim().now());
  std::int64_t estimate = 0;
  Totals totals;
  std::vector<std::string> content_errors;

  for (const api::ResourceInfo* res : deletable_resources(api_.registry())) {
    const bool is_pods = res->group.empty() && res->plural == "pods";
    std::int64_t local = 0;
    try {
      // estimateGracefulTermination: the longest grace period of non-terminal pods,
      // zero once that much time has passed since the namespace deletion started.
      if (is_pods) {
        for (const auto& pod : api_.list(*res, name).items) {
          const std::string phase = api::str_field(*pod, {"status", "phase"});
          if (phase == "Succeeded" || phase == "Failed") continue;
          local = std::max(local, api::int_field(*pod, {"spec", "terminationGracePeriodSeconds"}, 0));
        }
        if (api_.sim().now() - deleted_at >= sim::seconds(local)) local = 0;
      }
      // Delete each item (the sandbox has no deletecollection; the effect is the same).
      if (res->has_verb("list")) {
        api::DeleteOptions opts;
        opts.propagation = api::Propagation::Background;
        for (const auto& obj : api_.list(*res, name).items) {
          try {
            api_.remove(*res, name, api::meta::name(*obj), opts);
          } catch (const api::ApiError& e) {
            if (e.code() != 404) throw;
          }
        }
      }
      if (!res->has_verb("list")) {
        estimate = std::max(estimate, local);
        continue;
      }
      // Verify: what remains, and which finalizers hold it.
      auto items = api_.list(*res, name).items;
      if (items.empty()) continue;
      std::map<std::string, std::int64_t> finalizers;
      for (const auto& item : items)
        for (const auto& f : api::field(*item, {"metadata", "finalizers"}))
          if (f.is_string()) ++finalizers[f.get<std::string>()];
      const std::string gvr_key = res->plural + "." + res->group;
      totals.gvr_remaining[gvr_key] += static_cast<std::int64_t>(items.size());
      for (const auto& [f, n] : finalizers) totals.finalizers_remaining[f] += n;
      if (local != 0) {
        estimate = std::max(estimate, local);
      } else if (!finalizers.empty()) {
        estimate = std::max(estimate, kFinalizerEstimateSeconds);
      } else {
        content_errors.push_back("unexpected items still remain in namespace: " + name + " for gvr: " +
                                 gvr_string(*res));
      }
    } catch (const api::ApiError& e) {
      content_errors.push_back(e.message());
      estimate = std::max(estimate, local);
    }
  }

  // Conditions are always recomputed: a condition that failed before may pass now.
  const api::ResourceInfo& ns_res = api_.resource("", "namespaces");
  ObjectPtr latest = api_.try_get(ns_res, "", name);
  if (latest) {
    Json next = *latest;
    if (!next["status"].is_object()) next["status"] = Json::object();
    update_conditions(next["status"], totals, content_errors, api_.now_rfc3339());
    if (next != *latest) {
      api::WriteOptions wo;
      wo.subresource = "status";
      try {
        api_.update(ns_res, "", std::move(next), wo);
      } catch (const api::ApiError&) {
        // kube logs and carries on; the next pass writes them again.
      }
    }
  }
  errors = content_errors;
  return estimate;
}

// ---- 4. status conditions --------------------------------------------------------------------

namespace {

struct Condition {
  const char* type;
  const char* ok_reason;
  const char* ok_message;
};

// conditionTypes, in kube's order, with okReasons and okMessages.
constexpr Condition kConditions[] = {
    {"NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"},
    {"NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"},
    {"NamespaceDeletionContentFailure", "ContentDeleted",
     "All content successfully deleted, may be waiting on finalization"},
    {"NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"},
    {"NamespaceFinalizersRemaining", "ContentRemoved", "All content successfully removed"},
};

using util::join;

void update_conditions(Json& status, const Totals& totals, const std::vector<std::string>& content_errors,
                       const std::string& now) {
  // The failing variants this pass produced, by type.
  std::map<std::string, Json> failing;
  auto fail = [&](const char* type, const char* reason, const std::string& message) {
    failing[type] = {{"type", type}, {"status", "True"}, {"lastTransitionTime", now}, {"reason", reason},
                     {"message", message}};
  };
  if (!content_errors.empty()) {
    std::vector<std::string> msgs = content_errors;
    std::sort(msgs.begin(), msgs.end());
    fail("NamespaceDeletionContentFailure", "ContentDeletionFailed",
         "Failed to delete all resource types, " + std::to_string(msgs.size()) + " remaining: " + join(msgs, ", "));
  }
  std::vector<std::string> remaining, by_finalizer;
  for (const auto& [gvr, n] : totals.gvr_remaining)
    if (n) remaining.push_back(gvr + " has " + std::to_string(n) + " resource instances");
  for (const auto& [f, n] : totals.finalizers_remaining)
    if (n) by_finalizer.push_back(f + " in " + std::to_string(n) + " resource instances");
  std::sort(remaining.begin(), remaining.end());
  std::sort(by_finalizer.begin(), by_finalizer.end());
  if (!totals.gvr_remaining.empty())
    fail("NamespaceContentRemaining", "SomeResourcesRemain", "Some resources are remaining: " + join(remaining, ", "));
  if (!totals.finalizers_remaining.empty())
    fail("NamespaceFinalizersRemaining", "SomeFinalizerRemain",
         "Some finalizers are remaining: " + join(by_finalizer, ", "));

  Json& conds = status["conditions"];
  if (!conds.is_array()) conds = Json::array();
  for (const auto& c : kConditions) {
    Json want;
    if (auto it = failing.find(c.type); it != failing.end()) want = it->second;
    else want = {{"type", c.type}, {"status", "False"}, {"lastTransitionTime", now}, {"reason", c.ok_reason},
                 {"message", c.ok_message}};
    auto old = std::find_if(conds.begin(), conds.end(), [&](const Json& x) { return x.value("type", "") == c.type; });
    if (old == conds.end()) {
      conds.push_back(std::move(want));
      continue;
    }
    if ((*old)["status"] != want["status"]) (*old)["lastTransitionTime"] = now;
    (*old)["status"] = want["status"];
    (*old)["reason"] = want["reason"];
    (*old)["message"] = want["message"];
  }
}

}  // namespace

}  // namespace kt::controllers
