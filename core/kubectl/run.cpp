// `kubectl run NAME --image=IMAGE [--env=K=V] [--port=N] [--labels=…] [--restart=…]
// [--command] [-i] [-t] [--rm] [--dry-run] [-o …] -- [COMMAND] [args...]`: creates
// one pod as v1.32's run does (label run=NAME, container NAME, args or --command).
// With -i/-t it waits for the pod to run and attaches: a shell with -i -t at the
// terminal opens an interactive session in the container ("If you don't see a
// command prompt, try pressing enter."); another command runs and its output is
// shown. When the attached process ends, the container's main process ends with it
// ("Session ended, resume using 'kubectl attach …'"), and --rm deletes the pod.
#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/kubectl/command.h"
#include "core/kubectl/output.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

Json build_pod(const Invocation& inv, const std::string& name, std::string& error) {
  const ParsedArgs& a = inv.args;
  Json labels = Json::object();
  if (a.has("labels")) {
    for (const auto& pair : a.list("labels")) {
      const auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) {
        error = "error: invalid label spec: " + pair + "\n";
        return Json();
      }
      labels[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  } else {
    labels["run"] = name;
  }
  Json c = Json::object();
  if (!a.after_dash.empty()) c[a.flag("command") ? "command" : "args"] = a.after_dash;
  if (a.has("env")) {
    Json env = Json::array();
    for (const auto& kv : a.list("env")) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos) {
        error = "error: invalid env: " + kv + "\n";
        return Json();
      }
      env.push_back(Json{{"name", kv.substr(0, eq)}, {"value", kv.substr(eq + 1)}});
    }
    c["env"] = env;
  }
  c["image"] = a.str("image");
  if (a.has("image-pull-policy")) c["imagePullPolicy"] = a.str("image-pull-policy");
  c["name"] = name;
  if (a.has("port")) {
    Json port;
    port["containerPort"] = a.integer("port", 0);
    c["ports"] = Json::array({port});
  }
  c["resources"] = Json::object();
  if (a.flag("stdin")) {
    c["stdin"] = true;
    c["stdinOnce"] = true;
  }
  if (a.flag("tty")) c["tty"] = true;
  Json meta = Json::object();
  meta["creationTimestamp"] = nullptr;
  meta["labels"] = labels;
  meta["name"] = name;
  Json spec = Json::object();
  spec["containers"] = Json::array({c});
  spec["dnsPolicy"] = "ClusterFirst";
  spec["restartPolicy"] = a.str("restart", "Always");
  Json pod;
  pod["apiVersion"] = "v1";
  pod["kind"] = "Pod";
  pod["metadata"] = meta;
  pod["spec"] = spec;
  pod["status"] = Json::object();
  return pod;
}

CommandResult run_run(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (!a.has("image") || a.str("image").empty())
    return fail(command_failed(inv.sb, "required flag(s) \"image\" not set"));
  if (a.positional.empty())
    return fail("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
  const std::string name = a.positional[0];
  // Words after NAME without `--` are the container's arguments too (kubectl run x --image=y sh).
  ParsedArgs& args = inv.args;
  for (std::size_t i = a.positional.size(); i-- > 1;) args.after_dash.insert(args.after_dash.begin(), a.positional[i]);
  const std::string restart = a.str("restart", "Always");
  if (restart != "Always" && restart != "OnFailure" && restart != "Never")
    return fail("error: invalid restart policy: " + restart + "\nSee 'kubectl run -h' for help and examples\n");
  const bool attach = a.flag("stdin") || a.flag("tty") || a.flag("attach");
  if (a.flag("rm") && !attach)
    return fail("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  if (attach && dry != "none")
    return fail("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, "
                "or --tty)\nSee 'kubectl run -h' for help and examples\n");
  OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);
  Json pod = build_pod(inv, name, error);
  if (!error.empty()) return fail(error);
  auto& api = inv.sb.api();
  const auto& pods = api.resource("", "pods");
  const std::string ns = inv.ns();
  Json created = pod;
  if (dry != "client") {
    api::WriteOptions opts;
    opts.dry_run = dry == "server";
    opts.field_manager = "kubectl-run";
    try {
      created = *api.create(pods, ns, pod, opts);
    } catch (const api::ApiError& e) {
      return fail(server_error(e));
    }
  }
  std::string out = dry != "client" ? warnings(inv.sb) : "";
  if (fmt.kind != OutputFormat::Kind::Default) {
    out += print_structured(fmt, for_output(created), error);
    return {out + error, error.empty() ? 0 : 1};
  }
  if (!attach || dry != "none") return {out + "pod/" + name + " created" + dry_run_suffix(dry) + "\n", 0};

  // Attach: wait for the container to run (--pod-running-timeout, 1m).
  sim::Time deadline = inv.sb.sim().now() + sim::minutes(1);
  auto current = [&] { return api.try_get(pods, ns, name); };
  wait_until(inv.sb, [&] {
    auto p = current();
    const std::string phase = p ? api::str_field(*p, {"status", "phase"}) : "";
    return !p || phase == "Running" || phase == "Succeeded" || phase == "Failed" || inv.sb.sim().now() >= deadline;
  });
  auto p = current();
  if (!p || api::str_field(*p, {"status", "phase"}) != "Running")
    return fail(out + "error: timed out waiting for the condition\n");
  if (!inv.ctx.exec) return fail(out + "error: kubectl run -i needs the sandbox's terminal; it is not available here\n");

  const bool rm = a.flag("rm");
  const std::string ns_flag = ns == "default" ? "" : " -n " + ns;
  Sandbox* sb = &inv.sb;
  const std::string node = api::str_field(*p, {"spec", "nodeName"});
  // The attached process is the container's main process: when it ends, so does the container.
  auto finish = [sb, ns, name, node, rm, ns_flag](int code) {
    std::string text;
    if (auto* k = sb->cluster().kubelet(node)) k->main_process_exited(ns, name, name, code);
    text += "Session ended, resume using 'kubectl attach " + name + " -c " + name + ns_flag +
            " -i -t' command when the pod is running\n";
    if (rm) {
      try {
        sb->api().remove(sb->api().resource("", "pods"), ns, name);
        text += "pod \"" + name + "\" deleted\n";
      } catch (const api::ApiError& e) {
        text += server_error(e);
      }
    }
    return text;
  };
  term::ExecRequest req;
  req.ns = ns;
  req.pod = name;
  req.container = name;
  req.argv = a.after_dash;
  if (req.argv.empty()) req.argv = {"sh"};  // the image's default command; the shells' images default to sh
  req.with_stdin = a.flag("stdin");
  req.tty = a.flag("tty");
  if (req.with_stdin && req.tty) req.banner = "If you don't see a command prompt, try pressing enter.\n";
  req.on_exit = finish;
  term::ExecOutcome r = inv.ctx.exec(req);
  if (!r.error.empty()) return fail(out + "error: " + r.error + "\n");
  if (r.session_opened) return {out + r.output, 0};
  out += r.output;
  // The command ran to its end without a session: the pod's process ended with it.
  if (auto* k = sb->cluster().kubelet(node)) k->main_process_exited(ns, name, name, r.exit_code);
  if (rm) {
    try {
      api.remove(pods, ns, name);
      out += "pod \"" + name + "\" deleted\n";
    } catch (const api::ApiError& e) {
      out += server_error(e);
    }
  }
  if (r.exit_code != 0) return {out + "pod " + ns + "/" + name + " terminated (Error)\n", 1};
  return {out, 0};
}

}  // namespace

Command run_pod_command() {
  std::vector<FlagSpec> flags = output_flags();
  flags.insert(flags.end(), {{"image", 0, K::String, ""},
           {"env", 0, K::StringArray, "[]"},
           {"port", 0, K::String, ""},
           {"labels", 'l', K::StringList, ""},
           {"restart", 0, K::String, "Always"},
           {"command", 0, K::Bool, "false"},
           {"stdin", 'i', K::Bool, "false"},
           {"tty", 't', K::Bool, "false"},
           {"attach", 0, K::Bool, "false"},
           {"rm", 0, K::Bool, "false"},
           {"quiet", 'q', K::Bool, "false"},
           {"image-pull-policy", 0, K::String, ""},
           {"pod-running-timeout", 0, K::String, "1m0s"},
           {"expose", 0, K::Bool, "false"},
           {"overrides", 0, K::String, ""},
           {"annotations", 0, K::StringArray, "[]"},
           {"privileged", 0, K::Bool, "false"},
           {"save-config", 0, K::Bool, "false"},
           {"leave-stdin-open", 0, K::Bool, "false"},
           dry_run_flag(),
           validate_flag()});
  return {"run",
          flags,
          run_run,
          {},
          {"expose", "overrides", "annotations", "privileged", "save-config", "leave-stdin-open"}};
}

}  // namespace kt::kubectl
