// kube-scheduler (default profile), on virtual time. It only talks to the API:
// informers on pods and nodes, a binding per scheduled pod, Events and the
// PodScheduled condition for the ones that do not fit.
//
// As pkg/scheduler does:
//  - the scheduling queue orders pending pods by priority, then by when they were
//    queued; one pod is scheduled per cycle (one simulator event);
//  - a cycle runs the filters on every node (plugins.h), scores the feasible ones,
//    picks the best (ties broken by the seeded random source, as selectHost's
//    reservoir sampling does), assumes the pod onto it and binds it
//    (`Scheduled`: "Successfully assigned default/x to node");
//  - a pod that fits nowhere gets `FailedScheduling` with FitError's message
//    ("0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient
//    cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for
//    scheduling, 2 No preemption victims found for incoming pod.") and the condition
//    PodScheduled=False/Unschedulable; it waits among the unschedulable pods until a
//    node or an assigned pod changes (then after its back-off, 1 s doubling to 10 s)
//    or for at most 5 minutes (podMaxInUnschedulablePodsDuration).
// Pods naming another scheduler, already bound, or being deleted are not its business.
//
// A pod whose PersistentVolumeClaims are missing or unbound (Immediate binding) waits
// with VolumeBinding's message ("pod has unbound immediate PersistentVolumeClaims").
// A pod that fits nowhere may preempt lower-priority pods (preemption.h): the
// victims get DisruptionTarget (PreemptionByScheduler), are deleted with a
// `Preempted` event, the pod is nominated to the node (status.nominatedNodeName)
// and binds there once they are gone; pods of no higher priority do not take the
// room meanwhile.
// FIXME(issue 6): volume zone filters and PodTopologySpread constraints the pod
// declares are not simulated.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/api/apiserver.h"
#include "core/client/lifetime.h"
#include "core/scheduler/plugins.h"
#include "core/sim/random.h"

namespace kt::client {
class EventRecorder;
class SharedInformer;
}  // namespace kt::client

namespace kt::scheduler {

struct Candidate;

struct SchedulerConfig {
  std::string scheduler_name = "default-scheduler";
  sim::Duration initial_backoff = sim::seconds(1);   // --pod-initial-backoff-seconds
  sim::Duration max_backoff = sim::seconds(10);      // --pod-max-backoff-seconds
  sim::Duration max_unschedulable = sim::minutes(5); // podMaxInUnschedulablePodsDuration
  sim::Duration flush_period = sim::seconds(30);     // flushUnschedulablePodsLeftover
};

class Scheduler {
 public:
  struct Stats {
    std::uint64_t attempts = 0;
    std::uint64_t scheduled = 0;
    std::uint64_t unschedulable = 0;
    std::uint64_t bind_errors = 0;
    std::uint64_t preempted = 0;  // victims deleted
  };

  Scheduler(api::ApiServer& api, sim::Random rng, SchedulerConfig cfg = {});
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();
  void stop();

  const Stats& stats() const { return stats_; }
  // Keys of pods waiting in the queue (active, backing off or unschedulable).
  std::size_t pending() const { return active_.size() + backoff_.size() + unschedulable_.size(); }

 private:
  struct Pending {
    std::int64_t priority = 0;
    sim::Time queued{};
    int attempts = 0;
  };

  bool responsible_for(const Json& pod) const;
  void on_pod(const api::ObjectPtr& pod);
  void on_pod_deleted(const api::ObjectPtr& pod);
  void on_node(const api::ObjectPtr& node);
  void on_node_deleted(const api::ObjectPtr& node);
  void enqueue(const std::string& key, const Json& pod);
  void forget(const std::string& key);
  void move_all_to_active();
  void kick();
  void schedule_one();
  void schedule(const std::string& key, const api::ObjectPtr& pod);
  // `nominate`: the node preemption made room on (status.nominatedNodeName).
  void record_failure(const api::ObjectPtr& pod, const std::string& message, const std::string& nominate = "");
  void evict_victims(const api::ObjectPtr& preemptor, const Candidate& c);
  void flush_leftovers();
  void remove_assigned(const std::string& key);

  api::ApiServer& api_;
  sim::Random rng_;
  SchedulerConfig cfg_;
  std::unique_ptr<client::SharedInformer> pods_;
  std::unique_ptr<client::SharedInformer> nodes_;
  std::unique_ptr<client::SharedInformer> claims_;
  std::unique_ptr<client::EventRecorder> recorder_;

  NodeInfos node_infos_;                         // by node name
  std::map<std::string, std::string> assigned_;  // pod key → node it counts on
  std::map<std::string, std::string> nominated_;  // pending pod key → status.nominatedNodeName
  std::map<std::string, Pending> active_;
  std::map<std::string, Pending> backoff_;        // waiting out their back-off
  std::map<std::string, Pending> unschedulable_;
  bool cycle_scheduled_ = false;
  sim::EventId flush_event_ = 0;
  bool started_ = false;
  Stats stats_;
  client::Lifetime life_;
};

}  // namespace kt::scheduler
