// kubectl set image|env|resources on several objects (TYPE/NAME..., TYPE NAME..., -l,
// --all, -f, --local, -o, --dry-run), rollout on several objects and on kinds without a
// rollout, cordon -l, label -o and exec -f, with what the real kubectl v1.32 printed for the
// same lines against `kubetab serve`.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

// Two labelled deployments, a service and a configmap in namespace ks.
struct SetFixture : ShellFixture {
  SetFixture() {
    out("kubectl create namespace ks");
    out("sleep 1");  // the namespace's default service account
    out("kubectl create deployment sa -n ks --image=nginx:1.25");
    out("kubectl create deployment sb -n ks --image=nginx:1.25");
    out("kubectl label deploy sa sb -n ks tier=web");
    out("kubectl create service clusterip ssvc -n ks --tcp=80");
    out("kubectl create configmap scm -n ks");
  }
  std::string env(const std::string& name) {
    return out("kubectl get deploy " + name + " -n ks -o 'jsonpath={.spec.template.spec.containers[0].env}'");
  }
};

constexpr const char* kNoResources =
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'\n";

}  // namespace

TEST_CASE("set env on several objects, by name, -l and --all", "[kubectl][set]") {
  SetFixture f;
  CHECK(f.out("kubectl set env deploy/sa deploy/sb -n ks A=1") ==
        "deployment.apps/sa env updated\ndeployment.apps/sb env updated\n");
  CHECK(f.out("kubectl set env deploy sa sb -n ks A=2") ==
        "deployment.apps/sa env updated\ndeployment.apps/sb env updated\n");
  // One object missing: nothing changes.
  CHECK(f.out("kubectl set env deploy sa nope -n ks A=3") ==
        "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  CHECK(f.env("sa") == "[{\"name\":\"A\",\"value\":\"2\"}]");
  CHECK(f.out("kubectl set env deploy nope1 nope2 -n ks A=3") ==
        "Error from server (NotFound): deployments.apps \"nope1\" not found\n"
        "Error from server (NotFound): deployments.apps \"nope2\" not found\n");
  CHECK(f.out("kubectl set env deploy -l tier=web -n ks B=1") ==
        "deployment.apps/sa env updated\ndeployment.apps/sb env updated\n");
  CHECK(f.out("kubectl set env deploy --all -n ks C=1") ==
        "deployment.apps/sa env updated\ndeployment.apps/sb env updated\n");
  CHECK(f.out("kubectl set env deploy --all -l tier=web -n ks C=2") ==
        "error: cannot set --all and --selector at the same time\n");
  CHECK(f.out("kubectl set env deploy -n ks C=3") == "error: resource(s) were provided, but no name was specified\n");
  CHECK(f.out("kubectl set env deploy -l tier=none -n ks C=3") == "");
  CHECK(f.code("kubectl set env deploy -l tier=none -n ks C=3") == 0);
  CHECK(f.out("kubectl set env -l tier=web -n ks C=3") ==
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  // Kinds without a pod template: the others still change; the errors come last.
  CHECK(f.out("kubectl set env deploy/sa svc/ssvc cm/scm -n ks E=1") ==
        "deployment.apps/sa env updated\n"
        "error: services/ssvc the object is not a pod or does not have a pod template: *v1.Service\n\n"
        "error: configmaps/scm the object is not a pod or does not have a pod template: *v1.ConfigMap\n\n");
  CHECK(f.out("kubectl set env svc/ssvc -n ks E=1") ==
        "error: services/ssvc the object is not a pod or does not have a pod template: *v1.Service\n");
  CHECK(f.out("kubectl set env deploy/sa deploy/sb -n ks -c nope E=2") ==
        "Warning: Deployment/sa does not have any containers matching \"nope\"\n"
        "Warning: Deployment/sb does not have any containers matching \"nope\"\n");
}

TEST_CASE("set env -o, --dry-run, --local and -f", "[kubectl][set]") {
  SetFixture f;
  CHECK(f.out("kubectl set env deploy sa -n ks D=1 -o name") == "deployment.apps/sa\n");
  CHECK(f.out("kubectl set env deploy sa sb -n ks D=2 --dry-run=client -o name") ==
        "deployment.apps/sa\ndeployment.apps/sb\n");
  CHECK(f.env("sb") == "");
  const std::string yaml = f.out("kubectl set env deploy sa sb -n ks D=2 --dry-run=client -o yaml");
  CHECK(yaml.rfind("apiVersion: apps/v1\n", 0) == 0);
  CHECK(yaml.find("\n---\napiVersion: apps/v1\n") != std::string::npos);  // one printer: documents apart
  CHECK(f.out("kubectl set env deploy sa sb -n ks D=2 --dry-run=server") ==
        "deployment.apps/sa env updated (server dry run)\ndeployment.apps/sb env updated (server dry run)\n");
  CHECK(f.env("sa") == "[{\"name\":\"D\",\"value\":\"1\"}]");
  CHECK(f.out("kubectl set env deploy sa -n ks D=3 -o jsonpath='{.spec.template.spec.containers[0].env}'") ==
        "[{\"name\":\"D\",\"value\":\"3\"}]");
  // -o json: the typed object in the Go structs' field order (go_json.h).
  CHECK(f.out("kubectl set env deploy sa -n ks D=5 -o json --dry-run=client")
            .rfind("{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n"
                   "        \"name\": \"sa\",\n        \"namespace\": \"ks\",\n",
                   0) == 0);
  f.out("kubectl run p9 -n ks --image=nginx");
  CHECK(f.out("kubectl set env pod/p9 -n ks D=5 -o json") ==
        "error: kubectl set env -o json of a Pod is not available in this sandbox yet (use -o yaml)\n");
  CHECK(f.out("kubectl set env deploy sa -n ks --local E=1") == kNoResources);
  CHECK(f.out("kubectl set env deploy sa -n ks -o yaml --list") ==
        "error: --list and --output may not be specified together\n");
  CHECK(f.out("kubectl set env deploy sa -n ks --local E=1 --dry-run=server") ==
        "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n");
  f.out("kubectl get deploy sa -n ks -o yaml > /tmp/sa.yaml");
  CHECK(f.out("kubectl set env -f /tmp/sa.yaml --local F=1 -o jsonpath='{.spec.template.spec.containers[0].env}'") ==
        "[{\"name\":\"D\",\"value\":\"3\"},{\"name\":\"F\",\"value\":\"1\"}]");
  CHECK(f.out("kubectl set env -f /tmp/sa.yaml --local F=1") == "deployment.apps/sa env updated\n");
  CHECK(f.env("sa") == "[{\"name\":\"D\",\"value\":\"3\"}]");
  CHECK(f.out("kubectl set env -f /tmp/sa.yaml F=1 --dry-run=client") == "deployment.apps/sa env updated (dry run)\n");
  CHECK(f.out("kubectl set env -f /tmp/sa.yaml deploy sa F=1") ==
        "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
  CHECK(f.out("kubectl set env -f /tmp/sa.yaml F=1") == "deployment.apps/sa env updated\n");
  CHECK(f.env("sa") == "[{\"name\":\"D\",\"value\":\"3\"},{\"name\":\"F\",\"value\":\"1\"}]");
  // A local object keeps what its file says: no namespace.
  f.out("printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: lp\\nspec:\\n  containers:\\n  - name: c\\n    image: x\\n' "
        "> /tmp/lp.yaml");
  CHECK(f.out("kubectl set env -f /tmp/lp.yaml --local -n ks G=1 -o jsonpath='{.metadata.namespace}'") == "");
}

TEST_CASE("set resources on several objects, -l, -f --local", "[kubectl][set]") {
  SetFixture f;
  CHECK(f.out("kubectl set resources deploy sa sb -n ks --limits=cpu=200m") ==
        "deployment.apps/sa resource requirements updated\ndeployment.apps/sb resource requirements updated\n");
  CHECK(f.out("kubectl set resources deploy -l tier=web -n ks --requests=cpu=100m --dry-run=server") ==
        "deployment.apps/sa resource requirements updated (server dry run)\n"
        "deployment.apps/sb resource requirements updated (server dry run)\n");
  CHECK(f.out("kubectl set resources deploy -l tier=web -n ks --requests=cpu=100m -o name") ==
        "deployment.apps/sa\ndeployment.apps/sb\n");
  CHECK(f.out("kubectl set resources deploy/sa svc/ssvc cm/scm -n ks --limits=cpu=300m") ==
        "deployment.apps/sa resource requirements updated\n"
        "error: services/ssvc the object is not a pod or does not have a pod template: *v1.Service\n\n"
        "error: configmaps/scm the object is not a pod or does not have a pod template: *v1.ConfigMap\n\n");
  CHECK(f.out("kubectl set resources deploy sa sb -n ks --limits=cpu=1 -c nope") ==
        "error: unable to find container named nope\nerror: unable to find container named nope\n");
  CHECK(f.out("kubectl set resources deploy sa -n ks --local --limits=cpu=1") ==
        "error: you must specify resources by --filename when --local is set.\n"
        "Example resource specifications include:\n"
        "   '-f rsrc.yaml'\n"
        "   '--filename=rsrc.json'\n");
  CHECK(f.out("kubectl set resources --local --limits=cpu=1") == kNoResources);
  CHECK(f.out("kubectl set resources -l tier=web -n ks --limits=cpu=1") ==
        "error: at least one resource must be specified to use a selector\n");
  CHECK(f.out("kubectl set resources deploy nope -n ks") ==
        "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  f.out("kubectl get deploy sa -n ks -o yaml > /tmp/sa.yaml");
  CHECK(f.out("kubectl set resources -f /tmp/sa.yaml --local --limits=cpu=2 -o name") == "deployment.apps/sa\n");
  CHECK(f.out("kubectl set resources -f /tmp/sa.yaml --local --limits=cpu=2 --dry-run=server") ==
        "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n");
  CHECK(f.out("kubectl get deploy -n ks -o 'jsonpath={.items[*].spec.template.spec.containers[0].resources}'") ==
        "{\"limits\":{\"cpu\":\"300m\"},\"requests\":{\"cpu\":\"100m\"}} "
        "{\"limits\":{\"cpu\":\"200m\"},\"requests\":{\"cpu\":\"100m\"}}");
}

TEST_CASE("set image on several objects, -l, --local, and its argument checks", "[kubectl][set]") {
  SetFixture f;
  CHECK(f.out("kubectl set image deploy/sa deploy/sb -n ks nginx=nginx:1.26") ==
        "deployment.apps/sa image updated\ndeployment.apps/sb image updated\n");
  CHECK(f.out("kubectl set image deploy -l tier=web -n ks nginx=nginx:1.27 --dry-run=client -o name") ==
        "deployment.apps/sa\ndeployment.apps/sb\n");
  CHECK(f.out("kubectl set image deploy/sa svc/ssvc -n ks nginx=nginx:1.27") ==
        "deployment.apps/sa image updated\n"
        "error: services/ssvc the object is not a pod or does not have a pod template: *v1.Service\n");
  CHECK(f.out("kubectl set image deploy/sa -n ks nginx=nginx:1.28 nope=x") ==
        "deployment.apps/sa image updated\nerror: unable to find container named \"nope\"\n");
  CHECK(f.out("kubectl set image deploy/sa -n ks '*=nginx:1.28' nope=x") ==
        "error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n");
  CHECK(f.out("kubectl set image deploy/sa -n ks nginx=x deploy/sb") ==
        "error: all resources must be specified before image changes: deploy/sb\n");
  CHECK(f.out("kubectl set image -n ks") == kNoResources);
  CHECK(f.out("kubectl set image deploy/nope -n ks") ==
        "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  CHECK(f.out("kubectl set image deploy/sa -n ks") == "error: at least one image update is required\n");
  CHECK(f.out("kubectl set image deploy/sa -n ks --local nginx=nginx:9") ==
        "error: you must specify resources by --filename when --local is set.\n"
        "Example resource specifications include:\n"
        "   '-f rsrc.yaml'\n"
        "   '--filename=rsrc.json'\n");
  f.out("kubectl get deploy sa -n ks -o yaml > /tmp/sa.yaml");
  CHECK(f.out("kubectl set image -f /tmp/sa.yaml --local nginx=nginx:9 -o "
              "jsonpath='{.metadata.namespace} {.spec.template.spec.containers[0].image}'") == "ks nginx:9");
  CHECK(f.out("kubectl get deploy -n ks -o 'jsonpath={.items[*].spec.template.spec.containers[0].image}'") ==
        "nginx:1.28 nginx:1.26");
}

TEST_CASE("rollout on several objects and on kinds without a rollout", "[kubectl][rollout]") {
  SetFixture f;
  CHECK(f.out("kubectl run p1 -n ks --image=nginx") == "pod/p1 created\n");
  CHECK(f.out("kubectl create job j1 -n ks --image=busybox") == "job.batch/j1 created\n");
  f.out("sleep 5");
  CHECK(f.out("kubectl rollout status cm/scm -n ks") == "error: no status viewer has been implemented for ConfigMap\n");
  CHECK(f.out("kubectl rollout status pod/p1 -n ks") == "error: no status viewer has been implemented for Pod\n");
  CHECK(f.out("kubectl rollout history cm/scm -n ks") ==
        "error: error retrieving history for \"ConfigMap\", no visitor method exists for { ConfigMap}\n");
  CHECK(f.out("kubectl rollout undo cm/scm -n ks") ==
        "error: error retrieving rollbacker for \"ConfigMap\", no visitor method exists for { ConfigMap}\n");
  CHECK(f.out("kubectl rollout history pod/p1 -n ks") == "error: no history viewer has been implemented for \"Pod\"\n");
  CHECK(f.out("kubectl rollout undo job/j1 svc/ssvc -n ks") ==
        "no rollbacker has been implemented for \"Job.batch\"\n"
        "error retrieving rollbacker for \"Service\", no visitor method exists for { Service}\n");
  CHECK(f.out("kubectl rollout restart cm/scm -n ks") == "error: configmaps \"scm\" restarting is not supported\n");
  CHECK(f.out("kubectl rollout pause pod/p1 -n ks") == "error: pods \"p1\" pausing is not supported\n");
  CHECK(f.out("kubectl rollout resume cm/scm -n ks") == "error: configmaps \"scm\" resuming is not supported\n");
  CHECK(f.out("kubectl rollout pause deploy -l tier=web -n ks") ==
        "deployment.apps/sa paused\ndeployment.apps/sb paused\n");
  CHECK(f.out("kubectl rollout pause deploy/sa cm/scm deploy/nope -n ks") ==
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
        "error: deployments.apps \"sa\" is already paused\n"
        "error: configmaps \"scm\" pausing is not supported\n");
  CHECK(f.out("kubectl rollout restart deploy -n ks") ==
        "error: deployments.apps \"sa\" can't restart paused deployment (run rollout resume first)\n"
        "error: deployments.apps \"sb\" can't restart paused deployment (run rollout resume first)\n");
  CHECK(f.out("kubectl rollout resume deploy sa sb -n ks") ==
        "deployment.apps/sa resumed\ndeployment.apps/sb resumed\n");
  CHECK(f.out("kubectl rollout resume deploy -l tier=none -n ks") == "No resources found in ks namespace.\n");
  CHECK(f.out("kubectl rollout history deploy -l tier=none -n ks") == "");
  f.out("kubectl get deploy sa -n ks -o yaml > /tmp/sa.yaml");
  CHECK(f.out("kubectl rollout history -f /tmp/sa.yaml") ==
        "deployment.apps/sa \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
  CHECK(f.out("kubectl rollout history deploy/sa job/j1 -n ks") ==
        "deployment.apps/sa \nREVISION  CHANGE-CAUSE\n1         <none>\n\n"
        "error: no history viewer has been implemented for \"Job.batch\"\n");
}

TEST_CASE("cordon -l, label and annotate -o", "[kubectl]") {
  ShellFixture f;
  CHECK(f.out("kubectl cordon -l kubernetes.io/hostname=k8s-node1 --dry-run=client") ==
        "node/k8s-node1 cordoned (dry run)\n");
  CHECK(f.out("kubectl cordon -l nope=x") == "");
  CHECK(f.out("kubectl cordon k8s-node1 -l nope=x") ==
        "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n");
  CHECK(f.out("kubectl cordon -l '!node-role.kubernetes.io/control-plane'") ==
        "node/k8s-node1 cordoned\nnode/k8s-node2 cordoned\n");
  CHECK(f.out("kubectl cordon k8s-node1 --dry-run=server") == "node/k8s-node1 already cordoned (server dry run)\n");
  CHECK(f.out("kubectl uncordon k8s-node1 k8s-nope") == "Error from server (NotFound): nodes \"k8s-nope\" not found\n");
  CHECK(f.out("kubectl uncordon -l '!node-role.kubernetes.io/control-plane'") ==
        "node/k8s-node1 uncordoned\nnode/k8s-node2 uncordoned\n");

  f.out("kubectl create configmap cm1");
  f.out("kubectl create configmap cm2");
  CHECK(f.out("kubectl label cm cm1 foo=bar -o jsonpath='{.metadata.labels}'") == "{\"foo\":\"bar\"}");
  CHECK(f.out("kubectl label cm cm1 foo=baz --overwrite -o jsonpath='{.metadata.labels}' --dry-run=client") ==
        "{\"foo\":\"baz\"}");
  CHECK(f.out("kubectl get cm cm1 -o jsonpath='{.metadata.labels}'") == "{\"foo\":\"bar\"}");
  CHECK(f.out("kubectl label cm cm1 foo- -o name") == "configmap/cm1\n");
  // The printer comes after the patch: the label is set all the same.
  CHECK(f.out("kubectl label cm cm1 s1=x -o wide") ==
        "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: "
        "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n");
  CHECK(f.out("kubectl get cm cm1 -o jsonpath='{.metadata.labels}'") == "{\"s1\":\"x\"}");
  // Each object through a printer of its own: no "---" between them.
  const std::string yaml = f.out("kubectl label cm cm1 cm2 t=1 -o yaml");
  CHECK(yaml.find("---") == std::string::npos);
  CHECK(yaml.find("  name: cm1\n") != std::string::npos);
  CHECK(yaml.find("apiVersion: v1\nkind: ConfigMap\n", 10) != std::string::npos);
  CHECK(f.out("kubectl annotate cm cm2 a=b -o go-template='{{.metadata.annotations.a}}'") == "b");
}

TEST_CASE("exec -f and exec on kinds without a pod selector", "[kubectl]") {
  SetFixture f;
  f.out("kubectl run p1 -n ks --image=nginx");
  f.out("kubectl get pod p1 -n ks -o yaml > /tmp/p1.yaml");
  CHECK(f.out("kubectl exec -f /tmp/p1.yaml p1 -- echo hi") ==
        "error: resource/name arguments cannot be provided when a path is specified\n");
  CHECK(f.out("kubectl exec -f /tmp/nope.yaml -- echo hi") == "error: the path \"/tmp/nope.yaml\" does not exist\n");
  f.out("printf '' > /tmp/empty.yaml");
  CHECK(f.out("kubectl exec -f /tmp/empty.yaml -- echo hi") == "error: cannot exec into multiple objects at a time\n");
  f.out("printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: lp\\n' > /tmp/lp.yaml");
  CHECK(f.out("kubectl exec -f /tmp/lp.yaml -- echo hi") == "Error from server (NotFound): pods \"lp\" not found\n");
  CHECK(f.out("kubectl exec cm/scm -n ks -- echo hi") ==
        "error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n");
  CHECK(f.out("kubectl exec cm/nope -n ks -- echo hi") ==
        "Error from server (NotFound): configmaps \"nope\" not found\n");
  f.out("sleep 30");
  // The file's namespace, not -n's (here the default one).
  CHECK(f.code("kubectl exec -f /tmp/p1.yaml -- true") == 0);
}

TEST_CASE("set serviceaccount: the last argument, several objects, --all, -f --local", "[kubectl][set]") {
  SetFixture f;
  CHECK(f.out("kubectl set serviceaccount deploy/sa deploy/sb -n ks sa1") ==
        "deployment.apps/sa serviceaccount updated\ndeployment.apps/sb serviceaccount updated\n");
  // No change still reports the object (kubectl sends its empty patch).
  CHECK(f.out("kubectl set serviceaccount deploy/sa -n ks sa1") == "deployment.apps/sa serviceaccount updated\n");
  CHECK(f.out("kubectl set serviceaccount deploy/sa cm/scm -n ks sa2") ==
        "deployment.apps/sa serviceaccount updated\n"
        "error: configmaps/scm the object is not a pod or does not have a pod template: *v1.ConfigMap\n");
  CHECK(f.out("kubectl set serviceaccount -n ks") == "error: serviceaccount is required\n");
  CHECK(f.out("kubectl set serviceaccount deploy/sa -n ks") == kNoResources);
  CHECK(f.out("kubectl set serviceaccount deploy/sa -n ks --local sa5") == kNoResources);
  CHECK(f.out("kubectl set serviceaccount deploy --all -n ks sa6 --dry-run=server") ==
        "deployment.apps/sa serviceaccount updated (server dry run)\n"
        "deployment.apps/sb serviceaccount updated (server dry run)\n");
  CHECK(f.out("kubectl get deploy -n ks -o 'jsonpath={.items[*].spec.template.spec.serviceAccountName}'") ==
        "sa2 sa1");
  f.out("kubectl get deploy sa -n ks -o yaml > /tmp/sa.yaml");
  CHECK(f.out("kubectl set serviceaccount -f /tmp/sa.yaml --local sa5 -o "
              "jsonpath='{.spec.template.spec.serviceAccountName}'") == "sa5");
}
