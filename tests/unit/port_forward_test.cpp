// kubectl port-forward through the terminal: a background job that makes
// localhost:PORT on this host reach the pod, "Handling connection" per request,
// named and Service ports, a port already taken, and the port freed by kill.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("kubectl port-forward in the background reaches the pod until killed", "[portforward][network]") {
  ShellFixture f;
  f.out("kubectl run web --image=nginx:1.27 --port=80");
  f.sandbox.advance(sim::seconds(30));
  const std::string started = f.out("kubectl port-forward web 8080:80 &");
  CHECK(started.find("Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n") != std::string::npos);
  CHECK(f.out("curl -s localhost:8080 | grep '<h1>'") == "Handling connection for 8080\n<h1>Welcome to nginx!</h1>\n");
  CHECK(f.out("kubectl port-forward pod/web 8080:80").find("bind: address already in use") != std::string::npos);
  // The port is this host's: another machine's localhost:8080 is not forwarded.
  CHECK(f.code("ssh k8s-node1 curl -s localhost:8080") == 7);
  f.out("kill %1");
  CHECK(f.code("curl -s localhost:8080") == 7);
  // A named container port, and a Service's port mapped to its targetPort.
  CHECK(f.out("kubectl expose pod web --port=8000 --target-port=80") == "service/web exposed\n");
  CHECK(f.out("kubectl port-forward svc/web 9000:8000 &").find("Forwarding from 127.0.0.1:9000 -> 80\n") != std::string::npos);
  CHECK(f.out("curl -s localhost:9000 | grep -c '<h1>'").find("1\n") != std::string::npos);
  CHECK(f.out("kubectl port-forward web http") == "error: Pod 'web' does not have a named port 'http'\n");
  CHECK(f.out("kubectl port-forward web") ==
        "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
  f.out("kubectl run later --image=perl");
  CHECK(f.out("kubectl port-forward later 80") ==
        "error: unable to forward port because pod is not running. Current status=Pending\n");
}
