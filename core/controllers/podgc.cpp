#include "core/controllers/podgc.h"

#include <algorithm>
#include <set>

#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;

PodGCController::PodGCController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts)
    : api_(api), opts_(opts), pods_(factory.informer("", "pods")), nodes_(factory.informer("", "nodes")) {}

PodGCController::~PodGCController() { stop(); }

void PodGCController::start() {
  timer_ = api_.sim().schedule(opts_.period, [w = life_.weak(), this] {
    if (w.expired()) return;
    gc();
    start();
  });
}

void PodGCController::stop() { api_.sim().cancel(timer_); }

void PodGCController::gc() {
  const sim::Time now = api_.sim().now();
  const auto pods = pods_.list();

  // Finished pods beyond the threshold, oldest first.
  std::vector<ObjectPtr> finished;
  for (const auto& p : pods) {
    const std::string phase = api::str_field(*p, {"status", "phase"});
    if ((phase == "Succeeded" || phase == "Failed") && !api::meta::being_deleted(*p)) finished.push_back(p);
  }
  if (opts_.terminated_pod_threshold > 0 &&
      static_cast<int>(finished.size()) > opts_.terminated_pod_threshold) {
    std::stable_sort(finished.begin(), finished.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
      return api::str_field(*a, {"metadata", "creationTimestamp"}) < api::str_field(*b, {"metadata", "creationTimestamp"});
    });
    const std::size_t excess = finished.size() - static_cast<std::size_t>(opts_.terminated_pod_threshold);
    for (std::size_t i = 0; i < excess; ++i) force_delete(finished[i], false);
  }

  // Orphans: bound to a node that stayed missing through the quarantine.
  std::set<std::string> seen_missing;
  for (const auto& p : pods) {
    const std::string node = api::str_field(*p, {"spec", "nodeName"});
    if (node.empty() || nodes_.get(node)) continue;
    seen_missing.insert(node);
    auto [it, fresh] = missing_since_.try_emplace(node, now);
    if (fresh || now - it->second < opts_.quarantine) continue;
    if (api_.try_get(api_.resource("", "nodes"), "", node)) continue;  // the cache lags
    force_delete(p, true);
  }
  for (auto it = missing_since_.begin(); it != missing_since_.end();)
    it = seen_missing.count(it->first) ? std::next(it) : missing_since_.erase(it);

  // Terminating pods no kubelet will ever finish.
  for (const auto& p : pods)
    if (api::meta::being_deleted(*p) && api::str_field(*p, {"spec", "nodeName"}).empty()) force_delete(p, false);
}

void PodGCController::force_delete(const ObjectPtr& pod, bool mark_failed) {
  const auto& pods = api_.resource("", "pods");
  const std::string ns = api::meta::namespace_of(*pod);
  if (mark_failed) {
    const std::string phase = api::str_field(*pod, {"status", "phase"});
    Json updated = *pod;
    if (phase != "Succeeded" && phase != "Failed") updated["status"]["phase"] = "Failed";
    Json& conds = updated["status"]["conditions"];
    if (!conds.is_array()) conds = Json::array();
    conds.push_back({{"type", "DisruptionTarget"},
                     {"status", "True"},
                     {"lastProbeTime", nullptr},
                     {"lastTransitionTime", util::format_rfc3339(api_.sim().now())},
                     {"reason", "DeletionByPodGC"},
                     {"message", "PodGC: node no longer exists"}});
    api::WriteOptions status;
    status.subresource = "status";
    try {
      api_.update(pods, ns, std::move(updated), status);
    } catch (const api::ApiError&) {
      // Deleted below regardless.
    }
  }
  api::DeleteOptions opts;
  opts.grace_period_seconds = 0;
  try {
    api_.remove(pods, ns, api::meta::name(*pod), opts);
  } catch (const api::ApiError&) {
    // Gone already.
  }
}

}  // namespace kt::controllers
