// `kubectl drain NODE... | -l SELECTOR` as kubectl v1.32 does it (pkg/cmd/drain and
// pkg/drain): cordon each node ("node/x cordoned"), list the pods bound to it (all
// namespaces, --pod-selector), sort them through the filters in kubectl's order:
//   deleted too long ago (--skip-wait-for-delete-timeout)  skipped
//   DaemonSet-managed                                    error, or with
//                                                        --ignore-daemonsets a warning
//   mirror (static) pods                                 skipped
//   emptyDir volumes                                     error, or with
//                                                        --delete-emptydir-data a warning
//   no controller                                        error, or with --force a warning
// (finished pods always go), then evict them through pods/eviction ("evicting pod
// ns/name"), retrying every 5s while a disruption budget refuses (429), or delete them
// with --disable-eviction, and wait until they are gone ("pod/x evicted"), letting
// virtual time run; "node/x drained" ends each node. --timeout bounds the whole wait.
#include <algorithm>
#include <map>

#include "core/api/apiserver.h"
#include "core/api/eviction.h"
#include "core/api/labels.h"
#include "core/kubectl/command.h"
#include "core/sandbox.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

constexpr const char* kDaemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
constexpr const char* kDaemonSetWarning = "ignoring DaemonSet-managed Pods";
constexpr const char* kLocalStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)";
constexpr const char* kUnmanagedFatal = "cannot delete Pods that declare no controller (use --force to override)";
constexpr const char* kUnmanagedWarning = "deleting Pods that declare no controller";

struct Options {
  bool force = false, ignore_daemonsets = false, delete_emptydir = false, disable_eviction = false;
  std::int64_t grace = -1;
  std::int64_t skip_wait_seconds = 0;
  sim::Duration timeout{0};  // 0: no limit
  std::string pod_selector, dry_run;
};

struct Status {
  enum class Reason { Okay, Skip, Warning, Error } reason = Reason::Okay;
  bool remove = true;
  std::string message;
};

Status okay() { return {}; }
Status skip() { return {Status::Reason::Skip, false, ""}; }
Status warning(bool remove, std::string m) { return {Status::Reason::Warning, remove, std::move(m)}; }
Status error(std::string m) { return {Status::Reason::Error, false, std::move(m)}; }

bool finished(const Json& pod) {
  const std::string phase = api::str_field(pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

Status filter(Sandbox& sb, const Options& o, const Json& pod) {
  // skipDeletedFilter
  if (o.skip_wait_seconds > 0 && api::meta::being_deleted(pod)) {
    auto t = util::parse_rfc3339(api::str_field(pod, {"metadata", "deletionTimestamp"}));
    if (t && (sb.sim().now() - *t).seconds() > static_cast<double>(o.skip_wait_seconds)) return skip();
  }
  // daemonSetFilter
  const Json* ref = api::meta::controller_ref(pod);
  if (ref && ref->value("kind", std::string()) == "DaemonSet" && !finished(pod)) {
    auto& api = sb.api();
    const std::string ds = ref->value("name", std::string());
    if (!api.try_get(api.resource("apps", "daemonsets"), api::meta::namespace_of(pod), ds)) {
      const std::string msg = "daemonsets.apps \"" + ds + "\" not found";
      if (o.force) return warning(true, msg);
      return error(msg);
    }
    if (!o.ignore_daemonsets) return error(kDaemonSetFatal);
    return warning(false, kDaemonSetWarning);
  }
  // mirrorPodFilter
  const Json& ann = api::meta::annotations(pod);
  if (ann.is_object() && ann.contains("kubernetes.io/config.mirror")) return skip();
  // localStorageFilter, then unreplicatedFilter: only the last filter's verdict is
  // kept, so a managed pod's local-storage warning is dropped, as in kubectl.
  const Json& volumes = api::field(pod, {"spec", "volumes"});
  bool local = false;
  if (volumes.is_array())
    for (const auto& v : volumes)
      if (v.is_object() && v.contains("emptyDir")) local = true;
  if (local && !finished(pod)) {
    if (!o.delete_emptydir) return error(kLocalStorageFatal);
  }
  if (finished(pod) || ref) return okay();
  if (o.force) return warning(true, kUnmanagedWarning);
  return error(kUnmanagedFatal);
}

struct PodList {
  std::vector<Json> remove;
  std::vector<std::pair<std::string, std::vector<std::string>>> warnings, errors;  // message → ns/name, first seen first
};

void add(std::vector<std::pair<std::string, std::vector<std::string>>>& to, const std::string& msg, const std::string& who) {
  for (auto& [m, pods] : to)
    if (m == msg) {
      pods.push_back(who);
      return;
    }
  to.push_back({msg, {who}});
}

using util::join;

PodList pods_for_deletion(Sandbox& sb, const Options& o, const std::string& node, std::string& list_error) {
  PodList out;
  auto& api = sb.api();
  api::ListOptions lo;
  lo.field_selector = "spec.nodeName=" + node;
  lo.label_selector = o.pod_selector;
  std::vector<api::ObjectPtr> pods;
  try {
    pods = api.list(api.resource("", "pods"), "", lo).items;
  } catch (const std::invalid_argument& e) {
    list_error = e.what();
    return out;
  } catch (const api::ApiError& e) {
    list_error = e.message();
    return out;
  }
  for (const auto& p : pods) {
    Status s = filter(sb, o, *p);
    const std::string who = api::meta::namespace_of(*p) + "/" + api::meta::name(*p);
    if (s.reason == Status::Reason::Warning) add(out.warnings, s.message, who);
    if (s.reason == Status::Reason::Error) add(out.errors, s.message.empty() ? "unexpected error" : s.message, who);
    if (s.remove) out.remove.push_back(*p);
  }
  return out;
}

// PodDeleteList.errors(), aggregated as utilerrors.NewAggregate prints them.
std::string errors_text(const PodList& l) {
  std::vector<std::string> errs;
  for (const auto& [msg, pods] : l.errors) {
    std::string lower = msg;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    errs.push_back((lower.rfind("cannot delete", 0) == 0 ? msg : "cannot delete " + msg) + ": " + join(pods, ", "));
  }
  return errs.size() == 1 ? errs[0] : "[" + join(errs, ", ") + "]";
}

// Evicts (or deletes) the pods and waits for them to go; "" or the error text.
std::string remove_pods(Sandbox& sb, const Options& o, const std::vector<Json>& pods, std::string& out) {
  auto& api = sb.api();
  const auto& res = api.resource("", "pods");
  const sim::Time start = sb.sim().now();
  const bool limited = o.timeout > sim::Duration{0};
  const std::string limit_text = limited ? util::go_duration_string(o.timeout) : "2562047h47m16.854775807s";
  api::DeleteOptions opts;
  if (o.grace >= 0) opts.grace_period_seconds = o.grace;
  opts.dry_run = o.dry_run == "server";

  struct Pending {
    Json pod;
    bool evicted = false, done = false;
    sim::Time retry_at{0};
  };
  std::vector<Pending> pending;
  std::vector<std::string> errors;
  for (const auto& p : pods) pending.push_back({p});
  if (o.disable_eviction) {
    for (auto& p : pending) {
      try {
        api.remove(res, api::meta::namespace_of(p.pod), api::meta::name(p.pod), opts);
      } catch (const api::ApiError& e) {
        if (e.code() != 404) return server_error(e).substr(0, server_error(e).size() - 1);
      }
      p.evicted = true;
    }
  }
  const char* verb = o.disable_eviction ? " deleted\n" : " evicted\n";
  auto step = [&]() {
    bool all_done = true;
    for (auto& p : pending) {
      if (p.done) continue;
      const std::string ns = api::meta::namespace_of(p.pod), name = api::meta::name(p.pod);
      if (!p.evicted && sb.sim().now() >= p.retry_at) {
        out += "evicting pod " + ns + "/" + name + (o.dry_run == "server" ? " (server dry run)" : "") + "\n";
        try {
          api::evict_pod(api, ns, name, opts);
          p.evicted = true;
          if (o.dry_run == "server") p.done = true;
        } catch (const api::ApiError& e) {
          if (e.code() == 404) {
            p.done = true;
            continue;
          }
          if (e.code() != 429) {
            errors.push_back("error when evicting pods/\"" + name + "\" -n \"" + ns + "\": " + e.message());
            p.done = true;
            continue;
          }
          out += "error when evicting pods/\"" + name + "\" -n \"" + ns + "\" (will retry after 5s): " + e.message() + "\n";
          p.retry_at = sb.sim().now() + sim::seconds(5);
        }
      }
      if (p.evicted && !p.done) {
        auto now = api.try_get(res, ns, name);
        if (!now || api::meta::uid(*now) != api::meta::uid(p.pod)) {
          out += "pod/" + name + verb;
          p.done = true;
        }
      }
      if (!p.done) all_done = false;
    }
    return all_done;
  };
  // kubectl polls every second; the simulation runs event by event in between.
  while (!step()) {
    if (limited && sb.sim().now() - start >= o.timeout) {
      for (auto& p : pending) {
        if (p.done) continue;
        const std::string ns = api::meta::namespace_of(p.pod), name = api::meta::name(p.pod);
        errors.push_back(p.evicted ? "error when waiting for pod \"" + name + "\" in namespace \"" + ns +
                                         "\" to terminate: global timeout reached: " + limit_text
                                   : "error when evicting pods/\"" + name + "\" -n \"" + ns +
                                         "\": global timeout reached: " + limit_text);
      }
      break;
    }
    sim::Duration wait = sim::seconds(1);
    if (limited) wait = std::min(wait, o.timeout - (sb.sim().now() - start));
    wait_for(sb, wait, [] { return false; });
  }
  if (errors.empty()) return "";
  return errors.size() == 1 ? errors[0] : "[" + join(errors, ", ") + "]";
}

CommandResult run_drain(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string err;
  Options o;
  o.dry_run = dry_run_mode(a, err);
  if (!err.empty()) return fail(err);
  o.force = a.flag("force");
  o.ignore_daemonsets = a.flag("ignore-daemonsets");
  o.delete_emptydir = a.flag("delete-emptydir-data") || a.flag("delete-local-data");
  o.disable_eviction = a.flag("disable-eviction");
  o.grace = a.integer("grace-period", -1);
  o.skip_wait_seconds = a.integer("skip-wait-for-delete-timeout", 0);
  o.pod_selector = a.str("pod-selector");
  std::string out;
  if (a.has("delete-local-data"))
    out += "Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use "
           "--delete-emptydir-data.\n";
  if (a.has("timeout")) {
    try {
      o.timeout = util::parse_go_duration(a.str("timeout"));
    } catch (const std::invalid_argument& e) {
      return fail("Error: invalid argument \"" + a.str("timeout") + "\" for \"--timeout\" flag: " + e.what() +
                  "\nSee 'kubectl drain --help' for usage.\n");
    }
  }
  const std::string selector = a.str("selector");
  if (a.positional.empty() && selector.empty())
    return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  if (!a.positional.empty() && !selector.empty())
    return fail("error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help "
                "and examples\n");
  if (!o.pod_selector.empty()) {
    try {
      api::LabelSelector::parse(o.pod_selector);
    } catch (const std::invalid_argument& e) {
      return fail(std::string("error: ") + e.what() + "\n");
    }
  }

  auto& api = inv.sb.api();
  const auto& nodes = api.resource("", "nodes");
  std::vector<std::string> names;
  if (!selector.empty()) {
    api::ListOptions lo;
    lo.label_selector = selector;
    try {
      for (const auto& n : api.list(nodes, "", lo).items) names.push_back(api::meta::name(*n));
    } catch (const std::invalid_argument& e) {
      return fail(std::string("error: ") + e.what() + "\n");
    }
  } else {
    for (std::string n : a.positional) {
      if (n.rfind("node/", 0) == 0 || n.rfind("nodes/", 0) == 0) n = n.substr(n.find('/') + 1);
      if (!api.try_get(nodes, "", n)) return {out + "Error from server (NotFound): nodes \"" + n + "\" not found\n", 1};
      names.push_back(n);
    }
  }
  const std::string suffix = dry_run_suffix(o.dry_run);
  // RunCordonOrUncordon(true)
  for (const auto& name : names) {
    auto node = api.try_get(nodes, "", name);
    if (!node) continue;
    if (api::field(*node, {"spec", "unschedulable"}) == true) {
      out += "node/" + name + " already cordoned" + suffix + "\n";
      continue;
    }
    if (o.dry_run != "client") {
      Json updated = *node;
      updated["spec"]["unschedulable"] = true;
      api::WriteOptions w;
      w.dry_run = o.dry_run == "server";
      try {
        api.update(nodes, "", std::move(updated), w);
      } catch (const api::ApiError& e) {
        out += "error: unable to cordon node \"" + name + "\": " + e.message() + "\n";
        continue;
      }
    }
    out += "node/" + name + " cordoned" + suffix + "\n";
  }

  std::vector<std::string> fatal, remaining;
  for (const auto& name : names) {
    std::string list_error, node_error;
    PodList l = pods_for_deletion(inv.sb, o, name, list_error);
    if (!list_error.empty()) node_error = list_error;
    else if (!l.errors.empty()) node_error = errors_text(l);
    if (node_error.empty()) {
      std::vector<std::string> w;
      for (const auto& [msg, pods] : l.warnings) w.push_back(msg + ": " + join(pods, ", "));
      if (!w.empty()) out += "Warning: " + join(w, "; ") + "\n";
      if (o.dry_run == "client") {
        for (const auto& p : l.remove)
          out += "evicting pod " + api::meta::namespace_of(p) + "/" + api::meta::name(p) + " (dry run)\n";
      } else if (!l.remove.empty()) {
        node_error = remove_pods(inv.sb, o, l.remove, out);
        if (!node_error.empty()) {
          std::string ignored;
          PodList left = pods_for_deletion(inv.sb, o, name, ignored);
          if (!left.remove.empty()) {
            out += "There are pending pods in node \"" + name + "\" when an error occurred: " + node_error + "\n";
            for (const auto& p : left.remove) out += "pod/" + api::meta::name(p) + "\n";
          }
        }
      }
    }
    if (node_error.empty()) {
      out += "node/" + name + " drained" + suffix + "\n";
      continue;
    }
    out += "error: unable to drain node \"" + name + "\" due to error: " + node_error + ", continuing command...\n";
    fatal.push_back(node_error);
    remaining.push_back(name);
  }
  if (remaining.empty()) return {out, 0};
  out += "There are pending nodes to be drained:\n";
  for (const auto& n : remaining) out += " " + n + "\n";
  // cmdutil.CheckErr of an aggregate: each error on its own line, without a prefix.
  for (const auto& f : fatal) out += f + "\n";
  return {out, 1};
}

}  // namespace

Command drain_command() {
  return {"drain",
          {dry_run_flag(),
           {"selector", 'l', K::String, ""},
           {"pod-selector", 0, K::String, ""},
           {"force", 0, K::Bool, "false"},
           {"ignore-daemonsets", 0, K::Bool, "false"},
           {"delete-emptydir-data", 0, K::Bool, "false"},
           {"delete-local-data", 0, K::Bool, "false"},
           {"disable-eviction", 0, K::Bool, "false"},
           {"grace-period", 0, K::Int, "-1"},
           {"timeout", 0, K::String, "0s"},
           {"skip-wait-for-delete-timeout", 0, K::Int, "0"},
           {"chunk-size", 0, K::Int, "500"}},
          run_drain,
          {}};
}

}  // namespace kt::kubectl
