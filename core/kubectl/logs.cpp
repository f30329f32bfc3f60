// `kubectl logs (POD | TYPE/NAME) [-c CONTAINER] [-p] [--tail N] [--since D] [--timestamps] [-f]`:
// what the container wrote, as the kubelet's runtime kept it (core/node). TYPE/NAME
// (deployment, replicaset, job, statefulset, daemonset, …) picks one of the pods its
// selector matches, saying which when there are several. A pod with several
// containers and no -c uses its default container and says so, as v1.32 does.
//
// -f is a job (core/terminal/job.h): the lines so far, then each line as the
// container writes it, until that container instance ends. In the terminal it
// streams until then or Ctrl-C; elsewhere (a script, `kubetab run`) it waits in
// virtual time for a container that exits within 10 minutes and prints what there is
// of one that runs on. `kubectl attach` follows the same way from the current line.
#include <algorithm>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/cluster/cluster.h"
#include "core/kubectl/command.h"
#include "core/kubectl/extra_commands.h"
#include "core/kubectl/pod_target.h"
#include "core/kubectl/resource_args.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"
#include "core/terminal/job.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

// Log lines as the kubelet returns them: an entry may hold several lines; with
// --timestamps each starts with its RFC3339Nano time.
std::string format_lines(const std::vector<std::pair<sim::Time, std::string>>& lines, bool timestamps) {
  std::string out;
  for (const auto& [t, text] : lines) {
    if (timestamps) {
      std::string ts = util::format_rfc3339_micro(t);  // 2025-01-15T09:12:00.123456Z
      ts.insert(ts.size() - 1, "000");                   // RFC3339Nano as the kubelet writes it
      out += ts + " ";
    }
    out += text + "\n";
  }
  return out;
}

void split_entry(sim::Time t, const std::string& text, std::vector<std::pair<sim::Time, std::string>>& lines) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    lines.emplace_back(t, text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

const node::ContainerState* find_container(const node::PodState* st, const std::string& container) {
  const node::ContainerState* cs = nullptr;
  if (st)
    for (const auto* list : {&st->containers, &st->init_containers})
      for (const auto& c : *list)
        if (c.name == container) cs = &c;
  return cs;
}

// logs -f: follows one container instance (its container ID) from the log entry
// `next` on. The kubelet keeps the entries in time order.
class FollowJob : public Job {
 public:
  FollowJob(Sandbox& sb, std::string node, std::string ns, std::string pod, std::string container, std::string id,
            std::size_t next, bool timestamps, sim::Duration limit)
      : sb_(sb), node_(std::move(node)), ns_(std::move(ns)), pod_(std::move(pod)), container_(std::move(container)),
        id_(std::move(id)), next_(next), timestamps_(timestamps), limit_(limit) {}

  std::string poll() override {
    if (done_) return "";
    const node::Kubelet* kubelet = sb_.cluster().kubelet(node_);
    const node::ContainerState* cs = kubelet ? find_container(kubelet->pod(ns_, pod_), container_) : nullptr;
    if (!cs || cs->container_id != id_) {  // the pod or this instance is gone
      done_ = true;
      return "";
    }
    std::vector<std::pair<sim::Time, std::string>> lines;
    const sim::Time now = sb_.sim().now();
    while (next_ < cs->log.size() && cs->log[next_].first <= now) {
      split_entry(cs->log[next_].first, cs->log[next_].second, lines);
      ++next_;
    }
    if (cs->phase != node::ContainerState::Phase::Running) done_ = next_ >= cs->log.size() || cs->log[next_].first > now;
    return format_lines(lines, timestamps_);
  }
  bool done() const override { return done_; }
  void stop() override { done_ = true; }
  sim::Duration batch_limit() const override { return limit_; }

 private:
  Sandbox& sb_;
  std::string node_, ns_, pod_, container_, id_;
  std::size_t next_;
  bool timestamps_;
  sim::Duration limit_;
  bool done_ = false;
};

std::string bad_request(const std::string& msg) { return "Error from server (BadRequest): " + msg + "\n"; }

// TYPE/NAME in logs and attach: a pod's name becomes `target`; another kind's object
// gives the pod its selector picks (`pod`, with kubectl's "Found N pods" `note`).
// False with `error` for an unknown type or a workload without a pod.
bool resolve_target(Invocation& inv, std::string& target, api::ObjectPtr& pod, std::string& note, std::string& error) {
  const auto slash = target.find('/');
  if (slash == std::string::npos) return true;
  const api::ResourceInfo* res = inv.sb.api().registry().resolve(target.substr(0, slash));
  if (!res) {
    error = "error: the server doesn't have a resource type \"" + target.substr(0, slash) + "\"\n";
    return false;
  }
  if (res->plural == "pods") {
    target = target.substr(slash + 1);
    return true;
  }
  pod = pod_for_workload(inv, *res, target.substr(slash + 1), note, error);
  return pod != nullptr;
}

CommandResult run_logs(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.empty())
    return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
                "argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  // --since: only lines from the last N seconds (the duration rounded up to whole
  // seconds, as kubectl sends sinceSeconds).
  sim::Duration since{};
  if (a.has("since")) {
    try {
      since = util::parse_go_duration(a.str("since"));
    } catch (const std::invalid_argument& e) {
      return fail("Error: invalid argument \"" + a.str("since") + "\" for \"--since\" flag: " + e.what() +
                  "\nSee 'kubectl logs --help' for usage.\n");
    }
    const std::int64_t us = since.us;
    since = sim::seconds((us + 999999) / 1000000);
  }
  auto& sb = inv.sb;
  auto& api = sb.api();
  const std::string ns = inv.ns();
  std::string note, error;
  api::ObjectPtr pod;
  std::string target = a.positional[0];
  std::string container = a.str("container");
  if (a.positional.size() > 1) {
    if (!container.empty())
      return fail("error: only one of -c or an inline [CONTAINER] arg is allowed\nSee 'kubectl logs -h' for help and examples\n");
    container = a.positional[1];
  }
  if (!resolve_target(inv, target, pod, note, error)) return fail(error);
  if (!pod) {
    pod = api.try_get(api.resource("", "pods"), ns, target);
    if (!pod) return fail("Error from server (NotFound): pods \"" + target + "\" not found\n");
  }
  const std::string pod_name = api::meta::name(*pod);
  const Json& containers = api::field(*pod, {"spec", "containers"});
  std::vector<std::string> names;
  if (containers.is_array())
    for (const auto& c : containers) names.push_back(c.value("name", std::string()));
  if (container.empty()) {
    container = api::str_field(*pod, {"metadata", "annotations", "kubectl.kubernetes.io/default-container"});
    if (container.empty() && !names.empty()) container = names[0];
    if (names.size() > 1) {
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      note += "Defaulted container \"" + container + "\" out of: " + all + "\n";
    }
  }
  bool known = std::count(names.begin(), names.end(), container) > 0;
  if (const Json& inits = api::field(*pod, {"spec", "initContainers"}); inits.is_array())
    for (const auto& c : inits)
      if (c.value("name", std::string()) == container) known = true;
  if (!known) return fail(note + bad_request("container " + container + " is not valid for pod " + pod_name));

  const node::Kubelet* kubelet = sb.cluster().kubelet(api::str_field(*pod, {"spec", "nodeName"}));
  const node::PodState* st = kubelet ? kubelet->pod(ns, pod_name) : nullptr;
  const node::ContainerState* cs = nullptr;
  if (st)
    for (const auto* list : {&st->containers, &st->init_containers})
      for (const auto& c : *list)
        if (c.name == container) cs = &c;
  const bool previous = a.flag("previous");
  if (!cs || (!cs->ever_started && !previous)) {
    std::string reason = "ContainerCreating";
    if (cs && !cs->waiting_reason.empty()) reason = cs->waiting_reason;
    if (reason == "ErrImagePull" || reason == "ImagePullBackOff") reason = "trying and failing to pull image";
    if (reason == "PodInitializing" && api::str_field(*pod, {"spec", "nodeName"}).empty()) reason = "ContainerCreating";
    return fail(note + bad_request("container \"" + container + "\" in pod \"" + pod_name + "\" is waiting to start: " + reason));
  }
  if (previous && cs->previous_log.empty() && !cs->last)
    return fail(note + bad_request("previous terminated container \"" + container + "\" in pod \"" + pod_name + "\" not found"));

  const auto& entries = previous ? cs->previous_log : cs->log;
  std::vector<std::pair<sim::Time, std::string>> lines;
  std::size_t next = 0;  // the first entry not printed yet
  for (const auto& [t, text] : entries) {
    if (!previous && t > sb.sim().now()) break;
    if (since.us <= 0 || t >= sb.sim().now() - since) split_entry(t, text, lines);
    ++next;
  }
  const std::int64_t tail = a.integer("tail", -1);
  if (tail >= 0 && static_cast<std::int64_t>(lines.size()) > tail)
    lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(tail));
  CommandResult r{note + format_lines(lines, a.flag("timestamps")), 0};
  if (a.flag("follow") && !previous && cs->phase == node::ContainerState::Phase::Running) {
    // Outside a terminal: wait (at most 10 minutes) for a container that is going to exit.
    sim::Duration limit{};
    const sim::Time end = cs->started + cs->plan.runs_for;
    if (!cs->plan.runs_forever && end > sb.sim().now() && end - sb.sim().now() <= sim::minutes(10))
      limit = end - sb.sim().now() + sim::millis(1);
    r.job = std::make_shared<FollowJob>(sb, api::str_field(*pod, {"spec", "nodeName"}), ns, pod_name, container,
                                        cs->container_id, next, a.flag("timestamps"), limit);
  }
  return r;
}

// `kubectl attach POD [-c CONTAINER]`: the container's output from now on, as the
// kubelet's attach stream carries it (no earlier lines), until the instance ends.
// -i (the container's stdin) is not available yet.
CommandResult run_attach(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.empty()) return fail("error: at least 1 argument is required for attach\n");
  if (a.positional.size() > 1)
    return fail("error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw " +
                std::to_string(a.positional.size()) + ": [" + a.positional[0] + " " + a.positional[1] + "]\n");
  if (a.flag("stdin")) return fail("error: kubectl attach -i (the container's stdin) is not available in this sandbox yet\n");
  auto& sb = inv.sb;
  auto& api = sb.api();
  const std::string ns = inv.ns();
  std::string target = a.positional[0], note, error;
  api::ObjectPtr pod;
  if (!resolve_target(inv, target, pod, note, error)) return fail(error);
  if (!pod) pod = api.try_get(api.resource("", "pods"), ns, target);
  if (!pod) return fail("Error from server (NotFound): pods \"" + target + "\" not found\n");
  const std::string phase = api::str_field(*pod, {"status", "phase"});
  if (phase == "Succeeded" || phase == "Failed")
    return fail("error: cannot attach a container in a completed pod; current phase is " + phase + "\n");
  const std::string pod_name = api::meta::name(*pod);
  std::vector<std::string> names;
  if (const Json& cs = api::field(*pod, {"spec", "containers"}); cs.is_array())
    for (const auto& c : cs) names.push_back(c.value("name", std::string()));
  std::string container = a.str("container");
  if (container.empty()) {
    container = api::str_field(*pod, {"metadata", "annotations", "kubectl.kubernetes.io/default-container"});
    if (container.empty() && !names.empty()) container = names[0];
    if (names.size() > 1) {
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      note += "Defaulted container \"" + container + "\" out of: " + all + "\n";
    }
  } else if (std::count(names.begin(), names.end(), container) == 0) {
    return fail(note + "error: container " + container + " not found in pod " + pod_name + "\n");
  }
  const std::string node_name = api::str_field(*pod, {"spec", "nodeName"});
  const node::Kubelet* kubelet = sb.cluster().kubelet(node_name);
  const node::ContainerState* cs = kubelet ? find_container(kubelet->pod(ns, pod_name), container) : nullptr;
  if (!cs || cs->phase != node::ContainerState::Phase::Running)
    return fail(note + "error: unable to upgrade connection: container not found (\"" + container + "\")\n");
  std::size_t next = 0;
  while (next < cs->log.size() && cs->log[next].first <= sb.sim().now()) ++next;
  CommandResult r{note, 0};
  sim::Duration limit{};
  const sim::Time end = cs->started + cs->plan.runs_for;
  if (!cs->plan.runs_forever && end > sb.sim().now() && end - sb.sim().now() <= sim::minutes(10))
    limit = end - sb.sim().now() + sim::millis(1);
  r.job = std::make_shared<FollowJob>(sb, node_name, ns, pod_name, container, cs->container_id, next, false, limit);
  return r;
}

}  // namespace

Command attach_command() {
  return {"attach",
          {{"container", 'c', K::String, ""},
           {"stdin", 'i', K::Bool, "false"},
           {"tty", 't', K::Bool, "false"},
           {"quiet", 'q', K::Bool, "false"},
           {"pod-running-timeout", 0, K::String, "1m0s"}},
          run_attach,
          {}};
}

Command logs_command() {
  return {"logs",
          {{"container", 'c', K::String, ""},
           {"follow", 'f', K::Bool, "false"},
           {"previous", 'p', K::Bool, "false"},
           {"tail", 0, K::Int, "-1"},
           {"timestamps", 0, K::Bool, "false"},
           {"since", 0, K::String, "0s"},
           {"since-time", 0, K::String, ""},
           {"limit-bytes", 0, K::Int, "0"},
           {"all-containers", 0, K::Bool, "false"},
           {"prefix", 0, K::Bool, "false"},
           {"selector", 'l', K::String, ""},
           {"max-log-requests", 0, K::Int, "5"},
           {"pod-running-timeout", 0, K::String, "20s"},
           {"ignore-errors", 0, K::Bool, "false"},
           {"insecure-skip-tls-verify-backend", 0, K::Bool, "false"}},
          run_logs,
          {},
          {"since-time", "limit-bytes", "all-containers", "prefix", "selector", "max-log-requests",
           "ignore-errors"}};
}

}  // namespace kt::kubectl
