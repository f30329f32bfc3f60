#include "core/node/kubelet.h"

#include <algorithm>
#include <cstdio>

#include "core/client/events.h"
#include "core/client/informer.h"
#include "core/node/container_env.h"
#include "core/node/pod_status.h"
#include "core/node/probes.h"
#include "core/node/rootfs.h"
#include "core/node/static_pods.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::node {
namespace {

std::string field_path(const ContainerState& c) {
  return std::string(c.init ? "spec.initContainers{" : "spec.containers{") + c.name + "}";
}

std::vector<ContainerState> containers_of(const Json& spec, const char* field, bool init) {
  std::vector<ContainerState> out;
  const Json& list = api::field(spec, {field});
  if (!list.is_array()) return out;
  for (const auto& c : list) {
    ContainerState s;
    s.name = c.value("name", std::string());
    s.spec = c;
    s.init = init;
    out.push_back(std::move(s));
  }
  return out;
}

bool terminal_phase(const Json& pod) {
  const std::string phase = api::str_field(pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

// How long a container's preStop hook keeps it up: `sleep N` (as an exec command,
// in `sh -c`, or the v1.32 sleep action); an httpGet hook answers at once.
sim::Duration prestop_duration(const Json& container) {
  const Json& hook = api::field(container, {"lifecycle", "preStop"});
  if (hook.is_null()) return {};
  if (hook.contains("sleep")) return sim::seconds(api::int_field(hook, {"sleep", "seconds"}));
  const Json& cmd = api::field(hook, {"exec", "command"});
  if (!cmd.is_array()) return {};
  std::string text;
  for (const auto& w : cmd) text += (w.is_string() ? w.get<std::string>() : "") + " ";
  const auto at = text.find("sleep ");
  if (at == std::string::npos) return sim::millis(50);
  return sim::millis(static_cast<std::int64_t>(std::strtod(text.c_str() + at + 6, nullptr) * 1000));
}

std::string pull_duration(sim::Duration d) {
  return util::go_duration_string(sim::millis(d.us / 1000));  // Truncate(time.Millisecond)
}

}  // namespace

Kubelet::Kubelet(api::ApiServer& api, const cluster::MachineSpec& machine, Disks& disks, sim::Random rng,
                 KubeletConfig cfg)
    : api_(api), machine_(machine), disks_(disks), rng_(std::move(rng)), cfg_(cfg) {}

Kubelet::~Kubelet() { stop(); }

void Kubelet::preload_image(const std::string& image) {
  if (auto ref = parse_image(image)) images_.insert(ref->full());
}

void Kubelet::start() {
  if (started_) return;
  started_ = true;
  service_changed_at_ = api_.sim().now();
  recorder_ = std::make_unique<client::EventRecorder>(api_, "kubelet", machine_.name);
  connect();
}

void Kubelet::stop() {
  if (!started_) return;
  disconnect();
  started_ = false;
  for (auto& [uid, p] : by_uid_)
    for (auto id : p.timers) api_.sim().cancel(id);
}

// (Re)joins the API: list+watch its pods, Lease, node status, mirror pods, then
// reconcile what runs with what the API says should.
void Kubelet::connect() {
  if (!connected() || informer_connected_) return;
  informer_connected_ = true;
  client::InformerOptions opts;
  opts.field_selector = "spec.nodeName=" + machine_.name;
  pods_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "pods"), opts);
  pods_->add_handler({[this](const api::ObjectPtr& p) { on_pod(p); },
                      [this](const api::ObjectPtr&, const api::ObjectPtr& p) { on_pod(p); },
                      [this](const api::ObjectPtr& p) { on_pod_deleted(p); }});
  pods_->start();
  renew_lease();
  post_node_status();
  if (machine_.control_plane) create_mirror_pods();
  std::vector<std::string> gone, present;
  for (const auto& [uid, p] : by_uid_) {
    auto cached = pods_->get(p.key);
    (cached && api::meta::uid(*cached) == uid ? present : gone).push_back(uid);
  }
  for (const auto& uid : gone) forget(uid);
  for (const auto& uid : present) write_status(uid);
}

void Kubelet::disconnect() {
  if (!informer_connected_) return;
  informer_connected_ = false;
  api_.sim().cancel(lease_timer_);
  api_.sim().cancel(status_timer_);
  if (pods_) pods_->stop();
  pods_.reset();
}

void Kubelet::set_service(bool running) {
  if (service_running_ == running) return;
  service_running_ = running;
  service_changed_at_ = api_.sim().now();
  running ? connect() : disconnect();
}

void Kubelet::set_partitioned(bool partitioned) {
  if (partitioned_ == partitioned) return;
  partitioned_ = partitioned;
  partitioned ? disconnect() : connect();
}

void Kubelet::set_power(bool on) {
  if (on == powered_) return;
  if (!on) {
    powered_ = false;
    disconnect();
    kill_all_containers();
    return;
  }
  api_.sim().schedule(cfg_.boot_time, [w = life_.weak(), this] {
    if (w.expired() || powered_) return;
    powered_ = true;
    service_changed_at_ = api_.sim().now();
    connect();
  });
}

void Kubelet::kill_all_containers() {
  for (auto& [uid, p] : by_uid_)
    for (auto id : p.timers) api_.sim().cancel(id);
  by_uid_.clear();
  ips_in_use_.clear();
}

const PodState* Kubelet::pod(const std::string& ns, const std::string& name) const {
  for (const auto& [uid, p] : by_uid_)
    if (p.key == ns + "/" + name) return &p;
  return nullptr;
}

void Kubelet::set_pressure(const std::string& resource, bool on) {
  bool& flag = resource == "memory" ? memory_pressure_ : disk_pressure_;
  if (flag == on) return;
  flag = on;
  if (auto node = api_.try_get(api_.resource("", "nodes"), "", machine_.name)) {
    const std::string what = resource == "memory" ? (on ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory")
                                                  : (on ? "NodeHasDiskPressure" : "NodeHasNoDiskPressure");
    recorder_->event(*node, client::EventType::Normal, what, "Node " + machine_.name + " status is now: " + what);
  }
  if (connected()) {
    api_.sim().cancel(status_timer_);
    post_node_status();
  }
  api_.sim().cancel(eviction_timer_);
  if (memory_pressure_ || disk_pressure_)
    eviction_timer_ = api_.sim().schedule(sim::seconds(10), [w = life_.weak(), this] {
      if (!w.expired()) evict_one();
    });
}

// The eviction manager's cycle under pressure: the BestEffort pod that started
// last goes first (pods with requests are ranked after it; static and mirror pods
// are critical and stay).
void Kubelet::evict_one() {
  if (!(memory_pressure_ || disk_pressure_) || !powered_) return;
  eviction_timer_ = api_.sim().schedule(sim::seconds(10), [w = life_.weak(), this] {
    if (!w.expired()) evict_one();
  });
  if (!connected()) return;
  PodState* victim = nullptr;
  for (auto& [uid, p] : by_uid_) {
    if (p.terminating || !p.evicted_reason.empty() || pod_phase(p) != "Running") continue;
    const Json& pod = *p.pod;
    if (!api::str_field(pod, {"metadata", "annotations", "kubernetes.io/config.mirror"}).empty()) continue;
    if (api::str_field(pod, {"status", "qosClass"}) != "BestEffort") continue;
    if (!victim || p.start_time > victim->start_time) victim = &p;
  }
  if (!victim) return;
  victim->evicted_reason = "Evicted";
  victim->evicted_message = memory_pressure_
                                ? "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91236Ki. "
                                : "The node was low on resource: ephemeral-storage. Threshold quantity: 4115281152, "
                                  "available: 3981204Ki. ";
  event(*victim, nullptr, true, "Evicted", victim->evicted_message);
  const std::string uid = victim->uid;
  for (auto id : victim->timers) api_.sim().cancel(id);
  victim->timers.clear();
  const sim::Time now = api_.sim().now();
  for (auto& c : victim->containers) {
    if (c.phase != ContainerState::Phase::Running) continue;
    event(*victim, &c, false, "Killing", "Stopping container " + c.name);
    Termination t;
    t.exit_code = c.plan.ignores_sigterm ? 137 : 0;
    t.reason = c.plan.ignores_sigterm ? "Error" : "Completed";
    t.started = c.started;
    t.finished = now;
    t.container_id = c.container_id;
    c.current = t;
    c.phase = ContainerState::Phase::Terminated;
    c.ready = false;
  }
  const std::string ip = victim->ip;
  release(*victim);
  victim->ip = ip;
  victim->sandbox_ready = false;
  write_status(uid);
}

bool Kubelet::kill_container(const std::string& ns, const std::string& name, const std::string& container) {
  for (auto& [uid, p] : by_uid_) {
    if (p.key != ns + "/" + name || p.terminating) continue;
    for (std::size_t i = 0; i < p.containers.size(); ++i) {
      if (p.containers[i].name != container || p.containers[i].phase != ContainerState::Phase::Running) continue;
      const std::string id = uid;
      container_exited(id, false, i, 137, "Error");
      return true;
    }
  }
  return false;
}

void Kubelet::main_process_exited(const std::string& ns, const std::string& name, const std::string& container,
                                  int code) {
  for (auto& [uid, p] : by_uid_) {
    if (p.key != ns + "/" + name || p.terminating) continue;
    for (std::size_t i = 0; i < p.containers.size(); ++i) {
      if (p.containers[i].name != container || p.containers[i].phase != ContainerState::Phase::Running) continue;
      const std::string id = uid;
      container_exited(id, false, i, code, code == 0 ? "Completed" : "Error");
      return;
    }
  }
}

PodState* Kubelet::find(const std::string& uid) {
  auto it = by_uid_.find(uid);
  return it == by_uid_.end() ? nullptr : &it->second;
}

ContainerState& Kubelet::container(PodState& p, bool init, std::size_t index) {
  return init ? p.init_containers[index] : p.containers[index];
}

sim::EventId Kubelet::after(PodState& p, sim::Duration d, std::function<void()> fn) {
  const sim::EventId id = api_.sim().schedule(d, [w = life_.weak(), fn = std::move(fn)] {
    if (!w.expired()) fn();
  });
  p.timers.push_back(id);
  return id;
}

void Kubelet::event(const PodState& p, const ContainerState* c, bool warning, const std::string& reason,
                    const std::string& message) {
  if (!connected()) return;
  recorder_->event(*p.pod, warning ? client::EventType::Warning : client::EventType::Normal, reason, message,
                   c ? field_path(*c) : "");
}

std::string Kubelet::new_container_id() {
  static const char* hex = "0123456789abcdef";
  std::string id = "containerd://";
  for (int i = 0; i < 64; ++i) id += hex[rng_.below(16)];
  return id;
}

// ---- pods from the API ---------------------------------------------------------------

void Kubelet::on_pod(const api::ObjectPtr& pod) {
  const std::string uid = api::meta::uid(*pod);
  PodState* p = find(uid);
  if (!p) {
    if (terminal_phase(*pod)) return;  // finished before this kubelet knew it
    admit(pod);
    p = find(uid);
  } else {
    p->pod = pod;
  }
  if (p && api::meta::being_deleted(*pod) && !p->terminating) begin_termination(uid);
}

void Kubelet::on_pod_deleted(const api::ObjectPtr& pod) {
  const std::string uid = api::meta::uid(*pod);
  if (find(uid)) forget(uid);
}

void Kubelet::forget(const std::string& uid) {
  PodState& p = by_uid_.at(uid);
  for (auto id : p.timers) api_.sim().cancel(id);
  release(p);
  teardown_volumes(disks_, machine_.name, uid);
  by_uid_.erase(uid);
}

void Kubelet::admit(const api::ObjectPtr& pod) {
  PodState p;
  p.key = api::meta::key(*pod);
  p.uid = api::meta::uid(*pod);
  p.pod = pod;
  p.start_time = api_.sim().now();
  const Json& spec = api::field(*pod, {"spec"});
  p.init_containers = containers_of(spec, "initContainers", true);
  p.containers = containers_of(spec, "containers", false);
  for (auto& c : p.init_containers) c.waiting_reason = "PodInitializing";
  if (!p.init_containers.empty())
    for (auto& c : p.containers) c.waiting_reason = "PodInitializing";
  // Containers that ran here before (the machine rebooted) start again, counted as
  // restarts after an Unknown termination.
  if (const Json& old = api::field(*pod, {"status", "containerStatuses"}); old.is_array()) {
    for (const auto& cs : old) {
      if (cs.value("containerID", std::string()).empty()) continue;
      for (auto& c : p.containers) {
        if (c.name != cs.value("name", std::string())) continue;
        c.restarts = cs.value("restartCount", 0) + 1;
        Termination t;
        t.exit_code = 255;
        t.reason = "Unknown";
        t.container_id = cs.value("containerID", std::string());
        t.started = util::parse_rfc3339(api::str_field(cs, {"state", "running", "startedAt"})).value_or(sim::Time{});
        t.finished = api_.sim().now();
        c.last = t;
      }
    }
  }
  const std::string uid = p.uid;
  by_uid_.emplace(uid, std::move(p));
  PodState& ps = by_uid_.at(uid);
  write_status(uid);
  after(ps, cfg_.sandbox_setup, [this, uid] { mount_volumes(uid); });
}

// The volume manager: every volume set up before the sandbox starts; a failure is
// retried with back-off (0.5 s doubling to 2m2s, as its exponential back-off).
void Kubelet::mount_volumes(const std::string& uid) {
  PodState* p = find(uid);
  if (!p || p->terminating) return;
  const std::string err = setup_volumes(api_, disks_, machine_.name, *p->pod, "", p->volumes);
  if (err.empty()) {
    setup_sandbox(uid);
    return;
  }
  event(*p, nullptr, true, "FailedMount", err);
  sim::Duration delay = sim::millis(500);
  for (int i = 0; i < p->mount_failures && delay < sim::seconds(122); ++i) delay = delay * 2;
  if (delay > sim::seconds(122)) delay = sim::seconds(122);
  ++p->mount_failures;
  after(*p, delay, [this, uid] { mount_volumes(uid); });
}

void Kubelet::setup_sandbox(const std::string& uid) {
  PodState* p = find(uid);
  if (!p || p->terminating) return;
  p->ip = api::field(*p->pod, {"spec", "hostNetwork"}) == true ? machine_.internal_ip : allocate_ip();
  p->sandbox_ready = true;
  write_status(uid);
  start_next(uid);
}

// The next step of SyncPod: the first init container that has not succeeded, or,
// once all have, the app containers in order.
void Kubelet::start_next(const std::string& uid) {
  PodState* p = find(uid);
  if (!p || p->terminating) return;
  for (std::size_t i = 0; i < p->init_containers.size(); ++i) {
    const auto& c = p->init_containers[i];
    if (c.phase == ContainerState::Phase::Terminated && c.current->exit_code == 0) continue;
    if (c.phase == ContainerState::Phase::Waiting && !c.ever_started) pull_and_start(uid, true, i);
    return;
  }
  if (!p->init_containers.empty() && p->initialized_at == sim::Time{}) {
    p->initialized_at = api_.sim().now();
    for (auto& c : p->containers)
      if (c.waiting_reason == "PodInitializing") c.waiting_reason = "ContainerCreating";
    write_status(uid);
  }
  if (!p->containers.empty()) pull_and_start(uid, false, 0);
}

void Kubelet::pull_and_start(const std::string& uid, bool init, std::size_t index) {
  PodState* p = find(uid);
  if (!p || p->terminating) return;
  ContainerState& c = container(*p, init, index);
  const std::string image = c.spec.value("image", std::string());
  const std::string policy = c.spec.value("imagePullPolicy", std::string("IfNotPresent"));
  PullResult found = resolve_image(image);
  const bool present = found.image && images_.count(found.image->ref.full());
  auto next_app = [this, uid, init, index] {
    PodState* q = find(uid);
    if (q && !init && index + 1 < q->containers.size()) pull_and_start(uid, false, index + 1);
  };

  if (policy == "Never" && !present) {
    c.waiting_reason = "ErrImageNeverPull";
    c.waiting_message = "Container image \"" + image + "\" is not present with pull policy of Never";
    event(*p, &c, true, "ErrImageNeverPull", c.waiting_message);
    event(*p, &c, true, "Failed", "Error: ErrImageNeverPull");
    write_status(uid);
    next_app();
    return;
  }
  if (policy != "Always" && present) {
    c.image = found.image;
    event(*p, &c, false, "Pulled", "Container image \"" + image + "\" already present on machine");
    after(*p, cfg_.container_start, [this, uid, init, index] { run_container(uid, init, index); });
    return;
  }

  event(*p, &c, false, "Pulling", "Pulling image \"" + image + "\"");
  const sim::Time asked = api_.sim().now();
  const sim::Time begin = std::max(asked, pulls_busy_until_);
  sim::Duration took = cfg_.pull_latency;
  if (found.image && !present)
    took = took + sim::millis(found.image->size_bytes * 1000 / std::max<std::int64_t>(1, cfg_.pull_bytes_per_second));
  took = took * pull_slowdown_;
  pulls_busy_until_ = begin + took;
  after(*p, pulls_busy_until_ - asked, [this, uid, init, index, image, found, took, asked, next_app] {
    PodState* q = find(uid);
    if (!q || q->terminating) return;
    ContainerState& k = container(*q, init, index);
    if (found.image) {
      images_.insert(found.image->ref.full());
      k.image = found.image;
      k.pull_failures = 0;
      event(*q, &k, false, "Pulled",
            "Successfully pulled image \"" + image + "\" in " + pull_duration(took) + " (" +
                pull_duration(api_.sim().now() - asked) + " including waiting). Image size: " +
                std::to_string(found.image->size_bytes) + " bytes.");
      after(*q, cfg_.container_start, [this, uid, init, index] { run_container(uid, init, index); });
      return;
    }
    // ErrImagePull now, ImagePullBackOff until the back-off allows the next try.
    ++k.pull_failures;
    k.waiting_reason = "ErrImagePull";
    k.waiting_message = found.error;
    event(*q, &k, true, "Failed", "Failed to pull image \"" + image + "\": " + found.error);
    event(*q, &k, true, "Failed", "Error: ErrImagePull");
    write_status(uid);
    sim::Duration backoff = cfg_.initial_backoff;
    for (int i = 1; i < k.pull_failures && backoff < cfg_.max_backoff; ++i) backoff = backoff * 2;
    backoff = std::min(backoff, cfg_.max_backoff);
    after(*q, sim::seconds(1), [this, uid, init, index, image, error = found.error] {
      PodState* r = find(uid);
      if (!r || r->terminating) return;
      ContainerState& m = container(*r, init, index);
      m.waiting_reason = "ImagePullBackOff";
      m.waiting_message = "Back-off pulling image \"" + image + "\": ErrImagePull: " + error;
      event(*r, &m, false, "BackOff", "Back-off pulling image \"" + image + "\"");
      event(*r, &m, true, "Failed", "Error: ImagePullBackOff");
      write_status(uid);
    });
    after(*q, backoff, [this, uid, init, index] { pull_and_start(uid, init, index); });
    next_app();
  });
}

void Kubelet::run_container(const std::string& uid, bool init, std::size_t index) {
  PodState* p = find(uid);
  if (!p || p->terminating) return;
  ContainerState& c = container(*p, init, index);
  const sim::Time now = api_.sim().now();
  if (c.ever_started) {
    c.previous_log = std::move(c.log);
    c.log.clear();
  }
  c.container_id = new_container_id();
  c.fs = make_rootfs(*c.image, [this] { return api_.sim().now(); });
  assemble_container_fs(*c.fs, *p->pod, c.spec, p->ip, p->volumes);
  c.env = container_environment(api_, *p->pod, c.spec, *c.image, p->ip);
  c.plan = plan_process(*c.image, c.spec, now);
  c.ever_started = true;
  c.waiting_message.clear();
  event(*p, &c, false, "Created", "Created container: " + c.name);
  if (!c.plan.start_error.empty()) {
    event(*p, &c, true, "Failed", "Error: " + c.plan.start_error);
    c.started = now;
    container_exited(uid, init, index, 128, "StartError");
  } else {
    event(*p, &c, false, "Started", "Started container " + c.name);
    c.phase = ContainerState::Phase::Running;
    c.started = now;
    for (const auto& line : c.plan.logs) c.log.emplace_back(now + line.at, line.text);
    c.ready = false;
    c.startup = c.liveness = c.readiness = ProbeState{};
    c.started_ok = api::field(c.spec, {"startupProbe"}).is_null();
    apply_file_effects(uid, init, index);
    if (!init) {
      c.ready = c.started_ok && api::field(c.spec, {"readinessProbe"}).is_null();
      for (Probe kind : {Probe::Startup, Probe::Liveness, Probe::Readiness}) {
        const Json& probe = api::field(c.spec, {probe_field(kind)});
        if (probe.is_null()) continue;
        const ProbeTiming t = probe_timing(probe);
        // The first check comes after initialDelaySeconds (and a worker's start-up jitter).
        schedule_probe(uid, index, kind, t.initial_delay + sim::millis(100));
      }
    }
    if (!c.plan.runs_forever) {
      const int code = c.plan.exit_code;
      after(*p, c.plan.runs_for, [this, uid, init, index, code, id = c.container_id] {
        PodState* q = find(uid);
        if (!q) return;
        ContainerState& k = container(*q, init, index);
        if (k.container_id != id || k.phase != ContainerState::Phase::Running) return;
        container_exited(uid, init, index, code, k.plan.oom_killed ? "OOMKilled" : code == 0 ? "Completed" : "Error");
      });
    }
    write_status(uid);
  }
  if (!init && index + 1 < p->containers.size() && !p->containers[index + 1].ever_started)
    pull_and_start(uid, false, index + 1);
}

const char* Kubelet::probe_field(Probe kind) {
  switch (kind) {
    case Probe::Startup: return "startupProbe";
    case Probe::Liveness: return "livenessProbe";
    case Probe::Readiness: return "readinessProbe";
  }
  return "";
}

// What the main process does to the container's files, at its moments.
void Kubelet::apply_file_effects(const std::string& uid, bool init, std::size_t index) {
  PodState* p = find(uid);
  if (!p) return;
  ContainerState& c = container(*p, init, index);
  for (const FileEffect& e : c.plan.files) {
    after(*p, e.at, [this, uid, init, index, e, id = c.container_id] {
      PodState* q = find(uid);
      if (!q) return;
      ContainerState& k = container(*q, init, index);
      if (k.container_id != id || k.phase != ContainerState::Phase::Running || !k.fs) return;
      switch (e.op) {
        case FileEffect::Op::Write: k.fs->write(e.path, e.data, false); break;
        case FileEffect::Op::Append: k.fs->write(e.path, e.data, true); break;
        case FileEffect::Op::Remove: k.fs->remove(e.path, true); break;
        case FileEffect::Op::Mkdir: k.fs->mkdir(e.path, true); break;
      }
    });
  }
}

void Kubelet::schedule_probe(const std::string& uid, std::size_t index, Probe kind, sim::Duration delay) {
  PodState* p = find(uid);
  if (!p) return;
  after(*p, delay, [this, uid, index, kind, id = p->containers[index].container_id] { probe_tick(uid, index, kind, id); });
}

// One period of a probe worker (pkg/kubelet/prober/worker.go): liveness and
// readiness wait for the startup probe; thresholds count consecutive results;
// every failure is an Unhealthy event; a failed startup or liveness probe restarts
// the container, a failed readiness probe only takes it out of the endpoints.
void Kubelet::probe_tick(const std::string& uid, std::size_t index, Probe kind, const std::string& container_id) {
  PodState* p = find(uid);
  if (!p || p->terminating || !connected()) return;
  ContainerState& c = p->containers[index];
  if (c.container_id != container_id || c.phase != ContainerState::Phase::Running) return;
  const Json& probe = api::field(c.spec, {probe_field(kind)});
  const ProbeTiming t = probe_timing(probe);
  if (kind == Probe::Startup && c.started_ok) return;
  if (kind != Probe::Startup && !c.started_ok) {
    schedule_probe(uid, index, kind, t.period);
    return;
  }
  const std::string hostname = api::str_field(*p->pod, {"spec", "hostname"}, api::meta::name(*p->pod));
  const ProbeResult r = run_probe(probe, c, p->ip, hostname, api_.sim().now());
  ProbeState& st = kind == Probe::Startup ? c.startup : kind == Probe::Liveness ? c.liveness : c.readiness;
  static const char* kNames[] = {"Startup", "Liveness", "Readiness"};
  const std::string label = kNames[static_cast<int>(kind)];
  if (r.success) {
    st.failures = 0;
    ++st.successes;
    if (kind == Probe::Startup) {
      c.started_ok = true;
      if (api::field(c.spec, {"readinessProbe"}).is_null() && !c.ready) {
        c.ready = true;
        write_status(uid);
      }
      return;
    }
    if (kind == Probe::Readiness && !c.ready && st.successes >= t.success_threshold) {
      c.ready = true;
      write_status(uid);
    }
    schedule_probe(uid, index, kind, t.period);
    return;
  }
  st.successes = 0;
  ++st.failures;
  event(*p, &c, true, "Unhealthy", label + " probe failed: " + r.message);
  if (st.failures < t.failure_threshold) {
    schedule_probe(uid, index, kind, t.period);
    return;
  }
  if (kind == Probe::Readiness) {
    if (c.ready) {
      c.ready = false;
      write_status(uid);
    }
    schedule_probe(uid, index, kind, t.period);
    return;
  }
  // Startup or liveness: the container is killed and restarted.
  const std::string what = kind == Probe::Startup ? "startup" : "liveness";
  event(*p, &c, false, "Killing", "Container " + c.name + " failed " + what + " probe, will be restarted");
  c.ready = false;
  const sim::Duration grace = sim::seconds(probe.contains("terminationGracePeriodSeconds")
                                               ? probe.value("terminationGracePeriodSeconds", std::int64_t{30})
                                               : api::int_field(*p->pod, {"spec", "terminationGracePeriodSeconds"}, 30));
  const bool killed = c.plan.ignores_sigterm;
  const sim::Duration stop = killed ? grace : cfg_.stop_time;
  after(*p, stop, [this, uid, index, killed, id = c.container_id] {
    PodState* q = find(uid);
    if (!q || q->containers[index].container_id != id || q->containers[index].phase != ContainerState::Phase::Running)
      return;
    container_exited(uid, false, index, killed ? 137 : 0, killed ? "Error" : "Completed");
  });
}

void Kubelet::container_exited(const std::string& uid, bool init, std::size_t index, int code, std::string reason) {
  PodState* p = find(uid);
  if (!p) return;
  ContainerState& c = container(*p, init, index);
  const sim::Time now = api_.sim().now();
  Termination t;
  t.exit_code = code;
  t.reason = std::move(reason);
  if (t.reason == "StartError") t.message = c.plan.start_error;
  t.started = c.started;
  t.finished = now;
  t.container_id = c.container_id;
  c.current = t;
  c.phase = ContainerState::Phase::Terminated;
  c.ready = init && code == 0;
  if (now - c.started >= sim::minutes(10)) c.consecutive_failures = 0;  // ran long enough: back-off reset
  write_status(uid);
  restart_or_settle(uid, init, index);
}

void Kubelet::restart_or_settle(const std::string& uid, bool init, std::size_t index) {
  PodState* p = find(uid);
  if (!p || p->terminating) return;
  ContainerState& c = container(*p, init, index);
  const std::string policy = api::str_field(*p->pod, {"spec", "restartPolicy"}, "Always");
  const int code = c.current->exit_code;
  if (init && code == 0) {
    start_next(uid);
    return;
  }
  const bool restart = init ? policy != "Never" : (policy == "Always" || (policy == "OnFailure" && code != 0));
  if (!restart) {
    if (pod_phase(*p) == "Succeeded" || pod_phase(*p) == "Failed") {
      // The sandbox goes away; the address returns to the pool but stays in status.
      const std::string ip = p->ip;
      release(*p);
      p->ip = ip;
      p->sandbox_ready = false;
      write_status(uid);
    }
    return;
  }
  sim::Duration delay{};
  if (c.consecutive_failures > 0) {
    delay = cfg_.initial_backoff;
    for (int i = 1; i < c.consecutive_failures && delay < cfg_.max_backoff; ++i) delay = delay * 2;
    delay = std::min(delay, cfg_.max_backoff);
  }
  ++c.consecutive_failures;
  auto restart_now = [this, uid, init, index] {
    PodState* q = find(uid);
    if (!q || q->terminating) return;
    ContainerState& k = container(*q, init, index);
    k.last = k.current;
    k.current.reset();
    k.phase = ContainerState::Phase::Waiting;
    k.waiting_reason = "ContainerCreating";
    ++k.restarts;
    pull_and_start(uid, init, index);
  };
  if (delay == sim::Duration{}) {
    after(*p, sim::seconds(1), restart_now);
    return;
  }
  c.last = c.current;
  c.current.reset();
  c.phase = ContainerState::Phase::Waiting;
  c.waiting_reason = "CrashLoopBackOff";
  c.waiting_message = "back-off " + util::go_duration_string(delay) + " restarting failed container=" + c.name +
                      " pod=" + pod_desc(*p);
  event(*p, &c, true, "BackOff", "Back-off restarting failed container " + c.name + " in pod " + pod_desc(*p));
  write_status(uid);
  after(*p, delay, [this, uid, init, index, restart_now] {
    PodState* q = find(uid);
    if (!q || q->terminating) return;
    ContainerState& k = container(*q, init, index);
    k.current = k.last;  // restart_now moves it back into lastState
    k.last.reset();
    restart_now();
  });
}

// ---- termination -----------------------------------------------------------------------

void Kubelet::begin_termination(const std::string& uid) {
  PodState* p = find(uid);
  if (!p) return;
  p->terminating = true;
  for (auto id : p->timers) api_.sim().cancel(id);
  p->timers.clear();
  const sim::Duration grace =
      sim::seconds(std::max<std::int64_t>(0, api::int_field(*p->pod, {"metadata", "deletionGracePeriodSeconds"}, 30)));
  sim::Duration longest{};
  for (auto* list : {&p->containers, &p->init_containers}) {
    for (auto& c : *list) {
      if (c.phase != ContainerState::Phase::Running) continue;
      event(*p, &c, false, "Killing", "Stopping container " + c.name);
      // The preStop hook runs first; SIGTERM follows; all within the grace period.
      const sim::Duration d = c.plan.ignores_sigterm ? grace : std::min(grace, prestop_duration(c.spec) + cfg_.stop_time);
      longest = std::max(longest, d);
    }
  }
  after(*p, longest, [this, uid] { finish_termination(uid); });
}

void Kubelet::finish_termination(const std::string& uid) {
  PodState* p = find(uid);
  if (!p) return;
  const sim::Time now = api_.sim().now();
  const sim::Duration grace =
      sim::seconds(api::int_field(*p->pod, {"metadata", "deletionGracePeriodSeconds"}, 30));
  for (auto* list : {&p->containers, &p->init_containers}) {
    for (auto& c : *list) {
      if (c.phase != ContainerState::Phase::Running) continue;
      Termination t;
      const bool killed = (c.plan.ignores_sigterm && grace > cfg_.stop_time) ||
                          prestop_duration(c.spec) + cfg_.stop_time > grace;
      t.exit_code = killed ? 137 : 0;
      t.reason = killed ? "Error" : "Completed";
      t.started = c.started;
      t.finished = now;
      t.container_id = c.container_id;
      c.current = t;
      c.phase = ContainerState::Phase::Terminated;
      c.ready = false;
    }
  }
  p->sandbox_ready = false;
  write_status(uid);
  const std::string ns = api::meta::namespace_of(*p->pod);
  const std::string name = api::meta::name(*p->pod);
  if (!connected()) return;  // deleted when the kubelet is back (connect() reconciles)
  api::DeleteOptions opts;
  opts.grace_period_seconds = 0;
  opts.precondition_uid = uid;
  try {
    api_.remove(api_.resource("", "pods"), ns, name, opts);
  } catch (const api::ApiError&) {
    // Already gone, or replaced by a pod of the same name.
  }
}

// ---- status, addresses, lease -----------------------------------------------------------

void Kubelet::write_status(const std::string& uid) {
  if (!connected()) return;
  const auto& pods = api_.resource("", "pods");
  for (int attempt = 0; attempt < 2; ++attempt) {
    PodState* p = find(uid);
    if (!p) return;
    const Json& old_status = api::field(*p->pod, {"status"});
    Json status = build_pod_status(*p, old_status, machine_.internal_ip, api_.sim().now());
    if (status == old_status) return;
    const std::string ns = api::meta::namespace_of(*p->pod);
    Json obj = *p->pod;
    obj["status"] = std::move(status);
    api::WriteOptions opts;
    opts.subresource = "status";
    try {
      p->pod = api_.update(pods, ns, std::move(obj), opts);
      return;
    } catch (const api::ApiError& e) {
      if (e.reason() != "Conflict") return;
      auto fresh = api_.try_get(pods, api::meta::namespace_of(*p->pod), api::meta::name(*p->pod));
      if (!fresh || api::meta::uid(*fresh) != uid) return;
      p->pod = fresh;
    }
  }
}

std::string Kubelet::allocate_ip() {
  auto node = api_.try_get(api_.resource("", "nodes"), "", machine_.name);
  const std::string cidr = node ? api::str_field(*node, {"spec", "podCIDR"}) : "";
  unsigned a = 0, b = 0, c = 0, d = 0, bits = 24;
  if (std::sscanf(cidr.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &bits) != 5) return "";
  const std::uint32_t base = (a << 24) | (b << 16) | (c << 8) | d;
  const std::uint32_t size = bits >= 32 ? 1 : (1u << (32 - bits));
  for (std::uint32_t tries = 0; tries + 3 < size; ++tries) {
    const std::uint32_t host = next_ip_;
    next_ip_ = next_ip_ + 1 >= size - 1 ? 2 : next_ip_ + 1;
    const std::uint32_t ip = base + host;
    char buf[20];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    if (ips_in_use_.insert(buf).second) return buf;
  }
  return "";
}

void Kubelet::release(PodState& p) {
  if (!p.ip.empty() && p.ip != machine_.internal_ip) ips_in_use_.erase(p.ip);
  p.ip.clear();
}

void Kubelet::renew_lease() {
  const auto& leases = api_.resource("coordination.k8s.io", "leases");
  const std::string now = util::format_rfc3339_micro(api_.sim().now());
  try {
    if (auto lease = api_.try_get(leases, "kube-node-lease", machine_.name)) {
      Json updated = *lease;
      updated["spec"]["renewTime"] = now;
      api_.update(leases, "kube-node-lease", std::move(updated));
    } else if (auto node = api_.try_get(api_.resource("", "nodes"), "", machine_.name)) {
      Json owner = {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", machine_.name}, {"uid", api::meta::uid(*node)}};
      api_.create(leases, "kube-node-lease",
                  Json{{"apiVersion", "coordination.k8s.io/v1"},
                       {"kind", "Lease"},
                       {"metadata", {{"name", machine_.name}, {"ownerReferences", Json::array({owner})}}},
                       {"spec",
                        {{"holderIdentity", machine_.name},
                         {"leaseDurationSeconds", cfg_.lease_duration_seconds},
                         {"renewTime", now}}}});
    }
  } catch (const api::ApiError&) {
    // The next renewal retries.
  }
  lease_timer_ = api_.sim().schedule(cfg_.lease_renew_interval, [w = life_.weak(), this] {
    if (!w.expired() && connected()) renew_lease();
  });
}

void Kubelet::post_node_status() {
  struct Want {
    const char* type;
    const char* status;
    const char* reason;
    const char* message;
  };
  const Want kWanted[] = {
      memory_pressure_ ? Want{"MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available"}
                       : Want{"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
      disk_pressure_ ? Want{"DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure"}
                     : Want{"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
      {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
      {"Ready", "True", "KubeletReady", "kubelet is posting ready status"}};
  const auto& nodes = api_.resource("", "nodes");
  const sim::Time now_t = api_.sim().now();
  if (auto node = api_.try_get(nodes, "", machine_.name)) {
    const std::string now = util::format_rfc3339(now_t);
    const bool due = last_status_report_ == sim::Time{} || now_t - last_status_report_ >= cfg_.node_status_report;
    Json obj = *node;
    const Json& old = api::field(*node, {"status", "conditions"});
    Json conds = Json::array();
    bool changed = false, became_ready = false;
    for (const auto& w : kWanted) {
      const Json* prev = nullptr;
      if (old.is_array())
        for (const auto& c : old)
          if (c.value("type", "") == w.type) prev = &c;
      const bool same = prev && prev->value("status", "") == w.status && prev->value("reason", "") == w.reason;
      if (!same) changed = true;
      if (!same && std::string(w.type) == "Ready") became_ready = true;
      const bool same_status = prev && prev->value("status", "") == w.status;
      conds.push_back({{"type", w.type},
                       {"status", w.status},
                       {"reason", w.reason},
                       {"message", w.message},
                       {"lastHeartbeatTime", same && !due ? prev->value("lastHeartbeatTime", now) : now},
                       {"lastTransitionTime", same_status ? prev->value("lastTransitionTime", now) : now}});
    }
    if (changed || due) {
      obj["status"]["conditions"] = conds;
      api::WriteOptions opts;
      opts.subresource = "status";
      try {
        api_.update(nodes, "", std::move(obj), opts);
        last_status_report_ = now_t;
        if (became_ready && old.is_array() && !old.empty())
          recorder_->event(*node, client::EventType::Normal, "NodeReady",
                           "Node " + machine_.name + " status is now: NodeReady");
      } catch (const api::ApiError&) {
        // Retried on the next tick.
      }
    }
  }
  status_timer_ = api_.sim().schedule(cfg_.node_status_update, [w = life_.weak(), this] {
    if (!w.expired() && connected()) post_node_status();
  });
}

void Kubelet::create_mirror_pods() {
  const auto& pods = api_.resource("", "pods");
  auto node = api_.try_get(api_.resource("", "nodes"), "", machine_.name);
  if (!node) return;
  for (Json& manifest : static_pod_manifests(machine_, cfg_.kubernetes_version, cfg_.service_cidr, cfg_.pod_cidr)) {
    for (const auto& c : api::field(manifest, {"spec", "containers"})) preload_image(c.value("image", std::string()));
    manifest["metadata"]["ownerReferences"] = Json::array(
        {Json{{"apiVersion", "v1"}, {"controller", true}, {"kind", "Node"}, {"name", machine_.name},
              {"uid", api::meta::uid(*node)}}});
    try {
      api_.create(pods, "kube-system", std::move(manifest));
    } catch (const api::ApiError&) {
      // A mirror pod from before is still there.
    }
  }
}

}  // namespace kt::node
