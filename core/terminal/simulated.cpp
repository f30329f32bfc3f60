// Host programs: kubectl (the emulation, given the host's files, stdin and
// environment), the kubelet's systemd unit, and the programs the tutorials run that
// the sandbox does not simulate: each says so in one line and fails, never faking
// success (yum, apt-get, docker, swapoff, setenforce, …). The editors are in
// editor_launch.cpp.
#include "core/kubectl/extra_commands.h"
#include "core/kubectl/kubectl.h"
#include "core/terminal/shell_state.h"

namespace kt::term {
namespace {

int kubectl_cmd(Invocation& inv) {
  CommandContext ctx;
  ctx.fs = &inv.fs();
  if (inv.has_stdin()) ctx.stdin_data = inv.input();
  ctx.env = inv.env;
  ctx.host = inv.sh.session().host->name;
  ShellState* sh = &inv.sh;
  ctx.exec = [sh, input = ctx.stdin_data](const ExecRequest& req) {
    return sh->exec_in_container(req, input ? &*input : nullptr);
  };
  const bool at_prompt = inv.sh.at_prompt && inv.sh.editors;
  ctx.launch_editor = [sh, at_prompt](const std::vector<std::string>& args, bool via_shell, const std::string& path) {
    return run_editor(*sh, args, via_shell, path, at_prompt);
  };
  CommandResult r = kubectl::run(inv.sh.sandbox, std::vector<std::string>(inv.argv.begin() + 1, inv.argv.end()), ctx);
  // kubectl edit waits for vi or nano: the terminal opens it, then resumes kubectl.
  if (r.resume && inv.sh.edit_request) inv.sh.edit_request->then = std::move(r.resume);
  // kubectl writes errors to stderr, so a failing command's text stays on the terminal
  // (kubectl diff's differences and can-i's "no" are answers, on stdout).
  if (r.exit_code == 0 || kubectl::failure_is_an_answer(std::vector<std::string>(inv.argv.begin() + 1, inv.argv.end()), r))
    inv.out(r.output);
  else inv.err(r.output);
  // get -w, logs -f, rollout status: the rest comes as virtual time passes.
  if (r.job) return inv.run_job(std::move(r.job));
  return r.exit_code;
}

struct Unsimulated {
  const char* name;
  const char* message;
};

constexpr Unsimulated kUnsimulated[] = {
    {"yum", "this sandbox host is simulated; packages are preinstalled (kubeadm, kubelet, kubectl v1.32.5, containerd)"},
    {"dnf", "this sandbox host is simulated; packages are preinstalled (kubeadm, kubelet, kubectl v1.32.5, containerd)"},
    {"rpm", "this sandbox host is simulated; packages are preinstalled (kubeadm, kubelet, kubectl v1.32.5, containerd)"},
    {"apt", "this sandbox host is simulated (CentOS 7, no apt); packages are preinstalled (kubeadm v1.32)"},
    {"apt-get", "this sandbox host is simulated (CentOS 7, no apt-get); packages are preinstalled (kubeadm v1.32)"},
    {"docker", "this sandbox's nodes run containerd and the simulated hosts have no docker; use kubectl to see containers"},
    {"swapoff", "this sandbox host is simulated: it has no swap devices"},
    {"swapon", "this sandbox host is simulated: it has no swap devices"},
    {"setenforce", "this sandbox host is simulated: SELinux has no effect here"},
    {"getenforce", "this sandbox host is simulated: SELinux is not modelled"},
    {"modprobe", "this sandbox host is simulated: kernel modules are not modelled"},
    {"sysctl", "this sandbox host is simulated: kernel parameters are not modelled"},
    {"kubeadm", "not simulated in this sandbox yet: the cluster is already built (kubeadm v1.32.5)"},
    {"scp", "copying between hosts is not simulated yet; ssh to the node and use cat > file <<EOF"},
    {"journalctl", "the system journal is not simulated in this sandbox"},
    {"openssl", "not simulated in this sandbox yet"},
    {"crictl", "not simulated in this sandbox yet; use kubectl get pods -o wide"},
    {"yum-config-manager", "this sandbox host is simulated; packages are preinstalled (kubeadm, kubelet, kubectl v1.32.5, containerd)"},
    {"hostnamectl", "this sandbox's machines keep their cluster node names; see /etc/hosts"},
    {"free", "memory use of the simulated hosts is not modelled; see kubectl describe node"},
    {"df", "disks of the simulated hosts are not modelled; see kubectl describe node"},
    {"ps", "processes of the simulated hosts are not modelled; see kubectl get pods -A"},
    {"top", "processes of the simulated hosts are not modelled; see kubectl get pods -A"},
    {"netstat", "the sandbox network is not simulated yet"},
    {"ss", "the sandbox network is not simulated yet"},
    {"telnet", "the sandbox network is not simulated yet"},
    {"nc", "the sandbox network is not simulated yet"},
    {"iptables", "the sandbox network is not simulated yet"},
    {"ipvsadm", "the sandbox network is not simulated yet"},
    {"mount", "mounts of the simulated hosts are not modelled"},
    {"helm", "not installed on the sandbox's hosts"},
    {"git", "not installed on the sandbox's hosts"},
    {"tar", "not simulated in this sandbox yet"},
};

int unsimulated(Invocation& inv) {
  for (const auto& u : kUnsimulated)
    if (inv.argv[0] == u.name) return inv.fail(std::string(u.name) + ": " + u.message + "\n");
  return 1;
}

}  // namespace

void register_simulated(CommandTable& t) {
  t["kubectl"] = {kubectl_cmd, "/usr/bin/kubectl"};
  for (const auto& u : kUnsimulated) t[u.name] = {unsimulated, std::string("/usr/bin/") + u.name, false};
}

}  // namespace kt::term
