// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`:
// runs the command in the container through the shell that runs kubectl
// (core/terminal/containers.cpp), which knows the container's files, environment and
// programs. With -i -t and a shell at the terminal, the shell moves into the
// container until `exit`. A non-zero status prints "command terminated with exit
// code N" and kubectl exits with it, as v1.32 does. -f FILE: the file's object
// (a pod, or a workload whose selector picks one) in the file's namespace.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/pod_target.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult run_exec(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.empty() && !a.has("filename"))
    return fail("error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\n"
                "POD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples\n");
  if (a.positional.size() > 1)
    return fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
                "See 'kubectl exec -h' for help and examples\n");
  if (a.after_dash.empty()) return fail("error: you must specify at least one command for the container\n");
  // -f: the file's object names the pod (a workload: its selector's pod), in its namespace.
  Invocation target_inv{inv.sb, inv.ctx, inv.path, a};
  std::string target = a.positional.empty() ? "" : a.positional[0];
  if (a.has("filename")) {
    if (!a.positional.empty())
      return fail("error: resource/name arguments cannot be provided when a path is specified\n");
    Manifests m = read_manifests(inv.ctx, a.list("filename"), false);
    if (!m.error.empty()) return fail(m.error);
    if (m.items.empty()) return fail("error: cannot exec into multiple objects at a time\n");
    WriteTarget w = write_target(inv, m.items[0].object, m.items[0].source);
    if (!w.error.empty()) return fail(w.error);
    target = w.res->plural + (w.res->group.empty() ? "" : "." + w.res->group) + "/" + w.name;
    if (!w.ns.empty()) target_inv.args.values_["namespace"] = {w.ns};
  }
  PodTarget t = find_pod_target(target_inv, target, a.str("container"));
  if (!t.error.empty()) return fail(t.error);
  const std::string pod_name = api::meta::name(*t.pod);
  const std::string phase = api::str_field(*t.pod, {"status", "phase"});
  if (phase == "Succeeded" || phase == "Failed")
    return fail("error: cannot exec into a container in a completed pod; current phase is " + phase + "\n");
  bool known = false;
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"})
    if (const Json& cs = api::field(*t.pod, {"spec", list}); cs.is_array())
      for (const auto& c : cs) known = known || c.value("name", std::string()) == t.container;
  if (!known)
    return fail(t.note + "Error from server (BadRequest): container " + t.container + " is not valid for pod " +
                pod_name + "\n");
  if (!inv.ctx.exec) return fail(t.note + "error: kubectl exec needs the sandbox's terminal; it is not available here\n");
  term::ExecRequest req;
  req.ns = api::meta::namespace_of(*t.pod);
  req.pod = pod_name;
  req.container = t.container;
  req.argv = a.after_dash;
  req.with_stdin = a.flag("stdin");
  req.tty = a.flag("tty");
  const std::string note = a.flag("quiet") ? "" : t.note;
  term::ExecOutcome r = inv.ctx.exec(req);
  if (!r.error.empty()) return fail(note + "error: " + r.error + "\n");
  if (r.exit_code != 0)
    return {note + r.output + "command terminated with exit code " + std::to_string(r.exit_code) + "\n", r.exit_code};
  return {note + r.output, 0};
}

}  // namespace

Command exec_command() {
  return {"exec",
          {{"container", 'c', K::String, ""},
           {"stdin", 'i', K::Bool, "false"},
           {"tty", 't', K::Bool, "false"},
           {"quiet", 'q', K::Bool, "false"},
           {"filename", 'f', K::StringList, "[]"},
           {"pod-running-timeout", 0, K::String, "1m0s"}},
          run_exec,
          {}};
}

}  // namespace kt::kubectl
