// Shells and programs inside containers: what `kubectl exec` and `kubectl run -i -t`
// reach. A container is a host of its own to the shell: its root filesystem (the
// image's files with the pod's volumes mounted, core/node/volumes.h), its hostname
// and address, the environment the kubelet gave it, and only the programs its image
// has. `kubectl exec -it POD -- sh` typed at the terminal opens a session there
// (the prompt becomes busybox's "/ # " or bash's "root@web-0:/# ") until `exit`.
#include <cstdio>

#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"
#include "core/terminal/shell_state.h"
#include "core/util/names.h"

namespace kt::term {
namespace {

std::string base(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The shell a program name starts in this userland ("" when it is not a shell the
// image has).
std::string shell_for(const node::Userland& u, const std::string& program) {
  const std::string b = base(program);
  if (b == "bash") return u.shell == node::Userland::Shell::Debian ? "bash" : "";
  if (b == "sh") return u.shell == node::Userland::Shell::Busybox ? "ash" : u.shell == node::Userland::Shell::Debian ? "dash" : "";
  if (b == "ash") return u.shell == node::Userland::Shell::Busybox ? "ash" : "";
  return "";
}

// containerd's answer when the program is not in the image.
std::string oci_not_found(const std::string& container_id, const std::string& program, int serial) {
  char id[72];
  std::snprintf(id, sizeof id, "%08x%08x%08x%08x%08x%08x%08x%08x", util::fnv32a(container_id + "/exec"),
                util::fnv32a(program), static_cast<unsigned>(serial) * 2654435761u, util::fnv32a(program, 7),
                util::fnv32a(container_id, 11), util::fnv32a(container_id + program), 0x5eedu + serial,
                util::fnv32a(std::to_string(serial)));
  return "Internal error occurred: Internal error occurred: error executing command in container: failed to exec in "
         "container: failed to start exec \"" + std::string(id) + "\": OCI runtime exec failed: exec failed: unable to "
         "start container process: exec: \"" + program + "\": executable file not found in $PATH: unknown";
}

}  // namespace

std::string ShellState::not_found(const std::string& name) const {
  const Session& s = sessions.back();
  if (s.shell == "ash") return "sh: " + name + ": not found\n";
  if (s.shell == "dash") return "sh: 1: " + name + ": not found\n";
  return s.shell + ": " + name + ": command not found\n";
}

std::string ShellState::redirect_error(const std::string& target, const std::string& error) const {
  const Session& s = sessions.back();
  if (s.shell == "ash") return "sh: can't create " + target + ": " + error + "\n";
  if (s.shell == "dash") return "sh: 1: cannot create " + target + ": " + error + "\n";
  return s.shell + ": " + target + ": " + error + "\n";
}

bool ShellState::busybox_userland() const {
  const auto& c = sessions.back().host->container;
  return c && c->userland.shell == node::Userland::Shell::Busybox;
}

Host* ShellState::container_host(const ExecRequest& req, std::string& error) {
  auto pod = sandbox.api().try_get(sandbox.api().resource("", "pods"), req.ns, req.pod);
  const node::Kubelet* k = pod ? sandbox.cluster().kubelet(api::str_field(*pod, {"spec", "nodeName"})) : nullptr;
  const node::PodState* st = k ? k->pod(req.ns, req.pod) : nullptr;
  const node::ContainerState* cs = nullptr;
  if (st)
    for (const auto* list : {&st->containers, &st->init_containers})
      for (const auto& c : *list)
        if (c.name == req.container) cs = &c;
  if (!cs || cs->phase != node::ContainerState::Phase::Running || !cs->fs || !k->connected()) {
    error = "unable to upgrade connection: container not found (\"" + req.container + "\")";
    return nullptr;
  }
  // Hosts of containers no session stands on any more go.
  for (auto it = containers_.begin(); it != containers_.end();) {
    bool used = it->first == cs->container_id;
    for (const auto& s : sessions) used = used || s.host == it->second.get();
    it = used ? std::next(it) : containers_.erase(it);
  }
  auto& h = containers_[cs->container_id];
  if (!h) {
    h = std::make_unique<Host>();
    h->name = api::str_field(*pod, {"spec", "hostname"}, req.pod);
    h->ip = st->ip;
    h->fs = cs->fs;
    h->container = Host::Container{req.ns, req.pod, req.container, cs->container_id, node::userland_of(*cs->image), cs->env};
  }
  return h.get();
}

ExecOutcome ShellState::exec_in_container(const ExecRequest& req, const std::string* stdin_data) {
  if (req.input) stdin_data = &*req.input;
  ExecOutcome out;
  if (req.argv.empty()) {
    out.error = "you must specify at least one command for the container";
    return out;
  }
  Host* host = container_host(req, out.error);
  if (!host) return out;
  const Host::Container& c = *host->container;
  const std::string program = base(req.argv[0]);
  const std::string shell = shell_for(c.userland, req.argv[0]);
  const bool known = c.userland.programs.count(program) && commands.count(program);
  if (!known && shell.empty()) {
    out.error = oci_not_found(c.container_id, req.argv[0], next_pid_++);
    return out;
  }
  Session s;
  s.host = host;
  s.vars = c.env;
  if (req.tty) s.vars["TERM"] = "xterm";
  for (const auto& kv : c.env) s.exported.insert(kv.first);
  if (req.tty) s.exported.insert("TERM");
  s.shell = shell.empty() ? "exec" : shell;
  s.arg0 = req.argv[0];
  s.cwd = "/";
  s.pid = 1 + (next_pid_++ % 200);
  const bool interactive = !shell.empty() && req.argv.size() == 1 && req.with_stdin && req.tty && !stdin_data &&
                           subshell_depth == 0 && terminal != nullptr;
  if (interactive) {
    s.container_session = true;
    s.on_exit = req.on_exit;
    sessions.push_back(std::move(s));
    host->fs->chdir("/");
    out.output = req.banner;
    out.session_opened = true;
    return out;
  }
  sessions.push_back(std::move(s));
  host->fs->chdir("/");
  std::string text;
  const std::string no_input;
  Io io{req.with_stdin ? stdin_data : &no_input, &text, &text};
  const bool saved_exiting = exiting;
  std::vector<std::string> argv = req.argv;
  int code = 0;
  if (!shell.empty() && argv.size() == 1) {
    // A shell without a terminal runs its standard input as a script.
    if (req.with_stdin && stdin_data) code = run_subshell(*stdin_data, Io{nullptr, &text, &text});
  } else {
    if (!shell.empty()) argv[0] = "sh";  // the interpreter: -c SCRIPT, or a script file
    ++subshell_depth;
    code = call(argv, c.env, io);
    --subshell_depth;
  }
  exiting = saved_exiting;
  sessions.pop_back();
  fs().chdir(session().cwd);
  out.output = std::move(text);
  out.exit_code = code;
  return out;
}

std::string ShellState::leave_container(int code) {
  Session& s = session();
  std::function<std::string(int)> on_exit = std::move(s.on_exit);
  sessions.pop_back();
  fs().chdir(session().cwd);
  return on_exit ? on_exit(code) : "";
}

}  // namespace kt::term
