// kubectl cordon/uncordon through the terminal (and the scheduler honouring it);
// the ttl-after-finished-controller deleting a finished Job.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("kubectl cordon and uncordon a node", "[kubectl][cordon]") {
  ShellFixture f;
  CHECK(f.out("kubectl cordon k8s-node1") == "node/k8s-node1 cordoned\n");
  CHECK(f.out("kubectl cordon k8s-node1") == "node/k8s-node1 already cordoned\n");
  CHECK(f.out("kubectl cordon nosuch") == "Error from server (NotFound): nodes \"nosuch\" not found\n");
  f.sandbox.advance(sim::seconds(6));
  CHECK(f.out("kubectl get nodes k8s-node1 --no-headers | awk '{print $2}'") == "Ready,SchedulingDisabled\n");
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.taints[*].key}'") == "node.kubernetes.io/unschedulable");
  f.out("kubectl create deployment web --image=nginx:1.14.2 --replicas=2");
  f.sandbox.advance(sim::seconds(5));
  CHECK(f.out("kubectl get pods -o wide --no-headers | awk '{print $7}' | sort -u") == "k8s-node2\n");
  CHECK(f.out("kubectl uncordon node/k8s-node1") == "node/k8s-node1 uncordoned\n");
  CHECK(f.out("kubectl uncordon k8s-node1") == "node/k8s-node1 already uncordoned\n");
}

TEST_CASE("a finished Job with ttlSecondsAfterFinished is deleted with its pods", "[job][ttl]") {
  ShellFixture f;
  auto& api = f.sandbox.api();
  api.create(api.resource("batch", "jobs"), "default",
             Json{{"apiVersion", "batch/v1"},
                  {"kind", "Job"},
                  {"metadata", {{"name", "once"}}},
                  {"spec",
                   {{"ttlSecondsAfterFinished", 30},
                    {"template",
                     {{"spec",
                       {{"restartPolicy", "Never"},
                        {"containers", Json::array({Json{{"name", "c"}, {"image", "busybox:1.36"},
                                                         {"command", Json::array({"echo", "hi"})}}})}}}}}}}});
  f.sandbox.advance(sim::seconds(20));
  CHECK(f.out("kubectl get job once --no-headers | awk '{print $2}'") == "Complete\n");
  f.sandbox.advance(sim::seconds(40));
  CHECK(f.out("kubectl get job once") == "Error from server (NotFound): jobs.batch \"once\" not found\n");
  f.sandbox.advance(sim::seconds(5));
  CHECK(f.out("kubectl get pods") == "No resources found in default namespace.\n");
}
