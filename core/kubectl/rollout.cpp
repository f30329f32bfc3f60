// `kubectl set image` and `kubectl rollout status|history|undo|restart|pause|resume`
// for Deployments, DaemonSets and StatefulSets, as kubectl v1.32 does them client-side
// (the per-kind reading is in rollout_viewers.cpp):
//   set image TYPE/NAME c=img …   patches the containers' images ("image updated");
//                                 --record stores the command line as
//                                 kubernetes.io/change-cause (with its deprecation warning)
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
// (set env|resources: set_env.cpp.)
#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/pod_template_text.h"
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

struct Target {
  const api::ResourceInfo* res = nullptr;
  api::ObjectPtr obj;
  std::string error;
};

// The one TYPE/NAME (or TYPE NAME) a rollout command acts on.
Target target(Invocation& inv, const std::string& verb) {
  Target t;
  auto& api = inv.sb.api();
  if (inv.args.positional.empty()) {
    t.error = "error: required resource not specified\n";
    return t;
  }
  ResourceArgs ra = resolve_resource_args(api.registry(), inv.args.positional);
  if (!ra.error.empty()) {
    t.error = ra.error;
    return t;
  }
  if (ra.refs.empty() || ra.refs[0].name.empty()) {
    t.error = "error: resource(s) were provided, but no name was specified\n";
    return t;
  }
  t.res = ra.refs[0].res;
  if (t.res->kind != "Deployment" && t.res->kind != "DaemonSet" && t.res->kind != "StatefulSet") {
    t.error = "error: kubectl " + verb + " for " + t.res->qualified() + " is not available in this sandbox yet\n";
    return t;
  }
  t.obj = api.try_get(*t.res, inv.ns(), ra.refs[0].name);
  if (!t.obj) t.error = "Error from server (NotFound): " + t.res->qualified() + " \"" + ra.refs[0].name + "\" not found\n";
  return t;
}

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

CommandResult set_image(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string warn;
  if (a.has("record")) warn = "Flag --record has been deprecated, --record will be removed in the future\n";
  std::vector<std::string> resources, pairs;
  for (const auto& p : a.positional) (p.find('=') != std::string::npos ? pairs : resources).push_back(p);
  if (resources.empty() || pairs.empty())
    return fail(warn + "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  Invocation sub{inv.sb, inv.ctx, inv.path, a};
  sub.args.positional = resources;
  Target t = target(sub, "set image");
  if (!t.error.empty()) return fail(warn + t.error);
  Json obj = *t.obj;
  Json& containers = obj["spec"]["template"]["spec"]["containers"];
  for (const auto& p : pairs) {
    const std::string name = p.substr(0, p.find('=')), image = p.substr(p.find('=') + 1);
    bool found = false;
    for (auto& c : containers)
      if (name == "*" || c.value("name", "") == name) {
        c["image"] = image;
        found = true;
      }
    if (!found) return fail(warn + "error: unable to find container named \"" + name + "\"\n");
  }
  const bool changed = obj != *t.obj;
  if (a.flag("record")) obj["metadata"]["annotations"][kChangeCause] = record_cause(inv);
  try {
    api::WriteOptions opts;
    opts.field_manager = inv.args.str("field-manager", "kubectl-set");
    if (obj != *t.obj) inv.sb.api().update(*t.res, inv.ns(), std::move(obj), opts);
  } catch (const api::ApiError& e) {
    return fail(warn + server_error(e));
  }
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  return {warn + (changed ? id + " image updated\n" : ""), 0};
}

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
  Target t = target(inv, "rollout status");
  if (!t.error.empty()) return fail(t.error);
  const std::string ns = inv.ns(), name = api::meta::name(*t.obj);
  api::ListOptions lo;
  lo.field_selector = "metadata.name=" + name;
  const api::ListResult listed = inv.sb.api().list(*t.res, ns, lo);
  if (listed.items.empty()) return fail("Error from server (NotFound): " + t.res->qualified() + " \"" + name + "\" not found\n");
  if (!inv.args.flag("watch", true)) {
    const RolloutStatus st = status_of(*t.res, *listed.items[0]);
    return {(st.error ? "error: " : "") + st.line, st.error ? 1 : 0};
  }
  auto job = std::make_shared<RolloutStatusJob>(inv.sb, *t.res, ns, name, listed.resource_version, timeout);
  job->show(*listed.items[0]);
  CommandResult r;
  r.job = std::move(job);
  return r;
}

CommandResult rollout_history(Invocation& inv) {
  const std::int64_t want = inv.args.integer("revision", 0);
  if (want < 0 && !inv.args.positional.empty())
    return fail("error: revision must be a positive integer: " + std::to_string(want) + "\n");
  Target t = target(inv, "rollout history");
  if (!t.error.empty()) return fail(t.error);
  const std::vector<Revision> revisions = workload_revisions(inv.sb.api(), *t.res, *t.obj);
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  if (revisions.empty()) return {id + " \nNo rollout history found.\n", 0};
  if (want > 0) {
    for (auto it = revisions.rbegin(); it != revisions.rend(); ++it)
      if (it->number == want)
        return {id + " with revision #" + std::to_string(want) + "\n" + describe_pod_template(it->pod_template) + "\n", 0};
    return fail("error: unable to find the specified revision\n");
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
  return {out + "\n", 0};
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

CommandResult rollout_undo(Invocation& inv) {
  Target t = target(inv, "rollout undo");
  if (!t.error.empty()) return fail(t.error);
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  const std::vector<Revision> revisions = workload_revisions(inv.sb.api(), *t.res, *t.obj);
  const std::int64_t to = inv.args.integer("to-revision", 0);
  const bool deployment = t.res->kind == "Deployment";
  auto not_found = [&] { return fail("error: unable to find specified revision " + std::to_string(to) + " in history\n"); };
  if (to < 0) return not_found();
  const Revision* chosen = nullptr;
  if (to > 0) {
    for (const auto& r : revisions)
      if (r.number == to) chosen = &r;
    if (!chosen) return not_found();
  } else {
    if (revisions.size() < 2)
      return fail(deployment ? "error: no rollout history found for deployment \"" + api::meta::name(*t.obj) + "\"\n"
                             : "error: no last revision to roll back to\n");
    chosen = &revisions[revisions.size() - 2];  // the one before the current revision
  }
  const Json tmpl = restorable_template(*t.res, *chosen);
  if (tmpl == api::field(*t.obj, {"spec", "template"}))
    return {id + " skipped rollback (current template already matches revision " +
                std::to_string(deployment ? chosen->number : to) + ")\n",
            0};
  Json obj = *t.obj;
  obj["spec"]["template"] = tmpl;
  if (deployment) {
    // The change-cause follows the template it came with.
    if (chosen->change_cause.empty()) {
      if (obj["metadata"]["annotations"].is_object()) obj["metadata"]["annotations"].erase(kChangeCause);
    } else {
      obj["metadata"]["annotations"][kChangeCause] = chosen->change_cause;
    }
  }
  try {
    api::WriteOptions opts;
    opts.field_manager = inv.args.str("field-manager", "kubectl-rollout");
    inv.sb.api().update(*t.res, inv.ns(), std::move(obj), opts);
  } catch (const api::ApiError& e) {
    return fail(server_error(e));
  }
  return {id + " rolled back\n", 0};
}

CommandResult rollout_set(Invocation& inv, const std::string& verb) {
  Target t = target(inv, "rollout " + verb);
  if (!t.error.empty()) return fail(t.error);
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  Json obj = *t.obj;
  if (verb != "restart" && t.res->kind != "Deployment")
    return fail("error: " + resource_and_name(*t.res, api::meta::name(obj)) + " " +
                (verb == "pause" ? "pausing" : "resuming") + " is not supported\n");
  if (verb == "restart") {
    if (obj["spec"].value("paused", false))
      return fail("error: " + resource_and_name(*t.res, api::meta::name(obj)) +
                  " can't restart paused deployment (run rollout resume first)\n");
    obj["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] =
        util::format_rfc3339(inv.sb.sim().now());
  } else {
    const bool pause = verb == "pause";
    // The pauser/resumer's own errors (objectpauser.go, objectresumer.go).
    if (obj["spec"].value("paused", false) == pause)
      return fail("error: " + resource_and_name(*t.res, api::meta::name(obj)) + (pause ? " is already paused\n" : " is not paused\n"));
    if (pause) obj["spec"]["paused"] = true;
    else obj["spec"].erase("paused");
  }
  try {
    api::WriteOptions opts;
    opts.field_manager = inv.args.str("field-manager", "kubectl-rollout");
    inv.sb.api().update(*t.res, inv.ns(), std::move(obj), opts);
  } catch (const api::ApiError& e) {
    return fail(server_error(e));
  }
  return {id + (verb == "restart" ? " restarted\n" : verb == "pause" ? " paused\n" : " resumed\n"), 0};
}

CommandResult rollout_restart(Invocation& inv) { return rollout_set(inv, "restart"); }
CommandResult rollout_pause(Invocation& inv) { return rollout_set(inv, "pause"); }
CommandResult rollout_resume(Invocation& inv) { return rollout_set(inv, "resume"); }

}  // namespace

Command set_command() {
  const std::vector<FlagSpec> f = {{"record", 0, K::Bool, "false"},
                                   {"all", 0, K::Bool, "false"},
                                   {"selector", 'l', K::String, ""},
                                   {"local", 0, K::Bool, "false"},
                                   {"output", 'o', K::String, ""},
                                   dry_run_flag(),
                                   {"filename", 'f', K::StringList, "[]"}};
  return {"set",
          {},
          nullptr,
          {{"image", f, set_image, {}, {"all", "selector", "local", "output", "dry-run", "filename"}},
           set_env_command(),
           set_resources_command()}};
}

Command rollout_command() {
  const std::vector<FlagSpec> common = {{"filename", 'f', K::StringList, "[]"}, {"selector", 'l', K::String, ""}};
  auto with = [&](std::vector<FlagSpec> extra) {
    extra.insert(extra.end(), common.begin(), common.end());
    return extra;
  };
  const std::vector<std::string> unsupported = {"filename", "selector"};
  return {"rollout",
          {},
          nullptr,
          {{"status", with({{"watch", 'w', K::Bool, "true"}, {"revision", 0, K::Int, "0"}, {"timeout", 0, K::String, "0s"}}),
            rollout_status, {}, unsupported},
           {"history", with({{"revision", 0, K::Int, "0"}, {"output", 'o', K::String, ""}}), rollout_history, {},
            {"filename", "selector", "output"}},
           {"undo", with({{"to-revision", 0, K::Int, "0"}, dry_run_flag()}), rollout_undo, {}, unsupported},
           {"restart", with({}), rollout_restart, {}, unsupported},
           {"pause", with({}), rollout_pause, {}, unsupported},
           {"resume", with({}), rollout_resume, {}, unsupported}}};
}

}  // namespace kt::kubectl
