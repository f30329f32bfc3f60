// go_json (core/kubectl/go_json.h): objects in the Go structs' field order, as the
// real kubectl v1.32 printed `create ... --dry-run=client -o json` (tests/kubectl
// diff corpus runs the same lines against it).
#include <catch2/catch.hpp>

#include "core/api/json.h"
#include "core/kubectl/go_json.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("create generators print -o json in the Go field order", "[kubectl][create]") {
  ShellFixture f;
  CHECK(f.out("kubectl create deployment x --image=nginx --port=80 --replicas=2 --dry-run=client -o json") ==
      "{\n"
      "    \"kind\": \"Deployment\",\n"
      "    \"apiVersion\": \"apps/v1\",\n"
      "    \"metadata\": {\n"
      "        \"name\": \"x\",\n"
      "        \"creationTimestamp\": null,\n"
      "        \"labels\": {\n"
      "            \"app\": \"x\"\n"
      "        }\n"
      "    },\n"
      "    \"spec\": {\n"
      "        \"replicas\": 2,\n"
      "        \"selector\": {\n"
      "            \"matchLabels\": {\n"
      "                \"app\": \"x\"\n"
      "            }\n"
      "        },\n"
      "        \"template\": {\n"
      "            \"metadata\": {\n"
      "                \"creationTimestamp\": null,\n"
      "                \"labels\": {\n"
      "                    \"app\": \"x\"\n"
      "                }\n"
      "            },\n"
      "            \"spec\": {\n"
      "                \"containers\": [\n"
      "                    {\n"
      "                        \"name\": \"nginx\",\n"
      "                        \"image\": \"nginx\",\n"
      "                        \"ports\": [\n"
      "                            {\n"
      "                                \"containerPort\": 80\n"
      "                            }\n"
      "                        ],\n"
      "                        \"resources\": {}\n"
      "                    }\n"
      "                ]\n"
      "            }\n"
      "        },\n"
      "        \"strategy\": {}\n"
      "    },\n"
      "    \"status\": {}\n"
      "}\n");
  CHECK(f.out("kubectl create rolebinding rb --role=r1 --user=u1 --group=g1 --serviceaccount=default:sa1 "
              "--dry-run=client -o json") ==
      "{\n"
      "    \"kind\": \"RoleBinding\",\n"
      "    \"apiVersion\": \"rbac.authorization.k8s.io/v1\",\n"
      "    \"metadata\": {\n"
      "        \"name\": \"rb\",\n"
      "        \"creationTimestamp\": null\n"
      "    },\n"
      "    \"subjects\": [\n"
      "        {\n"
      "            \"kind\": \"User\",\n"
      "            \"apiGroup\": \"rbac.authorization.k8s.io\",\n"
      "            \"name\": \"u1\"\n"
      "        },\n"
      "        {\n"
      "            \"kind\": \"Group\",\n"
      "            \"apiGroup\": \"rbac.authorization.k8s.io\",\n"
      "            \"name\": \"g1\"\n"
      "        },\n"
      "        {\n"
      "            \"kind\": \"ServiceAccount\",\n"
      "            \"name\": \"sa1\",\n"
      "            \"namespace\": \"default\"\n"
      "        }\n"
      "    ],\n"
      "    \"roleRef\": {\n"
      "        \"apiGroup\": \"rbac.authorization.k8s.io\",\n"
      "        \"kind\": \"Role\",\n"
      "        \"name\": \"r1\"\n"
      "    }\n"
      "}\n");
  // create -f holds unstructured objects: sorted keys, as get -o json.
  CHECK(f.out("echo '{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"u\"}}' | "
              "kubectl create -f - --dry-run=client -o json") ==
        "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"ConfigMap\",\n    \"metadata\": {\n        \"name\": \"u\",\n"
        "        \"namespace\": \"default\"\n    }\n}\n");
}

TEST_CASE("go_json: tables per kind, unlisted members last and sorted", "[kubectl]") {
  Json cm = Json::parse(R"({"data":{"b":"2","a":"1"},"zz":1,"metadata":{"name":"c"},"apiVersion":"v1","kind":"ConfigMap"})");
  CHECK(kubectl::go_json_known(cm));
  CHECK(kubectl::go_json(cm) ==
        "{\n    \"kind\": \"ConfigMap\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"c\"\n"
        "    },\n    \"data\": {\n        \"a\": \"1\",\n        \"b\": \"2\"\n    },\n    \"zz\": 1\n}\n");
  CHECK_FALSE(kubectl::go_json_known(Json::parse(R"({"apiVersion":"v1","kind":"Pod"})")));
  // A list of structs keeps its items' order, each item in its table's order.
  Json role = Json::parse(R"({"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{},
      "rules":[{"resources":["pods"],"verbs":["get"]},{"verbs":["list"],"apiGroups":[""]}]})");
  const std::string out = kubectl::go_json(role);
  CHECK(out.find("\"verbs\": [\n                \"get\"\n            ],\n            \"resources\"") != std::string::npos);
  CHECK(out.find("\"metadata\": {},") != std::string::npos);
}
