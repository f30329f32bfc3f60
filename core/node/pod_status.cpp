#include "core/node/pod_status.h"

#include "core/util/timefmt.h"

namespace kt::node {
namespace {

std::string restart_policy(const PodState& p) {
  return api::str_field(*p.pod, {"spec", "restartPolicy"}, "Always");
}

Json termination_json(const Termination& t) {
  Json j = {{"containerID", t.container_id},
            {"exitCode", t.exit_code},
            {"finishedAt", util::format_rfc3339(t.finished)},
            {"reason", t.reason},
            {"startedAt", util::format_rfc3339(t.started)}};
  if (!t.message.empty()) j["message"] = t.message;
  return j;
}

Json volume_mounts(const Json& spec) {
  Json out = Json::array();
  const Json& mounts = api::field(spec, {"volumeMounts"});
  if (!mounts.is_array()) return out;
  for (const auto& m : mounts) {
    Json v = {{"mountPath", m.value("mountPath", std::string())}, {"name", m.value("name", std::string())}};
    if (m.value("readOnly", false)) {
      v["readOnly"] = true;
      v["recursiveReadOnly"] = "Disabled";
    }
    out.push_back(std::move(v));
  }
  return out;
}

Json container_status(const ContainerState& c) {
  Json s = {{"name", c.name}, {"ready", c.ready}, {"restartCount", c.restarts}};
  s["image"] = c.image ? c.image->ref.full() : c.spec.value("image", std::string());
  s["imageID"] = c.image ? c.image->ref.domain + "/" + c.image->ref.repository + "@" + c.image->digest : "";
  if (!c.container_id.empty() && c.ever_started) s["containerID"] = c.container_id;
  s["started"] = c.phase == ContainerState::Phase::Running && c.started_ok;
  switch (c.phase) {
    case ContainerState::Phase::Waiting: {
      Json w = {{"reason", c.waiting_reason}};
      if (!c.waiting_message.empty()) w["message"] = c.waiting_message;
      s["state"] = {{"waiting", w}};
      break;
    }
    case ContainerState::Phase::Running:
      s["state"] = {{"running", {{"startedAt", util::format_rfc3339(c.started)}}}};
      break;
    case ContainerState::Phase::Terminated:
      s["state"] = {{"terminated", termination_json(*c.current)}};
      break;
  }
  s["lastState"] = c.last ? Json{{"terminated", termination_json(*c.last)}} : Json::object();
  if (Json vm = volume_mounts(c.spec); !vm.empty()) s["volumeMounts"] = vm;
  return s;
}

// Keeps the old condition's lastTransitionTime when its status did not change.
Json condition(const Json& old_status, const std::string& type, bool status, sim::Time now,
               const std::string& reason = "", const std::string& message = "") {
  const std::string value = status ? "True" : "False";
  std::string transition = util::format_rfc3339(now);
  if (const Json& conds = api::field(old_status, {"conditions"}); conds.is_array())
    for (const auto& c : conds)
      if (c.value("type", "") == type && c.value("status", "") == value)
        transition = c.value("lastTransitionTime", transition);
  Json c = {{"lastProbeTime", nullptr}, {"lastTransitionTime", transition}, {"status", value}, {"type", type}};
  if (!reason.empty()) c["reason"] = reason;
  if (!message.empty()) c["message"] = message;
  return c;
}

std::string names_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? " " : "") + names[i];
  return out + "]";
}

}  // namespace

std::string pod_desc(const PodState& p) {
  return api::meta::name(*p.pod) + "_" + api::meta::namespace_of(*p.pod) + "(" + p.uid + ")";
}

std::string pod_phase(const PodState& p) {
  if (!p.evicted_reason.empty()) return "Failed";
  const std::string policy = restart_policy(p);
  int pending_init = 0, failed_init = 0;
  for (const auto& c : p.init_containers) {
    if (c.phase == ContainerState::Phase::Terminated) {
      if (c.current->exit_code != 0) ++failed_init;
    } else if (c.phase == ContainerState::Phase::Waiting && c.last && c.last->exit_code != 0) {
      ++failed_init;
    } else {
      ++pending_init;
    }
  }
  int running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const auto& c : p.containers) {
    switch (c.phase) {
      case ContainerState::Phase::Running: ++running; break;
      case ContainerState::Phase::Terminated:
        ++stopped;
        if (c.current->exit_code == 0) ++succeeded;
        break;
      case ContainerState::Phase::Waiting:
        if (c.last) ++stopped;
        else ++waiting;
        break;
    }
  }
  if (failed_init > 0 && policy == "Never") return "Failed";
  if (pending_init > 0 || failed_init > 0) return "Pending";
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (policy == "Always") return "Running";
    if (stopped == succeeded) return "Succeeded";
    if (policy == "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

Json build_pod_status(const PodState& p, const Json& old_status, const std::string& host_ip, sim::Time now) {
  Json s = Json::object();
  const std::string phase = pod_phase(p);
  s["phase"] = phase;

  std::vector<std::string> incomplete_init, unready;
  for (const auto& c : p.init_containers)
    if (!(c.phase == ContainerState::Phase::Terminated && c.current->exit_code == 0)) incomplete_init.push_back(c.name);
  for (const auto& c : p.containers)
    if (!c.ready) unready.push_back(c.name);
  const bool done = phase == "Succeeded" || phase == "Failed";

  Json conds = Json::array();
  conds.push_back(condition(old_status, "PodReadyToStartContainers", p.sandbox_ready && !done, now));
  if (incomplete_init.empty())
    conds.push_back(condition(old_status, "Initialized", true, now, done && !p.init_containers.empty() ? "PodCompleted" : ""));
  else
    conds.push_back(condition(old_status, "Initialized", false, now, "ContainersNotInitialized",
                              "containers with incomplete status: " + names_list(incomplete_init)));
  if (done) {
    conds.push_back(condition(old_status, "Ready", false, now, "PodCompleted"));
    conds.push_back(condition(old_status, "ContainersReady", false, now, "PodCompleted"));
  } else if (unready.empty()) {
    conds.push_back(condition(old_status, "Ready", true, now));
    conds.push_back(condition(old_status, "ContainersReady", true, now));
  } else {
    const std::string msg = "containers with unready status: " + names_list(unready);
    conds.push_back(condition(old_status, "Ready", false, now, "ContainersNotReady", msg));
    conds.push_back(condition(old_status, "ContainersReady", false, now, "ContainersNotReady", msg));
  }
  // Conditions the kubelet does not own stay as they are (status manager's
  // mergePodStatus): PodScheduled from the scheduler, DisruptionTarget from the taint
  // manager, pod GC or an eviction (what a Job's podFailurePolicy matches).
  if (const Json& old = api::field(old_status, {"conditions"}); old.is_array())
    for (const auto& c : old) {
      const std::string type = c.value("type", "");
      if (type != "PodReadyToStartContainers" && type != "Initialized" && type != "Ready" && type != "ContainersReady")
        conds.push_back(c);
    }
  if (!p.evicted_reason.empty()) {
    bool marked = false;
    for (const auto& c : conds) marked = marked || c.value("type", "") == "DisruptionTarget";
    if (!marked)
      conds.push_back(condition(old_status, "DisruptionTarget", true, now, "TerminationByKubelet", p.evicted_message));
  }
  s["conditions"] = conds;

  s["hostIP"] = host_ip;
  s["hostIPs"] = Json::array({Json{{"ip", host_ip}}});
  if (!p.ip.empty()) {  // a finished pod keeps the address it had
    s["podIP"] = p.ip;
    s["podIPs"] = Json::array({Json{{"ip", p.ip}}});
  }
  s["startTime"] = util::format_rfc3339(p.start_time);
  if (!p.init_containers.empty()) {
    Json inits = Json::array();
    for (const auto& c : p.init_containers) inits.push_back(container_status(c));
    s["initContainerStatuses"] = inits;
  }
  Json cs = Json::array();
  for (const auto& c : p.containers) cs.push_back(container_status(c));
  s["containerStatuses"] = cs;
  if (const Json& q = api::field(old_status, {"qosClass"}); q.is_string()) s["qosClass"] = q;
  if (!p.evicted_reason.empty()) {
    s["reason"] = p.evicted_reason;
    s["message"] = p.evicted_message;
  }
  return s;
}

}  // namespace kt::node
