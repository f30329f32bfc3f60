// Service, Endpoints and EndpointSlice strategies.
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

namespace {

// The body `kubectl create service clusterip my-svc --tcp=5678:8080` sends.
Json service_body() {
  return Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"my-svc"},"name":"my-svc",
    "namespace":"default"},"spec":{"ports":[{"name":"5678-8080","port":5678,"protocol":"TCP","targetPort":8080}],
    "selector":{"app":"my-svc"},"type":"ClusterIP"},"status":{"loadBalancer":{}}})");
}

Json minimal(Json spec) {
  return {{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", "web"}}}, {"spec", std::move(spec)}};
}

}  // namespace

TEST_CASE("Service defaults match a v1.32 service (before IP allocation)", "[kinds]") {
  Kind k("v1", "Service");
  Json got = k.create(service_body());
  Json want = Json::parse(R"({
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"labels": {"app": "my-svc"}, "name": "my-svc", "namespace": "default"},
    "spec": {
      "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
      "ports": [{"name": "5678-8080", "port": 5678, "protocol": "TCP", "targetPort": 8080}],
      "selector": {"app": "my-svc"}, "sessionAffinity": "None", "type": "ClusterIP"
    },
    "status": {"loadBalancer": {}}
  })");
  CHECK(got == want);
  CHECK(k.validate(got).empty());

  // targetPort and protocol default from the port; NodePort gets externalTrafficPolicy.
  Json np = k.create(minimal({{"type", "NodePort"}, {"ports", {{{"port", 80}}}}}));
  CHECK(np["spec"]["ports"][0] == Json::parse(R"({"port": 80, "protocol": "TCP", "targetPort": 80})"));
  CHECK(np["spec"]["externalTrafficPolicy"] == "Cluster");
  Json lb = k.create(minimal({{"type", "LoadBalancer"}, {"ports", {{{"port", 80}}}}}));
  CHECK(lb["spec"]["allocateLoadBalancerNodePorts"] == true);
  Json headless =
      k.create(minimal({{"clusterIP", "None"}, {"selector", {{"app", "db"}}}, {"ports", {{{"port", 5432}}}}}));
  CHECK(headless["spec"]["clusterIPs"] == Json::array({"None"}));
  CHECK(headless["spec"]["ipFamilyPolicy"] == "SingleStack");
  Json selectorless = k.create(minimal({{"clusterIP", "None"}, {"ports", {{{"port", 5432}}}}}));
  CHECK(selectorless["spec"]["ipFamilyPolicy"] == "RequireDualStack");
  CHECK(selectorless["spec"]["ipFamilies"] == Json::array({"IPv4", "IPv6"}));
  Json affinity = k.create(minimal({{"sessionAffinity", "ClientIP"}, {"ports", {{{"port", 80}}}}}));
  CHECK(affinity["spec"]["sessionAffinityConfig"] == Json::parse(R"({"clientIP": {"timeoutSeconds": 10800}})"));
}

TEST_CASE("Service validation messages", "[kinds]") {
  Kind k("v1", "Service");
  CHECK(k.create_error(minimal(Json::object())) == "Service \"web\" is invalid: spec.ports: Required value");
  CHECK(k.create_error(minimal({{"ports", {{{"port", 0}}}}})) ==
        "Service \"web\" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, "
        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]");  // targetPort = port
  CHECK(k.create_error(minimal({{"ports", {{{"port", 80}}, {{"port", 443}}}}})) ==
        "Service \"web\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]");
  CHECK(k.create_error(minimal({{"ports", {{{"port", 80}, {"nodePort", 30080}}}}})) ==
        "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  CHECK(k.create_error(minimal({{"type", "NodePort"}, {"ports", {{{"port", 80}, {"nodePort", 80}}}}})) ==
        "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid "
        "range. The range of valid ports is 30000-32767");
  CHECK(k.create_error(minimal({{"type", "Internal"}, {"ports", {{{"port", 80}}}}})) ==
        "Service \"web\" is invalid: spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", "
        "\"ExternalName\", \"LoadBalancer\", \"NodePort\"");
  CHECK(k.create_error(minimal({{"ports", {{{"port", 80}, {"targetPort", "http_port"}}}}})) ==
        "Service \"web\" is invalid: spec.ports[0].targetPort: Invalid value: \"http_port\": must contain only "
        "alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  CHECK(
      k.create_error(minimal({{"ports", {{{"port", 80}, {"name", "a"}}, {{"port", 80}, {"name", "b"}}}}})) ==
      "Service \"web\" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", "
      "AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
  CHECK(k.create_error(minimal({{"clusterIP", "10.0.0.5"}, {"ports", {{{"port", 80}}}}})) ==
        "Service \"web\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.5\"}: failed to allocate IP "
        "10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
  CHECK(k.create_error(minimal({{"type", "ExternalName"}})) ==
        "Service \"web\" is invalid: spec.externalName: Required value");

  Json bad_name = minimal({{"ports", {{{"port", 80}}}}});
  bad_name["metadata"]["name"] = "1web";
  CHECK(k.create_error(bad_name) ==
        "Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower "
        "case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric "
        "character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
}

TEST_CASE("Service updates keep allocated values and forbid changing them", "[kinds]") {
  Kind k("v1", "Service");
  Json old = k.create(minimal({{"type", "NodePort"}, {"ports", {{{"port", 80}}}}}));
  old["spec"]["clusterIP"] = "10.96.12.7";
  old["spec"]["clusterIPs"] = Json::array({"10.96.12.7"});
  old["spec"]["ports"][0]["nodePort"] = 31234;

  // kubectl replace with the original manifest: allocated values are kept.
  Json replaced = minimal({{"type", "NodePort"}, {"ports", {{{"port", 80}}}}});
  Json stored = k.update(replaced, old);
  CHECK(stored["spec"]["clusterIP"] == "10.96.12.7");
  CHECK(stored["spec"]["ports"][0]["nodePort"] == 31234);
  CHECK(k.update_error(replaced, old).empty());

  Json moved = old;
  moved["spec"]["clusterIP"] = "10.96.12.8";
  moved["spec"]["clusterIPs"] = Json::array({"10.96.12.8"});
  CHECK(k.update_error(moved, old) ==
        "Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.12.8\"}: may not change once "
        "set");

  // Back to ClusterIP: the node ports are dropped, as kube does.
  Json cluster = old;
  cluster["spec"]["type"] = "ClusterIP";
  Json back = k.update(cluster, old);
  CHECK_FALSE(back["spec"]["ports"][0].contains("nodePort"));
  CHECK_FALSE(back["spec"].contains("externalTrafficPolicy"));
  CHECK(k.update_error(cluster, old).empty());
}

TEST_CASE("Endpoints and EndpointSlice defaults and messages", "[kinds]") {
  Kind ep("v1", "Endpoints");
  Json e = Json::parse(R"({"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web"},
    "subsets":[{"addresses":[{"ip":"10.244.1.5"}],"ports":[{"port":80}]}]})");
  Json got = ep.create(e);
  CHECK(got["subsets"][0]["ports"][0]["protocol"] == "TCP");
  CHECK(ep.validate(got).empty());
  Json bad = got;
  bad["subsets"][0]["addresses"][0]["ip"] = "127.0.0.1";
  CHECK(ep.validate(bad) ==
        "Endpoints \"web\" is invalid: subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the "
        "loopback range (127.0.0.0/8, ::1/128)");
  Json empty = got;
  empty["subsets"][0].erase("addresses");
  CHECK(ep.validate(empty) ==
        "Endpoints \"web\" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`");

  Kind es("discovery.k8s.io/v1", "EndpointSlice");
  Json slice = Json::parse(R"({"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc"},
    "addressType":"IPv4","endpoints":[{"addresses":["10.244.1.5"]}],"ports":[{"port":80}]})");
  Json sgot = es.create(slice);
  CHECK(sgot["ports"][0] == Json::parse(R"({"name": "", "port": 80, "protocol": "TCP"})"));
  CHECK(es.validate(sgot).empty());
  Json no_type = sgot;
  no_type.erase("addressType");
  CHECK(es.validate(no_type) == "EndpointSlice.discovery.k8s.io \"web-abc\" is invalid: addressType: Required value");
}
