#include "core/controllers/node_lifecycle.h"

#include <set>

#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr const char* kUnreachable = "node.kubernetes.io/unreachable";
constexpr const char* kNotReady = "node.kubernetes.io/not-ready";
constexpr const char* kUnschedulable = "node.kubernetes.io/unschedulable";
constexpr const char* kMemoryPressure = "node.kubernetes.io/memory-pressure";
constexpr const char* kDiskPressure = "node.kubernetes.io/disk-pressure";
constexpr const char* kPIDPressure = "node.kubernetes.io/pid-pressure";

const Json* find_condition(const Json& node, const std::string& type) {
  const Json& conds = api::field(node, {"status", "conditions"});
  if (!conds.is_array()) return nullptr;
  for (const auto& c : conds)
    if (c.value("type", "") == type) return &c;
  return nullptr;
}

}  // namespace

NodeLifecycleController::NodeLifecycleController(api::ApiServer& api, client::SharedInformerFactory& factory,
                                                 Options opts)
    : client::Controller(api.sim(), client::Controller::Options{"node-lifecycle-controller", 1, {}, nullptr}),
      api_(api), opts_(opts), nodes_(factory.informer("", "nodes")),
      leases_(factory.informer("coordination.k8s.io", "leases")), pods_(factory.informer("", "pods")),
      recorder_(api, "node-controller") {
  client::ResourceEventHandler nh;
  nh.on_add = [this](const ObjectPtr& o) { enqueue_key(api::meta::name(*o)); };
  nh.on_update = [this](const ObjectPtr&, const ObjectPtr& o) { enqueue_key(api::meta::name(*o)); };
  nh.on_delete = [this](const ObjectPtr& o) { enqueue_key(api::meta::name(*o)); };
  node_handler_ = nodes_.add_handler(std::move(nh));
  client::ResourceEventHandler lh;
  lh.on_update = [this](const ObjectPtr&, const ObjectPtr& o) {
    if (api::meta::namespace_of(*o) == "kube-node-lease") enqueue_key(api::meta::name(*o));
  };
  lease_handler_ = leases_.add_handler(std::move(lh));
}

NodeLifecycleController::~NodeLifecycleController() {
  nodes_.remove_handler(node_handler_);
  leases_.remove_handler(lease_handler_);
}

void NodeLifecycleController::start() {
  client::Controller::start();
  timer_ = api_.sim().schedule(opts_.monitor_period, [w = life_.weak(), this] {
    if (!w.expired()) tick();
  });
}

void NodeLifecycleController::stop() {
  api_.sim().cancel(timer_);
  client::Controller::stop();
}

void NodeLifecycleController::tick() {
  for (const auto& n : nodes_.list()) enqueue_key(api::meta::name(*n));
  timer_ = api_.sim().schedule(opts_.monitor_period, [w = life_.weak(), this] {
    if (!w.expired()) tick();
  });
}

SyncResult NodeLifecycleController::sync(const std::string& name) {
  ObjectPtr node = nodes_.get(name);
  if (!node) {
    health_.erase(name);
    return SyncResult::ok();
  }
  const sim::Time now = api_.sim().now();
  auto [it, fresh] = health_.try_emplace(name);
  Health& h = it->second;
  if (fresh) h.probe = now;

  const Json* ready = find_condition(*node, "Ready");
  const std::string heartbeat = ready ? ready->value("lastHeartbeatTime", std::string()) : "";
  std::string renew;
  if (ObjectPtr lease = leases_.get("kube-node-lease", name)) renew = api::str_field(*lease, {"spec", "renewTime"});
  if (heartbeat != h.heartbeat || renew != h.lease_renew) {
    h.heartbeat = heartbeat;
    h.lease_renew = renew;
    h.probe = now;
  }

  const bool ever_ready = ready && ready->value("status", "") != "";
  const sim::Duration grace = ever_ready ? opts_.grace_period : opts_.startup_grace_period;
  if (now - h.probe > grace) {
    // tryUpdateNodeHealth: every condition the kubelet owns becomes Unknown.
    Json updated = *node;
    Json& conds = updated["status"]["conditions"];
    if (!conds.is_array()) conds = Json::array();
    bool changed = false;
    const std::string ts = util::format_rfc3339(now);
    for (const char* type : {"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"}) {
      Json* c = nullptr;
      for (auto& x : conds)
        if (x.value("type", "") == type) c = &x;
      if (!c) {
        conds.push_back({{"type", type}, {"lastHeartbeatTime", ts}});
        c = &conds.back();
      }
      if (c->value("status", "") == "Unknown") continue;
      (*c)["status"] = "Unknown";
      (*c)["reason"] = "NodeStatusUnknown";
      (*c)["message"] = "Kubelet stopped posting node status.";
      (*c)["lastTransitionTime"] = ts;
      changed = true;
    }
    if (changed) {
      api::WriteOptions opts;
      opts.subresource = "status";
      node = api_.update(api_.resource("", "nodes"), "", std::move(updated), opts);
      ready = find_condition(*node, "Ready");
    }
  }

  const std::string status = ready ? ready->value("status", "") : "";
  if (status != "True" && h.ready_status == "True") {
    recorder_.event(*node, client::EventType::Normal, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
    mark_pods_not_ready(name);
  }
  h.ready_status = status;
  reconcile_taints(node);
  return SyncResult::ok();
}

void NodeLifecycleController::mark_pods_not_ready(const std::string& node) {
  const auto& pods = api_.resource("", "pods");
  const std::string now = util::format_rfc3339(api_.sim().now());
  for (const auto& p : pods_.list()) {
    if (api::str_field(*p, {"spec", "nodeName"}) != node) continue;
    Json updated = *p;
    bool changed = false;
    Json& conds = updated["status"]["conditions"];
    if (!conds.is_array()) continue;
    for (auto& c : conds)
      if (c.value("type", "") == "Ready" && c.value("status", "") == "True") {
        c["status"] = "False";
        c["lastTransitionTime"] = now;
        changed = true;
      }
    if (!changed) continue;
    recorder_.event(*p, client::EventType::Warning, "NodeNotReady", "Node is not ready");
    api::WriteOptions opts;
    opts.subresource = "status";
    const std::string ns = api::meta::namespace_of(*p);
    try {
      api_.update(pods, ns, std::move(updated), opts);
    } catch (const api::ApiError&) {
      // The next not-ready transition tries again; kubelet is gone anyway.
    }
  }
}

void NodeLifecycleController::reconcile_taints(const ObjectPtr& node) {
  const Json* ready = find_condition(*node, "Ready");
  const std::string status = ready ? ready->value("status", "") : "";
  std::set<std::pair<std::string, std::string>> wanted;  // (key, effect)
  if (status == "Unknown") {
    wanted.emplace(kUnreachable, "NoExecute");
    wanted.emplace(kUnreachable, "NoSchedule");
  } else if (status == "False") {
    wanted.emplace(kNotReady, "NoExecute");
    wanted.emplace(kNotReady, "NoSchedule");
  }
  if (api::field(*node, {"spec", "unschedulable"}) == true) wanted.emplace(kUnschedulable, "NoSchedule");
  // TaintNodesByCondition: pressure keeps new pods away.
  for (const auto& [type, key] : {std::pair{"MemoryPressure", kMemoryPressure}, std::pair{"DiskPressure", kDiskPressure},
                                  std::pair{"PIDPressure", kPIDPressure}}) {
    const Json* c = find_condition(*node, type);
    if (c && c->value("status", "") == "True") wanted.emplace(key, "NoSchedule");
  }

  const Json& old = api::field(*node, {"spec", "taints"});
  Json taints = Json::array();
  bool changed = false;
  std::set<std::pair<std::string, std::string>> have;
  if (old.is_array()) {
    for (const auto& t : old) {
      const std::string key = t.value("key", std::string());
      const std::pair<std::string, std::string> id{key, t.value("effect", std::string())};
      const bool managed = key == kUnreachable || key == kNotReady || key == kUnschedulable || key == kMemoryPressure ||
                           key == kDiskPressure || key == kPIDPressure;
      if (managed && !wanted.count(id)) {
        changed = true;
        continue;
      }
      have.insert(id);
      taints.push_back(t);
    }
  }
  for (const auto& [key, effect] : wanted) {
    if (have.count({key, effect})) continue;
    Json t = {{"effect", effect}, {"key", key}};
    if (effect == "NoExecute") t["timeAdded"] = util::format_rfc3339(api_.sim().now());
    taints.push_back(std::move(t));
    changed = true;
  }
  if (!changed) return;
  Json updated = *node;
  if (taints.empty()) updated["spec"].erase("taints");
  else updated["spec"]["taints"] = taints;
  try {
    api_.update(api_.resource("", "nodes"), "", std::move(updated));
  } catch (const api::ApiError&) {
    enqueue_key(api::meta::name(*node));
  }
}

}  // namespace kt::controllers
