// Whole-sandbox tests: the layers wired together as the CLI and the browser use them.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"
#include "core/terminal/shell.h"
#include "core/terminal/terminal.h"

using namespace kt;

namespace {

// Every stored object of every resource, as one string.
std::string dump_state(Sandbox& sb) {
  std::string out;
  for (const auto& res : sb.api().registry().all()) {
    if (!res.has_verb("list")) continue;
    for (const auto& o : sb.api().list(res, "").items) out += res.api_version() + " " + o->dump() + "\n";
  }
  return out;
}

std::string run_script(Sandbox& sb, const std::vector<std::string>& lines) {
  Shell sh(sb);
  std::string out;
  for (const auto& l : lines) {
    sb.advance(sim::seconds(3));
    out += sh.prompt() + l + "\n" + sh.run(l).output;
  }
  return out;
}

const std::vector<std::string> kScript = {"kubectl get nodes", "kubectl get ns", "sleep 90",
                                          "kubectl get namespaces -o wide", "kubectl get node k8s-master"};

}  // namespace

TEST_CASE("same seed and input: identical transcript and cluster state, byte for byte", "[sandbox][determinism]") {
  Sandbox a({.scenario = "default", .seed = 42}), b({.scenario = "default", .seed = 42}), c({.scenario = "default", .seed = 43});
  const std::string ta = run_script(a, kScript), tb = run_script(b, kScript), tc = run_script(c, kScript);
  CHECK(ta == tb);
  CHECK(dump_state(a) == dump_state(b));
  // Another seed draws other uids, names and addresses; the visible transcript is the same.
  CHECK(ta == tc);
  CHECK(dump_state(a) != dump_state(c));
  CHECK(a.api().current_resource_version() == b.api().current_resource_version());
}

TEST_CASE("a sandbox boots a kubeadm-like cluster with its controllers running", "[sandbox]") {
  Sandbox sb;
  auto& api = sb.api();
  const auto& sa = api.resource("", "serviceaccounts");
  const auto& cm = api.resource("", "configmaps");
  // The serviceaccount controller and root CA publisher ran during warm-up.
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    INFO(ns);
    CHECK(api.try_get(sa, ns, "default"));
    CHECK(api.try_get(cm, ns, "kube-root-ca.crt"));
  }
  // Namespaces carry the label the apiserver adds.
  auto ns = api.get(api.resource("", "namespaces"), "", "kube-system");
  CHECK((*ns)["metadata"]["labels"]["kubernetes.io/metadata.name"] == "kube-system");
  // The kubernetes Service has the first address of the service CIDR.
  auto k = api.get(api.resource("", "services"), "default", "kubernetes");
  CHECK((*k)["spec"]["clusterIP"] == "10.96.0.1");
  // A new namespace gets its default ServiceAccount from the controller, and
  // deleting it cascades through the namespace controller.
  Shell sh(sb);
  api.create(api.resource("", "namespaces"), "", {{"metadata", {{"name", "lab"}}}});
  sb.advance(sim::seconds(5));
  CHECK(api.try_get(sa, "lab", "default"));
  api.remove(api.resource("", "namespaces"), "", "lab");
  CHECK(sh.run("kubectl get ns lab").output.find("Terminating") != std::string::npos);
  sb.advance(sim::seconds(30));
  CHECK(sh.run("kubectl get ns lab").output == "Error from server (NotFound): namespaces \"lab\" not found\n");
  CHECK_FALSE(api.try_get(sa, "lab", "default"));
}

TEST_CASE("the terminal edits lines like a shell and answers through the core", "[sandbox][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  CHECK(screen.find("[root@k8s-master ~]# ") != std::string::npos);
  screen.clear();
  term.input("kubectl get nodex");
  term.input("\x7f");  // Backspace
  term.input("s\r");
  CHECK(screen.find("NAME         STATUS   ROLES           AGE   VERSION\r\n") != std::string::npos);
  CHECK(screen.find("k8s-node2    Ready    <none>") != std::string::npos);
  CHECK(term.history() == std::vector<std::string>{"kubectl get nodes"});
  screen.clear();
  term.input("\x1b[A");  // up: the last command comes back
  CHECK(screen.find("kubectl get nodes") != std::string::npos);
  screen.clear();
  term.input("\x03");  // Ctrl-C abandons the line
  CHECK(screen == "^C\r\n[root@k8s-master ~]# ");
  screen.clear();
  term.input("hostn\t");  // Tab completes the command (hostname, hostnamectl: their common prefix)
  CHECK(screen.find("hostname") != std::string::npos);
  term.input("\r");
  CHECK(screen.find("k8s-master\r\n") != std::string::npos);
}
