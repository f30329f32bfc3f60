// kubectl wait: virtual time runs until the condition holds or the timeout passes.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

void create_pod(Sandbox& sb, const std::string& name, const std::string& image) {
  auto& api = sb.api();
  Json c = Json::object();
  c["name"] = "c";
  c["image"] = image;
  Json pod = Json::object();
  pod["apiVersion"] = "v1";
  pod["kind"] = "Pod";
  pod["metadata"] = {{"name", name}, {"labels", {{"app", name}}}};
  pod["spec"] = {{"containers", Json::array({c})}};
  api.create(api.resource("", "pods"), "default", pod);
}

}  // namespace

TEST_CASE("kubectl wait --for=condition and jsonpath", "[kubectl][wait]") {
  ShellFixture f;
  create_pod(f.sandbox, "web", "nginx:1.25");
  const sim::Time start = f.sandbox.sim().now();
  CHECK(f.out("kubectl wait --for=condition=Ready pod/web --timeout=2m") == "pod/web condition met\n");
  // Time stopped where the pod became ready, well before the timeout.
  CHECK(f.sandbox.sim().now() - start < sim::seconds(100));
  CHECK(f.out("kubectl get pod web -o jsonpath='{.status.phase}'") == "Running");
  CHECK(f.out("kubectl wait --for=condition=ready=TRUE pods web") == "pod/web condition met\n");
  CHECK(f.out("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web") == "pod/web condition met\n");
  CHECK(f.out("kubectl wait --for=jsonpath={.status.phase} pod/web") == "pod/web condition met\n");
  CHECK(f.out("kubectl wait --for=jsonpath='{.status.phase}'=Failed pod/web --timeout=5s") ==
        "error: timed out waiting for the condition on pods/web\n");
  CHECK(f.code("kubectl wait --for=jsonpath='{.status.phase}'=Failed pod/web --timeout=5s") == 1);
  CHECK(f.out("kubectl wait --for=condition=Ready pod/web --timeout=0") == "pod/web condition met\n");
  CHECK(f.out("kubectl wait --for=condition=Nope pod/web --timeout=0") == "error: condition not met for pods/web\n");
  f.out("kubectl create deployment app --image=nginx:1.25 --replicas=2");
  CHECK(f.out("kubectl wait --for=condition=Available deployment/app --timeout=2m") ==
        "deployment.apps/app condition met\n");
  CHECK(f.out("kubectl wait --for=condition=Ready pod -l app=app | wc -l") == "2\n");
}

TEST_CASE("kubectl wait --for=delete and errors", "[kubectl][wait]") {
  ShellFixture f;
  create_pod(f.sandbox, "web", "nginx:1.25");
  f.sandbox.advance(sim::seconds(10));
  f.out("kubectl delete pod web --wait=false");
  CHECK(f.out("kubectl wait --for=delete pod/web --timeout=60s") == "pod/web condition met\n");
  CHECK(f.out("kubectl get pod web") == "Error from server (NotFound): pods \"web\" not found\n");
  // A missing object is already deleted: nothing to print.
  CHECK(f.out("kubectl wait --for=delete pod/web") == "");
  CHECK(f.code("kubectl wait --for=delete pod/web") == 0);
  CHECK(f.out("kubectl wait --for=condition=Ready pod/web") == "Error from server (NotFound): pods \"web\" not found\n");
  CHECK(f.out("kubectl wait --for=bogus pod/web") == "error: unrecognized condition: \"bogus\"\n");
  CHECK(f.out("kubectl wait --for=condition=Ready pods") ==
        "error: resource(s) were provided, but no name was specified\n");
  CHECK(f.out("kubectl wait --for=condition=Ready pods -l app=none") == "error: no matching resources found\n");
  CHECK(f.out("kubectl wait --for=jsonpath='{.status.phase}'= pod/web") ==
        "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
}
