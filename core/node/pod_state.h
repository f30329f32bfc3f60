// The kubelet's record of the pods it runs: each container's current state, its
// previous termination, restarts, back-off and log, as the container runtime and
// the status manager know them. pod_status.cpp turns one into the v1.PodStatus the
// API shows (phase, conditions, containerStatuses, …).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/node/images.h"
#include "core/node/process.h"
#include "core/node/volumes.h"
#include "core/sim/simulator.h"

namespace kt::node {

struct Termination {
  int exit_code = 0;
  std::string reason;   // Completed, Error, OOMKilled, StartError
  std::string message;
  sim::Time started{};
  sim::Time finished{};
  std::string container_id;
};

// Consecutive results of one probe worker.
struct ProbeState {
  int successes = 0;
  int failures = 0;
};

struct ContainerState {
  enum class Phase { Waiting, Running, Terminated };

  std::string name;
  Json spec;                   // the pod spec's container
  bool init = false;
  Phase phase = Phase::Waiting;
  std::string waiting_reason = "ContainerCreating";  // or PodInitializing, ErrImagePull, …
  std::string waiting_message;
  sim::Time started{};
  bool ready = false;
  bool started_ok = true;  // the startup probe passed (or there is none)
  ProbeState startup, liveness, readiness;
  std::optional<Termination> current;   // when Terminated
  std::optional<Termination> last;      // lastState.terminated
  int restarts = 0;
  int consecutive_failures = 0;         // drives the CrashLoopBackOff delay
  int pull_failures = 0;                // drives the ImagePullBackOff delay
  std::string container_id;             // "containerd://…" of the current/last instance
  std::optional<ImageInfo> image;       // once pulled
  ProcessPlan plan;
  std::shared_ptr<term::MemoryFs> fs;
  std::map<std::string, std::string> env;  // what its processes see (container_env.h)  // this instance's root filesystem, volumes mounted
  std::vector<std::pair<sim::Time, std::string>> log;           // this instance
  std::vector<std::pair<sim::Time, std::string>> previous_log;  // the one before (logs --previous)
  bool ever_started = false;
};

struct PodState {
  std::string key;   // ns/name
  std::string uid;
  api::ObjectPtr pod;  // the latest copy seen
  std::string ip;
  bool sandbox_ready = false;
  bool terminating = false;
  sim::Time start_time{};
  sim::Time ready_since{};  // Ready condition's lastTransitionTime
  sim::Time initialized_at{};
  sim::Time containers_ready_at{};
  sim::Time sandbox_ready_at{};
  std::vector<ContainerState> init_containers;
  std::vector<ContainerState> containers;
  PodVolumes volumes;
  // Set when the kubelet's eviction manager evicted the pod: phase Failed with this
  // reason ("Evicted") and message.
  std::string evicted_reason, evicted_message;
  int mount_failures = 0;  // drives the FailedMount retry back-off
  std::vector<sim::EventId> timers;  // cancelled when the pod goes away
};

}  // namespace kt::node
