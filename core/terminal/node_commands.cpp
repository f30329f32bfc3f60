// What an operator does to a machine from its shell, acting on the simulated
// machine (core/node/kubelet.h faults): `systemctl start|stop|restart|status
// kubelet`, `poweroff` / `shutdown -h now` / `halt`, `reboot`. Faults with no shell
// equivalent have one sandbox-only command, `kubetab-fault` (listed by `help`):
// cutting a node off from the control plane and healing it.
#include "core/cluster/cluster.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"
#include "core/terminal/shell_state.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::term {
namespace {

node::Kubelet* kubelet_here(Invocation& inv) {
  return inv.sh.sandbox.cluster().kubelet(inv.sh.session().host->name);
}

// "Wed 2025-01-15 09:00:00 UTC", systemd's timestamp.
std::string systemd_time(sim::Time t) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const util::CivilTime c = util::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %04lld-%02d-%02d %02d:%02d:%02d UTC", days[c.weekday],
                static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

int systemctl(Invocation& inv) {
  std::vector<std::string> ops;
  for (std::size_t i = 1; i < inv.argv.size(); ++i)
    if (inv.argv[i][0] != '-') ops.push_back(inv.argv[i]);
  if (ops.size() == 1 && ops[0] == "daemon-reload") return 0;
  const bool kubelet_unit = ops.size() == 2 && (ops[1] == "kubelet" || ops[1] == "kubelet.service");
  node::Kubelet* k = kubelet_here(inv);
  if (!kubelet_unit || !k)
    return inv.fail("systemctl: this sandbox host is simulated: only the kubelet service is modelled "
                    "(start, stop, restart, status, is-active, enable)\n");
  const std::string& op = ops[0];
  if (op == "start") k->set_service(true);
  if (op == "start" || op == "enable" || op == "disable") return 0;
  if (op == "stop") {
    k->set_service(false);
    return 0;
  }
  if (op == "restart") {
    k->set_service(false);
    k->set_service(true);
    return 0;
  }
  if (op == "is-active") {
    inv.out(k->service_running() ? "active\n" : "inactive\n");
    return k->service_running() ? 0 : 3;
  }
  if (op == "status") {
    const sim::Time now = inv.sh.now();
    const sim::Time since = k->service_changed_at();
    const std::string ago = util::human_duration(now - since);
    std::string s =
        "\xe2\x97\x8f kubelet.service - kubelet: The Kubernetes Node Agent\n"
        "   Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; vendor preset: disabled)\n"
        "  Drop-In: /usr/lib/systemd/system/kubelet.service.d\n"
        "           \xe2\x94\x94\xe2\x94\x80" "10-kubeadm.conf\n";
    if (k->service_running())
      s += "   Active: active (running) since " + systemd_time(since) + "; " + ago + " ago\n";
    else
      s += "   Active: inactive (dead) since " + systemd_time(since) + "; " + ago + " ago\n";
    s += "     Docs: https://kubernetes.io/docs/\n";
    inv.out(s);
    return k->service_running() ? 0 : 3;
  }
  return inv.fail("Unknown operation '" + op + "'.\n");
}

// poweroff / halt / shutdown -h now / reboot: the machine goes down (and, for
// reboot, comes back after booting); an ssh session to it is closed.
int power(Invocation& inv) {
  const std::string cmd = inv.argv[0];
  bool reboot = cmd == "reboot";
  if (cmd == "shutdown") {
    bool now = false;
    for (std::size_t i = 1; i < inv.argv.size(); ++i) {
      if (inv.argv[i] == "-r") reboot = true;
      if (inv.argv[i] == "now" || inv.argv[i] == "+0") now = true;
    }
    if (!now) return inv.fail("shutdown: this sandbox shuts down at once only: shutdown -h now / shutdown -r now\n");
  }
  node::Kubelet* k = kubelet_here(inv);
  Host& host = *inv.sh.session().host;
  if (!k) return inv.fail(cmd + ": this host is not a simulated cluster machine\n");
  if (inv.sh.sessions.size() < 2)
    return inv.fail(cmd + ": the sandbox's terminal runs on " + host.name +
                    "; ssh to another machine to power it off or reboot it\n");
  k->set_power(false);
  if (reboot) k->set_power(true);
  inv.out("Connection to " + host.name + " closed by remote host.\nConnection to " + host.name + " closed.\n");
  while (inv.sh.sessions.size() > 1 && inv.sh.session().host == &host) inv.sh.logout();
  return 255;
}

int fault(Invocation& inv) {
  const std::string usage =
      "usage: kubetab-fault partition NODE   cut NODE off from the control plane (its containers keep running)\n"
      "       kubetab-fault heal NODE        reconnect it\n"
      "       kubetab-fault kill-container [-n NAMESPACE] POD [CONTAINER]\n"
      "                                      SIGKILL the container's main process (exit 137)\n"
      "       kubetab-fault pressure NODE memory|disk on|off\n"
      "                                      resource pressure: node condition, taint, evictions\n"
      "       kubetab-fault slow-pull NODE FACTOR\n"
      "                                      image pulls on NODE take FACTOR times longer (1 restores)\n"
      "       kubetab-fault status           what each machine's state is\n";
  if (inv.argv.size() < 2) return inv.fail(usage, 2);
  auto& cluster = inv.sh.sandbox.cluster();
  const std::string op = inv.argv[1];
  if (op == "kill-container") {
    std::string ns = "default";
    std::vector<std::string> rest;
    for (std::size_t i = 2; i < inv.argv.size(); ++i) {
      if ((inv.argv[i] == "-n" || inv.argv[i] == "--namespace") && i + 1 < inv.argv.size()) ns = inv.argv[++i];
      else rest.push_back(inv.argv[i]);
    }
    if (rest.empty() || rest.size() > 2) return inv.fail(usage, 2);
    auto& api = inv.sh.sandbox.api();
    auto pod = api.try_get(api.resource("", "pods"), ns, rest[0]);
    if (!pod) return inv.fail("kubetab-fault: no pod " + ns + "/" + rest[0] + "\n");
    std::string container = rest.size() > 1 ? rest[1] : "";
    if (const Json& cs = api::field(*pod, {"spec", "containers"}); container.empty() && cs.is_array() && !cs.empty())
      container = cs[0].value("name", std::string());
    node::Kubelet* k = cluster.kubelet(api::str_field(*pod, {"spec", "nodeName"}));
    if (!k || !k->kill_container(ns, rest[0], container))
      return inv.fail("kubetab-fault: container " + container + " of " + ns + "/" + rest[0] + " is not running\n");
    return 0;
  }
  if (op == "pressure") {
    if (inv.argv.size() != 5 || (inv.argv[3] != "memory" && inv.argv[3] != "disk") ||
        (inv.argv[4] != "on" && inv.argv[4] != "off"))
      return inv.fail(usage, 2);
    node::Kubelet* k = cluster.kubelet(inv.argv[2]);
    if (!k) return inv.fail("kubetab-fault: no machine named " + inv.argv[2] + "\n");
    k->set_pressure(inv.argv[3], inv.argv[4] == "on");
    return 0;
  }
  if (op == "slow-pull") {
    if (inv.argv.size() != 4) return inv.fail(usage, 2);
    node::Kubelet* k = cluster.kubelet(inv.argv[2]);
    if (!k) return inv.fail("kubetab-fault: no machine named " + inv.argv[2] + "\n");
    const int factor = std::atoi(inv.argv[3].c_str());
    if (factor < 1) return inv.fail("kubetab-fault: FACTOR must be a whole number of at least 1\n", 2);
    k->set_pull_slowdown(factor);
    return 0;
  }
  if (op == "status") {
    for (const auto& m : cluster.machines()) {
      const node::Kubelet* k = cluster.kubelet(m.name);
      if (!k) continue;
      inv.out(m.name + ": power " + (k->powered() ? "on" : "off") + ", kubelet " +
              (k->service_running() ? "running" : "stopped") + (k->partitioned() ? ", partitioned" : "") +
              (k->pull_slowdown() > 1 ? ", pulls " + std::to_string(k->pull_slowdown()) + "x slower" : "") +
              (k->memory_pressure() ? ", memory pressure" : "") + (k->disk_pressure() ? ", disk pressure" : "") + "\n");
    }
    return 0;
  }
  if ((op != "partition" && op != "heal") || inv.argv.size() != 3) return inv.fail(usage, 2);
  node::Kubelet* k = cluster.kubelet(inv.argv[2]);
  if (!k) return inv.fail("kubetab-fault: no machine named " + inv.argv[2] + "\n");
  k->set_partitioned(op == "partition");
  return 0;
}

}  // namespace

void register_node_commands(CommandTable& t) {
  t["systemctl"] = {systemctl, "/usr/bin/systemctl"};
  t["poweroff"] = {power, "/usr/sbin/poweroff"};
  t["halt"] = {power, "/usr/sbin/halt"};
  t["shutdown"] = {power, "/usr/sbin/shutdown"};
  t["reboot"] = {power, "/usr/sbin/reboot"};
  t["kubetab-fault"] = {fault, "/usr/local/bin/kubetab-fault"};
}

}  // namespace kt::term
