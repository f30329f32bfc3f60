// kubectl events, expose, autoscale, set env|resources, top, api-resources,
// api-versions and cluster-info on the default scenario.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("kubectl events lists a namespace's events oldest first", "[kubectl][events]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25");
  f.sandbox.advance(sim::seconds(30));
  const std::string out = f.out("kubectl events");
  CHECK(out.rfind("LAST SEEN   TYPE     REASON              OBJECT", 0) == 0);
  CHECK(f.out("kubectl events | grep -c 'ScalingReplicaSet *Deployment/web *Scaled up replica set web-'") == "1\n");
  CHECK(f.out("kubectl events --for deployment/web --no-headers | awk '{print $3, $4}'") ==
        "ScalingReplicaSet Deployment/web\n");
  CHECK(f.out("kubectl events --types=Warning") == "No events found in default namespace.\n");
  CHECK(f.out("kubectl events --types=Bogus") == "error: valid --types are Normal or Warning\n");
  CHECK(f.out("kubectl events --for web") == "error: --for must be in resource/name form\n");
  CHECK(f.out("kubectl events -A | head -1 | awk '{print $1}'") == "NAMESPACE\n");
  CHECK(f.out("kubectl events -o jsonpath='{.kind} {.items[0].kind}'") == "EventList Event");
  CHECK(f.out("kubectl create ns empty && kubectl events -n empty") ==
        "namespace/empty created\nNo events found in empty namespace.\n");
}

TEST_CASE("kubectl expose builds a Service from the owner's selector and ports", "[kubectl][expose]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25 --port=80");
  CHECK(f.out("kubectl expose deployment web") == "service/web exposed\n");
  CHECK(f.out("kubectl get svc web -o jsonpath='{.spec.selector} {.spec.ports} {.metadata.labels}'") ==
        "{\"app\":\"web\"} [{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}] {\"app\":\"web\"}");
  CHECK(f.out("kubectl expose deploy/web --name=web2 --port=8080 --target-port=80 --type=NodePort") ==
        "service/web2 exposed\n");
  CHECK(f.out("kubectl get svc web2 -o jsonpath='{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort}'") ==
        "NodePort 8080 80");
  f.out("kubectl create deployment noport --image=nginx:1.25");
  CHECK(f.out("kubectl expose deployment noport") ==
        "error: couldn't find port via --port flag or introspection\n");
  CHECK(f.out("kubectl expose deployment nosuch --port=80") ==
        "Error from server (NotFound): deployments.apps \"nosuch\" not found\n");
  CHECK(f.out("kubectl expose deployment web --port=80 --dry-run=client -o yaml") ==
        "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\n"
        "  namespace: default\nspec:\n"
        "  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n");
}

TEST_CASE("kubectl autoscale creates an autoscaling/v1 HPA", "[kubectl][autoscale]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25");
  CHECK(f.out("kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80") ==
        "horizontalpodautoscaler.autoscaling/web autoscaled\n");
  CHECK(f.out("kubectl get hpa web -o jsonpath='{.spec.minReplicas} {.spec.maxReplicas} "
              "{.spec.metrics[0].resource.target.averageUtilization} {.spec.scaleTargetRef.kind}'") ==
        "2 5 80 Deployment");
  CHECK(f.out("kubectl autoscale deployment web") == "error: required flag(s) \"max\" not set\n");
  CHECK(f.out("kubectl autoscale deployment web --max=0") ==
        "error: --max=MAXPODS is required and must be at least 1, max: 0\n");
  CHECK(f.out("kubectl autoscale deployment web --max=3 --name=web2 --dry-run=client") ==
        "horizontalpodautoscaler.autoscaling/web2 created (dry run)\n");
  CHECK(f.out("kubectl autoscale deployment web --min=3 --max=2") ==
        "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n");
}

TEST_CASE("kubectl set env and set resources", "[kubectl][set]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25");
  CHECK(f.out("kubectl set env deployment/web A=1 B=2") == "deployment.apps/web env updated\n");
  CHECK(f.out("kubectl set env deployment/web A=1") == "");
  CHECK(f.out("kubectl set env deployment/web A=3 B-") == "deployment.apps/web env updated\n");
  CHECK(f.out("kubectl set env deployment/web --list") == "# Deployment web, container nginx\nA=3\n");
  CHECK(f.out("kubectl set env deployment/web A=4 -c nope") ==
        "Warning: Deployment/web does not have any containers matching \"nope\"\n");
  CHECK(f.out("kubectl set env deployment/web") == "");
  CHECK(f.out("kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=0.1") ==
        "deployment.apps/web resource requirements updated\n");
  CHECK(f.out("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources}'") ==
        "{\"limits\":{\"cpu\":\"200m\",\"memory\":\"512Mi\"},\"requests\":{\"cpu\":\"100m\"}}");
  CHECK(f.out("kubectl set resources deployment web") ==
        "error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
}

TEST_CASE("kubectl top, api-versions, api-resources and cluster-info", "[kubectl][discovery]") {
  ShellFixture f;
  CHECK(f.out("kubectl top node") == "error: Metrics API not available\n");
  CHECK(f.out("kubectl top pods -A") == "error: Metrics API not available\n");
  CHECK(f.out("kubectl api-versions | head -3") == "apps/v1\nautoscaling/v1\nautoscaling/v2\n");
  CHECK(f.out("kubectl api-versions | tail -1") == "v1\n");
  CHECK(f.out("kubectl api-resources | head -2") ==
        "NAME                       SHORTNAMES   APIVERSION                     NAMESPACED   KIND\n"
        "bindings                                v1                             true         Binding\n");
  CHECK(f.out("kubectl api-resources --api-group=apps -o name") ==
        "controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n");
  CHECK(f.out("kubectl api-resources --namespaced=false --no-headers | awk '{print $1}' | head -3") ==
        "componentstatuses\nnamespaces\nnodes\n");
  CHECK(f.out("kubectl api-resources -o bogus") == "error: --output bogus is not available\n");
  const std::string info = f.out("kubectl cluster-info | sed 's/[0-9][0-9.]*:6443/IP:6443/g'");
  CHECK(info ==
        "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://IP:6443\x1b[0m\n"
        "\x1b[0;32mCoreDNS\x1b[0m is running at "
        "\x1b[0;33mhttps://IP:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n\n"
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
}

TEST_CASE("kubectl events --watch streams events, each row aligned on its own", "[kubectl][events]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25");
  // Outside a terminal the watch runs for 60 s of virtual time: the controllers' and the
  // kubelet's events arrive while it runs.
  const std::string out = f.out("kubectl events -w");
  CHECK(out.rfind("LAST SEEN", 0) == 0);
  CHECK(f.out("kubectl events --watch | grep -c 'LAST SEEN'") == "1\n");
  CHECK(out.find("ScalingReplicaSet") != std::string::npos);
  CHECK(out.find("Started container nginx") != std::string::npos);
  // Rows after the first are flushed alone: three spaces after each cell.
  CHECK(f.out("kubectl events -w | grep -c '^[0-9a-z]*   Normal   Started   Pod/web-'") == "1\n");
  CHECK(f.out("kubectl events -w --for deployment/web --no-headers | awk '{print $3, $4}'") ==
        "ScalingReplicaSet Deployment/web\n");
  CHECK(f.out("kubectl events -w --types=Warning") == "");
  CHECK(f.out("kubectl events -w --for deployment/web -o yaml | grep -c '^kind: Event'") == "1\n");
  CHECK(f.out("kubectl events -w -o yaml | grep -c '^---'") ==
        std::to_string(std::stoi(f.out("kubectl events -w -o yaml | grep -c '^kind: Event'")) - 1) + "\n");
}

TEST_CASE("kubectl cluster-info dump writes the typed lists, then each pod's logs", "[kubectl][cluster-info]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25");
  f.sandbox.advance(sim::seconds(30));
  const std::string head = f.out("kubectl cluster-info dump | head -4");
  CHECK(head == "{\n    \"kind\": \"NodeList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n");
  // Nodes, then per namespace (kube-system, then the current one) seven lists.
  CHECK(f.out("kubectl cluster-info dump | grep '^    \"kind\"' | cut -d'\"' -f4 | tr '\\n' ' '") ==
        "NodeList EventList ReplicationControllerList ServiceList DaemonSetList DeploymentList ReplicaSetList PodList "
        "EventList ReplicationControllerList ServiceList DaemonSetList DeploymentList ReplicaSetList PodList ");
  // Items of a typed list carry no kind of their own.
  CHECK(f.out("kubectl cluster-info dump --namespaces default | grep -c '^            \"kind\"'") == "0\n");
  CHECK(f.out("kubectl cluster-info dump --namespaces default | grep -c '^            \"metadata\"'") != "0\n");
  CHECK(f.out("kubectl cluster-info dump --namespaces default | grep -c '^==== START logs for container nginx of pod default/web-'") ==
        "1\n");
  CHECK(f.out("kubectl cluster-info dump --namespaces default | grep -c '^==== END logs for container nginx of pod default/web-'") ==
        "1\n");
  // One printer for every list: YAML puts "---" before all but the first.
  CHECK(f.out("kubectl cluster-info dump -o yaml --namespaces default | grep -c '^---'") == "7\n");
  CHECK(f.out("kubectl cluster-info dump -o yaml --namespaces default | head -1") == "apiVersion: v1\n");
  CHECK(f.out("kubectl cluster-info dump --output-directory=/tmp/dump --namespaces default") ==
        "Cluster info dumped to /tmp/dump\n");
  CHECK(f.out("ls -1 /tmp/dump") == "default\nnodes.json\n");
  CHECK(f.out("ls -1 /tmp/dump/default | grep -v '^web-'") ==
        "daemonsets.json\ndeployments.json\nevents.json\npods.json\nreplicasets.json\nreplication-controllers.json\n"
        "services.json\n");
  CHECK(f.out("cat /tmp/dump/default/web-*/logs.txt | head -1 | cut -c1-45") ==
        "==== START logs for container nginx of pod de\n");
  CHECK(f.out("kubectl cluster-info dump -o wide") ==
        "error: kubectl cluster-info dump -o wide is not available in this sandbox yet\n");
}
