// kubectl config on the login host's kubeconfig (/root/.kube/config as kubeadm wrote
// it), with the text kubectl v1.32 prints for the same file; the current context's
// namespace becomes the default namespace of later commands.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using kt::testing::ShellFixture;

TEST_CASE("kubectl config view hides credentials unless --raw", "[kubectl][config]") {
  ShellFixture f;
  CHECK(f.out("kubectl config view | grep -v server:") ==
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n  name: kubernetes\n"
        "contexts:\n- context:\n    cluster: kubernetes\n    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\n"
        "current-context: kubernetes-admin@kubernetes\nkind: Config\npreferences: {}\nusers:\n- name: kubernetes-admin\n"
        "  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n");
  CHECK(f.out("kubectl config view --raw | grep -c c2ltdWxhdGVk") == "3\n");
  CHECK(f.out("kubectl config view | grep server: | sed 's/[0-9.]*:6443/IP:6443/'") ==
        "    server: https://IP:6443\n");
  // A kubeconfig that does not exist reads as an empty one.
  CHECK(f.out("KUBECONFIG=/tmp/none kubectl config view") ==
        "apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n");
  CHECK(f.out("KUBECONFIG=/tmp/none kubectl config current-context") == "error: current-context is not set\n");
  CHECK(f.code("KUBECONFIG=/tmp/none kubectl config current-context") == 1);
  CHECK(f.out("KUBECONFIG=/tmp/none kubectl config set-context --current --namespace=a") ==
        "error: no current context is set\n");
}

TEST_CASE("kubectl config contexts: list, switch, set, delete", "[kubectl][config]") {
  ShellFixture f;
  CHECK(f.out("kubectl config current-context") == "kubernetes-admin@kubernetes\n");
  CHECK(f.out("kubectl config get-contexts") ==
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n"
        "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n");
  CHECK(f.out("kubectl config get-clusters") == "NAME\nkubernetes\n");
  CHECK(f.out("kubectl config get-users") == "NAME\nkubernetes-admin\n");
  CHECK(f.out("kubectl config use-context nope") == "error: no context exists with the name: \"nope\"\n");
  CHECK(f.out("kubectl config get-contexts nope") ==
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\nerror: context nope not found\n");
  CHECK(f.out("kubectl config set-context") == "error: you must specify a non-empty context name or --current\n");
  CHECK(f.out("kubectl config set-context dev --namespace=dev --cluster=kubernetes --user=kubernetes-admin") ==
        "Context \"dev\" created.\n");
  CHECK(f.out("kubectl config set-context aaa") == "Context \"aaa\" created.\n");
  CHECK(f.out("kubectl config set-context aaa --user=u") == "Context \"aaa\" modified.\n");
  CHECK(f.out("kubectl config get-contexts") ==
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n"
        "          aaa                                        u                  \n"
        "          dev                           kubernetes   kubernetes-admin   dev\n"
        "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n");
  CHECK(f.out("kubectl config get-contexts -o name") == "aaa\ndev\nkubernetes-admin@kubernetes\n");
  // The file is written back as kubectl writes it: contexts sorted by name.
  CHECK(f.out("grep -A3 '^- context' /root/.kube/config | head -4") ==
        "- context:\n    cluster: \"\"\n    user: u\n  name: aaa\n");
  CHECK(f.out("kubectl config use-context dev") == "Switched to context \"dev\".\n");
  CHECK(f.out("kubectl config current-context") == "dev\n");
  CHECK(f.out("kubectl config delete-context dev") ==
        "warning: this removed your active context, use \"kubectl config use-context\" to select a different one\n"
        "deleted context dev from /root/.kube/config\n");
}

TEST_CASE("set-context --current --namespace changes kubectl's default namespace", "[kubectl][config]") {
  ShellFixture f;
  CHECK(f.out("kubectl get sa default -o jsonpath='{.metadata.namespace}'") == "default");
  CHECK(f.out("kubectl config set-context --current --namespace=kube-system") ==
        "Context \"kubernetes-admin@kubernetes\" modified.\n");
  CHECK(f.out("kubectl config view --minify | grep namespace:") == "    namespace: kube-system\n");
  CHECK(f.out("kubectl get sa default -o jsonpath='{.metadata.namespace}'") == "kube-system");
  CHECK(f.out("kubectl get deploy --no-headers | awk '{print $1}'") == "coredns\n");
  // -n still wins.
  CHECK(f.out("kubectl get sa default -n default -o jsonpath='{.metadata.namespace}'") == "default");
  CHECK(f.out("kubectl config set-context --current --namespace=") ==
        "Context \"kubernetes-admin@kubernetes\" modified.\n");
  CHECK(f.out("kubectl get sa default -o jsonpath='{.metadata.namespace}'") == "default");
}

// Recorded with kubectl v1.32 (`kubectl config view -o json --kubeconfig=F`) on a file
// shaped like the sandbox's: Go's field order, four-space indentation.
TEST_CASE("kubectl config view -o json|jsonpath|go-template, --minify, --flatten", "[kubectl][config]") {
  ShellFixture f;
  const std::string ip = "sed 's/[0-9.]*:6443/IP:6443/'";
  const std::string shortened =
      "{\n    \"kind\": \"Config\",\n    \"apiVersion\": \"v1\",\n    \"preferences\": {},\n    \"clusters\": [\n"
      "        {\n            \"name\": \"kubernetes\",\n            \"cluster\": {\n"
      "                \"server\": \"https://IP:6443\",\n"
      "                \"certificate-authority-data\": \"DATA+OMITTED\"\n            }\n        }\n    ],\n"
      "    \"users\": [\n        {\n            \"name\": \"kubernetes-admin\",\n            \"user\": {\n"
      "                \"client-certificate-data\": \"DATA+OMITTED\",\n"
      "                \"client-key-data\": \"DATA+OMITTED\"\n            }\n        }\n    ],\n"
      "    \"contexts\": [\n        {\n            \"name\": \"kubernetes-admin@kubernetes\",\n"
      "            \"context\": {\n                \"cluster\": \"kubernetes\",\n"
      "                \"user\": \"kubernetes-admin\"\n            }\n        }\n    ],\n"
      "    \"current-context\": \"kubernetes-admin@kubernetes\"\n}\n";
  CHECK(f.out("kubectl config view -o json | " + ip) == shortened);
  CHECK(f.out("kubectl config view -o json --minify | " + ip) == shortened);
  CHECK(f.out("kubectl config view -o json --raw | grep -c c2ltdWxhdGVk") == "3\n");
  CHECK(f.out("kubectl config view --flatten | grep -c c2ltdWxhdGVk") == "3\n");
  CHECK(f.out("kubectl config view -o jsonpath='{.users[*].name}'") == "kubernetes-admin");
  CHECK(f.out("kubectl config view -o jsonpath='{.clusters[0]}' | " + ip) ==
        "{\"cluster\":{\"certificate-authority-data\":\"DATA+OMITTED\",\"server\":\"https://IP:6443\"},"
        "\"name\":\"kubernetes\"}\n");  // sed ends the line
  CHECK(f.out("kubectl config view -o go-template='{{.kind}}'") == "Config");
  CHECK(f.out("kubectl config view -o name") == "config/<unknown>\n");
  CHECK(f.out("kubectl config view -o wide") ==
        "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: "
        "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n");
  // A context with a namespace: the namespace follows cluster and user.
  f.out("kubectl config set-context --current --namespace=dev");
  CHECK(f.out("kubectl config view -o json | grep -A7 '\"contexts\"' | tail -6") ==
        "            \"name\": \"kubernetes-admin@kubernetes\",\n            \"context\": {\n                \"cluster\": \"kubernetes\",\n"
        "                \"user\": \"kubernetes-admin\",\n                \"namespace\": \"dev\"\n            }\n");
  CHECK(f.out("KUBECONFIG=/tmp/none kubectl config view -o json") ==
        "{\n    \"kind\": \"Config\",\n    \"apiVersion\": \"v1\",\n    \"preferences\": {},\n    \"clusters\": null,\n"
        "    \"users\": null,\n    \"contexts\": null,\n    \"current-context\": \"\"\n}\n");
}
