#include "core/scheduler/scheduler.h"

#include <algorithm>

#include "core/client/events.h"
#include "core/client/informer.h"
#include "core/scheduler/preemption.h"

namespace kt::scheduler {
namespace {

bool terminal(const Json& pod) {
  const std::string phase = api::str_field(pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

// "N reason" strings sorted as strings, joined (FitError.Error's histogram).
std::string histogram(const std::map<std::string, int>& counts) {
  std::vector<std::string> parts;
  for (const auto& [reason, n] : counts) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

Scheduler::Scheduler(api::ApiServer& api, sim::Random rng, SchedulerConfig cfg)
    : api_(api), rng_(std::move(rng)), cfg_(std::move(cfg)) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
  if (started_) return;
  started_ = true;
  recorder_ = std::make_unique<client::EventRecorder>(api_, cfg_.scheduler_name);
  nodes_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "nodes"));
  pods_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "pods"));
  nodes_->add_handler({[this](const api::ObjectPtr& n) { on_node(n); },
                       [this](const api::ObjectPtr&, const api::ObjectPtr& n) { on_node(n); },
                       [this](const api::ObjectPtr& n) { on_node_deleted(n); }});
  pods_->add_handler({[this](const api::ObjectPtr& p) { on_pod(p); },
                      [this](const api::ObjectPtr&, const api::ObjectPtr& p) { on_pod(p); },
                      [this](const api::ObjectPtr& p) { on_pod_deleted(p); }});
  // A claim that binds may let a waiting pod in.
  claims_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "persistentvolumeclaims"));
  claims_->add_handler({[this](const api::ObjectPtr&) { move_all_to_active(); },
                        [this](const api::ObjectPtr&, const api::ObjectPtr&) { move_all_to_active(); }, nullptr});
  nodes_->start();
  pods_->start();
  claims_->start();
  flush_event_ = api_.sim().schedule(cfg_.flush_period, [w = life_.weak(), this] {
    if (!w.expired()) flush_leftovers();
  });
}

void Scheduler::stop() {
  if (!started_) return;
  started_ = false;
  api_.sim().cancel(flush_event_);
  if (pods_) pods_->stop();
  if (nodes_) nodes_->stop();
  if (claims_) claims_->stop();
}

bool Scheduler::responsible_for(const Json& pod) const {
  const std::string name = api::str_field(pod, {"spec", "schedulerName"}, "default-scheduler");
  return name == cfg_.scheduler_name;
}

// ---- cache ---------------------------------------------------------------------------

void Scheduler::on_node(const api::ObjectPtr& node) {
  const std::string name = api::meta::name(*node);
  auto it = node_infos_.find(name);
  if (it == node_infos_.end()) {
    node_infos_.emplace(name, NodeInfo(node));
  } else {
    it->second.set_node(node);
  }
  move_all_to_active();
}

void Scheduler::on_node_deleted(const api::ObjectPtr& node) {
  const std::string name = api::meta::name(*node);
  node_infos_.erase(name);
  for (auto it = assigned_.begin(); it != assigned_.end();) it = it->second == name ? assigned_.erase(it) : std::next(it);
}

void Scheduler::remove_assigned(const std::string& key) {
  auto it = assigned_.find(key);
  if (it == assigned_.end()) return;
  if (auto n = node_infos_.find(it->second); n != node_infos_.end()) n->second.remove_pod(key);
  assigned_.erase(it);
}

void Scheduler::on_pod(const api::ObjectPtr& pod) {
  const std::string key = api::meta::key(*pod);
  const std::string node = api::str_field(*pod, {"spec", "nodeName"});
  if (!node.empty() || api::meta::being_deleted(*pod) || terminal(*pod)) {
    nominated_.erase(key);
  } else if (const std::string nn = api::str_field(*pod, {"status", "nominatedNodeName"}); !nn.empty()) {
    nominated_[key] = nn;
  } else {
    nominated_.erase(key);
  }
  if (!node.empty()) {
    forget(key);
    if (terminal(*pod)) {
      // A finished pod no longer holds its requests.
      if (assigned_.count(key)) {
        remove_assigned(key);
        move_all_to_active();
      }
      return;
    }
    remove_assigned(key);
    if (auto n = node_infos_.find(node); n != node_infos_.end()) {
      n->second.add_pod(key, pod);
      assigned_[key] = node;
    }
    return;
  }
  if (!responsible_for(*pod) || api::meta::being_deleted(*pod) || terminal(*pod)) {
    forget(key);
    return;
  }
  enqueue(key, *pod);
}

void Scheduler::on_pod_deleted(const api::ObjectPtr& pod) {
  const std::string key = api::meta::key(*pod);
  forget(key);
  nominated_.erase(key);
  if (assigned_.count(key)) {
    remove_assigned(key);
    move_all_to_active();
  }
}

// ---- queue -----------------------------------------------------------------------------

void Scheduler::enqueue(const std::string& key, const Json& pod) {
  if (active_.count(key) || backoff_.count(key) || unschedulable_.count(key)) return;
  Pending p;
  p.priority = api::int_field(pod, {"spec", "priority"}, 0);
  p.queued = api_.sim().now();
  active_.emplace(key, p);
  kick();
}

void Scheduler::forget(const std::string& key) {
  active_.erase(key);
  backoff_.erase(key);
  unschedulable_.erase(key);
}

// MoveAllToActiveOrBackoffQueue: a change that may make room.
void Scheduler::move_all_to_active() {
  if (unschedulable_.empty()) return;
  auto parked = std::move(unschedulable_);
  unschedulable_.clear();
  for (auto& [key, p] : parked) {
    // Back-off: initial × 2^(attempts-1), capped.
    sim::Duration wait = cfg_.initial_backoff;
    for (int i = 1; i < p.attempts && wait < cfg_.max_backoff; ++i) wait = wait * 2;
    wait = std::min(wait, cfg_.max_backoff);
    const sim::Duration waited = api_.sim().now() - p.queued;
    if (waited >= wait) {
      active_.emplace(key, p);
      continue;
    }
    backoff_.emplace(key, p);
    api_.sim().schedule(wait - waited, [w = life_.weak(), this, key = key] {
      if (w.expired()) return;
      auto it = backoff_.find(key);
      if (it == backoff_.end()) return;
      active_.insert(*it);
      backoff_.erase(it);
      kick();
    });
  }
  kick();
}

void Scheduler::flush_leftovers() {
  const sim::Time now = api_.sim().now();
  std::vector<std::string> old;
  for (const auto& [key, p] : unschedulable_)
    if (now - p.queued >= cfg_.max_unschedulable) old.push_back(key);
  for (const auto& key : old) {
    active_.insert(*unschedulable_.find(key));
    unschedulable_.erase(key);
  }
  if (!old.empty()) kick();
  flush_event_ = api_.sim().schedule(cfg_.flush_period, [w = life_.weak(), this] {
    if (!w.expired()) flush_leftovers();
  });
}

void Scheduler::kick() {
  if (cycle_scheduled_ || active_.empty() || !started_) return;
  cycle_scheduled_ = true;
  api_.sim().schedule(sim::Duration{}, [w = life_.weak(), this] {
    if (w.expired()) return;
    cycle_scheduled_ = false;
    schedule_one();
    kick();
  });
}

void Scheduler::schedule_one() {
  if (active_.empty()) return;
  // PrioritySort: higher priority first, then the earlier queued.
  auto best = active_.begin();
  for (auto it = std::next(active_.begin()); it != active_.end(); ++it) {
    const Pending& a = it->second;
    const Pending& b = best->second;
    if (a.priority > b.priority || (a.priority == b.priority && a.queued < b.queued)) best = it;
  }
  const std::string key = best->first;
  Pending pending = best->second;
  active_.erase(best);
  api::ObjectPtr pod = pods_->get(key);
  if (!pod || !api::str_field(*pod, {"spec", "nodeName"}).empty() || api::meta::being_deleted(*pod)) return;
  ++pending.attempts;
  pending.queued = api_.sim().now();
  ++stats_.attempts;
  schedule(key, pod);
  if (!assigned_.count(key) && pods_->get(key)) unschedulable_.emplace(key, pending);
}

// ---- one scheduling cycle ----------------------------------------------------------------

void Scheduler::schedule(const std::string& key, const api::ObjectPtr& pod) {
  if (node_infos_.empty()) {
    record_failure(pod, "no nodes available to schedule pods");
    return;
  }
  // VolumeBinding's PreFilter: every claim must exist, and be bound unless its class
  // waits for the first consumer.
  if (const Json& volumes = api::field(*pod, {"spec", "volumes"}); volumes.is_array()) {
    const std::string n = std::to_string(node_infos_.size());
    const std::string no_preemption = ". preemption: 0/" + n + " nodes are available: " + n +
                                      " Preemption is not helpful for scheduling.";
    for (const auto& v : volumes) {
      const std::string claim = api::str_field(v, {"persistentVolumeClaim", "claimName"});
      if (claim.empty()) continue;
      auto pvc = api_.try_get(api_.resource("", "persistentvolumeclaims"), api::meta::namespace_of(*pod), claim);
      if (!pvc) {
        record_failure(pod, "0/" + n + " nodes are available: persistentvolumeclaim \"" + claim + "\" not found" + no_preemption);
        return;
      }
      if (api::str_field(*pvc, {"status", "phase"}) == "Bound") continue;
      const std::string cls = api::str_field(*pvc, {"spec", "storageClassName"});
      auto sc = cls.empty() ? nullptr : api_.try_get(api_.resource("storage.k8s.io", "storageclasses"), "", cls);
      if (sc && api::str_field(*sc, {"volumeBindingMode"}) == "WaitForFirstConsumer") continue;
      record_failure(pod, "0/" + n + " nodes are available: pod has unbound immediate PersistentVolumeClaims" + no_preemption);
      return;
    }
  }
  std::vector<const NodeInfo*> feasible;
  std::map<std::string, int> reasons;
  std::map<std::string, FilterResult> failed;
  std::vector<NodeInfo> with_nominated;  // copies holding the pods nominated to a node
  with_nominated.reserve(node_infos_.size());
  for (const auto& [name, info] : node_infos_) {
    // RunFilterPluginsWithNominatedPods: room promised to a pod of no lower priority
    // (one that preempted for it) is not free for this one.
    const NodeInfo* view = &info;
    for (const auto& [other, node] : nominated_) {
      if (node != name || other == key) continue;
      api::ObjectPtr p = pods_->get(other);
      if (!p || pod_priority(*p) < pod_priority(*pod)) continue;
      if (view == &info) view = &with_nominated.emplace_back(info);
      with_nominated.back().add_pod(other, p);
    }
    FilterResult r = run_filters(*pod, *view, node_infos_);
    if (r.ok) {
      feasible.push_back(&info);
      continue;
    }
    for (const auto& why : r.reasons) ++reasons[why];
    failed.emplace(name, std::move(r));
  }
  if (feasible.empty()) {
    const std::string n = std::to_string(node_infos_.size());
    const std::string fit_error = "0/" + n + " nodes are available: " + histogram(reasons) + ".";
    std::vector<DisruptionBudget> pdbs;
    for (const auto& pdb : api_.list(api_.resource("policy", "poddisruptionbudgets"), "").items)
      pdbs.push_back(DisruptionBudget::from_json(*pdb));
    PreemptionOutcome outcome = preempt(*pod, node_infos_, failed, pdbs, rng_);
    if (!outcome.chosen) {
      record_failure(pod, fit_error + " " + outcome.message);
      return;
    }
    evict_victims(pod, *outcome.chosen);
    record_failure(pod, fit_error, outcome.chosen->node);
    return;
  }

  // evaluateNominatedNode: a pod that preempted goes to its nominated node when it fits.
  const NodeInfo* chosen = nullptr;
  const std::string nominated = api::str_field(*pod, {"status", "nominatedNodeName"});
  for (const NodeInfo* n : feasible)
    if (n->name() == nominated) chosen = n;
  // selectHost: the highest score; ties by reservoir sampling.
  std::int64_t best = -1;
  int ties = 0;
  for (const NodeInfo* n : chosen ? std::vector<const NodeInfo*>{} : feasible) {
    const std::int64_t s = score_node(*pod, *n, feasible);
    if (s > best) {
      best = s;
      chosen = n;
      ties = 1;
    } else if (s == best && rng_.below(static_cast<std::uint64_t>(++ties)) == 0) {
      chosen = n;
    }
  }

  const std::string node = chosen->name();
  // Assume: count the pod on the node now, before the binding's watch event arrives.
  node_infos_.at(node).add_pod(key, pod);
  assigned_[key] = node;
  try {
    api_.bind_pod(api::meta::namespace_of(*pod), api::meta::name(*pod), node);
  } catch (const api::ApiError& e) {
    ++stats_.bind_errors;
    remove_assigned(key);
    return;
  }
  ++stats_.scheduled;
  recorder_->event(*pod, client::EventType::Normal, "Scheduled",
                   "Successfully assigned " + api::meta::namespace_of(*pod) + "/" + api::meta::name(*pod) + " to " +
                       node);
}

// prepareCandidate: each victim gets DisruptionTarget=True/PreemptionByScheduler and
// is deleted (with its own grace period), with a `Preempted` event; pods of lower
// priority nominated to the node lose their nomination.
void Scheduler::evict_victims(const api::ObjectPtr& preemptor, const Candidate& c) {
  const auto& pods = api_.resource("", "pods");
  for (const auto& victim : c.victims) {
    const std::string ns = api::meta::namespace_of(*victim);
    const std::string name = api::meta::name(*victim);
    Json updated = *victim;
    Json& conds = updated["status"]["conditions"];
    if (!conds.is_array()) conds = Json::array();
    Json cond = {{"type", "DisruptionTarget"}, {"status", "True"}, {"lastProbeTime", nullptr}};
    cond["lastTransitionTime"] = api_.now_rfc3339();
    cond["reason"] = "PreemptionByScheduler";
    cond["message"] = cfg_.scheduler_name + ": preempting to accommodate a higher priority pod";
    conds.push_back(std::move(cond));
    api::WriteOptions status;
    status.subresource = "status";
    try {
      api_.update(pods, ns, std::move(updated), status);
    } catch (const api::ApiError&) {
      // The deletion below is what matters.
    }
    try {
      api_.remove(pods, ns, name);
    } catch (const api::ApiError&) {
      continue;  // already gone
    }
    ++stats_.preempted;
    recorder_->event(*victim, client::EventType::Normal, "Preempted",
                     "Preempted by pod " + api::meta::uid(*preemptor) + " on node " + c.node);
  }
  const std::string preemptor_key = api::meta::key(*preemptor);
  for (const auto& [other, node] : std::map<std::string, std::string>(nominated_)) {
    if (node != c.node || other == preemptor_key) continue;
    api::ObjectPtr p = pods_->get(other);
    if (!p || pod_priority(*p) >= pod_priority(*preemptor)) continue;
    Json updated = *p;
    updated["status"].erase("nominatedNodeName");
    api::WriteOptions status;
    status.subresource = "status";
    try {
      api_.update(pods, api::meta::namespace_of(*p), std::move(updated), status);
    } catch (const api::ApiError&) {
    }
  }
}

void Scheduler::record_failure(const api::ObjectPtr& pod, const std::string& message, const std::string& nominate) {
  ++stats_.unschedulable;
  recorder_->event(*pod, client::EventType::Warning, "FailedScheduling", message);
  // PodScheduled=False/Unschedulable (and the nominated node), written when it changes.
  Json updated = *pod;
  if (!nominate.empty()) updated["status"]["nominatedNodeName"] = nominate;
  Json& conds = updated["status"]["conditions"];
  if (!conds.is_array()) conds = Json::array();
  for (const auto& c : conds)
    if (c.value("type", "") == "PodScheduled" && c.value("status", "") == "False" &&
        c.value("message", "") == message && updated == *pod)
      return;
  Json cond = {{"type", "PodScheduled"},     {"status", "False"},   {"lastProbeTime", nullptr},
               {"lastTransitionTime", api_.now_rfc3339()}, {"reason", "Unschedulable"}, {"message", message}};
  bool replaced = false;
  for (auto& c : conds)
    if (c.value("type", "") == "PodScheduled") {
      c = cond;
      replaced = true;
    }
  if (!replaced) conds.push_back(cond);
  if (!updated["status"].contains("phase")) updated["status"]["phase"] = "Pending";
  api::WriteOptions opts;
  opts.subresource = "status";
  try {
    api_.update(api_.resource("", "pods"), api::meta::namespace_of(*pod), std::move(updated), opts);
  } catch (const api::ApiError&) {
    // A newer version of the pod is on its way through the informer; it is retried then.
  }
}

}  // namespace kt::scheduler
