// `kubectl set` (its subcommands: set_image.cpp, set_env.cpp, set_resources.cpp) and
// `kubectl rollout status|history|undo|restart|pause|resume` for Deployments, DaemonSets and StatefulSets, as kubectl v1.32 does them client-side
// (the per-kind reading is in rollout_viewers.cpp):
//   rollout status                the status viewer's line (Deployment, DaemonSet,
//                                 StatefulSet: rollout_viewers.h) for the object as
//                                 listed, then one per watch event (repeats included, as
//                                 kubectl prints them) until the rollout is complete: a
//                                 job (core/terminal/job.h) that streams in the terminal,
//                                 else runs at most --timeout or 600 s of virtual time
//                                 ("error: timed out waiting for the condition")
//   rollout history [--revision]  REVISION / CHANGE-CAUSE from the ReplicaSets or
//                                 ControllerRevisions; one revision's pod template
//   rollout undo [--to-revision]  copies that revision's template back ("rolled back")
//   rollout restart               the restartedAt annotation on the template
//   rollout pause / resume        spec.paused (Deployments only, as in kubectl)
#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/pod_template_text.h"
#include "core/kubectl/workload_edit.h"
#include "core/kubectl/resource_args.h"
#include "core/kubectl/rollout_viewers.h"
#include "core/sandbox.h"
#include "core/terminal/job.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

constexpr const char* kChangeCause = "kubernetes.io/change-cause";

// "Job.batch", "ConfigMap": schema.GroupKind's String().
std::string group_kind(const api::ResourceInfo& res) { return res.kind + (res.group.empty() ? "" : "." + res.group); }

// Whether kubectl's kind visitor (pkg/apps/kind_visitor.go) knows the kind: the
// history viewers and rollbackers are looked up through it.
bool visitor_kind(const api::ResourceInfo& res) {
  static const std::vector<std::string> kinds = {"DaemonSet", "Deployment", "Job",         "Pod",
                                                 "ReplicaSet", "ReplicationController", "StatefulSet", "CronJob"};
  return std::find(kinds.begin(), kinds.end(), res.kind) != kinds.end();
}

bool has_rollout(const api::ResourceInfo& res) {
  return res.kind == "Deployment" || res.kind == "DaemonSet" || res.kind == "StatefulSet";
}

// HistoryViewerFor / RollbackerFor's errors for a kind without one ("history", "rollbacker").
std::string no_viewer(const api::ResourceInfo& res, const std::string& what) {
  if (visitor_kind(res))
    return "no " + std::string(what == "history" ? "history viewer" : "rollbacker") + " has been implemented for \"" +
           group_kind(res) + "\"";
  return "error retrieving " + what + " for \"" + group_kind(res) + "\", no visitor method exists for {" + res.group +
         " " + res.kind + "}";
}

// The objects a rollout command names: TYPE/NAME..., TYPE NAME..., TYPE (all of them),
// TYPE -l SEL, -f FILE.
Workloads targets(Invocation& inv) {
  if (inv.args.positional.empty() && inv.args.list("filename").empty())
    return {{}, "error: required resource not specified\n"};
  return find_workloads(inv, inv.args.positional, LocalArgs::Ignored, true);
}

// One object's part of a rollout command: what it prints, or its error.
struct Step {
  std::string out;
  std::string error;  // a Go error's text
};

// r.Visit with ContinueOnError: each object in turn, the errors (unreadable objects
// included) printed last. `none_found`: the line for no objects at all.
CommandResult visit(Invocation& inv, const std::function<Step(const Workload&)>& fn, const std::string& none_found = "") {
  Workloads found = targets(inv);
  if (!found.error.empty()) return fail(found.error);
  if (found.items.empty()) return {none_found, 0};
  std::string out;
  ErrorList errs;
  for (const auto& w : found.items) {
    if (!w.obj) {
      errs.add_standard(w.missing);
      continue;
    }
    Step step = fn(w);
    out += step.out;
    if (!step.error.empty()) errs.add(step.error);
  }
  const std::string tail = errs.text();
  return {out + tail, tail.empty() ? 0 : 1};
}

std::string no_resources_line(const Invocation& inv) { return "No resources found in " + inv.ns() + " namespace.\n"; }

}  // namespace

// kubectl's record.go: the command path, its arguments, then every flag that was
// set as --name=value in flag-name order (pflag's Visit), e.g.
// "kubectl set image ds/x c1=nginx:1.17 --namespace=kt --record=true".
std::string record_cause(const Invocation& inv) {
  std::string cmd = "kubectl " + inv.path;
  for (const auto& p : inv.args.positional) cmd += " " + p;
  for (const auto& [name, values] : inv.args.values_) {
    if (values.empty()) continue;
    std::string value = values.back();
    if (name == "filename") {  // a string slice prints as [a,b]
      value = "[";
      for (std::size_t i = 0; i < values.size(); ++i) value += (i ? "," : "") + values[i];
      value += "]";
    }
    cmd += " --" + name + "=" + value;
  }
  return cmd;
}

namespace {

RolloutStatus status_of(const api::ResourceInfo& res, const Json& obj) {
  if (res.kind == "DaemonSet") return daemonset_rollout_status(obj);
  if (res.kind == "StatefulSet") return statefulset_rollout_status(obj);
  return deployment_rollout_status(obj);
}

// "deployments.apps \"web\"", as the pause/resume errors name an object.
std::string resource_and_name(const api::ResourceInfo& res, const std::string& name) {
  return res.plural + (res.group.empty() ? "" : "." + res.group) + " \"" + name + "\"";
}

// rollout status as kubectl's UntilWithSync runs it: a status line for each ADDED or
// MODIFIED event of the one object until the viewer says done.
class RolloutStatusJob : public Job {
 public:
  // timeout: --timeout, zero for none.
  RolloutStatusJob(Sandbox& sb, const api::ResourceInfo& res, const std::string& ns, const std::string& name,
                   std::uint64_t from, sim::Duration timeout)
      : sb_(sb), res_(res), timeout_(timeout), deadline_(sb.sim().now() + timeout) {
    api::WatchOptions wo;
    wo.resource_version = std::to_string(from);
    wo.field_selector = "metadata.name=" + name;
    watch_ = sb.api().watch(res, ns, wo, [this](const api::WatchEvent& e) { on_event(e); });
  }
  ~RolloutStatusJob() override { stop(); }

  // Lines printed before the watch starts (the objects before this one).
  void print(const std::string& text) { out_ += text; }
  // The listed object's state: the first line.
  void show(const Json& d) {
    const RolloutStatus st = status_of(res_, d);
    out_ += (st.error ? "error: " : "") + st.line;
    if (st.error) finish(1);
    else if (st.done) finish(0);
  }
  std::string poll() override {
    if (!done_ && timeout_ > sim::Duration{} && sb_.sim().now() >= deadline_) {
      out_ += "error: timed out waiting for the condition\n";
      finish(1);
    }
    return std::exchange(out_, "");
  }
  bool done() const override { return done_; }
  int exit_code() const override { return code_; }
  void stop() override {
    if (watch_) watch_->stop();
  }
  sim::Duration batch_limit() const override { return timeout_ > sim::Duration{} ? timeout_ : sim::seconds(600); }
  std::string on_batch_timeout(int& code) override {
    code = 1;
    return "error: timed out waiting for the condition\n";
  }

 private:
  void on_event(const api::WatchEvent& e) {
    if (done_) return;
    if (e.type == api::WatchEvent::Type::Deleted) {
      out_ += "error: object has been deleted\n";
      finish(1);
    } else if (e.type == api::WatchEvent::Type::Added || e.type == api::WatchEvent::Type::Modified) {
      show(*e.object);
    }
  }
  void finish(int code) {
    done_ = true;
    code_ = code;
    stop();
  }

  Sandbox& sb_;
  const api::ResourceInfo& res_;
  sim::Duration timeout_;
  sim::Time deadline_;
  api::WatchPtr watch_;
  std::string out_;
  bool done_ = false;
  int code_ = 0;
};

CommandResult rollout_status(Invocation& inv) {
  sim::Duration timeout{};
  try {
    timeout = util::parse_go_duration(inv.args.str("timeout", "0s"));
  } catch (const std::invalid_argument& e) {
    return fail("Error: invalid argument \"" + inv.args.str("timeout") + "\" for \"--timeout\" flag: " + e.what() +
                "\nSee 'kubectl rollout status --help' for usage.\n");
  }
  Workloads found = targets(inv);
  if (!found.error.empty()) return fail(found.error);
  if (found.items.empty()) return {no_resources_line(inv), 0};
  const bool watch = inv.args.flag("watch", true);
  std::string out;
  ErrorList errs;
  for (std::size_t i = 0; i < found.items.size(); ++i) {
    const Workload& w = found.items[i];
    if (!w.obj) {
      errs.add_standard(w.missing);
      continue;
    }
    if (!has_rollout(*w.res)) {
      errs.add("no status viewer has been implemented for " + w.res->kind);
      continue;
    }
    // The object as the status watch lists it (by name, from the latest state).
    const std::string ns = api::meta::namespace_of(*w.obj), name = api::meta::name(*w.obj);
    api::ListOptions lo;
    lo.field_selector = "metadata.name=" + name;
    const api::ListResult listed = inv.sb.api().list(*w.res, ns, lo);
    if (listed.items.empty()) {
      errs.add_standard("Error from server (NotFound): " + w.res->qualified() + " \"" + name + "\" not found");
      continue;
    }
    const RolloutStatus st = status_of(*w.res, *listed.items[0]);
    if (!watch || st.done || st.error) {
      if (st.error) errs.add(st.line);
      else out += st.line;
      continue;
    }
    // Still rolling out: kubectl watches it to the end before it goes on, which the
    // sandbox streams as a job for the last object only.
    if (i + 1 != found.items.size() || !errs.empty())
      return fail(out + "error: kubectl rollout status on several objects still rolling out is not available in this "
                        "sandbox yet (name one object)\n");
    auto job = std::make_shared<RolloutStatusJob>(inv.sb, *w.res, ns, name, listed.resource_version, timeout);
    job->print(out);
    job->show(*listed.items[0]);
    CommandResult r;
    r.job = std::move(job);
    return r;
  }
  const std::string tail = errs.text();
  return {out + tail, tail.empty() ? 0 : 1};
}

Step history_of(Invocation& inv, const Workload& w, std::int64_t want) {
  if (!has_rollout(*w.res)) return {"", no_viewer(*w.res, "history")};
  const std::vector<Revision> revisions = workload_revisions(inv.sb.api(), *w.res, *w.obj);
  const std::string id = kind_name(*w.res, api::meta::name(*w.obj));
  if (revisions.empty()) return {id + " \nNo rollout history found.\n", ""};
  if (want > 0) {
    for (auto it = revisions.rbegin(); it != revisions.rend(); ++it)
      if (it->number == want)
        return {id + " with revision #" + std::to_string(want) + "\n" + describe_pod_template(it->pod_template) + "\n",
                ""};
    return {"", "unable to find the specified revision"};
  }
  // history.go's tabwriter: padding 2, no minimum width.
  std::map<std::int64_t, std::string> rows;
  for (const auto& r : revisions) rows[r.number] = r.change_cause.empty() ? "<none>" : r.change_cause;
  std::string out = id + " \n";
  std::size_t width = std::string("REVISION").size();
  for (const auto& row : rows) width = std::max(width, std::to_string(row.first).size());
  auto line = [&](const std::string& a, const std::string& b) { return a + std::string(width + 2 - a.size(), ' ') + b + "\n"; };
  out += line("REVISION", "CHANGE-CAUSE");
  for (const auto& row : rows) out += line(std::to_string(row.first), row.second);
  return {out + "\n", ""};
}

CommandResult rollout_history(Invocation& inv) {
  const std::int64_t want = inv.args.integer("revision", 0);
  if (want < 0 && !inv.args.positional.empty())
    return fail("error: revision must be a positive integer: " + std::to_string(want) + "\n");
  return visit(inv, [&inv, want](const Workload& w) { return history_of(inv, w, want); });
}

// The template a revision holds, as the workload's spec.template would carry it.
Json restorable_template(const api::ResourceInfo& res, const Revision& r) {
  Json tmpl = r.pod_template;
  if (res.kind != "Deployment" || !tmpl.is_object() || !tmpl.contains("metadata")) return tmpl;
  // (contains() first: operator[] would add a null member and change the template's hash.)
  Json& meta = tmpl["metadata"];
  if (meta.contains("labels") && meta["labels"].is_object()) meta["labels"].erase("pod-template-hash");
  if (meta.contains("annotations") && meta["annotations"].is_object()) {
    meta["annotations"].erase(kChangeCause);
    if (meta["annotations"].empty()) meta.erase("annotations");
  }
  return tmpl;
}

Step undo_of(Invocation& inv, const Workload& w) {
  if (!has_rollout(*w.res)) return {"", no_viewer(*w.res, "rollbacker")};
  const std::string id = kind_name(*w.res, api::meta::name(*w.obj));
  const std::vector<Revision> revisions = workload_revisions(inv.sb.api(), *w.res, *w.obj);
  const std::int64_t to = inv.args.integer("to-revision", 0);
  const bool deployment = w.res->kind == "Deployment";
  const Step not_found{"", "unable to find specified revision " + std::to_string(to) + " in history"};
  if (to < 0) return not_found;
  const Revision* chosen = nullptr;
  if (to > 0) {
    for (const auto& r : revisions)
      if (r.number == to) chosen = &r;
    if (!chosen) return not_found;
  } else {
    if (revisions.size() < 2)
      return {"", deployment ? "no rollout history found for deployment \"" + api::meta::name(*w.obj) + "\""
                             : "no last revision to roll back to"};
    chosen = &revisions[revisions.size() - 2];  // the one before the current revision
  }
  const Json tmpl = restorable_template(*w.res, *chosen);
  if (tmpl == api::field(*w.obj, {"spec", "template"}))
    return {id + " skipped rollback (current template already matches revision " +
                std::to_string(deployment ? chosen->number : to) + ")\n",
            ""};
  Json obj = *w.obj;
  obj["spec"]["template"] = tmpl;
  if (deployment) {
    // The change-cause follows the template it came with.
    if (chosen->change_cause.empty()) {
      if (obj["metadata"]["annotations"].is_object()) obj["metadata"]["annotations"].erase(kChangeCause);
    } else {
      obj["metadata"]["annotations"][kChangeCause] = chosen->change_cause;
    }
  }
  std::string error;  // checked by rollout_undo
  const std::string dry = dry_run_mode(inv.args, error);
  if (dry == "client") {
    // The rollbacker prints the template it would restore (a Deployment's: its
    // ReplicaSet's, pod-template-hash and all) instead of writing it.
    const Json& shown = deployment && chosen->source ? api::field(*chosen->source, {"spec", "template"}) : tmpl;
    return {id + " " + describe_pod_template(shown) + " (dry run)\n", ""};
  }
  try {
    api::WriteOptions opts;
    opts.field_manager = inv.args.str("field-manager", "kubectl-rollout");
    opts.dry_run = dry == "server";
    const std::string ns = api::meta::namespace_of(obj);
    inv.sb.api().update(*w.res, ns, std::move(obj), opts);
  } catch (const api::ApiError& e) {
    return {"", e.message()};
  }
  return {id + " rolled back" + dry_run_suffix(dry) + "\n", ""};
}

CommandResult rollout_undo(Invocation& inv) {
  std::string error;
  dry_run_mode(inv.args, error);
  if (!error.empty()) return fail(error);
  return visit(inv, [&inv](const Workload& w) { return undo_of(inv, w); });
}

// restart, pause, resume: set.CalculatePatches over r.Infos(); the objects that could
// not be read come first among the errors.
CommandResult rollout_set(Invocation& inv, const std::string& verb) {
  Workloads found = targets(inv);
  if (!found.error.empty()) return fail(found.error);
  if (found.items.empty()) return {no_resources_line(inv), 0};
  ErrorList errs;
  for (const auto& w : found.items)
    if (!w.obj) errs.add_standard(w.missing);
  std::string out;
  for (const auto& w : found.items) {
    if (!w.obj) continue;
    const std::string name = api::meta::name(*w.obj);
    const std::string who = "error: " + resource_and_name(*w.res, name) + " ";
    Json obj = *w.obj;
    if (verb == "restart") {
      if (!has_rollout(*w.res)) {
        errs.add(who + "restarting is not supported");
        continue;
      }
      if (api::field(obj, {"spec", "paused"}) == Json(true)) {
        errs.add(who + "can't restart paused deployment (run rollout resume first)");
        continue;
      }
      obj["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] =
          util::format_rfc3339(inv.sb.sim().now());
      if (obj == *w.obj) {
        errs.add("failed to create patch for " + name +
                 ": if restart has already been triggered within the past second, please wait before attempting to "
                 "trigger another");
        continue;
      }
    } else {
      const bool pause = verb == "pause";
      if (w.res->kind != "Deployment") {
        errs.add(who + (pause ? "pausing" : "resuming") + " is not supported");
        continue;
      }
      // The pauser/resumer's own errors (objectpauser.go, objectresumer.go).
      if (obj["spec"].value("paused", false) == pause) {
        errs.add(who + (pause ? "is already paused" : "is not paused"));
        continue;
      }
      if (pause) obj["spec"]["paused"] = true;
      else obj["spec"].erase("paused");
    }
    try {
      api::WriteOptions opts;
      opts.field_manager = inv.args.str("field-manager", "kubectl-rollout");
      const std::string ns = api::meta::namespace_of(obj);
      inv.sb.api().update(*w.res, ns, std::move(obj), opts);
    } catch (const api::ApiError& e) {
      errs.add("failed to patch: " + e.message());
      continue;
    }
    out += kind_name(*w.res, name) + (verb == "restart" ? " restarted\n" : verb == "pause" ? " paused\n" : " resumed\n");
  }
  const std::string tail = errs.text();
  return {out + tail, tail.empty() ? 0 : 1};
}

CommandResult rollout_restart(Invocation& inv) { return rollout_set(inv, "restart"); }
CommandResult rollout_pause(Invocation& inv) { return rollout_set(inv, "pause"); }
CommandResult rollout_resume(Invocation& inv) { return rollout_set(inv, "resume"); }

}  // namespace

Command set_command() {
  return {"set", {}, nullptr, {set_image_command(), set_env_command(), set_resources_command(), set_serviceaccount_command()}};
}

Command rollout_command() {
  std::vector<FlagSpec> common = filename_flags();
  common.push_back({"selector", 'l', K::String, ""});
  auto with = [&](std::vector<FlagSpec> extra) {
    extra.insert(extra.end(), common.begin(), common.end());
    return extra;
  };
  const std::vector<std::string> unsupported = {"kustomize"};
  return {"rollout",
          {},
          nullptr,
          {{"status", with({{"watch", 'w', K::Bool, "true"}, {"revision", 0, K::Int, "0"}, {"timeout", 0, K::String, "0s"}}),
            rollout_status, {}, unsupported},
           {"history", with({{"revision", 0, K::Int, "0"}, {"output", 'o', K::String, ""}}), rollout_history, {},
            {"kustomize", "output"}},
           {"undo", with({{"to-revision", 0, K::Int, "0"}, dry_run_flag()}), rollout_undo, {}, unsupported},
           {"restart", with({}), rollout_restart, {}, unsupported},
           {"pause", with({}), rollout_pause, {}, unsupported},
           {"resume", with({}), rollout_resume, {}, unsupported}}};
}

}  // namespace kt::kubectl
