// Cell text of the pod table, against what kube-apiserver v1.32's printPod prints
// for the same status (pkg/printers/internalversion/printers.go).
#include <catch2/catch.hpp>

#include "core/api/resources.h"
#include "core/printers/table.h"
#include "core/util/timefmt.h"

namespace {

using kt::Json;
using kt::printers::make_table;

const kt::sim::Time kNow = kt::util::time_from_civil(2024, 1, 1, 1, 0, 0);

const kt::api::ResourceInfo& pods() { return *kt::api::ResourceRegistry::builtin().find("", "v1", "pods"); }

// The row for one pod: all nine cells as strings.
std::vector<std::string> row(const Json& pod) {
  auto t = make_table(pods(), {kt::api::make_object(pod)}, kNow);
  std::vector<std::string> out;
  for (const auto& c : t.rows.at(0).cells) out.push_back(c.is_string() ? c.get<std::string>() : c.dump());
  return out;
}

Json base_pod() {
  return Json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-7d4b9c6f5-x2x9k", "namespace": "default", "creationTimestamp": "2024-01-01T00:58:00Z"},
    "spec": {"nodeName": "k8s-node1", "containers": [{"name": "nginx", "image": "nginx:1.25"}]},
    "status": {"phase": "Running", "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}],
               "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
               "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 0,
                                      "state": {"running": {"startedAt": "2024-01-01T00:58:10Z"}}}]}
  })");
}

}  // namespace

TEST_CASE("pod table columns are kube's, wide ones at priority 1", "[printers]") {
  auto t = make_table(pods(), {}, kNow);
  std::vector<std::string> names;
  for (const auto& c : t.columns) names.push_back(c.name + (c.priority ? "*" : ""));
  CHECK(names == std::vector<std::string>{"Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*",
                                          "Nominated Node*", "Readiness Gates*"});
  CHECK(t.columns[0].format == "name");
}

TEST_CASE("running pod: 1/1 Running 0 2m", "[printers]") {
  CHECK(row(base_pod()) == std::vector<std::string>{"web-7d4b9c6f5-x2x9k", "1/1", "Running", "0", "2m",
                                                    "10.244.1.5", "k8s-node1", "<none>", "<none>"});
}

TEST_CASE("pending pod without node: Pending, <none> IP and node", "[printers]") {
  Json p = base_pod();
  p["spec"].erase("nodeName");
  p["status"] = {{"phase", "Pending"},
                 {"conditions", Json::array({{{"type", "PodScheduled"}, {"status", "False"}, {"reason", "Unschedulable"}}})}};
  auto r = row(p);
  CHECK(r[1] == "0/1");
  CHECK(r[2] == "Pending");
  CHECK(r[5] == "<none>");
  CHECK(r[6] == "<none>");
}

TEST_CASE("waiting container reason wins: ContainerCreating, CrashLoopBackOff with restarts ago", "[printers]") {
  Json p = base_pod();
  p["status"]["phase"] = "Pending";
  p["status"]["containerStatuses"][0] = {{"name", "nginx"}, {"ready", false}, {"restartCount", 0},
                                         {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}}};
  CHECK(row(p)[2] == "ContainerCreating");

  p["status"]["phase"] = "Running";
  p["status"]["containerStatuses"][0] = {
      {"name", "nginx"},
      {"ready", false},
      {"restartCount", 4},
      {"state", {{"waiting", {{"reason", "CrashLoopBackOff"}, {"message", "back-off 1m20s"}}}}},
      {"lastState", {{"terminated", {{"exitCode", 1}, {"reason", "Error"}, {"finishedAt", "2024-01-01T00:59:15Z"}}}}}};
  auto r = row(p);
  CHECK(r[1] == "0/1");
  CHECK(r[2] == "CrashLoopBackOff");
  CHECK(r[3] == "4 (45s ago)");
}

TEST_CASE("init containers: Init:0/2, Init:CrashLoopBackOff, Init:ExitCode, Init:Error", "[printers]") {
  Json p = base_pod();
  p["spec"]["initContainers"] = Json::array({{{"name", "a"}, {"image", "busybox"}}, {{"name", "b"}, {"image", "busybox"}}});
  p["status"] = {{"phase", "Pending"},
                 {"conditions", Json::array({{{"type", "Initialized"}, {"status", "False"}}})},
                 {"initContainerStatuses",
                  Json::array({{{"name", "a"}, {"ready", false}, {"restartCount", 0},
                                {"state", {{"running", {{"startedAt", "2024-01-01T00:59:00Z"}}}}}},
                               {{"name", "b"}, {"ready", false}, {"restartCount", 0},
                                {"state", {{"waiting", {{"reason", "PodInitializing"}}}}}}})},
                 {"containerStatuses", Json::array({{{"name", "nginx"}, {"ready", false}, {"restartCount", 0},
                                                     {"state", {{"waiting", {{"reason", "PodInitializing"}}}}}}})}};
  CHECK(row(p)[2] == "Init:0/2");

  p["status"]["initContainerStatuses"][0]["state"] = {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}};
  p["status"]["initContainerStatuses"][1]["state"] = {{"waiting", {{"reason", "CrashLoopBackOff"}}}};
  p["status"]["initContainerStatuses"][1]["restartCount"] = 3;
  auto r = row(p);
  CHECK(r[2] == "Init:CrashLoopBackOff");
  CHECK(r[3] == "3");  // no lastState.terminated: no "(… ago)"

  p["status"]["initContainerStatuses"][1]["state"] = {{"terminated", {{"exitCode", 2}}}};
  CHECK(row(p)[2] == "Init:ExitCode:2");
  p["status"]["initContainerStatuses"][1]["state"] = {{"terminated", {{"exitCode", 1}, {"reason", "Error"}}}};
  CHECK(row(p)[2] == "Init:Error");
}

TEST_CASE("sidecar (restartable init container) counts in READY", "[printers]") {
  Json p = base_pod();
  p["spec"]["initContainers"] = Json::array({{{"name", "proxy"}, {"image", "envoy"}, {"restartPolicy", "Always"}}});
  p["status"]["initContainerStatuses"] = Json::array(
      {{{"name", "proxy"}, {"ready", true}, {"started", true}, {"restartCount", 1},
        {"state", {{"running", {{"startedAt", "2024-01-01T00:59:00Z"}}}}},
        {"lastState", {{"terminated", {{"exitCode", 137}, {"finishedAt", "2024-01-01T00:58:59Z"}}}}}}});
  auto r = row(p);
  CHECK(r[1] == "2/2");
  CHECK(r[2] == "Running");
  CHECK(r[3] == "1 (61s ago)");
}

TEST_CASE("completed job pod: Completed, row condition Completed/Succeeded", "[printers]") {
  Json p = base_pod();
  p["status"]["phase"] = "Succeeded";
  p["status"]["containerStatuses"][0] = {{"name", "nginx"}, {"ready", false}, {"restartCount", 0},
                                         {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}}};
  auto t = make_table(pods(), {kt::api::make_object(p)}, kNow);
  CHECK(t.rows[0].cells[1] == "0/1");
  CHECK(t.rows[0].cells[2] == "Completed");
  REQUIRE(t.rows[0].conditions.is_array());
  CHECK(t.rows[0].conditions[0]["reason"] == "Succeeded");
}

TEST_CASE("terminated without reason: ExitCode:N or Signal:N", "[printers]") {
  Json p = base_pod();
  p["status"]["containerStatuses"][0]["state"] = {{"terminated", {{"exitCode", 3}}}};
  p["status"]["containerStatuses"][0]["ready"] = false;
  CHECK(row(p)[2] == "ExitCode:3");
  p["status"]["containerStatuses"][0]["state"] = {{"terminated", {{"exitCode", 137}, {"signal", 9}}}};
  CHECK(row(p)[2] == "Signal:9");
}

TEST_CASE("Completed with another container running is Running, or NotReady", "[printers]") {
  Json p = base_pod();
  p["spec"]["containers"].push_back({{"name", "job"}, {"image", "busybox"}});
  p["status"]["containerStatuses"].push_back(
      {{"name", "job"}, {"ready", false}, {"restartCount", 0},
       {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}}});
  CHECK(row(p)[2] == "Running");
  CHECK(row(p)[1] == "1/2");
  p["status"]["conditions"][1]["status"] = "False";
  CHECK(row(p)[2] == "NotReady");
}

TEST_CASE("deleting pod: Terminating; on a lost node: Unknown", "[printers]") {
  Json p = base_pod();
  p["metadata"]["deletionTimestamp"] = "2024-01-01T01:00:30Z";
  CHECK(row(p)[2] == "Terminating");
  p["status"]["reason"] = "NodeLost";
  CHECK(row(p)[2] == "Unknown");
  Json done = base_pod();
  done["metadata"]["deletionTimestamp"] = "2024-01-01T01:00:30Z";
  done["status"]["phase"] = "Succeeded";
  done["status"]["containerStatuses"][0]["state"] = {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}};
  CHECK(row(done)[2] == "Completed");
}

TEST_CASE("evicted pod shows the status reason; gated pod SchedulingGated", "[printers]") {
  Json p = base_pod();
  p["status"] = {{"phase", "Failed"}, {"reason", "Evicted"}, {"message", "The node was low on resource: memory."}};
  CHECK(row(p)[2] == "Evicted");
  Json g = base_pod();
  g["spec"].erase("nodeName");
  g["status"] = {{"phase", "Pending"},
                 {"conditions", Json::array({{{"type", "PodScheduled"}, {"status", "False"}, {"reason", "SchedulingGated"}}})}};
  CHECK(row(g)[2] == "SchedulingGated");
}

TEST_CASE("readiness gates: true conditions over gates", "[printers]") {
  Json p = base_pod();
  p["spec"]["readinessGates"] = Json::array({{{"conditionType", "www.example.com/feature-1"}},
                                             {{"conditionType", "www.example.com/feature-2"}}});
  p["status"]["conditions"].push_back({{"type", "www.example.com/feature-1"}, {"status", "True"}});
  p["status"]["conditions"].push_back({{"type", "www.example.com/feature-2"}, {"status", "False"}});
  p["status"]["nominatedNodeName"] = "k8s-node2";
  auto r = row(p);
  CHECK(r[7] == "k8s-node2");
  CHECK(r[8] == "1/2");
}
