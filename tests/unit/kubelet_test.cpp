// The kubelet: pod lifecycle, image pulls, restarts and back-off, termination,
// mirror pods and the node Lease, with the texts and timings of the real one.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/node/images.h"
#include "core/node/kubelet.h"
#include "core/node/pi.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

Json pod(const std::string& name, const std::string& image, Json container_extra = Json::object(),
         Json spec_extra = Json::object()) {
  Json c = {{"name", "c"}, {"image", image}};
  for (auto it = container_extra.begin(); it != container_extra.end(); ++it) c[it.key()] = *it;
  Json spec = {{"containers", Json::array({c})}, {"nodeName", "k8s-node1"}};
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}}}, {"spec", spec}};
}

api::ObjectPtr get(Sandbox& sb, const std::string& name, const std::string& ns = "default") {
  return sb.api().try_get(sb.api().resource("", "pods"), ns, name);
}

const Json& cstatus(const api::ObjectPtr& p) { return api::field(*p, {"status", "containerStatuses"})[0]; }

std::string waiting_reason(const api::ObjectPtr& p) {
  return api::str_field(cstatus(p), {"state", "waiting", "reason"});
}

// "reason: message" of every event about a pod, oldest first.
std::vector<std::string> pod_events(Sandbox& sb, const std::string& name) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (api::str_field(*e, {"involvedObject", "name"}) == name)
      rows.emplace_back(api::str_field(*e, {"firstTimestamp"}) + api::meta::name(*e),
                        api::str_field(*e, {"reason"}) + ": " + api::str_field(*e, {"message"}));
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.second);
  return out;
}

void create(Sandbox& sb, const Json& p) { sb.api().create(sb.api().resource("", "pods"), "default", p); }

}  // namespace

TEST_CASE("a pod goes ContainerCreating → Running with the kubelet's events", "[kubelet]") {
  Sandbox sb;
  create(sb, pod("web", "nginx:1.14.2"));
  sb.advance(sim::millis(100));
  auto p = get(sb, "web");
  CHECK(api::str_field(*p, {"status", "phase"}) == "Pending");
  CHECK(waiting_reason(p) == "ContainerCreating");
  CHECK(api::str_field(*p, {"status", "hostIP"}) == "172.31.0.5");
  CHECK(api::str_field(*p, {"status", "podIP"}).empty());

  sb.advance(sim::seconds(10));
  p = get(sb, "web");
  CHECK(api::str_field(*p, {"status", "phase"}) == "Running");
  CHECK(api::field(cstatus(p), {"ready"}) == true);
  CHECK(api::field(cstatus(p), {"started"}) == true);
  CHECK(api::str_field(cstatus(p), {"image"}) == "docker.io/library/nginx:1.14.2");
  CHECK(api::str_field(cstatus(p), {"containerID"}).rfind("containerd://", 0) == 0);
  // node1's podCIDR is 192.168.1.0/24.
  CHECK(api::str_field(*p, {"status", "podIP"}).rfind("192.168.1.", 0) == 0);
  for (const auto& c : api::field(*p, {"status", "conditions"})) {
    INFO(c.dump());
    CHECK(c.value("status", "") == "True");
  }
  const auto events = pod_events(sb, "web");
  REQUIRE(events.size() == 4);
  CHECK(events[0] == "Pulling: Pulling image \"nginx:1.14.2\"");
  // 0.6 s to resolve + 72,188,133 bytes at 25 MB/s.
  CHECK(events[1] ==
        "Pulled: Successfully pulled image \"nginx:1.14.2\" in 3.487s (3.487s including waiting). Image size: "
        "72188133 bytes.");
  CHECK(events[2] == "Created: Created container: c");
  CHECK(events[3] == "Started: Started container c");

  // The image is now on node1: the next pod does not pull it.
  create(sb, pod("web2", "nginx:1.14.2"));
  sb.advance(sim::seconds(3));
  CHECK(pod_events(sb, "web2").front() == "Pulled: Container image \"nginx:1.14.2\" already present on machine");
  CHECK(api::str_field(*get(sb, "web2"), {"status", "phase"}) == "Running");
  CHECK(api::str_field(*get(sb, "web2"), {"status", "podIP"}) != api::str_field(*p, {"status", "podIP"}));
}

TEST_CASE("an image that does not exist: ErrImagePull, then ImagePullBackOff", "[kubelet]") {
  Sandbox sb;
  create(sb, pod("bad", "nginx:1.99"));
  sb.advance(sim::millis(1600));
  auto p = get(sb, "bad");
  CHECK(waiting_reason(p) == "ErrImagePull");
  const std::string err =
      "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.99\": failed to "
      "resolve reference \"docker.io/library/nginx:1.99\": docker.io/library/nginx:1.99: not found";
  CHECK(api::str_field(cstatus(p), {"state", "waiting", "message"}) == err);
  sb.advance(sim::seconds(2));
  p = get(sb, "bad");
  CHECK(waiting_reason(p) == "ImagePullBackOff");
  CHECK(api::str_field(cstatus(p), {"state", "waiting", "message"}) ==
        "Back-off pulling image \"nginx:1.99\": ErrImagePull: " + err);
  const auto events = pod_events(sb, "bad");
  CHECK(std::count(events.begin(), events.end(), "Failed: Failed to pull image \"nginx:1.99\": " + err) == 1);
  CHECK(std::count(events.begin(), events.end(), "Failed: Error: ErrImagePull") == 1);
  CHECK(std::count(events.begin(), events.end(), "BackOff: Back-off pulling image \"nginx:1.99\"") == 1);
  CHECK(std::count(events.begin(), events.end(), "Failed: Error: ImagePullBackOff") == 1);
  CHECK(api::str_field(*p, {"status", "phase"}) == "Pending");

  // A repository that does not exist is "pull access denied".
  auto r = node::resolve_image("nosuchuser/app:v1");
  CHECK_FALSE(r.image);
  CHECK(r.error.find("pull access denied, repository does not exist or may require authorization") !=
        std::string::npos);
}

TEST_CASE("a container that keeps exiting goes into CrashLoopBackOff with the real back-off", "[kubelet]") {
  Sandbox sb;
  create(sb, pod("bb", "busybox:1.36"));  // `sh` with no TTY exits at once
  std::vector<std::pair<double, int>> restarts;  // (time, restartCount) whenever it changes
  int last = -1;
  const sim::Time t0 = sb.sim().now();
  for (int i = 0; i < 1000; ++i) {
    sb.advance(sim::millis(200));
    auto p = get(sb, "bb");
    const Json& cs = api::field(*p, {"status", "containerStatuses"});
    if (!cs.is_array() || cs.empty()) continue;
    const int n = cs[0].value("restartCount", 0);
    if (n != last) {
      restarts.emplace_back(double((sb.sim().now() - t0).us) / 1e6, n);
      last = n;
    }
  }
  // Restarts: one right away, then 10 s, 20 s, 40 s, 80 s apart (plus the pull of a
  // few hundred ms each time the image is already present).
  REQUIRE(restarts.size() >= 5);
  auto gap = [&](std::size_t i) { return restarts[i + 1].first - restarts[i].first; };
  CHECK(gap(1) == Approx(10.4).margin(0.5));
  CHECK(gap(2) == Approx(20.4).margin(0.5));
  CHECK(gap(3) == Approx(40.4).margin(0.5));
  auto p = get(sb, "bb");
  CHECK(api::str_field(*p, {"status", "phase"}) == "Running");
  CHECK(waiting_reason(p) == "CrashLoopBackOff");
  const std::string uid = api::meta::uid(*p);
  CHECK(api::str_field(cstatus(p), {"state", "waiting", "message"}).rfind("back-off ", 0) == 0);
  CHECK(api::str_field(cstatus(p), {"state", "waiting", "message"}).find(" restarting failed container=c pod=bb_default(" + uid + ")") != std::string::npos);
  CHECK(api::str_field(cstatus(p), {"lastState", "terminated", "reason"}) == "Completed");
  const auto events = pod_events(sb, "bb");
  CHECK(std::count(events.begin(), events.end(),
                   "BackOff: Back-off restarting failed container c in pod bb_default(" + uid + ")") == 1);
}

TEST_CASE("a Never-restart pod that computes pi succeeds and keeps its log", "[kubelet]") {
  Sandbox sb;
  create(sb, pod("pi", "perl:5.34.0",
                 {{"command", Json::array({"perl", "-Mbignum=bpi", "-wle", "print bpi(50)"})}},
                 {{"restartPolicy", "Never"}}));
  sb.advance(sim::seconds(60));
  auto p = get(sb, "pi");
  CHECK(api::str_field(*p, {"status", "phase"}) == "Succeeded");
  CHECK(api::str_field(cstatus(p), {"state", "terminated", "reason"}) == "Completed");
  CHECK(api::field(cstatus(p), {"state", "terminated", "exitCode"}) == 0);
  const node::PodState* st = sb.cluster().kubelet("k8s-node1")->pod("default", "pi");
  REQUIRE(st);
  REQUIRE(st->containers[0].log.size() == 1);
  CHECK(st->containers[0].log[0].second == "3.1415926535897932384626433832795028841971693993751");
  for (const auto& c : api::field(*p, {"status", "conditions"}))
    if (c.value("type", "") == "Ready") CHECK(c.value("reason", "") == "PodCompleted");
}

TEST_CASE("pi digits match the known expansion", "[kubelet][pi]") {
  CHECK(node::pi_digits(1) == "3");
  CHECK(node::pi_digits(3) == "3.14");
  CHECK(node::pi_digits(5) == "3.1416");  // rounded
  const std::string pi2000 = node::pi_digits(2000);
  CHECK(pi2000.size() == 2001);
  // The Feynman point: six 9s starting at decimal 762.
  CHECK(pi2000.substr(1 + 762, 6) == "999999");
  CHECK(pi2000.rfind("3.14159265358979323846264338327950288419716939937510582097494459", 0) == 0);
}

TEST_CASE("deleting a pod: Killing, the grace period for processes that ignore SIGTERM", "[kubelet]") {
  Sandbox sb;
  auto& api = sb.api();
  const auto& pods = api.resource("", "pods");
  create(sb, pod("web", "nginx:1.14.2"));
  create(sb, pod("sleeper", "busybox:1.36", {{"command", Json::array({"sleep", "3600"})}}));
  sb.advance(sim::seconds(20));
  REQUIRE(api::str_field(*get(sb, "sleeper"), {"status", "phase"}) == "Running");
  api.remove(pods, "default", "web");
  api.remove(pods, "default", "sleeper");
  sb.advance(sim::seconds(1));
  CHECK_FALSE(get(sb, "web"));  // nginx stops on SIGTERM
  REQUIRE(get(sb, "sleeper"));  // sleep as PID 1 does not
  CHECK(api::meta::being_deleted(*get(sb, "sleeper")));
  sb.advance(sim::seconds(28));
  CHECK(get(sb, "sleeper"));
  sb.advance(sim::seconds(2));
  CHECK_FALSE(get(sb, "sleeper"));
  const auto events = pod_events(sb, "sleeper");
  CHECK(events.back() == "Killing: Stopping container c");
}

TEST_CASE("init containers run first, one by one", "[kubelet]") {
  Sandbox sb;
  Json p = pod("init", "nginx:1.14.2", Json::object(),
               {{"initContainers", Json::array({Json{{"name", "wait"},
                                                     {"image", "busybox:1.36"},
                                                     {"command", Json::array({"sh", "-c", "sleep 5"})}}})}});
  create(sb, p);
  sb.advance(sim::seconds(3));
  auto got = get(sb, "init");
  CHECK(api::str_field(*got, {"status", "phase"}) == "Pending");
  CHECK(api::str_field(api::field(*got, {"status", "initContainerStatuses"})[0], {"state", "running", "startedAt"}) !=
        "");
  CHECK(waiting_reason(got) == "PodInitializing");
  sb.advance(sim::seconds(15));
  got = get(sb, "init");
  CHECK(api::str_field(*got, {"status", "phase"}) == "Running");
  CHECK(api::str_field(api::field(*got, {"status", "initContainerStatuses"})[0], {"state", "terminated", "reason"}) ==
        "Completed");
}

TEST_CASE("the control plane runs its static pods; every kubelet renews its Lease", "[kubelet]") {
  Sandbox sb;
  for (const char* name : {"etcd-k8s-master", "kube-apiserver-k8s-master", "kube-controller-manager-k8s-master",
                           "kube-scheduler-k8s-master"}) {
    INFO(name);
    auto p = get(sb, name, "kube-system");
    REQUIRE(p);
    CHECK(api::str_field(*p, {"status", "phase"}) == "Running");
    CHECK(api::str_field(*p, {"status", "podIP"}) == "172.31.0.4");
    CHECK(api::str_field(*p, {"spec", "nodeName"}) == "k8s-master");
    CHECK(api::field(cstatus(p), {"ready"}) == true);
  }
  const auto& leases = sb.api().resource("coordination.k8s.io", "leases");
  for (const char* node : {"k8s-master", "k8s-node1", "k8s-node2"}) {
    auto lease = sb.api().get(leases, "kube-node-lease", node);
    CHECK(api::str_field(*lease, {"spec", "holderIdentity"}) == node);
    const std::string renewed = api::str_field(*lease, {"spec", "renewTime"});
    sb.advance(sim::seconds(10));
    CHECK(api::str_field(*sb.api().get(leases, "kube-node-lease", node), {"spec", "renewTime"}) != renewed);
  }
}

TEST_CASE("image references normalise as docker does; nginx tags map to versions", "[kubelet][images]") {
  CHECK(node::parse_image("nginx")->full() == "docker.io/library/nginx:latest");
  CHECK(node::parse_image("library/nginx:1.15-alpine")->full() == "docker.io/library/nginx:1.15-alpine");
  CHECK(node::parse_image("registry.k8s.io/pause:3.10")->full() == "registry.k8s.io/pause:3.10");
  CHECK(node::parse_image("localhost:5000/app")->full() == "localhost:5000/app:latest");
  CHECK_FALSE(node::parse_image("Nginx"));
  CHECK_FALSE(node::parse_image("nginx:"));
  CHECK(node::nginx_version_for_tag("1.15-alpine") == "1.15.12");
  CHECK(node::nginx_version_for_tag("1.14.2") == "1.14.2");
  CHECK(node::nginx_version_for_tag("1.14.9") == "");
  CHECK(node::nginx_version_for_tag("1.9.1") == "1.9.1");
  CHECK(node::nginx_version_for_tag("2.0") == "");
  // Mirrors resolve to the same images.
  auto mirror = node::resolve_image("registry.cn-hangzhou.aliyuncs.com/google_containers/coredns:v1.11.3");
  REQUIRE(mirror.image);
  CHECK(mirror.image->ref.full() == "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns:v1.11.3");
}
