// kubectl set image and rollout status/history/undo/pause/resume/restart on a
// Deployment, through the terminal, as seed 000 uses them.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("set image --record, rollout status/history/undo as seed 000 shows them", "[kubectl][rollout]") {
  ShellFixture f;
  CHECK(f.out("kubectl create deployment deploy-nginx --image=nginx:1.15-alpine --replicas=4") ==
        "deployment.apps/deploy-nginx created\n");
  f.sandbox.advance(sim::seconds(30));
  CHECK(f.out("kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record") ==
        "Flag --record has been deprecated, --record will be removed in the future\n"
        "deployment.apps/deploy-nginx image updated\n");
  const std::string status = f.out("kubectl rollout status deployment deploy-nginx");
  CHECK(status.rfind("Waiting for deployment spec update to be observed...\n", 0) == 0);
  INFO(status);
  CHECK(status.find("out of 4 new replicas have been updated...\n") != std::string::npos);
  const std::string done = "deployment \"deploy-nginx\" successfully rolled out\n";
  REQUIRE(status.size() > done.size());
  CHECK(status.substr(status.size() - done.size()) == done);
  f.out("kubectl set image deploy/deploy-nginx nginx=nginx:1.17-alpine --record");
  f.out("kubectl rollout status deploy/deploy-nginx");
  CHECK(f.out("kubectl rollout history deployment deploy-nginx") ==
        "deployment.apps/deploy-nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n"
        "2         kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record=true\n"
        "3         kubectl set image deploy/deploy-nginx nginx=nginx:1.17-alpine --record=true\n\n");
  CHECK(f.out("kubectl rollout undo deployment deploy-nginx --to-revision=1") == "deployment.apps/deploy-nginx rolled back\n");
  f.out("kubectl rollout status deployment deploy-nginx");
  CHECK(f.out("kubectl rollout history deployment deploy-nginx") ==
        "deployment.apps/deploy-nginx \nREVISION  CHANGE-CAUSE\n"
        "2         kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record=true\n"
        "3         kubectl set image deploy/deploy-nginx nginx=nginx:1.17-alpine --record=true\n4         <none>\n\n");
  CHECK(f.out("kubectl get deploy deploy-nginx -o jsonpath='{.spec.template.spec.containers[0].image}'") ==
        "nginx:1.15-alpine");
  CHECK(f.out("kubectl rollout undo deployment deploy-nginx --to-revision=9") ==
        "error: unable to find specified revision 9 in history\n");
  CHECK(f.out("kubectl set image deployment deploy-nginx nope=x") == "error: unable to find container named \"nope\"\n");
  CHECK(f.out("kubectl rollout history deployment nosuch") ==
        "Error from server (NotFound): deployments.apps \"nosuch\" not found\n");
}

TEST_CASE("rollout pause, resume and restart", "[kubectl][rollout]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.14.2");
  f.sandbox.advance(sim::seconds(20));
  CHECK(f.out("kubectl rollout pause deployment/web") == "deployment.apps/web paused\n");
  // The pauser's and restarter's errors name the object as "<resource>.<group> \"name\"".
  CHECK(f.out("kubectl rollout pause deployment/web") == "error: deployments.apps \"web\" is already paused\n");
  CHECK(f.out("kubectl rollout restart deployment/web") ==
        "error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n");
  CHECK(f.out("kubectl rollout resume deployment/web") == "deployment.apps/web resumed\n");
  CHECK(f.out("kubectl rollout resume deployment/web") == "error: deployments.apps \"web\" is not paused\n");
  CHECK(f.out("kubectl rollout restart deployment/web") == "deployment.apps/web restarted\n");
  CHECK(f.out("kubectl rollout status deployment/web").find("successfully rolled out") != std::string::npos);
  CHECK(f.out("kubectl get rs --no-headers | wc -l") == "2\n");
}
