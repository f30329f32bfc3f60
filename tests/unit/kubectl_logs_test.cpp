// kubectl logs: the container's output as the kubelet kept it, and the errors
// v1.32 prints for pods that have not started, unknown containers and --previous.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

std::string kc(Sandbox& sb, std::vector<std::string> args) { return kubectl::run(sb, args).output; }

void create_pod(Sandbox& sb, const std::string& name, Json containers, const std::string& restart = "Always") {
  sb.api().create(sb.api().resource("", "pods"), "default",
                  Json{{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", {{"name", name}}},
                       {"spec", {{"containers", containers}, {"restartPolicy", restart}}}});
}

}  // namespace

TEST_CASE("kubectl logs prints a job-like pod's output and the real errors", "[kubectl][logs]") {
  Sandbox sb;
  create_pod(sb, "pi",
             Json::array({Json{{"name", "pi"},
                               {"image", "perl:5.34.0"},
                               {"command", Json::array({"perl", "-Mbignum=bpi", "-wle", "print bpi(20)"})}}}),
             "Never");
  CHECK(kc(sb, {"logs", "pi"}) ==
        "Error from server (BadRequest): container \"pi\" in pod \"pi\" is waiting to start: ContainerCreating\n");
  sb.advance(sim::seconds(60));
  CHECK(kc(sb, {"logs", "pi"}) == "3.1415926535897932385\n");
  CHECK(kc(sb, {"logs", "pod/pi", "--timestamps"}).find("Z 3.1415926535897932385\n") != std::string::npos);
  CHECK(kc(sb, {"logs", "pi", "-c", "nope"}) ==
        "Error from server (BadRequest): container nope is not valid for pod pi\n");
  CHECK(kc(sb, {"logs", "pi", "-p"}) ==
        "Error from server (BadRequest): previous terminated container \"pi\" in pod \"pi\" not found\n");
  CHECK(kc(sb, {"logs", "nosuch"}) == "Error from server (NotFound): pods \"nosuch\" not found\n");
}

TEST_CASE("kubectl logs: several containers, --previous after a restart, --tail, image pull failures", "[kubectl][logs]") {
  Sandbox sb;
  create_pod(sb, "two",
             Json::array({Json{{"name", "a"}, {"image", "busybox:1.36"},
                               {"command", Json::array({"sh", "-c", "echo one; echo two; echo three; sleep 5"})}},
                          Json{{"name", "b"}, {"image", "busybox:1.36"}, {"command", Json::array({"sleep", "3600"})}}}));
  create_pod(sb, "bad", Json::array({Json{{"name", "c"}, {"image", "nginx:1.99"}}}));
  sb.advance(sim::seconds(12));
  CHECK(kc(sb, {"logs", "two"}) == "Defaulted container \"a\" out of: a, b\none\ntwo\nthree\n");
  CHECK(kc(sb, {"logs", "two", "-c", "a", "--tail", "1"}) == "three\n");
  CHECK(kc(sb, {"logs", "two", "-c", "b"}) == "");
  sb.advance(sim::seconds(10));  // a exited and restarted
  CHECK(kc(sb, {"logs", "two", "-c", "a", "-p"}) == "one\ntwo\nthree\n");
  CHECK(kc(sb, {"logs", "bad"}) ==
        "Error from server (BadRequest): container \"c\" in pod \"bad\" is waiting to start: trying and failing to pull "
        "image\n");
}
