#include "core/controllers/taint_eviction.h"

#include <algorithm>
#include <optional>

#include "core/scheduler/plugins.h"
#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

TaintEvictionController::TaintEvictionController(api::ApiServer& api, client::SharedInformerFactory& factory)
    : client::Controller(api.sim(), client::Controller::Options{"taint-eviction-controller", 8, {}, nullptr}),
      api_(api), nodes_(factory.informer("", "nodes")), pods_(factory.informer("", "pods")),
      recorder_(api, "taint-eviction-controller") {
  // A node's taints changed: every pod on it is looked at again.
  auto node_changed = [this](const ObjectPtr& n) {
    const std::string name = api::meta::name(*n);
    for (const auto& p : pods_.list())
      if (api::str_field(*p, {"spec", "nodeName"}) == name) enqueue(*p);
  };
  client::ResourceEventHandler nh;
  nh.on_add = node_changed;
  nh.on_update = [node_changed](const ObjectPtr& old, const ObjectPtr& now) {
    if (api::field(*old, {"spec", "taints"}) != api::field(*now, {"spec", "taints"})) node_changed(now);
  };
  node_handler_ = nodes_.add_handler(std::move(nh));
  client::ResourceEventHandler ph;
  ph.on_add = [this](const ObjectPtr& p) {
    if (!api::str_field(*p, {"spec", "nodeName"}).empty()) enqueue(*p);
  };
  ph.on_update = [this](const ObjectPtr& old, const ObjectPtr& now) {
    if (api::str_field(*old, {"spec", "nodeName"}) != api::str_field(*now, {"spec", "nodeName"}) ||
        api::field(*old, {"spec", "tolerations"}) != api::field(*now, {"spec", "tolerations"}))
      enqueue(*now);
  };
  pod_handler_ = pods_.add_handler(std::move(ph));
}

TaintEvictionController::~TaintEvictionController() {
  nodes_.remove_handler(node_handler_);
  pods_.remove_handler(pod_handler_);
}

SyncResult TaintEvictionController::sync(const std::string& key) {
  ObjectPtr pod = pods_.get(key);
  if (!pod || api::meta::being_deleted(*pod)) return SyncResult::ok();
  ObjectPtr node = nodes_.get(api::str_field(*pod, {"spec", "nodeName"}));
  if (!node) return SyncResult::ok();
  const Json& taints = api::field(*node, {"spec", "taints"});
  const Json& tolerations = api::field(*pod, {"spec", "tolerations"});
  if (!taints.is_array()) return SyncResult::ok();

  // The earliest moment a NoExecute taint's toleration runs out (or now, when one
  // is not tolerated at all); none: the pod stays.
  std::optional<sim::Time> evict_at;
  const sim::Time now = api_.sim().now();
  for (const auto& t : taints) {
    if (t.value("effect", "") != "NoExecute") continue;
    const sim::Time added = util::parse_rfc3339(t.value("timeAdded", std::string())).value_or(now);
    std::optional<std::int64_t> seconds;
    bool tolerated = false;
    if (tolerations.is_array()) {
      for (const auto& tol : tolerations) {
        if (!scheduler::toleration_matches(tol, t)) continue;
        tolerated = true;
        const Json& s = api::field(tol, {"tolerationSeconds"});
        if (!s.is_number_integer()) {
          seconds.reset();
          break;  // tolerated for ever
        }
        const std::int64_t v = std::max<std::int64_t>(0, s.get<std::int64_t>());
        seconds = seconds ? std::min(*seconds, v) : v;
      }
    }
    std::optional<sim::Time> at;
    if (!tolerated) at = now;
    else if (seconds) at = added + sim::seconds(*seconds);
    if (at && (!evict_at || *at < *evict_at)) evict_at = at;
  }
  if (!evict_at) return SyncResult::ok();
  if (*evict_at > now) return SyncResult::requeue_after(*evict_at - now);

  const std::string ns = api::meta::namespace_of(*pod);
  const std::string name = api::meta::name(*pod);
  const auto& pods = api_.resource("", "pods");
  recorder_.event(*pod, client::EventType::Normal, "TaintManagerEviction", "Marking for deletion Pod " + key);
  Json updated = *pod;
  Json& conds = updated["status"]["conditions"];
  if (!conds.is_array()) conds = Json::array();
  conds.push_back({{"type", "DisruptionTarget"},
                   {"status", "True"},
                   {"lastProbeTime", nullptr},
                   {"lastTransitionTime", util::format_rfc3339(now)},
                   {"reason", "DeletionByTaintManager"},
                   {"message", "Taint manager: deleting due to NoExecute taint"}});
  api::WriteOptions status;
  status.subresource = "status";
  try {
    api_.update(pods, ns, std::move(updated), status);
  } catch (const api::ApiError&) {
    // The deletion below is what matters.
  }
  try {
    api_.remove(pods, ns, name);
  } catch (const api::ApiError& e) {
    if (e.code() != 404) return SyncResult::retry(e.message());
  }
  return SyncResult::ok();
}

}  // namespace kt::controllers
