#include <catch2/catch.hpp>

#include "core/printers/tabwriter.h"

using kt::printers::tabwrite;

TEST_CASE("tabwriter pads like kubectl: width + 3, at least 6, last cell bare", "[printers]") {
  // What `kubectl get nodes` prints for seed 004's cluster.
  std::string out = tabwrite({{"NAME", "STATUS", "ROLES", "AGE", "VERSION"},
                              {"k8s-master", "Ready", "control-plane", "12m", "v1.32.5"},
                              {"k8s-node1", "Ready", "<none>", "12m", "v1.32.5"}});
  CHECK(out ==
        "NAME         STATUS   ROLES           AGE   VERSION\n"
        "k8s-master   Ready    control-plane   12m   v1.32.5\n"
        "k8s-node1    Ready    <none>          12m   v1.32.5\n");
}

TEST_CASE("tabwriter counts UTF-8 code points, not bytes", "[printers]") {
  std::string out = tabwrite({{"名字", "X"}, {"ab", "Y"}});
  CHECK(out == "名字    X\nab    Y\n");
}
