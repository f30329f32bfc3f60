// Scenario command lines for kube-controller-manager and the kubelet: the flags the
// seeds name change the timings the node lifecycle lesson shows; flags v1.32
// dropped or bad values are errors with pflag's words.
#include <catch2/catch.hpp>

#include "core/controllers/manager_flags.h"
#include "core/node/kubelet_flags.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;

TEST_CASE("kube-controller-manager flags set the config; unknown and bad ones are pflag errors", "[scenario][flags]") {
  controllers::ControllerManagerConfig c;
  CHECK(controllers::apply_controller_manager_flags(
            c, {"--node-monitor-grace-period=20s", "--terminated-pod-gc-threshold=10", "--controllers=*,-ttl-after-finished-controller",
                "--concurrent-deployment-syncs=2"}) == "");
  CHECK(c.node_monitor_grace_period == sim::seconds(20));
  CHECK(c.terminated_pod_gc_threshold == 10);
  CHECK(c.controllers == std::vector<std::string>{"*", "-ttl-after-finished-controller"});
  CHECK(c.concurrent_deployment_syncs == 2);
  // Seed 001 still lists --pod-eviction-timeout; v1.27 removed it.
  CHECK(controllers::apply_controller_manager_flags(c, {"--pod-eviction-timeout=5m"}) ==
        "unknown flag: --pod-eviction-timeout");
  CHECK(controllers::apply_controller_manager_flags(c, {"--node-monitor-grace-period=abc"}) ==
        "invalid argument \"abc\" for \"--node-monitor-grace-period\" flag: time: invalid duration \"abc\"");
  node::KubeletConfig k;
  CHECK(node::apply_kubelet_flags(k, {"--node-status-update-frequency=4s", "--node-lease-duration-seconds=20"}) == "");
  CHECK(k.node_status_update == sim::seconds(4));
  CHECK(k.lease_renew_interval == sim::seconds(5));
  CHECK(node::apply_kubelet_flags(k, {"--bogus=1"}) == "unknown flag: --bogus");
}

TEST_CASE("with --node-monitor-grace-period=20s a stopped kubelet's node goes NotReady sooner", "[scenario][flags][nodelifecycle]") {
  auto not_ready_after = [](const std::string& scenario) {
    Sandbox sb{SandboxOptions{.scenario = scenario, .seed = 1}};
    Shell sh{sb};
    sh.run("ssh k8s-node1 systemctl stop kubelet");
    for (int s = 1; s <= 120; ++s) {
      sb.advance(sim::seconds(1));
      if (sh.run("kubectl get node k8s-node1 --no-headers | awk '{print $2}'").output == "NotReady\n") return s;
    }
    return 0;
  };
  const int fast = not_ready_after("fast-node-lifecycle"), normal = not_ready_after("default");
  CHECK(fast > 0);
  CHECK(fast <= 25);
  CHECK(normal > 40);
}
