#include "core/controllers/daemonset/daemonset_controller.h"

#include <algorithm>
#include <map>

#include "core/controllers/controller_ref_manager.h"
#include "core/controllers/controller_revision.h"
#include "core/controllers/controller_utils.h"
#include "core/controllers/serviceaccount_controller.h"
#include "core/scheduler/plugins.h"
#include "core/util/names.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr const char* kHashLabel = "controller-revision-hash";
constexpr const char* kGenerationLabel = "pod-template-generation";

// The tolerations AddOrUpdateDaemonPodTolerations gives every daemon pod.
Json daemon_tolerations(const Json& pod_spec) {
  Json t = api::field(pod_spec, {"tolerations"}).is_array() ? api::field(pod_spec, {"tolerations"}) : Json::array();
  auto add = [&](const char* key, const char* effect) {
    for (const auto& x : t)
      if (x.value("key", "") == key && x.value("effect", "") == effect && x.value("operator", "") == "Exists") return;
    t.push_back({{"effect", effect}, {"key", key}, {"operator", "Exists"}});
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (api::field(pod_spec, {"hostNetwork"}) == true) add("node.kubernetes.io/network-unavailable", "NoSchedule");
  return t;
}

// The node a daemon pod is for: bound, or pinned by its node affinity.
std::string target_node(const Json& pod) {
  const std::string bound = api::str_field(pod, {"spec", "nodeName"});
  if (!bound.empty()) return bound;
  const Json& terms = api::field(
      pod, {"spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"});
  if (terms.is_array())
    for (const auto& term : terms) {
      const Json& fields = api::field(term, {"matchFields"});
      if (fields.is_array())
        for (const auto& f : fields)
          if (f.value("key", "") == "metadata.name" && f["values"].is_array() && !f["values"].empty())
            return f["values"][0].get<std::string>();
    }
  return "";
}

}  // namespace

bool DaemonSetController::should_run(const Json& pod_spec, const Json& node) {
  if (!scheduler::matches_node_selector_and_affinity(Json{{"spec", pod_spec}}, node)) return false;
  const Json tolerations = daemon_tolerations(pod_spec);
  const Json& taints = api::field(node, {"spec", "taints"});
  if (taints.is_array())
    for (const auto& t : taints) {
      const std::string effect = t.value("effect", "");
      if ((effect == "NoSchedule" || effect == "NoExecute") && !scheduler::tolerates(tolerations, t)) return false;
    }
  return true;
}

DaemonSetController::DaemonSetController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers)
    : client::Controller(api.sim(), client::Controller::Options{"daemonset-controller", workers, {}, nullptr}),
      api_(api), ds_res_(api.resource("apps", "daemonsets")), pods_res_(api.resource("", "pods")),
      daemonsets_(factory.informer(ds_res_)),
      pods_(factory.informer(pods_res_)), nodes_(factory.informer("", "nodes")), expectations_(api.sim()),
      recorder_(api, "daemonset-controller") {
  client::ResourceEventHandler dh;
  dh.on_add = [this](const ObjectPtr& d) { enqueue(*d); };
  dh.on_update = [this](const ObjectPtr&, const ObjectPtr& d) { enqueue(*d); };
  dh.on_delete = [this](const ObjectPtr& d) { expectations_.delete_expectations(api::meta::key(*d)); };
  ds_handler_ = daemonsets_.add_handler(std::move(dh));
  auto owner_key = [](const Json& pod) -> std::string {
    const Json* ref = api::meta::controller_ref(pod);
    if (!ref || ref->value("kind", "") != "DaemonSet") return "";
    return api::meta::namespace_of(pod) + "/" + ref->value("name", "");
  };
  client::ResourceEventHandler ph;
  ph.on_add = [this, owner_key](const ObjectPtr& p) {
    const std::string k = owner_key(*p);
    if (k.empty()) return;
    expectations_.lower_expectations(k, 1, 0);
    enqueue_key(k);
  };
  ph.on_update = [this, owner_key](const ObjectPtr&, const ObjectPtr& p) {
    const std::string k = owner_key(*p);
    if (!k.empty()) enqueue_key(k);
  };
  ph.on_delete = [this, owner_key](const ObjectPtr& p) {
    const std::string k = owner_key(*p);
    if (k.empty()) return;
    expectations_.lower_expectations(k, 0, 1);
    enqueue_key(k);
  };
  pod_handler_ = pods_.add_handler(std::move(ph));
  client::ResourceEventHandler nh;
  nh.on_add = [this](const ObjectPtr&) { enqueue_all(); };
  nh.on_update = [this](const ObjectPtr& old, const ObjectPtr& now) {
    if (api::meta::labels(*old) != api::meta::labels(*now) ||
        api::field(*old, {"spec", "taints"}) != api::field(*now, {"spec", "taints"}))
      enqueue_all();
  };
  nh.on_delete = [this](const ObjectPtr&) { enqueue_all(); };
  node_handler_ = nodes_.add_handler(std::move(nh));
}

DaemonSetController::~DaemonSetController() {
  daemonsets_.remove_handler(ds_handler_);
  pods_.remove_handler(pod_handler_);
  nodes_.remove_handler(node_handler_);
}

void DaemonSetController::enqueue_all() {
  for (const auto& d : daemonsets_.list()) enqueue(*d);
}

// The current template's ControllerRevision: found by hash, created with the next
// revision number, or (a rollback to an older template) moved to the top.
std::string DaemonSetController::revision_hash(const ObjectPtr& ds, std::string& error) {
  const Json& tmpl = api::field(*ds, {"spec", "template"});
  const auto collisions = api::field(*ds, {"status", "collisionCount"});
  const std::string hash = util::compute_hash_fnv32a(
      tmpl.dump(), collisions.is_number_integer() ? std::optional<std::int32_t>(collisions.get<std::int32_t>()) : std::nullopt);
  error = ensure_controller_revision(api_, *ds, api::meta::name(*ds) + "-" + hash, hash);
  return hash;
}

SyncResult DaemonSetController::sync(const std::string& key) {
  ObjectPtr ds = daemonsets_.get(key);
  if (!ds || api::meta::being_deleted(*ds)) return SyncResult::ok();
  if (!expectations_.satisfied(key)) return SyncResult::ok();
  const auto key_parts = api::split_key(key);
  const std::string ns = key_parts.first, name = key_parts.second;
  std::string error;
  const std::string hash = revision_hash(ds, error);
  if (!error.empty()) return SyncResult::retry(error);

  const Json& tmpl = api::field(*ds, {"spec", "template"});
  const Json& pod_spec = api::field(tmpl, {"spec"});
  std::map<std::string, std::vector<ObjectPtr>> by_node;
  for (const auto& p : pods_.list_namespace(ns)) {
    const Json* ref = api::meta::controller_ref(*p);
    if (!ref || ref->value("uid", "") != api::meta::uid(*ds)) continue;
    by_node[target_node(*p)].push_back(p);
  }

  const sim::Time now = api_.sim().now();
  const std::int64_t min_ready = api::int_field(*ds, {"spec", "minReadySeconds"});
  const bool rolling = api::str_field(*ds, {"spec", "updateStrategy", "type"}, "RollingUpdate") == "RollingUpdate";
  auto is_updated = [&](const ObjectPtr& p) { return api::str_field(*p, {"metadata", "labels", kHashLabel}) == hash; };

  std::vector<std::string> create_on;
  std::vector<ObjectPtr> remove;
  std::int64_t desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
  // Per node that should run the daemon pod: its oldest pod, and with maxSurge the
  // oldest updated pod beside it.
  struct NodePods {
    std::string node;
    ObjectPtr old_pod, new_pod;
  };
  std::vector<NodePods> running;
  for (const auto& node : nodes_.list()) {
    const std::string node_name = api::meta::name(*node);
    const bool should = should_run(pod_spec, *node);
    std::vector<ObjectPtr> here;
    for (const auto& p : by_node[node_name]) {
      if (api::meta::being_deleted(*p)) continue;
      if (api::str_field(*p, {"status", "phase"}) == "Failed") {
        remove.push_back(p);  // a failed daemon pod is replaced
        continue;
      }
      here.push_back(p);
    }
    by_node.erase(node_name);
    if (!should) {
      if (!here.empty()) ++misscheduled;
      remove.insert(remove.end(), here.begin(), here.end());
      continue;
    }
    ++desired;
    if (here.empty()) {
      create_on.push_back(node_name);
      continue;
    }
    ++current;
    std::sort(here.begin(), here.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
      return api::str_field(*a, {"metadata", "creationTimestamp"}) < api::str_field(*b, {"metadata", "creationTimestamp"});
    });
    // Status reads the oldest pod (updateDaemonSetStatus), so a node that is mid-surge
    // counts as updated only once its old pod is gone.
    const ObjectPtr& first = here.front();
    if (is_pod_ready(*first)) ++ready;
    if (is_pod_available(*first, min_ready, now)) ++available;
    if (is_updated(first)) ++updated;
    NodePods np{node_name, nullptr, nullptr};
    for (const auto& p : here) {
      if (is_updated(p) ? !np.new_pod : !np.old_pod) (is_updated(p) ? np.new_pod : np.old_pod) = p;
      else remove.push_back(p);  // only one pod of each kind per node
    }
    if (np.old_pod && np.new_pod && !rolling) {
      remove.push_back(np.new_pod);  // OnDelete keeps what the user has not deleted
      np.new_pod = nullptr;
    }
    running.push_back(np);
  }
  for (const auto& [node_name, list] : by_node)  // pods for nodes that are gone
    for (const auto& p : list)
      if (!api::meta::being_deleted(*p)) remove.push_back(p);

  // rollingUpdate (pkg/controller/daemon/update.go). maxUnavailable rounds down,
  // maxSurge up (10 nodes, maxSurge 25% -> 3 surge pods at a time).
  auto scaled = [&](const Json& v, std::int64_t dflt, bool round_up) -> std::int64_t {
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (!v.is_string()) return dflt;
    const std::int64_t pct = std::atoll(v.get<std::string>().c_str());
    return round_up ? (desired * pct + 99) / 100 : desired * pct / 100;
  };
  const Json& ru = api::field(*ds, {"spec", "updateStrategy", "rollingUpdate"});
  const std::int64_t max_surge = scaled(api::field(ru, {"maxSurge"}), 0, true);
  std::int64_t max_unavailable = scaled(api::field(ru, {"maxUnavailable"}), 1, false);
  if (max_unavailable == 0 && max_surge == 0) max_unavailable = 1;
  SyncResult result = SyncResult::ok();
  if (rolling && max_surge > 0) {
    // Surge: a new pod goes up beside the old one, at most maxSurge at a time; the old
    // pod is deleted once the new one is available. An old pod that is not available
    // anyway is replaced at once, outside the budget.
    std::int64_t surging = 0;
    std::vector<std::string> candidates;
    for (const auto& np : running) {
      if (!np.old_pod) continue;
      if (!np.new_pod) {
        if (!is_pod_available(*np.old_pod, min_ready, now)) create_on.push_back(np.node);
        else candidates.push_back(np.node);
      } else if (is_pod_available(*np.new_pod, min_ready, now)) {
        remove.push_back(np.old_pod);
      } else {
        ++surging;
      }
    }
    const std::int64_t room = std::max<std::int64_t>(0, max_surge - surging);
    for (std::size_t i = 0; i < candidates.size() && static_cast<std::int64_t>(i) < room; ++i) create_on.push_back(candidates[i]);
  } else if (rolling) {
    // Old pods go while the unavailable budget allows: nodes without an available
    // pod count against it; not-available old pods go first, costing nothing.
    std::int64_t unavailable = static_cast<std::int64_t>(create_on.size());
    std::vector<ObjectPtr> old_pods;
    for (const auto& np : running) {
      const ObjectPtr& p = np.old_pod ? np.old_pod : np.new_pod;
      if (!is_pod_available(*p, min_ready, now)) ++unavailable;
      if (np.old_pod) old_pods.push_back(np.old_pod);
    }
    std::stable_sort(old_pods.begin(), old_pods.end(), [&](const ObjectPtr& a, const ObjectPtr& b) {
      return !is_pod_available(*a, min_ready, now) && is_pod_available(*b, min_ready, now);
    });
    for (const auto& p : old_pods) {
      if (!is_pod_available(*p, min_ready, now)) {
        remove.push_back(p);
        continue;
      }
      if (unavailable >= max_unavailable) break;
      remove.push_back(p);
      ++unavailable;
    }
  }
  // A pod that is ready but not yet available becomes available by time alone: look
  // again just after its minReadySeconds have passed.
  if (min_ready > 0) {
    std::optional<sim::Time> next_check;
    for (const auto& np : running)
      for (const auto& p : {np.old_pod, np.new_pod}) {
        if (!p || !is_pod_ready(*p) || is_pod_available(*p, min_ready, now)) continue;
        const auto since = pod_ready_time(*p);
        const sim::Time at = (since ? *since : now) + sim::seconds(min_ready) + sim::seconds(1);
        if (!next_check || at < *next_check) next_check = at;
      }
    if (next_check) result = SyncResult::requeue_after(*next_check - now);
  }

  expectations_.set_expectations(key, static_cast<std::int64_t>(create_on.size()), static_cast<std::int64_t>(remove.size()));
  for (const auto& p : remove) {
    try {
      api_.remove(pods_res_, ns, api::meta::name(*p));
      recorder_.event(*ds, client::EventType::Normal, "SuccessfulDelete", "Deleted pod: " + api::meta::name(*p));
    } catch (const api::ApiError&) {
      expectations_.lower_expectations(key, 0, 1);
    }
  }
  std::size_t next = 0;
  BatchResult r = slow_start_batch(static_cast<int>(create_on.size()), kSlowStartInitialBatchSize, [&]() -> std::string {
    const std::string node = create_on[next++];
    Json meta = api::field(tmpl, {"metadata"}).is_object() ? api::field(tmpl, {"metadata"}) : Json::object();
    meta["generateName"] = name + "-";
    meta["labels"][kHashLabel] = hash;
    meta["labels"][kGenerationLabel] = std::to_string(api::meta::generation(*ds));
    meta["ownerReferences"] = Json::array({new_controller_ref(*ds)});
    Json spec = pod_spec;
    spec["tolerations"] = daemon_tolerations(pod_spec);
    spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"] = {
        {"nodeSelectorTerms",
         Json::array({Json{{"matchFields", Json::array({Json{{"key", "metadata.name"}, {"operator", "In"},
                                                             {"values", Json::array({node})}}})}}})}};
    try {
      ObjectPtr created = api_.create(pods_res_, ns, Json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec}});
      recorder_.event(*ds, client::EventType::Normal, "SuccessfulCreate", "Created pod: " + api::meta::name(*created));
    } catch (const api::ApiError& e) {
      if (is_namespace_terminating(e)) return "";
      recorder_.event(*ds, client::EventType::Warning, "FailedCreate", "Error creating: " + e.message());
      return e.message();
    }
    return "";
  });
  for (int skipped = static_cast<int>(create_on.size()) - r.successes; skipped > 0; --skipped)
    expectations_.lower_expectations(key, 1, 0);

  Json status = api::field(*ds, {"status"}).is_object() ? api::field(*ds, {"status"}) : Json::object();
  status["currentNumberScheduled"] = current;
  status["desiredNumberScheduled"] = desired;
  status["numberMisscheduled"] = misscheduled;
  status["numberReady"] = ready;
  status["observedGeneration"] = api::meta::generation(*ds);
  status["updatedNumberScheduled"] = updated;
  status["numberAvailable"] = available;
  status["numberUnavailable"] = desired - available;
  for (const char* zero : {"numberAvailable", "numberUnavailable", "updatedNumberScheduled"})  // omitempty
    if (status[zero] == 0) status.erase(zero);
  if (status != api::field(*ds, {"status"})) {
    Json d = *ds;
    d["status"] = status;
    api::WriteOptions opts;
    opts.subresource = "status";
    try {
      api_.update(ds_res_, ns, std::move(d), opts);
    } catch (const api::ApiError& e) {
      return SyncResult::retry(e.message());
    }
  }
  if (!r.error.empty()) return SyncResult::retry(r.error);
  // Readiness changes arrive as pod updates; minReadySeconds is waited out above.
  return result;
}

}  // namespace kt::controllers
