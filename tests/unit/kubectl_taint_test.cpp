// kubectl taint on the default scenario's nodes, with kubectl v1.32's messages.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using kt::testing::ShellFixture;

TEST_CASE("kubectl taint adds, overwrites and removes taints", "[kubectl][taint]") {
  ShellFixture f;
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated=special:NoSchedule") == "node/k8s-node1 tainted\n");
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.taints}'") ==
        "[{\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"value\":\"special\"}]");
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated=other:NoSchedule") ==
        "error: node k8s-node1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n");
  CHECK(f.code("kubectl taint nodes k8s-node1 dedicated=other:NoSchedule") == 1);
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated=other:NoSchedule --overwrite") == "node/k8s-node1 modified\n");
  // A second effect for the same key is a new taint, put first.
  CHECK(f.out("kubectl taint node k8s-node1 dedicated:NoExecute") == "node/k8s-node1 tainted\n");
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{range .spec.taints[*]}{.key}:{.effect}={.value} {end}'") ==
        "dedicated:NoExecute= dedicated:NoSchedule=other ");
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated:NoExecute-") == "node/k8s-node1 untainted\n");
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated-") == "node/k8s-node1 untainted\n");
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.taints}'") == "");
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated-") == "error: taint \"dedicated\" not found\n");
  CHECK(f.out("kubectl taint nodes k8s-node1 dedicated:NoSchedule-") == "error: taint \"dedicated:NoSchedule\" not found\n");
}

TEST_CASE("kubectl taint argument errors", "[kubectl][taint]") {
  ShellFixture f;
  CHECK(f.out("kubectl taint nodes k8s-node1 a=b:Bogus") ==
        "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  CHECK(f.out("kubectl taint nodes k8s-node1 a=b") ==
        "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must "
        "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
        "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n");
  CHECK(f.out("kubectl taint nodes k8s-node1 a:") ==
        "error: invalid taint effect: , unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  CHECK(f.out("kubectl taint nodes k8s-node1") == "error: at least one taint update is required\n");
  CHECK(f.out("kubectl taint") == "error: one or more resources must be specified as <resource> <name>\n");
  CHECK(f.out("kubectl taint nodes a=b:NoSchedule k8s-node1") ==
        "error: all resources must be specified before taint changes: k8s-node1\n");
  CHECK(f.out("kubectl taint pods x a=b:NoSchedule") == "error: invalid resource type pods, only node types are supported\n");
  CHECK(f.out("kubectl taint nodes a=b:NoSchedule") ==
        "error: at least one resource name must be specified since 'all' parameter is not set\n");
  CHECK(f.out("kubectl taint nodes k8s-node1 a=b:NoSchedule a-") ==
        "error: can not both modify and remove the following taint(s) in the same command: a=\n");
  CHECK(f.out("kubectl taint nodes nosuch a=b:NoSchedule") == "Error from server (NotFound): nodes \"nosuch\" not found\n");
}

TEST_CASE("kubectl taint --all and -l", "[kubectl][taint]") {
  ShellFixture f;
  CHECK(f.out("kubectl taint nodes --all gpu=no:PreferNoSchedule") ==
        "node/k8s-master tainted\nnode/k8s-node1 tainted\nnode/k8s-node2 tainted\n");
  CHECK(f.out("kubectl taint nodes -l kubernetes.io/hostname=k8s-node2 gpu-") == "node/k8s-node2 untainted\n");
  CHECK(f.out("kubectl taint nodes --all -l a=b gpu-") ==
        "error: setting 'all' parameter with a non empty selector is prohibited\n");
  // kubectl's taint printer drops the dry-run suffix.
  CHECK(f.out("kubectl taint nodes k8s-node1 x=y:NoSchedule --dry-run=client") == "node/k8s-node1 tainted\n");
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.taints[*].key}'") == "gpu");
}
