// `kubectl logs (POD | TYPE/NAME) [-c CONTAINER] [-p] [--tail N] [--timestamps] [-f]`:
// what the container wrote, as the kubelet's runtime kept it (core/node). TYPE/NAME
// (deployment, replicaset, job, statefulset, daemonset, …) picks one of the pods its
// selector matches, saying which when there are several. A pod with several
// containers and no -c uses its default container and says so, as v1.32 does.
//
// FIXME(issue 5): -f does not stream yet: it waits (in virtual time, at most 10
// minutes) for a container that is going to exit and prints its whole log; for one
// that runs on, it prints what there is.
#include <algorithm>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/cluster/cluster.h"
#include "core/kubectl/command.h"
#include "core/kubectl/resource_args.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"
#include "core/util/timefmt.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

std::string bad_request(const std::string& msg) { return "Error from server (BadRequest): " + msg + "\n"; }

// The pod a TYPE/NAME stands for: the owner's selector, ready and newest first.
api::ObjectPtr pod_for(Invocation& inv, const api::ResourceInfo& res, const std::string& name, std::string& note,
                       std::string& error) {
  auto& api = inv.sb.api();
  const std::string ns = inv.ns();
  auto owner = api.try_get(res, res.namespaced ? ns : "", name);
  if (!owner) {
    error = "Error from server (NotFound): " + res.qualified() + " \"" + name + "\" not found\n";
    return nullptr;
  }
  const Json& sel = api::field(*owner, {"spec", "selector"});
  api::LabelSelector selector;
  try {
    selector = sel.contains("matchLabels") || sel.contains("matchExpressions") ? api::LabelSelector::from_json(sel)
                                                                              : api::LabelSelector::from_set(sel);
  } catch (const std::exception&) {
    error = "error: cannot attach to " + res.kind + ": selector for " + res.kind + " is not valid\n";
    return nullptr;
  }
  std::vector<api::ObjectPtr> pods;
  for (const auto& p : api.list(api.resource("", "pods"), ns).items)
    if (selector.matches(api::meta::labels(*p))) pods.push_back(p);
  if (pods.empty()) {
    error = "error: timed out waiting for the condition\n";
    return nullptr;
  }
  std::stable_sort(pods.begin(), pods.end(), [](const api::ObjectPtr& a, const api::ObjectPtr& b) {
    const bool ra = api::str_field(*a, {"status", "phase"}) == "Running";
    const bool rb = api::str_field(*b, {"status", "phase"}) == "Running";
    if (ra != rb) return ra;
    return api::str_field(*a, {"metadata", "creationTimestamp"}) > api::str_field(*b, {"metadata", "creationTimestamp"});
  });
  if (pods.size() > 1)
    note = "Found " + std::to_string(pods.size()) + " pods, using pod/" + api::meta::name(*pods[0]) + "\n";
  return pods[0];
}

CommandResult run_logs(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.empty())
    return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
                "argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
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
  if (auto slash = target.find('/'); slash != std::string::npos) {
    const api::ResourceInfo* res = api.registry().resolve(target.substr(0, slash));
    if (!res) return fail("error: the server doesn't have a resource type \"" + target.substr(0, slash) + "\"\n");
    if (res->plural == "pods") {
      target = target.substr(slash + 1);
    } else {
      pod = pod_for(inv, *res, target.substr(slash + 1), note, error);
      if (!pod) return fail(error);
    }
  }
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

  // -f: let a container that is going to exit finish first.
  if (a.flag("follow") && !previous && cs->phase == node::ContainerState::Phase::Running && !cs->plan.runs_forever) {
    const sim::Time end = cs->started + cs->plan.runs_for;
    if (end > sb.sim().now() && end - sb.sim().now() <= sim::minutes(10)) sb.advance(end - sb.sim().now() + sim::millis(1));
    st = kubelet->pod(ns, pod_name);
    cs = nullptr;
    if (st)
      for (const auto* list : {&st->containers, &st->init_containers})
        for (const auto& c : *list)
          if (c.name == container) cs = &c;
    if (!cs) return {note, 0};
  }
  const auto& entries = previous ? cs->previous_log : cs->log;
  std::vector<std::pair<sim::Time, std::string>> lines;
  for (const auto& [t, text] : entries) {
    if (!previous && t > sb.sim().now()) continue;
    std::size_t start = 0;
    while (start <= text.size()) {  // a log entry may hold several lines
      const auto nl = text.find('\n', start);
      lines.emplace_back(t, text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  const std::int64_t tail = a.integer("tail", -1);
  if (tail >= 0 && static_cast<std::int64_t>(lines.size()) > tail)
    lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(tail));
  std::string out;
  for (const auto& [t, text] : lines) {
    if (a.flag("timestamps")) {
      std::string ts = util::format_rfc3339_micro(t);  // 2025-01-15T09:12:00.123456Z
      ts.insert(ts.size() - 1, "000");                   // RFC3339Nano as the kubelet writes it
      out += ts + " ";
    }
    out += text + "\n";
  }
  return {note + out, 0};
}

}  // namespace

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
          {"since", "since-time", "limit-bytes", "all-containers", "prefix", "selector", "max-log-requests",
           "ignore-errors"}};
}

}  // namespace kt::kubectl
