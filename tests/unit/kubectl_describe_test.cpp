// kubectl describe: the Go-tabwriter alignment, and layouts the differential corpus
// cannot reach (event ages, a crash-looping pod's Last State, init containers, probes,
// every kind of env and volume, a node with several taints).
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/printers/describe_util.h"
#include "core/printers/describe_writer.h"
#include "core/util/timefmt.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

Json parse(const char* text) { return Json::parse(text); }

}  // namespace

TEST_CASE("describe aligns cells per column block, as Go's tabwriter", "[describe][tabwriter]") {
  // Lines without a tab end a block; the last cell of a line is never padded.
  CHECK(printers::go_tabwrite("Name:\tweb\nNamespace:\tdefault\nPod Template:\n  Labels:\tapp=web\n") ==
        "Name:       web\nNamespace:  default\nPod Template:\n  Labels:  app=web\n");
  // A three-cell line widens only the columns it shares with its neighbours.
  CHECK(printers::go_tabwrite("Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\n") ==
        "Port:        <unset>  80/TCP\nTargetPort:  80/TCP\n");
  // An empty trailing cell still pads (kubectl's "Address:" line).
  CHECK(printers::go_tabwrite("Address:\t\nIngress Class:\tnginx\n") == "Address:        \nIngress Class:  nginx\n");
  printers::PrefixWriter w;
  w.write(2, "Type:\tHostPath\n    Path:\t/data\n");
  CHECK(w.finish() == "    Type:  HostPath\n    Path:  /data\n");
}

TEST_CASE("describe prints events with ages from the client's clock", "[describe][events]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25 --replicas=1");
  f.sandbox.advance(sim::seconds(90));
  const std::string out = f.out("kubectl describe deploy web");
  CHECK(has_line(out, "Events:"));
  CHECK(has_line(out, "  Type    Reason             Age   From                   Message"));
  CHECK(has_line(out, "  ----    ------             ----  ----                   -------"));
  CHECK(has_line(out, "  Normal  ScalingReplicaSet  90s   deployment-controller  Scaled up replica set " +
                          f.out("kubectl get rs -o jsonpath='{.items[0].metadata.name}'") + " from 0 to 1"));
  CHECK(f.out("kubectl describe deploy web --show-events=false").find("Events:") == std::string::npos);

  // Repeated events: "<last> (xN over <first>)", sorted by last timestamp.
  printers::DescribeContext ctx{f.sandbox.api(), f.sandbox.sim().now(), true};
  const sim::Time now = f.sandbox.sim().now();
  Json older = parse(R"({"type":"Warning","reason":"BackOff","count":3,"source":{"component":"kubelet"},
                         "message":"Back-off restarting failed container  \n"})");
  older["firstTimestamp"] = util::format_rfc3339(now - sim::seconds(300));
  older["lastTimestamp"] = util::format_rfc3339(now - sim::seconds(120));
  Json newer = parse(R"({"type":"Normal","reason":"Pulled","count":1,"reportingComponent":"kubelet","message":"ok"})");
  newer["firstTimestamp"] = util::format_rfc3339(now - sim::seconds(5));
  newer["lastTimestamp"] = util::format_rfc3339(now - sim::seconds(5));
  printers::PrefixWriter w;
  printers::describe_detail::describe_events(ctx, w, {api::make_object(newer), api::make_object(older)});
  CHECK(w.finish() ==
        "Events:\n"
        "  Type     Reason   Age              From     Message\n"
        "  ----     ------   ----             ----     -------\n"
        "  Warning  BackOff  2m (x3 over 5m)  kubelet  Back-off restarting failed container\n"
        "  Normal   Pulled   5s               kubelet  ok\n");
}

TEST_CASE("describe pod: init containers, probes, env, volumes, a crash loop's last state", "[describe][pod]") {
  ShellFixture f;
  printers::DescribeContext ctx{f.sandbox.api(), f.sandbox.sim().now(), false};
  Json pod = parse(R"({
    "apiVersion":"v1","kind":"Pod",
    "metadata":{"name":"app","namespace":"default","uid":"u1","labels":{"app":"x","tier":"db"},
                "annotations":{"note":"hi"}},
    "spec":{"nodeName":"k8s-node1","priority":0,"serviceAccountName":"default",
      "initContainers":[{"name":"init","image":"busybox","command":["sh","-c","echo a\necho b"]}],
      "containers":[{"name":"main","image":"nginx",
        "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP","hostPort":8443}],
        "args":["--flag"],
        "resources":{"limits":{"memory":"128Mi","cpu":"500m"},"requests":{"cpu":"250m"}},
        "livenessProbe":{"httpGet":{"path":"/healthz","port":8080,"scheme":"HTTP"},"initialDelaySeconds":3,
                         "timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
        "readinessProbe":{"exec":{"command":["cat","/tmp/ready"]},"timeoutSeconds":1,"periodSeconds":5,
                          "successThreshold":1,"failureThreshold":3},
        "startupProbe":{"tcpSocket":{"port":80},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,
                        "failureThreshold":30},
        "envFrom":[{"configMapRef":{"name":"cfg"}},{"secretRef":{"name":"sec","optional":true},"prefix":"S_"}],
        "env":[{"name":"PLAIN","value":"v"},
               {"name":"NODE","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}},
               {"name":"PASS","valueFrom":{"secretKeyRef":{"name":"sec","key":"pw"}}},
               {"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"mode","optional":true}}},
               {"name":"MEM","valueFrom":{"resourceFieldRef":{"resource":"limits.memory"}}}],
        "volumeMounts":[{"name":"data","mountPath":"/var/data"},{"name":"cfg","mountPath":"/etc/cfg","readOnly":true,
                         "subPath":"app.conf"}]}],
      "volumes":[{"name":"data","emptyDir":{}},
                 {"name":"cfg","configMap":{"name":"cfg"}},
                 {"name":"host","hostPath":{"path":"/var/log","type":"Directory"}},
                 {"name":"sec","secret":{"secretName":"sec","optional":true}},
                 {"name":"claim","persistentVolumeClaim":{"claimName":"data-0"}},
                 {"name":"nfs","nfs":{"server":"10.0.0.5","path":"/exports"}}],
      "nodeSelector":{"disk":"ssd"},
      "tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute",
                      "tolerationSeconds":300},{"operator":"Exists"}]},
    "status":{"phase":"Running","hostIP":"172.31.0.5","podIP":"192.168.1.9","podIPs":[{"ip":"192.168.1.9"}],
      "startTime":"2025-01-15T09:00:00Z","qosClass":"Burstable",
      "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"False"}],
      "initContainerStatuses":[{"name":"init","containerID":"containerd://i1","imageID":"docker.io/library/busybox@sha256:1",
        "ready":true,"restartCount":0,
        "state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"2025-01-15T09:00:01Z",
                               "finishedAt":"2025-01-15T09:00:02Z"}}}],
      "containerStatuses":[{"name":"main","containerID":"containerd://m1","imageID":"docker.io/library/nginx@sha256:2",
        "ready":false,"restartCount":4,
        "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 1m20s"}},
        "lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2025-01-15T09:03:00Z",
                                   "finishedAt":"2025-01-15T09:03:01Z"}}}]}})");
  const std::string out = printers::describe_detail::describe_pod(ctx, pod);
  const char* expected[] = {
      "Node:             k8s-node1/172.31.0.5",
      "Start Time:       Wed, 15 Jan 2025 09:00:00 +0000",
      "Labels:           app=x",
      "                  tier=db",
      "Init Containers:",
      "  init:",
      "    Container ID:  containerd://i1",
      "    Command:",
      "      sh",
      "      -c",
      "      echo a",
      "      echo b",
      "    State:          Terminated",
      "      Reason:       Completed",
      "      Exit Code:    0",
      "Containers:",
      "  main:",
      "    Ports:         80/TCP, 443/TCP",
      "    Host Ports:    0/TCP, 8443/TCP",
      "    Args:",
      "      --flag",
      "    State:          Waiting",
      "      Reason:       CrashLoopBackOff",
      "    Last State:     Terminated",
      "      Reason:       Error",
      "      Exit Code:    1",
      "      Started:      Wed, 15 Jan 2025 09:03:00 +0000",
      "      Finished:     Wed, 15 Jan 2025 09:03:01 +0000",
      "    Ready:          False",
      "    Restart Count:  4",
      "    Limits:",
      "      cpu:     500m",
      "      memory:  128Mi",
      "    Requests:",
      "      cpu:      250m",
      "    Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3",
      "    Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=3",
      "    Startup:    tcp-socket :80 delay=0s timeout=1s period=10s #success=1 #failure=30",
      "    Environment Variables from:",
      "      cfg  ConfigMap                Optional: false",
      "      sec  Secret with prefix 'S_'  Optional: true",
      "    Environment:",
      "      PLAIN:  v",
      "      NODE:   k8s-node1 (v1:spec.nodeName)",
      "      PASS:   <set to the key 'pw' in secret 'sec'>        Optional: false",
      "      MODE:   <set to the key 'mode' of config map 'cfg'>  Optional: true",
      "      MEM:    134217728 (limits.memory)",
      "    Mounts:",
      "      /etc/cfg from cfg (ro,path=\"app.conf\")",
      "      /var/data from data (rw)",
      "Conditions:",
      "  Type          Status",
      "  Initialized   True ",
      "  Ready         False ",
      "Volumes:",
      "  data:",
      "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
      "    Medium:     ",
      "    SizeLimit:  <unset>",
      "  cfg:",
      "    Type:      ConfigMap (a volume populated by a ConfigMap)",
      "    Name:      cfg",
      "    Optional:  false",
      "  host:",
      "    Type:          HostPath (bare host directory volume)",
      "    Path:          /var/log",
      "    HostPathType:  Directory",
      "    Type:        Secret (a volume populated by a Secret)",
      "    SecretName:  sec",
      "    Optional:    true",
      "    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
      "    ClaimName:  data-0",
      "    ReadOnly:   false",
      // The last volume's lines share a column block with what follows (no line
      // without a tab in between), as in kubectl's output.
      "    Type:        NFS (an NFS mount that lasts the lifetime of a pod)",
      "    Server:      10.0.0.5",
      "QoS Class:       Burstable",
      "Node-Selectors:  disk=ssd",
      "Tolerations:     op=Exists",
      "                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
  };
  for (const char* line : expected) {
    INFO(out);
    CHECK(has_line(out, line));
  }
  // The pod's describer resolves the downward API; a template's does not.
  printers::PrefixWriter tw;
  printers::describe_detail::describe_pod_template(ctx, tw, Json{{"spec", pod["spec"]}});
  CHECK(has_line(tw.finish(), "      NODE:    (v1:spec.nodeName)"));
}

TEST_CASE("describe node lists every taint and the lease", "[describe][node]") {
  ShellFixture f;
  f.out("kubectl cordon k8s-node1");
  f.sandbox.api().patch(f.sandbox.api().resource("", "nodes"), "", "k8s-node1", api::PatchType::Merge,
                        Json::parse(R"({"spec":{"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule"},
                                        {"key":"gpu","value":"true","effect":"NoExecute"}]}})"));
  const std::string out = f.out("kubectl describe node k8s-node1 --show-events=false");
  CHECK(has_line(out, "Taints:             gpu=true:NoExecute"));
  CHECK(has_line(out, "                    node.kubernetes.io/unschedulable:NoSchedule"));
  CHECK(has_line(out, "Unschedulable:      true"));
  CHECK(has_line(out, "  HolderIdentity:  k8s-node1"));
  CHECK(out.find("Non-terminated Pods:") != std::string::npos);
  CHECK(f.out("kubectl describe node nope") == "Error from server (NotFound): nodes \"nope\" not found\n");
}

TEST_CASE("describe matches name prefixes and separates objects by a blank line", "[describe]") {
  ShellFixture f;
  f.out("kubectl create configmap app-a --from-literal=k=v");
  f.out("kubectl create configmap app-b --from-literal=k=v");
  const std::string one = f.out("kubectl describe cm app-a --show-events=false");
  CHECK(one.rfind("Name:         app-a\n", 0) == 0);
  // Prefix: each description followed by a newline.
  const std::string both = f.out("kubectl describe cm app --show-events=false");
  CHECK(both == one + "\n" + f.out("kubectl describe cm app-b --show-events=false") + "\n");
  // Listing: "\n\n" between descriptions.
  CHECK(f.out("kubectl describe cm app-a app-b --show-events=false") ==
        one + "\n\n" + f.out("kubectl describe cm app-b --show-events=false"));
  CHECK(f.out("kubectl describe cm nope") == "Error from server (NotFound): configmaps \"nope\" not found\n");
  CHECK(f.out("kubectl describe cm -l none=1") == "No resources found in default namespace.\n");
}

TEST_CASE("describe of a deleted pod: NotFound from kubectl, its events from the describer", "[describe][pod]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25 --replicas=1");
  f.sandbox.advance(sim::seconds(30));
  const std::string pod = f.out("kubectl get pods -o jsonpath='{.items[0].metadata.name}'");
  REQUIRE(!pod.empty());
  f.out("kubectl delete pod " + pod + " --grace-period=0 --force");
  f.sandbox.advance(sim::seconds(5));
  // kubectl's builder GETs the pod first, so the command reports it missing...
  CHECK(f.out("kubectl describe pod " + pod) == "Error from server (NotFound): pods \"" + pod + "\" not found\n");
  // ...while PodDescriber itself falls back to the events it finds.
  printers::DescribeContext ctx{f.sandbox.api(), f.sandbox.sim().now(), true};
  const std::string out = printers::describe(ctx, f.sandbox.api().resource("", "pods"), "default", pod);
  CHECK(out.rfind("Pod '" + pod + "': error 'pods \"" + pod + "\" not found', but found events.\nEvents:\n", 0) == 0);
  CHECK(out.find("  Normal  Scheduled  35s   default-scheduler  Successfully assigned default/" + pod +
                 " to ") != std::string::npos);
  ctx.show_events = false;
  CHECK_THROWS_AS(printers::describe(ctx, f.sandbox.api().resource("", "pods"), "default", pod), api::ApiError);
}

TEST_CASE("the generic describer walks the object's fields with smart labels", "[describe][generic]") {
  ShellFixture f;
  const std::string out = f.out("kubectl describe lease k8s-node1 -n kube-node-lease");
  CHECK(out.rfind("Name:         k8s-node1\nNamespace:    kube-node-lease\nLabels:       <none>\n"
                  "Annotations:  <none>\nAPI Version:  coordination.k8s.io/v1\nKind:         Lease\nMetadata:\n",
                  0) == 0);
  // camelCase splits into words; API/UID stay upper case; nested maps indent a level.
  CHECK(has_line(out, "  Owner References:"));
  CHECK(has_line(out, "Spec:"));
  CHECK(out.find("\n  Holder Identity:         k8s-node1\n") != std::string::npos);
  CHECK(out.find("\n  Lease Duration Seconds:  40\n") != std::string::npos);
  CHECK(out.find("    UID:          ") != std::string::npos);
  CHECK(out.find("Events:                    <none>\n") != std::string::npos);
}
