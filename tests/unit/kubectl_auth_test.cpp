// kubectl auth can-i|whoami, options, plugin list, completion and the config entry
// commands through the terminal, as kubectl v1.32 prints them.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("kubectl auth can-i answers for the admin, with kubectl's warnings", "[kubectl][auth]") {
  ShellFixture f;
  CHECK(f.out("kubectl auth can-i get pods") == "yes\n");
  CHECK(f.out("kubectl auth can-i get nodes") == "Warning: resource 'nodes' is not namespace scoped\n\nyes\n");
  CHECK(f.out("kubectl auth can-i list clusterroles") ==
        "Warning: resource 'clusterroles' is not namespace scoped in group 'rbac.authorization.k8s.io'\n\nyes\n");
  CHECK(f.out("kubectl auth can-i get nodes -A") == "yes\n");
  CHECK(f.out("kubectl auth can-i get foos.Example.com") ==
        "Warning: the server doesn't have a resource type 'foos' in group 'example.com'\n\nyes\n");
  CHECK(f.out("kubectl auth can-i impersonate users") == "yes\n");
  CHECK(f.out("kubectl auth can-i frob /healthz") == "Warning: verb 'frob' is not a known verb\n\nyes\n");
  CHECK(f.out("kubectl auth can-i get /logs --subresource=log") == "error: --subresource can not be used with NonResourceURL\n");
  CHECK(f.out("kubectl auth can-i get") ==
        "error: you must specify two arguments: verb resource or verb resource/resourceName.\n"
        "See 'kubectl auth can-i -h' for help and examples.\n");
  CHECK(f.out("kubectl auth can-i get pods --no-headers") == "error: --no-headers cannot be set without --list specified\n");
  CHECK(f.out("kubectl auth can-i --list -A") ==
        "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
  CHECK(f.out("kubectl auth can-i --list pods") == "error: list option must be specified with no arguments\n");
  CHECK(f.out("kubectl auth can-i get pods -q; echo $?") == "0\n");
}

TEST_CASE("kubectl auth can-i --as follows RoleBindings and ClusterRoleBindings", "[kubectl][auth]") {
  ShellFixture f;
  f.out("kubectl create namespace demo");
  f.out("kubectl create role pod-reader -n demo --verb=get,list --resource=pods,pods/log");
  f.out("kubectl create rolebinding alice -n demo --role=pod-reader --user=alice");
  f.out("kubectl create clusterrole nodes --verb=get --resource=nodes --non-resource-url=/logs/*");
  f.out("kubectl create clusterrolebinding ops --clusterrole=nodes --group=ops");
  CHECK(f.out("kubectl auth can-i list pods -n demo --as=alice") == "yes\n");
  CHECK(f.out("kubectl auth can-i get pods --subresource=log -n demo --as=alice") == "yes\n");
  CHECK(f.out("kubectl auth can-i get pods --subresource=exec -n demo --as=alice; echo $?") == "no\n1\n");
  CHECK(f.out("kubectl auth can-i list pods --as=alice") == "no\n");
  CHECK(f.out("kubectl auth can-i list pods -n demo --as=alice -q; echo $?") == "0\n");
  CHECK(f.out("kubectl auth can-i get nodes -A --as=bob --as-group=ops") == "yes\n");
  CHECK(f.out("kubectl auth can-i get /logs/x --as=bob --as-group=ops") == "yes\n");
  CHECK(f.out("kubectl auth can-i --list -n demo --as=alice") ==
        "Resources   Non-Resource URLs   Resource Names   Verbs\n"
        "pods/log    []                  []               [get list]\n"
        "pods        []                  []               [get list]\n");
  CHECK(f.out("kubectl auth can-i --list -n demo --as=bob --as-group=ops --no-headers") ==
        "        [/logs/*]   []    [get]\n"
        "nodes   []          []    [get]\n");
  f.out("kubectl create rolebinding bot -n demo --clusterrole=missing --serviceaccount=demo:bot");
  CHECK(f.out("kubectl auth can-i get pods -n demo --as=system:serviceaccount:demo:bot") ==
        "no - RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found\n");
}

TEST_CASE("kubectl auth whoami shows the user and the groups kube-apiserver adds", "[kubectl][auth]") {
  ShellFixture f;
  CHECK(f.out("kubectl auth whoami") ==
        "ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n");
  CHECK(f.out("kubectl auth whoami --as=system:serviceaccount:kt:bot") ==
        "ATTRIBUTE   VALUE\nUsername    system:serviceaccount:kt:bot\n"
        "Groups      [system:serviceaccounts system:serviceaccounts:kt system:authenticated]\n");
  CHECK(f.out("kubectl auth whoami --as=alice --as-group=devs -o jsonpath='{.status.userInfo.groups}'") ==
        "[\"devs\",\"system:authenticated\"]");
  CHECK(f.out("kubectl auth whoami -o yaml | head -2") == "apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\n");
}

TEST_CASE("kubectl options, plugin list and completion print kubectl's own text", "[kubectl][auth]") {
  ShellFixture f;
  CHECK(f.out("kubectl options | head -4") ==
        "The following options can be passed to any command:\n\n    --as='':\n"
        "\tUsername to impersonate for the operation. User could be a regular user or a service account in a namespace.\n");
  CHECK(f.out("kubectl plugin list; echo $?") == "error: unable to find any kubectl plugins in your PATH\n1\n");
  CHECK(f.out("kubectl completion") == "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n");
  CHECK(f.out("kubectl completion tcsh") ==
        "error: Unsupported shell type \"tcsh\".\nSee 'kubectl completion -h' for help and examples\n");
  CHECK(f.out("kubectl completion bash | grep -c __start_kubectl") != "0\n");
  CHECK(f.out("kubectl proxy; echo $?").find("cannot listen on a local port") != std::string::npos);
}

TEST_CASE("kubectl config set-cluster, set-credentials, rename-context, set, unset and delete-*", "[kubectl][config]") {
  ShellFixture f;
  CHECK(f.out("kubectl config set-cluster dev --server=https://1.2.3.4") == "Cluster \"dev\" set.\n");
  CHECK(f.out("kubectl config set-cluster dev --certificate-authority=/etc/ca.crt --tls-server-name=api") ==
        "Cluster \"dev\" set.\n");
  CHECK(f.out("kubectl config set-credentials bob --token=abc") == "User \"bob\" set.\n");
  CHECK(f.out("kubectl config set-credentials bob --username=u --password=p") == "User \"bob\" set.\n");
  CHECK(f.out("kubectl config set-credentials bob --username=u --token=t") ==
        "error: you cannot specify more than one authentication method at the same time: --token, --username/--password\n");
  CHECK(f.out("kubectl config set-context c1 --cluster=dev --user=bob") == "Context \"c1\" created.\n");
  CHECK(f.out("kubectl config rename-context c1 c2") == "Context \"c1\" renamed to \"c2\".\n");
  CHECK(f.out("kubectl config rename-context c1 c2") ==
        "error: cannot rename the context \"c1\", it's not in /root/.kube/config\n");
  CHECK(f.out("kubectl config set contexts.c2.namespace kt") == "Property \"contexts.c2.namespace\" set.\n");
  CHECK(f.out("kubectl config set foo bar") == "error: unable to parse foo after [] at api.Config\n");
  CHECK(f.out("kubectl config view -o jsonpath='{.clusters[?(@.name==\"dev\")].cluster}'") ==
        "{\"certificate-authority\":\"/etc/ca.crt\",\"server\":\"https://1.2.3.4\",\"tls-server-name\":\"api\"}");
  CHECK(f.out("kubectl config view -o jsonpath='{.users[?(@.name==\"bob\")].user}'") ==
        "{\"password\":\"REDACTED\",\"username\":\"u\"}");
  CHECK(f.out("kubectl config get-contexts c2 --no-headers") == "      c2    dev   bob   kt\n");
  CHECK(f.out("kubectl config unset contexts.c2.namespace") == "Property \"contexts.c2.namespace\" unset.\n");
  CHECK(f.out("kubectl config delete-cluster dev") == "deleted cluster dev from /root/.kube/config\n");
  CHECK(f.out("kubectl config delete-cluster dev") == "error: cannot delete cluster dev, not in /root/.kube/config\n");
  CHECK(f.out("kubectl config delete-user bob") == "deleted user bob from /root/.kube/config\n");
  CHECK(f.out("kubectl config delete-user") ==
        "error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples\n");
  CHECK(f.out("kubectl config set-cluster 2>&1 | tail -1") == "error: Unexpected args: []\n");
}
