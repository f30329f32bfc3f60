// Pods and pod templates (printPod, printPodTemplate). printPod's STATUS cell is the
// kubelet-facing summary everyone reads: the phase, replaced by the pod's reason,
// by "Init:<reason>" / "Init:N/M" while init containers run, by the last container
// whose state has a reason (CrashLoopBackOff, Completed, ...), and finally by
// "Terminating" (or "Unknown" for a pod on a lost node) once deletion started.
#include "core/api/labels.h"
#include "core/printers/printer_util.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

bool is_restartable_init(const Json* container) {
  return container && str_field(*container, {"restartPolicy"}) == "Always";
}

bool condition_true(const Json& pod, const char* type) {
  const Json& conds = field(pod, {"status", "conditions"});
  if (!conds.is_array()) return false;
  for (const auto& c : conds)
    if (str_field(c, {"type"}) == type) return str_field(c, {"status"}) == "True";
  return false;
}

bool has_ready_condition(const Json& pod) {
  const Json& conds = field(pod, {"status", "conditions"});
  if (!conds.is_array()) return false;
  for (const auto& c : conds)
    if (str_field(c, {"type"}) == "Ready" && str_field(c, {"status"}) == "True") return true;
  return false;
}

// The later of two RFC 3339 times ("" counts as the zero time).
void keep_latest(std::string& latest, sim::Time& latest_t, const Json& terminated) {
  if (!terminated.is_object()) return;
  auto t = util::parse_rfc3339(str_field(terminated, {"finishedAt"}));
  if (!t) return;
  if (latest.empty() || *t > latest_t) {
    latest = str_field(terminated, {"finishedAt"});
    latest_t = *t;
  }
}

std::string exit_reason(const char* prefix, const Json& terminated) {
  std::int64_t signal = api::int_field(terminated, {"signal"}, 0);
  if (signal != 0) return std::string(prefix) + "Signal:" + std::to_string(signal);
  return std::string(prefix) + "ExitCode:" + std::to_string(api::int_field(terminated, {"exitCode"}, 0));
}

Row pod_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& pod = *obj;
  const Json& spec_containers = field(pod, {"spec", "containers"});
  const Json& spec_inits = field(pod, {"spec", "initContainers"});
  std::int64_t restarts = 0, restartable_init_restarts = 0;
  std::int64_t total = spec_containers.is_array() ? static_cast<std::int64_t>(spec_containers.size()) : 0;
  std::int64_t ready = 0;
  std::string last_restart, last_restartable_restart;
  sim::Time last_restart_t{}, last_restartable_restart_t{};

  const std::string phase = str_field(pod, {"status", "phase"});
  std::string reason = phase;
  if (!str_field(pod, {"status", "reason"}).empty()) reason = str_field(pod, {"status", "reason"});

  // {type: PodScheduled, reason: SchedulingGated} shows as SchedulingGated.
  if (const Json& conds = field(pod, {"status", "conditions"}); conds.is_array())
    for (const auto& c : conds)
      if (str_field(c, {"type"}) == "PodScheduled" && str_field(c, {"reason"}) == "SchedulingGated")
        reason = "SchedulingGated";

  Row row;
  row.object = obj;
  if (phase == "Succeeded")
    row.conditions = Json::array({{{"type", "Completed"}, {"status", "True"}, {"reason", "Succeeded"},
                                   {"message", "The pod has completed successfully."}}});
  else if (phase == "Failed")
    row.conditions = Json::array(
        {{{"type", "Completed"}, {"status", "True"}, {"reason", "Failed"}, {"message", "The pod failed."}}});

  auto init_spec = [&](const std::string& name) -> const Json* {
    if (!spec_inits.is_array()) return nullptr;
    for (const auto& c : spec_inits)
      if (str_field(c, {"name"}) == name) return &c;
    return nullptr;
  };
  if (spec_inits.is_array())
    for (const auto& c : spec_inits)
      if (is_restartable_init(&c)) ++total;

  bool initializing = false;
  const Json& init_statuses = field(pod, {"status", "initContainerStatuses"});
  const std::size_t n_inits = spec_inits.is_array() ? spec_inits.size() : 0;
  if (init_statuses.is_array()) {
    for (std::size_t i = 0; i < init_statuses.size(); ++i) {
      const Json& cs = init_statuses[i];
      const bool restartable = is_restartable_init(init_spec(str_field(cs, {"name"})));
      restarts += api::int_field(cs, {"restartCount"}, 0);
      const Json& last_term = field(cs, {"lastState", "terminated"});
      keep_latest(last_restart, last_restart_t, last_term);
      if (restartable) {
        restartable_init_restarts += api::int_field(cs, {"restartCount"}, 0);
        keep_latest(last_restartable_restart, last_restartable_restart_t, last_term);
      }
      const Json& terminated = field(cs, {"state", "terminated"});
      const Json& waiting = field(cs, {"state", "waiting"});
      const Json& started = field(cs, {"started"});
      if (terminated.is_object() && api::int_field(terminated, {"exitCode"}, 0) == 0) continue;
      if (restartable && started.is_boolean() && started.get<bool>()) {
        const Json& r = field(cs, {"ready"});
        if (r.is_boolean() && r.get<bool>()) ++ready;
        continue;
      }
      if (terminated.is_object()) {
        const std::string tr = str_field(terminated, {"reason"});
        reason = tr.empty() ? exit_reason("Init:", terminated) : "Init:" + tr;
      } else if (waiting.is_object() && !str_field(waiting, {"reason"}).empty() &&
                 str_field(waiting, {"reason"}) != "PodInitializing") {
        reason = "Init:" + str_field(waiting, {"reason"});
      } else {
        reason = "Init:" + std::to_string(i) + "/" + std::to_string(n_inits);
      }
      initializing = true;
      break;
    }
  }

  if (!initializing || condition_true(pod, "Initialized")) {
    restarts = restartable_init_restarts;
    last_restart = last_restartable_restart;
    last_restart_t = last_restartable_restart_t;
    bool has_running = false;
    const Json& statuses = field(pod, {"status", "containerStatuses"});
    if (statuses.is_array()) {
      for (std::size_t k = statuses.size(); k-- > 0;) {
        const Json& cs = statuses[k];
        restarts += api::int_field(cs, {"restartCount"}, 0);
        keep_latest(last_restart, last_restart_t, field(cs, {"lastState", "terminated"}));
        const Json& waiting = field(cs, {"state", "waiting"});
        const Json& terminated = field(cs, {"state", "terminated"});
        const Json& running = field(cs, {"state", "running"});
        const Json& rdy = field(cs, {"ready"});
        if (waiting.is_object() && !str_field(waiting, {"reason"}).empty()) {
          reason = str_field(waiting, {"reason"});
        } else if (terminated.is_object() && !str_field(terminated, {"reason"}).empty()) {
          reason = str_field(terminated, {"reason"});
        } else if (terminated.is_object()) {
          reason = exit_reason("", terminated);
        } else if (rdy.is_boolean() && rdy.get<bool>() && running.is_object()) {
          has_running = true;
          ++ready;
        }
      }
    }
    // A pod with a container still running is Running (or NotReady), not Completed.
    if (reason == "Completed" && has_running) reason = has_ready_condition(pod) ? "Running" : "NotReady";
  }

  const bool deleting = api::meta::being_deleted(pod);
  if (deleting && str_field(pod, {"status", "reason"}) == "NodeLost")
    reason = "Unknown";
  else if (deleting && phase != "Failed" && phase != "Succeeded")
    reason = "Terminating";

  std::string restarts_cell = std::to_string(restarts);
  if (restarts != 0 && !last_restart.empty())
    restarts_cell += " (" + util::human_duration(now - last_restart_t) + " ago)";

  std::string pod_ip;
  if (const Json& ips = field(pod, {"status", "podIPs"}); ips.is_array() && !ips.empty())
    pod_ip = str_field(ips[0], {"ip"});
  if (pod_ip.empty()) pod_ip = "<none>";
  std::string node = str_field(pod, {"spec", "nodeName"});
  if (node.empty()) node = "<none>";
  std::string nominated = str_field(pod, {"status", "nominatedNodeName"});
  if (nominated.empty()) nominated = "<none>";

  std::string gates = "<none>";
  if (const Json& rg = field(pod, {"spec", "readinessGates"}); rg.is_array() && !rg.empty()) {
    int true_conditions = 0;
    const Json& conds = field(pod, {"status", "conditions"});
    for (const auto& g : rg) {
      const std::string type = str_field(g, {"conditionType"});
      if (!conds.is_array()) continue;
      for (const auto& c : conds) {
        if (str_field(c, {"type"}) != type) continue;
        if (str_field(c, {"status"}) == "True") ++true_conditions;
        break;
      }
    }
    gates = std::to_string(true_conditions) + "/" + std::to_string(rg.size());
  }

  row.cells = {api::meta::name(pod),
               std::to_string(ready) + "/" + std::to_string(total),
               reason,
               restarts_cell,
               age(pod, now),
               pod_ip,
               node,
               nominated,
               gates};
  return row;
}

Row pod_template_row(const api::ObjectPtr& obj, sim::Time) {
  auto [names, images] = containers_cells(field(*obj, {"template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(*obj), names, images,
                        api::format_labels(field(*obj, {"template", "metadata", "labels"}))});
}

}  // namespace

void register_pod_printers() {
  add_printer("", "pods",
              {{name_column(),
                col("Ready", "string", 0, "The aggregate readiness state of this pod for accepting traffic."),
                col("Status", "string", 0, "The aggregate status of the containers in this pod."),
                col("Restarts", "string", 0,
                    "The number of times the containers in this pod have been restarted and when the last "
                    "container in this pod has restarted."),
                age_column(),
                col("IP", "string", 1,
                    "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet "
                    "allocated."),
                col("Node", "string", 1,
                    "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for "
                    "preemption by the scheduler."),
                col("Nominated Node", "string", 1,
                    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be "
                    "scheduled right away as preemption victims receive their graceful termination periods."),
                col("Readiness Gates", "string", 1,
                    "If specified, all readiness gates will be evaluated for pod readiness.")},
               pod_row});
  add_printer("", "podtemplates",
              {{name_column(), col("Containers", "string", 0, "Names of each container in the template."),
                col("Images", "string", 0, "Images referenced by each container in the template."),
                col("Pod Labels", "string", 0, "The labels for the pod template.")},
               pod_template_row});
}

}  // namespace kt::printers
