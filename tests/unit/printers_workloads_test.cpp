// Cell text of workload tables (apps/v1, batch/v1, replicationcontrollers, HPA)
// against kube-apiserver v1.32's printers.
#include <catch2/catch.hpp>

#include "core/api/resources.h"
#include "core/printers/table.h"
#include "core/util/timefmt.h"
#include "tests/unit/printers_test_util.h"

namespace {

using kt::testing::cells;
using kt::testing::headers;

const char* kTemplate = R"("template": {"metadata": {"labels": {"app": "web"}},
  "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}, {"name": "log", "image": "busybox"}]}})";

}  // namespace

TEST_CASE("deployment: READY r/d, UP-TO-DATE, AVAILABLE, wide containers/images/selector", "[printers]") {
  CHECK(headers("apps", "v1", "deployments") ==
        std::vector<std::string>{"Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*"});
  auto r = cells("apps", "v1", "deployments",
                 std::string(R"({"metadata": {"name": "web", "creationTimestamp": "2023-12-31T01:00:00Z"},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["fe"]}]}, )") +
                     kTemplate + R"(},
    "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}})");
  CHECK(r == std::vector<std::string>{"web", "2/3", "3", "2", "24h", "nginx,log", "nginx:1.25,busybox",
                                      "app=web,tier in (fe)"});
}

TEST_CASE("deployment with no status yet: 0/1 0 0", "[printers]") {
  auto r = cells("apps", "v1", "deployments",
                 R"({"metadata": {"name": "api", "creationTimestamp": "2024-01-01T00:59:55Z"},
                     "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}}}})");
  CHECK(r[1] == "0/1");
  CHECK(r[2] == "0");
  CHECK(r[3] == "0");
  CHECK(r[4] == "5s");
}

TEST_CASE("replicaset: DESIRED CURRENT READY integers", "[printers]") {
  auto r = cells("apps", "v1", "replicasets",
                 std::string(R"({"metadata": {"name": "web-5d4f8b7c9", "creationTimestamp": "2024-01-01T00:47:00Z"},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "5d4f8b7c9"}}, )") +
                     kTemplate + R"(}, "status": {"replicas": 3, "readyReplicas": 3}})");
  CHECK(r == std::vector<std::string>{"web-5d4f8b7c9", "3", "3", "3", "13m", "nginx,log", "nginx:1.25,busybox",
                                      "app=web,pod-template-hash=5d4f8b7c9"});
}

TEST_CASE("statefulset READY ready/replicas; daemonset node selector", "[printers]") {
  CHECK(headers("apps", "v1", "statefulsets") ==
        std::vector<std::string>{"Name", "Ready", "Age", "Containers*", "Images*"});
  auto s = cells("apps", "v1", "statefulsets",
                 std::string(R"({"metadata": {"name": "db", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "db"}}, )") + kTemplate +
                     R"(}, "status": {"replicas": 2, "readyReplicas": 1}})");
  CHECK(s[1] == "1/3");
  CHECK(s[2] == "60m");

  auto d = cells("apps", "v1", "daemonsets",
                 R"({"metadata": {"name": "kube-proxy", "namespace": "kube-system", "creationTimestamp": "2023-12-20T00:00:00Z"},
    "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
             "template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}, "containers": [{"name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.32.5"}]}}},
    "status": {"desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberReady": 1, "updatedNumberScheduled": 2, "numberAvailable": 1}})");
  CHECK(d == std::vector<std::string>{"kube-proxy", "2", "2", "1", "2", "1", "kubernetes.io/os=linux", "12d",
                                      "kube-proxy", "registry.k8s.io/kube-proxy:v1.32.5", "k8s-app=kube-proxy"});
}

TEST_CASE("controllerrevision: controller as kind.group/name", "[printers]") {
  auto r = cells("apps", "v1", "controllerrevisions",
                 R"({"metadata": {"name": "db-7b9f6c5d8", "creationTimestamp": "2024-01-01T00:00:00Z",
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db", "uid": "u", "controller": true}]},
                     "revision": 2})");
  CHECK(r == std::vector<std::string>{"db-7b9f6c5d8", "statefulset.apps/db", "2", "60m"});
}

TEST_CASE("job: STATUS COMPLETIONS DURATION", "[printers]") {
  CHECK(headers("batch", "v1", "jobs") == std::vector<std::string>{"Name", "Status", "Completions", "Duration", "Age",
                                                                   "Containers*", "Images*", "Selector*"});
  const std::string base = R"({"metadata": {"name": "pi", "creationTimestamp": "2024-01-01T00:50:00Z"},
    "spec": {"completions": 1, "parallelism": 1, "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "abc"}},
             "template": {"spec": {"containers": [{"name": "pi", "image": "perl:5.34"}]}}}, )";
  auto running = cells("batch", "v1", "jobs", base + R"("status": {"active": 1, "startTime": "2024-01-01T00:50:00Z"}})");
  CHECK(running == std::vector<std::string>{"pi", "Running", "0/1", "10m", "10m", "pi", "perl:5.34",
                                            "batch.kubernetes.io/controller-uid=abc"});
  auto done = cells("batch", "v1", "jobs", base + R"("status": {"succeeded": 1, "startTime": "2024-01-01T00:50:00Z",
    "completionTime": "2024-01-01T00:50:42Z", "conditions": [{"type": "SuccessCriteriaMet", "status": "True"}, {"type": "Complete", "status": "True"}]}})");
  CHECK(done[1] == "Complete");
  CHECK(done[2] == "1/1");
  CHECK(done[3] == "42s");
  auto failed = cells("batch", "v1", "jobs", base + R"("status": {"failed": 7, "startTime": "2024-01-01T00:50:00Z",
    "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]}})");
  CHECK(failed[1] == "Failed");
  auto pending = cells("batch", "v1", "jobs",
                       R"({"metadata": {"name": "w", "creationTimestamp": "2024-01-01T00:59:00Z"},
                           "spec": {"parallelism": 3, "suspend": true, "template": {"spec": {"containers": []}}},
                           "status": {"conditions": [{"type": "Suspended", "status": "True"}]}})");
  CHECK(pending[1] == "Suspended");
  CHECK(pending[2] == "0/1 of 3");
  CHECK(pending[3] == "");
}

TEST_CASE("cronjob: SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE", "[printers]") {
  CHECK(headers("batch", "v1", "cronjobs") ==
        std::vector<std::string>{"Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age",
                                 "Containers*", "Images*", "Selector*"});
  auto r = cells("batch", "v1", "cronjobs",
                 R"({"metadata": {"name": "hello", "creationTimestamp": "2024-01-01T00:30:00Z"},
    "spec": {"schedule": "*/1 * * * *", "suspend": false,
             "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "hello", "image": "busybox:1.28"}]}}}}},
    "status": {"active": [{"name": "hello-28401234"}], "lastScheduleTime": "2024-01-01T00:59:00Z"}})");
  CHECK(r == std::vector<std::string>{"hello", "*/1 * * * *", "<none>", "False", "1", "60s", "30m", "hello",
                                      "busybox:1.28", "<none>"});
}

TEST_CASE("replicationcontroller and HPA", "[printers]") {
  auto rc = cells("", "v1", "replicationcontrollers",
                  R"({"metadata": {"name": "nginx", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"replicas": 3, "selector": {"app": "nginx"}, "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}},
    "status": {"replicas": 3, "readyReplicas": 2}})");
  CHECK(rc == std::vector<std::string>{"nginx", "3", "3", "2", "60m", "nginx", "nginx", "app=nginx"});

  auto hpa = cells("autoscaling", "v2", "horizontalpodautoscalers",
                   R"({"metadata": {"name": "php-apache", "creationTimestamp": "2024-01-01T00:55:00Z"},
    "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "php-apache"}, "minReplicas": 1, "maxReplicas": 10,
             "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
    "status": {"currentReplicas": 1, "desiredReplicas": 1,
               "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageValue": "1m", "averageUtilization": 0}}}]}})");
  CHECK(hpa == std::vector<std::string>{"php-apache", "Deployment/php-apache", "cpu: 0%/50%", "1", "10", "1", "5m"});

  auto unknown = cells("autoscaling", "v2", "horizontalpodautoscalers",
                       R"({"metadata": {"name": "h", "creationTimestamp": "2024-01-01T00:55:00Z"},
    "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 4,
             "metrics": [{"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "100Mi"}}},
                         {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
                         {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization"}}}]}})");
  CHECK(unknown[2] == "memory: <unknown>/100Mi, <unknown>/1k + 1 more...");
  CHECK(unknown[3] == "<unset>");
}
