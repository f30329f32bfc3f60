// kubectl set image and rollout status/history/undo/restart/pause on DaemonSets and
// StatefulSets (seed 000's daemonset-nginx, seed 003's web), and rollout history
// --revision, through the terminal.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/kubectl/rollout_viewers.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

const char* kDaemonSet = R"(cat > ds.yml <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: daemonset-nginx
spec:
  selector:
    matchLabels:
      name: nginx-ds
  template:
    metadata:
      labels:
        name: nginx-ds
    spec:
      containers:
      - name: c1
        image: nginx:1.15-alpine
        resources:
          limits:
            memory: 100Mi
          requests:
            memory: 100Mi
EOF)";

const char* kStatefulSet = R"(cat > sts.yml <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
          name: web
EOF)";

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("rollout on a DaemonSet: status lines, history from ControllerRevisions, undo, restart, pause", "[kubectl][rollout]") {
  ShellFixture f;
  f.out(kDaemonSet);
  CHECK(f.out("kubectl apply -f ds.yml") == "daemonset.apps/daemonset-nginx created\n");
  const std::string first = f.out("kubectl rollout status ds/daemonset-nginx");
  INFO(first);
  // The pods are created from the new template at once; then they become available.
  CHECK(first.rfind("Waiting for daemon set spec update to be observed...\n", 0) == 0);
  CHECK(first.find("Waiting for daemon set \"daemonset-nginx\" rollout to finish: 0 of 2 updated pods are available...\n") !=
        std::string::npos);
  CHECK(ends_with(first, "daemon set \"daemonset-nginx\" successfully rolled out\n"));

  CHECK(f.out("kubectl set image daemonset daemonset-nginx c1=nginx:1.17-alpine --record") ==
        "Flag --record has been deprecated, --record will be removed in the future\n"
        "daemonset.apps/daemonset-nginx image updated\n");
  const std::string rolling = f.out("kubectl rollout status daemonset daemonset-nginx");
  INFO(rolling);
  // One node at a time (maxUnavailable 1).
  CHECK(rolling.find("rollout to finish: 1 out of 2 new pods have been updated...\n") != std::string::npos);
  CHECK(rolling.find("rollout to finish: 1 of 2 updated pods are available...\n") != std::string::npos);
  CHECK(ends_with(rolling, "daemon set \"daemonset-nginx\" successfully rolled out\n"));
  CHECK(f.out("kubectl get pods -l name=nginx-ds -o jsonpath='{.items[*].spec.containers[0].image}'") ==
        "nginx:1.17-alpine nginx:1.17-alpine");

  CHECK(f.out("kubectl rollout history daemonset/daemonset-nginx") ==
        "daemonset.apps/daemonset-nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n"
        "2         kubectl set image daemonset daemonset-nginx c1=nginx:1.17-alpine --record=true\n\n");
  CHECK(f.out("kubectl rollout history daemonset/daemonset-nginx --revision=1") ==
        "daemonset.apps/daemonset-nginx with revision #1\nPod Template:\n  Labels:\tname=nginx-ds\n  Containers:\n"
        "   c1:\n    Image:\tnginx:1.15-alpine\n    Port:\t<none>\n    Host Port:\t<none>\n    Limits:\n"
        "      memory:\t100Mi\n    Requests:\n      memory:\t100Mi\n    Environment:\t<none>\n    Mounts:\t<none>\n"
        "  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n");
  CHECK(f.out("kubectl rollout history daemonset/daemonset-nginx --revision=7") ==
        "error: unable to find the specified revision\n");

  CHECK(f.out("kubectl rollout undo daemonset daemonset-nginx") == "daemonset.apps/daemonset-nginx rolled back\n");
  f.out("kubectl rollout status daemonset daemonset-nginx");
  CHECK(f.out("kubectl get ds daemonset-nginx -o jsonpath='{.spec.template.spec.containers[0].image}'") ==
        "nginx:1.15-alpine");
  // Revision 1 came back as revision 3; it keeps the annotations it was made with.
  CHECK(f.out("kubectl rollout history ds daemonset-nginx") ==
        "daemonset.apps/daemonset-nginx \nREVISION  CHANGE-CAUSE\n"
        "2         kubectl set image daemonset daemonset-nginx c1=nginx:1.17-alpine --record=true\n3         <none>\n\n");
  CHECK(f.out("kubectl rollout undo daemonset daemonset-nginx --to-revision=3") ==
        "daemonset.apps/daemonset-nginx skipped rollback (current template already matches revision 3)\n");
  CHECK(f.out("kubectl rollout undo daemonset daemonset-nginx --to-revision=9") ==
        "error: unable to find specified revision 9 in history\n");

  CHECK(f.out("kubectl rollout pause ds/daemonset-nginx") ==
        "error: daemonsets.apps \"daemonset-nginx\" pausing is not supported\n");
  CHECK(f.code("kubectl rollout pause ds/daemonset-nginx") == 1);
  CHECK(f.out("kubectl rollout resume ds/daemonset-nginx") ==
        "error: daemonsets.apps \"daemonset-nginx\" resuming is not supported\n");
  CHECK(f.out("kubectl rollout restart ds/daemonset-nginx") == "daemonset.apps/daemonset-nginx restarted\n");
  CHECK(ends_with(f.out("kubectl rollout status ds/daemonset-nginx"),
                  "daemon set \"daemonset-nginx\" successfully rolled out\n"));

  f.out("kubectl patch ds daemonset-nginx -p '{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":null}}}'");
  CHECK(f.out("kubectl rollout status ds/daemonset-nginx") ==
        "error: rollout status is only available for RollingUpdate strategy type\n");
}

TEST_CASE("rollout on a StatefulSet: status lines, history, undo", "[kubectl][rollout]") {
  ShellFixture f;
  f.out(kStatefulSet);
  CHECK(f.out("kubectl apply -f sts.yml") == "statefulset.apps/web created\n");
  const std::string first = f.out("kubectl rollout status sts/web");
  INFO(first);
  CHECK(first.find("Waiting for 2 pods to be ready...\n") != std::string::npos);
  CHECK(first.find("Waiting for 1 pods to be ready...\n") != std::string::npos);
  CHECK(ends_with(first, "partitioned roll out complete: 2 new pods have been updated...\n"));

  CHECK(f.out("kubectl set image statefulset/web nginx=nginx:1.16") == "statefulset.apps/web image updated\n");
  const std::string rolling = f.out("kubectl rollout status statefulset web");
  INFO(rolling);
  // web-1 is replaced first (highest ordinal), then web-0.
  CHECK(rolling.find("Waiting for 1 pods to be ready...\n") != std::string::npos);
  CHECK(ends_with(rolling, "partitioned roll out complete: 2 new pods have been updated...\n"));
  CHECK(f.out("kubectl rollout history statefulset/web") == "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  CHECK(f.out("kubectl rollout undo sts/web --to-revision=1") == "statefulset.apps/web rolled back\n");
  f.out("kubectl rollout status sts/web");
  CHECK(f.out("kubectl get pods web-0 web-1 -o jsonpath='{.items[*].spec.containers[0].image}'") ==
        "nginx:1.14.2 nginx:1.14.2");
  CHECK(f.out("kubectl rollout history statefulset/web") == "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
  CHECK(f.out("kubectl rollout pause sts/web") == "error: statefulsets.apps \"web\" pausing is not supported\n");

  // A partition above the replicas holds every pod back.
  f.out("kubectl patch sts web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":1}}}}'");
  f.out("kubectl set image sts/web nginx=nginx:1.17");
  CHECK(ends_with(f.out("kubectl rollout status sts/web"), "partitioned roll out complete: 1 new pods have been updated...\n"));
  CHECK(f.out("kubectl get pod web-0 -o jsonpath='{.spec.containers[0].image}'") == "nginx:1.14.2");
}

TEST_CASE("rollout history --revision on a Deployment prints the revision's pod template", "[kubectl][rollout]") {
  ShellFixture f;
  f.out("kubectl create deployment deploy-nginx --image=nginx:1.15-alpine --port=80");
  f.out("kubectl rollout status deploy/deploy-nginx");
  f.out("kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record");
  f.out("kubectl rollout status deploy/deploy-nginx");
  const std::string hash = f.out("kubectl get rs -l app=deploy-nginx --sort-by=.metadata.creationTimestamp "
                                 "-o jsonpath='{.items[0].metadata.labels.pod-template-hash}'");
  CHECK(f.out("kubectl rollout history deployment deploy-nginx --revision=1") ==
        "deployment.apps/deploy-nginx with revision #1\nPod Template:\n  Labels:\tapp=deploy-nginx\n"
        "\tpod-template-hash=" + hash + "\n  Containers:\n   nginx:\n    Image:\tnginx:1.15-alpine\n    Port:\t80/TCP\n"
        "    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n"
        "  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n");
  const std::string second = f.out("kubectl rollout history deployment deploy-nginx --revision=2");
  CHECK(second.find("  Annotations:\tkubernetes.io/change-cause: kubectl set image deployment deploy-nginx "
                    "nginx=nginx:1.16-alpine --record=true\n") != std::string::npos);
  CHECK(f.out("kubectl rollout history deployment deploy-nginx --revision=5") ==
        "error: unable to find the specified revision\n");
}

TEST_CASE("rollout status viewers: each branch of the StatefulSet and DaemonSet lines", "[kubectl][rollout]") {
  using kt::kubectl::statefulset_rollout_status;
  using kt::kubectl::daemonset_rollout_status;
  Json sts = Json::parse(R"({"metadata":{"name":"web","generation":2},
    "spec":{"replicas":3,"updateStrategy":{"type":"RollingUpdate"}},
    "status":{"observedGeneration":2,"readyReplicas":3,"updatedReplicas":1,"currentReplicas":2,
              "currentRevision":"web-aaa","updateRevision":"web-bbb"}})");
  // Without rollingUpdate (type set explicitly, nothing defaulted) the revisions decide.
  CHECK(statefulset_rollout_status(sts).line ==
        "waiting for statefulset rolling update to complete 1 pods at revision web-bbb...\n");
  sts["status"]["currentRevision"] = "web-bbb";
  sts["status"]["currentReplicas"] = 3;
  auto done = statefulset_rollout_status(sts);
  CHECK(done.line == "statefulset rolling update complete 3 pods at revision web-bbb...\n");
  CHECK(done.done);
  sts["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = 1;
  CHECK(statefulset_rollout_status(sts).line ==
        "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n");
  sts["status"]["readyReplicas"] = 2;
  CHECK(statefulset_rollout_status(sts).line == "Waiting for 1 pods to be ready...\n");
  sts["status"]["observedGeneration"] = 1;
  CHECK(statefulset_rollout_status(sts).line == "Waiting for statefulset spec update to be observed...\n");
  sts["spec"]["updateStrategy"] = Json{{"type", "OnDelete"}};
  CHECK(statefulset_rollout_status(sts).error);

  Json ds = Json::parse(R"({"metadata":{"name":"x","generation":1},"spec":{"updateStrategy":{"type":"RollingUpdate"}},
    "status":{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":2}})");
  CHECK(daemonset_rollout_status(ds).line == "Waiting for daemon set \"x\" rollout to finish: 2 of 3 updated pods are available...\n");
  ds["status"]["numberAvailable"] = 3;
  CHECK(daemonset_rollout_status(ds).line == "daemon set \"x\" successfully rolled out\n");
}
