// The kubelet of one simulated machine, on virtual time. Like the real one it only
// talks to the API: it watches the pods bound to its node, runs their containers in
// the simulated runtime, writes their status, records Events, renews its Lease in
// kube-node-lease every 10 s, and creates mirror pods for its static manifests
// (the control plane's etcd, kube-apiserver, kube-controller-manager and
// kube-scheduler on a control-plane machine, as kubeadm v1.32 lays them out).
//
// A pod's life (the timings are the runtime's; the texts are kubelet's):
//   bound       → status Pending, containers Waiting/ContainerCreating (or
//                 PodInitializing behind init containers), hostIP, startTime
//   ~1 s        → sandbox: pod IP from the node's podCIDR (hostNetwork: the node IP),
//                 PodReadyToStartContainers
//   per container, in order (init containers one by one, each to success first):
//                 image pull by imagePullPolicy — "Pulling image", "Successfully
//                 pulled image … in 2.3s (2.3s including waiting). Image size: N
//                 bytes." / "Container image … already present on machine"; pulls on
//                 a node are serialised; unknown images give ErrImagePull then
//                 ImagePullBackOff (10 s doubling to 5 min) — then "Created container:
//                 x", "Started container x"
//   running     → Ready (after a readiness probe's initialDelaySeconds and first period)
//   exit        → Completed/Error; restartPolicy decides: restart (at once the first
//                 time, then CrashLoopBackOff 10 s doubling to 5 min, reset after 10
//                 min of running) or stay terminated; phase Succeeded/Failed.
//   deletion    → "Stopping container x"; a process that ignores SIGTERM (a shell in
//                 `sleep`) lives until the grace period ends and exits 137; then the
//                 kubelet deletes the pod with grace 0.
//
// Node status: conditions (MemoryPressure, DiskPressure, PIDPressure, Ready) are
// checked every 10 s and written when they change or every 5 minutes
// (nodeStatusReportFrequency), with the Lease as the heartbeat in between.
//
// Faults (the simulation-only interface scenarios, tests and the terminal use):
//   set_service(false)   `systemctl stop kubelet`: no Lease, no status, no new pods;
//                        the containers keep running. true: it starts again, re-lists
//                        its pods, writes their status, kills pods deleted meanwhile.
//   set_power(false)     the machine is off: every container dies with it, the kubelet
//                        is gone. true: it boots (30 s) and the kubelet starts; the pods
//                        still bound here start again (restartCount + 1, lastState
//                        terminated/Unknown exit 255, as after a real reboot).
//   set_partitioned(b)   cut off from the control plane: like a stopped kubelet to
//                        the API, but the machine and its containers run on.
//   kill_container(…)    SIGKILL to a container's main process (exit 137, Error):
//                        restartPolicy decides, as after a crash.
//   set_pull_slowdown(n) the registry answers n times slower.
//   set_pressure(r, b)   memory or disk pressure: condition, taint (by the node
//                        lifecycle controller), evictions of BestEffort pods.
//
// Volumes (volumes.h) are set up before the sandbox; one that cannot be (a missing
// configMap or secret) keeps the pod in ContainerCreating with FailedMount events,
// retried with back-off. Each container instance gets a fresh root filesystem from
// its image with the volumes mounted (exec and nginx read and write it).
//
// Probes (probes.h) run as the kubelet's workers do: startup first, then liveness
// and readiness every periodSeconds with their thresholds; failures are Unhealthy
// events; a failed startup or liveness probe kills the container ("Container x
// failed liveness probe, will be restarted") and restartPolicy takes over.
//
// A process over its memory limit is OOMKilled; preStop hooks run within the grace
// period.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/api/apiserver.h"
#include "core/client/lifetime.h"
#include "core/cluster/scenario.h"
#include "core/node/disks.h"
#include "core/node/pod_state.h"
#include "core/sim/random.h"

namespace kt::client {
class EventRecorder;
class SharedInformer;
}  // namespace kt::client

namespace kt::node {

struct KubeletConfig {
  std::string kubernetes_version = "v1.32.5";  // of the control-plane images
  std::string service_cidr = "10.96.0.0/12";
  std::string pod_cidr = "192.168.0.0/16";     // the cluster's (each node has its own range)
  sim::Duration lease_renew_interval = sim::seconds(10);    // nodeLeaseDurationSeconds/4
  std::int64_t lease_duration_seconds = 40;                 // --node-lease-duration-seconds
  sim::Duration sandbox_setup = sim::millis(900);           // RunPodSandbox + CNI
  sim::Duration container_start = sim::millis(350);         // CreateContainer + StartContainer
  std::int64_t pull_bytes_per_second = 25 * 1000 * 1000;  // the node's registry bandwidth
  sim::Duration pull_latency = sim::millis(600);            // resolve + manifest round trips
  sim::Duration stop_time = sim::millis(150);               // a process that handles SIGTERM
  sim::Duration max_backoff = sim::minutes(5);              // MaxContainerBackOff
  sim::Duration initial_backoff = sim::seconds(10);
  sim::Duration node_status_update = sim::seconds(10);      // --node-status-update-frequency
  sim::Duration node_status_report = sim::minutes(5);       // nodeStatusReportFrequency
  sim::Duration boot_time = sim::seconds(30);               // power on → kubelet running
};

class Kubelet {
 public:
  Kubelet(api::ApiServer& api, const cluster::MachineSpec& machine, Disks& disks, sim::Random rng,
          KubeletConfig cfg = {});
  ~Kubelet();
  Kubelet(const Kubelet&) = delete;
  Kubelet& operator=(const Kubelet&) = delete;

  const std::string& node_name() const { return machine_.name; }
  void start();
  void stop();

  // Faults (see above).
  void set_service(bool running);
  void set_power(bool on);
  void set_partitioned(bool partitioned);
  // Kills a running container's main process (SIGKILL: exit 137); false when the
  // container does not run here.
  bool kill_container(const std::string& ns, const std::string& pod, const std::string& container);
  // Memory or disk pressure on the machine ("memory" / "disk"): the node condition
  // turns True, and the eviction manager evicts a BestEffort pod every 10 s while
  // it lasts ("The node was low on resource: memory.").
  void set_pressure(const std::string& resource, bool on);
  bool memory_pressure() const { return memory_pressure_; }
  bool disk_pressure() const { return disk_pressure_; }
  // A slow registry: image pulls take `factor` times as long (1 restores).
  void set_pull_slowdown(int factor) { pull_slowdown_ = factor < 1 ? 1 : factor; }
  int pull_slowdown() const { return pull_slowdown_; }
  bool service_running() const { return service_running_; }
  // When the kubelet service last started or stopped (systemctl status).
  sim::Time service_changed_at() const { return service_changed_at_; }
  bool powered() const { return powered_; }
  bool partitioned() const { return partitioned_; }
  // Whether the kubelet is up and can talk to the API server.
  bool connected() const { return started_ && powered_ && service_running_ && !partitioned_; }

  // Images already on the machine (pre-pulled), by full reference.
  void preload_image(const std::string& image);
  bool has_image(const std::string& full_ref) const { return images_.count(full_ref) != 0; }

  // The runtime's view, for logs/exec: null when the pod does not run here.
  const PodState* pod(const std::string& ns, const std::string& name) const;
  // The container's main process ended with `code` (an attached `kubectl run -i -t`
  // shell exited): the container terminates and restartPolicy decides what follows.
  void main_process_exited(const std::string& ns, const std::string& name, const std::string& container, int code);

 private:
  void on_pod(const api::ObjectPtr& pod);
  void on_pod_deleted(const api::ObjectPtr& pod);
  void admit(const api::ObjectPtr& pod);
  void mount_volumes(const std::string& uid);
  void setup_sandbox(const std::string& uid);
  void start_next(const std::string& uid);
  void pull_and_start(const std::string& uid, bool init, std::size_t index);
  void run_container(const std::string& uid, bool init, std::size_t index);
  enum class Probe { Startup, Liveness, Readiness };
  static const char* probe_field(Probe kind);
  void apply_file_effects(const std::string& uid, bool init, std::size_t index);
  void schedule_probe(const std::string& uid, std::size_t index, Probe kind, sim::Duration delay);
  void probe_tick(const std::string& uid, std::size_t index, Probe kind, const std::string& container_id);
  void container_exited(const std::string& uid, bool init, std::size_t index, int code, std::string reason);
  void restart_or_settle(const std::string& uid, bool init, std::size_t index);
  void begin_termination(const std::string& uid);
  void finish_termination(const std::string& uid);
  void write_status(const std::string& uid);
  void renew_lease();
  void post_node_status();
  void connect();
  void disconnect();
  void kill_all_containers();
  void create_mirror_pods();
  std::string allocate_ip();
  void release(PodState& p);
  void forget(const std::string& uid);  // the pod is gone: timers, address, volumes

  PodState* find(const std::string& uid);
  ContainerState& container(PodState& p, bool init, std::size_t index);
  sim::EventId after(PodState& p, sim::Duration d, std::function<void()> fn);
  void event(const PodState& p, const ContainerState* c, bool warning, const std::string& reason,
             const std::string& message);
  std::string new_container_id();

  api::ApiServer& api_;
  const cluster::MachineSpec machine_;
  Disks& disks_;
  sim::Random rng_;
  KubeletConfig cfg_;
  std::unique_ptr<client::SharedInformer> pods_;
  std::unique_ptr<client::EventRecorder> recorder_;
  std::map<std::string, PodState> by_uid_;
  std::set<std::string> images_;     // full references present on the machine
  std::set<std::string> ips_in_use_;
  std::uint32_t next_ip_ = 2;        // the next host number to try in the podCIDR
  sim::Time pulls_busy_until_{};     // serialised image pulls
  sim::EventId lease_timer_ = 0;
  sim::EventId status_timer_ = 0;
  sim::Time last_status_report_{};
  bool started_ = false;
  bool service_running_ = true;
  sim::Time service_changed_at_{};
  bool powered_ = true;
  bool partitioned_ = false;
  int pull_slowdown_ = 1;
  bool memory_pressure_ = false, disk_pressure_ = false;
  sim::EventId eviction_timer_ = 0;
  void evict_one();
  bool informer_connected_ = false;
  client::Lifetime life_;
};

}  // namespace kt::node
