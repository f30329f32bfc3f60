// `kubectl get` and the dispatcher on the default scenario, with the exact text the
// real kubectl v1.32.5 prints against `kubetab serve` on the same state (virtual
// time frozen at the scenario's start: every AGE is 12m).
#include <catch2/catch.hpp>

#include "core/kubectl/kubectl.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace {

using kt::Sandbox;

std::string k(Sandbox& sb, const std::vector<std::string>& args, int want_exit = 0) {
  auto r = kt::kubectl::run(sb, args);
  CHECK(r.exit_code == want_exit);
  return r.output;
}

}  // namespace

TEST_CASE("kubectl: cobra's errors for unknown commands and flags", "[kubectl]") {
  Sandbox sb;
  CHECK(k(sb, {"frobnicate"}, 1) == "Error: unknown command \"frobnicate\" for \"kubectl\"\n");
  CHECK(k(sb, {"gte"}, 1) == "Error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\n");
  CHECK(k(sb, {"get", "nodes", "--bogus"}, 1) == "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
  CHECK(k(sb, {"--bogus", "get"}, 1) == "Error: unknown flag: --bogus\nSee 'kubectl --help' for usage.\n");
  CHECK(k(sb, {"get", "pods", "-o"}, 1) == "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n");
  // A flag kubectl has and the sandbox does not implement is refused, not ignored.
  CHECK(k(sb, {"get", "--raw", "/api"}, 1) == "error: kubectl get --raw is not available in this sandbox yet\n");
  CHECK(k(sb, {"create", "job", "j", "--from=cronjob/c"}, 1) == "Error from server (NotFound): cronjobs.batch \"c\" not found\n");
  CHECK(k(sb, {"get", "pods", "-o", "foo"}, 1) ==
        "error: unable to match a printer suitable for the output format \"foo\", allowed formats are: "
        "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
        "jsonpath-file,name,template,templatefile,wide,yaml\n");
}

TEST_CASE("kubectl get: several types, kinds in names, labels, sorting", "[kubectl]") {
  Sandbox sb;
  CHECK(k(sb, {"get", "svc,ns", "--show-labels"}) ==
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   LABELS\n"
        "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   12m   component=apiserver,provider=kubernetes\n"
        "\n"
        "NAME                        STATUS   AGE   LABELS\n"
        "namespace/default           Active   12m   kubernetes.io/metadata.name=default\n"
        "namespace/kube-node-lease   Active   12m   kubernetes.io/metadata.name=kube-node-lease\n"
        "namespace/kube-public       Active   12m   kubernetes.io/metadata.name=kube-public\n"
        "namespace/kube-system       Active   12m   kubernetes.io/metadata.name=kube-system\n");
  // An empty list of pods still counts as a type: the services are named with their kind.
  CHECK(k(sb, {"get", "pods,svc"}) ==
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
        "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   12m\n");
  CHECK(k(sb, {"get", "ns", "-L", "kubernetes.io/metadata.name", "--sort-by=.metadata.name", "--no-headers"}) ==
        "default           Active   12m   default\n"
        "kube-node-lease   Active   12m   kube-node-lease\n"
        "kube-public       Active   12m   kube-public\n"
        "kube-system       Active   12m   kube-system\n");
  CHECK(k(sb, {"get", "pods", "-l", "a=b"}) == "No resources found in default namespace.\n");
}

TEST_CASE("kubectl get: yaml, json, name, Lists, jsonpath, custom-columns", "[kubectl]") {
  Sandbox sb;
  const std::string ns_yaml = k(sb, {"get", "ns", "kube-public", "-o", "yaml"});
  CHECK(ns_yaml.rfind("apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: \"2025-01-15T09:00:00Z\"\n"
                      "  labels:\n    kubernetes.io/metadata.name: kube-public\n  name: kube-public\n",
                      0) == 0);
  CHECK(ns_yaml.find("spec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n") != std::string::npos);
  CHECK(k(sb, {"get", "pods", "-o", "json"}) ==
        "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n"
        "        \"resourceVersion\": \"\"\n    }\n}\n");
  CHECK(k(sb, {"get", "pods", "-o", "yaml"}) == "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
  CHECK(k(sb, {"get", "pods", "-o", "name"}).empty());
  CHECK(k(sb, {"get", "ns", "default", "nope", "-o", "name"}, 1) ==
        "namespace/default\nError from server (NotFound): namespaces \"nope\" not found\n");
  CHECK(k(sb, {"get", "ns", "-o", "jsonpath={.items[*].metadata.labels}"}) ==
        "{\"kubernetes.io/metadata.name\":\"default\"} {\"kubernetes.io/metadata.name\":\"kube-node-lease\"} "
        "{\"kubernetes.io/metadata.name\":\"kube-public\"} {\"kubernetes.io/metadata.name\":\"kube-system\"}");
  CHECK(k(sb, {"get", "ns", "-o", "jsonpath={.items[*"}, 1) == "error: error parsing jsonpath {.items[*, unterminated array\n");
  CHECK(k(sb, {"get", "ns", "-o", "custom-columns=N:.metadata.name,L:.metadata.labels"}) ==
        "N                 L\n"
        "default           map[kubernetes.io/metadata.name:default]\n"
        "kube-node-lease   map[kubernetes.io/metadata.name:kube-node-lease]\n"
        "kube-public       map[kubernetes.io/metadata.name:kube-public]\n"
        "kube-system       map[kubernetes.io/metadata.name:kube-system]\n");
  CHECK(k(sb, {"get", "ns", "-o", "custom-columns=NAME"}, 1) ==
        "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n");
}

TEST_CASE("kubectl version: text, -o json in Go struct order, -o yaml", "[kubectl]") {
  Sandbox sb;
  CHECK(k(sb, {"version"}) == "Client Version: v1.32.5\nKustomize Version: v5.5.0\nServer Version: v1.32.5\n");
  CHECK(k(sb, {"version", "--client"}) == "Client Version: v1.32.5\nKustomize Version: v5.5.0\n");
  const std::string server_json =
      "  \"serverVersion\": {\n    \"major\": \"1\",\n    \"minor\": \"32\",\n    \"gitVersion\": \"v1.32.5\",\n"
      "    \"gitCommit\": \"9894294ef13a5b32803e3ca2c0d620a088cc84d1\",\n    \"gitTreeState\": \"clean\",\n"
      "    \"buildDate\": \"2025-05-15T08:59:18Z\",\n    \"goVersion\": \"go1.23.8\",\n    \"compiler\": \"gc\",\n"
      "    \"platform\": \"linux/amd64\"\n  }\n}\n";
  const std::string json = k(sb, {"version", "-o", "json"});
  CHECK(json.size() > server_json.size());
  CHECK(json.substr(json.size() - server_json.size()) == server_json);
  const std::string yaml = k(sb, {"version", "-o", "yaml"});
  CHECK(yaml.find("kustomizeVersion: v5.5.0\nserverVersion:\n  buildDate: \"2025-05-15T08:59:18Z\"\n  compiler: gc\n"
                  "  gitCommit: 9894294ef13a5b32803e3ca2c0d620a088cc84d1\n  gitTreeState: clean\n  gitVersion: v1.32.5\n"
                  "  goVersion: go1.23.8\n  major: \"1\"\n  minor: \"32\"\n  platform: linux/amd64\n\n") != std::string::npos);
  CHECK(k(sb, {"version", "-o", "foo"}, 1) == "error: --output must be 'yaml' or 'json'\n");
}

TEST_CASE("kubectl: a short name that also means a lower-priority resource gets kubectl's warning", "[kubectl]") {
  Sandbox sb;
  const std::string warning =
      "Warning: short name \"ev\" could also match lower priority resource events.events.k8s.io\n";
  CHECK(k(sb, {"get", "ev", "-n", "nowhere"}) == warning + "No resources found in nowhere namespace.\n");
  // Once per command, also when the name comes back in a list or in TYPE/NAME form.
  CHECK(k(sb, {"get", "ev,ev", "-n", "nowhere", "-o", "name"}) == warning);
  CHECK(k(sb, {"get", "ev/x"}, 1) == warning + "Error from server (NotFound): events \"x\" not found\n");
  // A missing object in a namespace that does not exist names the namespace (cli-runtime Info.Get).
  CHECK(k(sb, {"get", "ev/x", "-n", "nowhere"}, 1) == warning + "Error from server (NotFound): namespaces \"nowhere\" not found\n");
  // Plurals, names qualified by a group and unambiguous short names resolve silently.
  CHECK(k(sb, {"get", "events", "-n", "nowhere"}) == "No resources found in nowhere namespace.\n");
  CHECK(k(sb, {"get", "ev.events.k8s.io", "-n", "nowhere"}) == "No resources found in nowhere namespace.\n");
  CHECK(k(sb, {"get", "po", "-n", "nowhere"}) == "No resources found in nowhere namespace.\n");
  CHECK(kt::kubectl::short_name_warnings(sb.api().registry(), "ev") ==
        "Warning: short name \"ev\" could also match lower priority resource events.events.k8s.io\n");
  CHECK(kt::kubectl::short_name_warnings(sb.api().registry(), "deploy").empty());
}

TEST_CASE("kubectl: short names match as spelled, plurals and kinds in any case, groups as spelled", "[kubectl]") {
  Sandbox sb;
  const auto unknown = [](const std::string& t) { return "error: the server doesn't have a resource type \"" + t + "\"\n"; };
  CHECK(k(sb, {"get", "EV"}, 1) == unknown("EV"));
  CHECK(k(sb, {"get", "Po"}, 1) == unknown("Po"));
  CHECK(k(sb, {"get", "NS"}, 1) == unknown("NS"));
  CHECK(k(sb, {"get", "DEPLOY.apps"}, 1) == unknown("DEPLOY"));
  CHECK(k(sb, {"get", "deployments.Apps"}, 1) == unknown("deployments"));
  CHECK(k(sb, {"get", "foo.bar"}, 1) == unknown("foo"));
  CHECK(k(sb, {"get", "PODS", "-n", "nowhere"}) == "No resources found in nowhere namespace.\n");
  CHECK(k(sb, {"get", "Pod", "-n", "nowhere"}) == "No resources found in nowhere namespace.\n");
  CHECK(k(sb, {"get", "DEPLOYMENTS.apps", "-n", "nowhere"}) == "No resources found in nowhere namespace.\n");
  CHECK(k(sb, {"explain", "Po"}, 1) == "the server doesn't have a resource type \"Po\"\n");
}

TEST_CASE("kubectl help: a command's help, the root's, or an unknown topic with the root usage", "[kubectl]") {
  Sandbox sb;
  const std::string root = k(sb, {"--help"});
  CHECK(k(sb, {"help"}) == root);
  CHECK(k(sb, {"help", "get"}) == k(sb, {"get", "--help"}));
  CHECK(k(sb, {"help", "get", "pods"}) == k(sb, {"get", "--help"}));  // arguments past the commands are ignored
  CHECK(k(sb, {"help", "create", "deployment"}) == k(sb, {"create", "deployment", "--help"}));
  const std::string unknown = k(sb, {"help", "foo", "bar"});
  CHECK(unknown.rfind("Unknown help topic [`foo` `bar`]\n\n\nBasic Commands (Beginner):\n", 0) == 0);
  CHECK(unknown.substr(unknown.find("Basic Commands")) == root.substr(root.find("Basic Commands")));
  CHECK(k(sb, {"help", "--help"}).rfind("Help provides help for any command in the application.\n", 0) == 0);
}
