// `kubectl set image` and `kubectl rollout status|history|undo|restart|pause|resume`
// for Deployments, as kubectl v1.32 does them client-side:
//   set image TYPE/NAME c=img …   patches the containers' images ("image updated");
//                                 --record stores the command line as
//                                 kubernetes.io/change-cause (with its deprecation warning)
//   rollout status                the DeploymentStatusViewer's line for the deployment
//                                 as listed, then one per watch event (repeats
//                                 included, as kubectl prints them) until the rollout
//                                 is complete: a job (core/terminal/job.h) that streams
//                                 in the terminal, else runs at most --timeout or 600 s of virtual
//                                 time ("error: timed out waiting for the condition")
//   rollout history               REVISION / CHANGE-CAUSE from the ReplicaSets
//   rollout undo [--to-revision]  copies that ReplicaSet's template back ("rolled back")
//   rollout restart               the restartedAt annotation on the template
//   rollout pause / resume        spec.paused
// FIXME(issue 5): rollout for DaemonSets and StatefulSets, history --revision,
// set env|resources.
#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"
#include "core/terminal/job.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

constexpr const char* kRevision = "deployment.kubernetes.io/revision";
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
  if (t.res->kind != "Deployment") {
    t.error = "error: kubectl " + verb + " for " + t.res->qualified() + " is not available in this sandbox yet\n";
    return t;
  }
  t.obj = api.try_get(*t.res, inv.ns(), ra.refs[0].name);
  if (!t.obj) t.error = "Error from server (NotFound): " + t.res->qualified() + " \"" + ra.refs[0].name + "\" not found\n";
  return t;
}

std::vector<api::ObjectPtr> owned_replicasets(Invocation& inv, const Json& deploy) {
  std::vector<api::ObjectPtr> out;
  for (const auto& rs : inv.sb.api().list(inv.sb.api().resource("apps", "replicasets"), inv.ns()).items) {
    const Json* ref = api::meta::controller_ref(*rs);
    if (ref && ref->value("uid", "") == api::meta::uid(deploy)) out.push_back(rs);
  }
  return out;
}

std::int64_t revision_of(const Json& rs) {
  const std::string v = api::str_field(rs, {"metadata", "annotations", kRevision});
  return v.empty() || v.find_first_not_of("0123456789") != std::string::npos ? 0 : std::stoll(v);
}

std::string record_cause(const Invocation& inv) {
  std::string cmd = "kubectl " + inv.path;
  for (const auto& p : inv.args.positional) cmd += " " + p;
  return cmd + " --record=true";
}

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
    if (obj != *t.obj) inv.sb.api().update(*t.res, inv.ns(), std::move(obj));
  } catch (const api::ApiError& e) {
    return fail(warn + server_error(e));
  }
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  return {warn + (changed ? id + " image updated\n" : ""), 0};
}

// DeploymentStatusViewer.Status: the line to print and whether the rollout is done.
std::pair<std::string, bool> deployment_status(const Json& d) {
  const std::string name = api::meta::name(d);
  if (api::meta::generation(d) > api::int_field(d, {"status", "observedGeneration"}))
    return {"Waiting for deployment spec update to be observed...\n", false};
  const Json& conds = api::field(d, {"status", "conditions"});
  if (conds.is_array())
    for (const auto& c : conds)
      if (c.value("type", "") == "Progressing" && c.value("reason", "") == "ProgressDeadlineExceeded")
        return {"error: deployment \"" + name + "\" exceeded its progress deadline\n", true};
  const std::int64_t want = api::int_field(d, {"spec", "replicas"}, 1);
  const std::int64_t updated = api::int_field(d, {"status", "updatedReplicas"});
  const std::int64_t replicas = api::int_field(d, {"status", "replicas"});
  const std::int64_t available = api::int_field(d, {"status", "availableReplicas"});
  if (updated < want)
    return {"Waiting for deployment \"" + name + "\" rollout to finish: " + std::to_string(updated) + " out of " +
                std::to_string(want) + " new replicas have been updated...\n",
            false};
  if (replicas > updated)
    return {"Waiting for deployment \"" + name + "\" rollout to finish: " + std::to_string(replicas - updated) +
                " old replicas are pending termination...\n",
            false};
  if (available < updated)
    return {"Waiting for deployment \"" + name + "\" rollout to finish: " + std::to_string(available) + " of " +
                std::to_string(updated) + " updated replicas are available...\n",
            false};
  return {"deployment \"" + name + "\" successfully rolled out\n", true};
}

// rollout status as kubectl's UntilWithSync runs it: a status line for each ADDED or
// MODIFIED event of the one deployment until the viewer says done.
class RolloutStatusJob : public Job {
 public:
  // timeout: --timeout, zero for none.
  RolloutStatusJob(Sandbox& sb, const api::ResourceInfo& res, const std::string& ns, const std::string& name,
                   std::uint64_t from, sim::Duration timeout)
      : sb_(sb), timeout_(timeout), deadline_(sb.sim().now() + timeout) {
    api::WatchOptions wo;
    wo.resource_version = std::to_string(from);
    wo.field_selector = "metadata.name=" + name;
    watch_ = sb.api().watch(res, ns, wo, [this](const api::WatchEvent& e) { on_event(e); });
  }
  ~RolloutStatusJob() override { stop(); }

  // The listed deployment's state: the first line.
  void show(const Json& d) {
    auto [line, done] = deployment_status(d);
    out_ += line;
    if (done) finish(line.rfind("error:", 0) == 0 ? 1 : 0);
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
    auto [line, done] = deployment_status(*listed.items[0]);
    return {line, done && line.rfind("error:", 0) == 0 ? 1 : 0};
  }
  auto job = std::make_shared<RolloutStatusJob>(inv.sb, *t.res, ns, name, listed.resource_version, timeout);
  job->show(*listed.items[0]);
  CommandResult r;
  r.job = std::move(job);
  return r;
}

CommandResult rollout_history(Invocation& inv) {
  Target t = target(inv, "rollout history");
  if (!t.error.empty()) return fail(t.error);
  std::map<std::int64_t, std::string> rows;
  for (const auto& rs : owned_replicasets(inv, *t.obj)) {
    const std::int64_t rev = revision_of(*rs);
    if (rev == 0) continue;
    std::string cause = api::str_field(*rs, {"metadata", "annotations", kChangeCause});
    rows[rev] = cause.empty() ? "<none>" : cause;
  }
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  if (inv.args.has("revision")) {
    const std::int64_t want = inv.args.integer("revision", 0);
    if (!rows.count(want)) return fail("error: unable to find the specified revision\n");
    return fail("error: kubectl rollout history --revision is not available in this sandbox yet\n");
  }
  // history.go's tabwriter: padding 2, no minimum width.
  std::size_t width = std::string("REVISION").size();
  for (const auto& [rev, cause] : rows) width = std::max(width, std::to_string(rev).size());
  auto row = [&](const std::string& a, const std::string& b) { return a + std::string(width + 2 - a.size(), ' ') + b + "\n"; };
  std::string out = id + " \n" + row("REVISION", "CHANGE-CAUSE");
  for (const auto& [rev, cause] : rows) out += row(std::to_string(rev), cause);
  return {out + "\n", 0};
}

CommandResult rollout_undo(Invocation& inv) {
  Target t = target(inv, "rollout undo");
  if (!t.error.empty()) return fail(t.error);
  const std::string id = kind_name(*t.res, api::meta::name(*t.obj));
  auto rss = owned_replicasets(inv, *t.obj);
  std::sort(rss.begin(), rss.end(), [](const api::ObjectPtr& a, const api::ObjectPtr& b) {
    return revision_of(*a) > revision_of(*b);
  });
  const std::int64_t to = inv.args.integer("to-revision", 0);
  api::ObjectPtr chosen;
  if (to > 0) {
    for (const auto& rs : rss)
      if (revision_of(*rs) == to) chosen = rs;
    if (!chosen) return fail("error: unable to find specified revision " + std::to_string(to) + " in history\n");
  } else {
    if (rss.size() < 2) return fail("error: no rollout history found for deployment \"" + api::meta::name(*t.obj) + "\"\n");
    chosen = rss[1];  // the one before the current revision
  }
  Json tmpl = api::field(*chosen, {"spec", "template"});
  if (tmpl["metadata"]["labels"].is_object()) tmpl["metadata"]["labels"].erase("pod-template-hash");
  if (tmpl == api::field(*t.obj, {"spec", "template"}))
    return {id + " skipped rollback (current template already matches revision " + std::to_string(revision_of(*chosen)) + ")\n", 0};
  Json obj = *t.obj;
  obj["spec"]["template"] = tmpl;
  // The change-cause follows the template it came with.
  const std::string cause = api::str_field(*chosen, {"metadata", "annotations", kChangeCause});
  if (cause.empty()) {
    if (obj["metadata"]["annotations"].is_object()) obj["metadata"]["annotations"].erase(kChangeCause);
  } else {
    obj["metadata"]["annotations"][kChangeCause] = cause;
  }
  try {
    inv.sb.api().update(*t.res, inv.ns(), std::move(obj));
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
  if (verb == "restart") {
    if (obj["spec"].value("paused", false))
      return fail("error: " + id + " can't restart paused deployment (run rollout resume first)\n");
    obj["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] =
        util::format_rfc3339(inv.sb.sim().now());
  } else {
    const bool pause = verb == "pause";
    if (obj["spec"].value("paused", false) == pause) return fail("error: " + id + " is already " + (pause ? "paused" : "resumed") + "\n");
    if (pause) obj["spec"]["paused"] = true;
    else obj["spec"].erase("paused");
  }
  try {
    inv.sb.api().update(*t.res, inv.ns(), std::move(obj));
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
  return {"set", {}, nullptr, {{"image", f, set_image, {}, {"all", "selector", "local", "output", "dry-run", "filename"}}}};
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
