// The elasticsearch image's REST answers follow the settings its environment passes.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/network/http_server.h"
#include "core/node/images.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;

TEST_CASE("elasticsearch answers with cluster.name and node.name from its environment", "[network][elasticsearch]") {
  const auto img = node::resolve_image("docker.elastic.co/elasticsearch/elasticsearch:7.6.2").image;
  REQUIRE(img);
  network::HttpRequest req;
  req.path = "/";
  network::ServerEnv env{"10.244.1.7", {{"cluster.name", "k8s-logs"}, {"node.name", "es-0"}}};
  auto r = network::serve_http(*img, 9200, "es-0", req, sim::Time{}, nullptr, env);
  CHECK(r.status == 200);
  CHECK(r.body.find("\"name\" : \"es-0\"") != std::string::npos);
  CHECK(r.body.find("\"cluster_name\" : \"k8s-logs\"") != std::string::npos);
  CHECK(r.body.find("\"number\" : \"7.6.2\"") != std::string::npos);

  // Without settings: the image's defaults, the hostname as the node's name.
  auto plain = network::serve_http(*img, 9200, "search-abc12", req, sim::Time{}, nullptr, {});
  CHECK(plain.body.find("\"name\" : \"search-abc12\"") != std::string::npos);
  CHECK(plain.body.find("\"cluster_name\" : \"docker-cluster\"") != std::string::npos);

  // The cluster state names the node, its transport address, one master; compact
  // unless ?pretty.
  req.path = "/_cluster/state?pretty";
  auto state = network::serve_http(*img, 9200, "es-0", req, sim::Time{}, nullptr, env);
  CHECK(state.body.rfind("{\n  \"cluster_name\" : \"k8s-logs\",\n  \"cluster_uuid\" : \"", 0) == 0);
  CHECK(state.body.find("\"transport_address\" : \"10.244.1.7:9300\"") != std::string::npos);
  req.path = "/_cluster/health";
  auto health = network::serve_http(*img, 9200, "es-0", req, sim::Time{}, nullptr, env);
  CHECK(health.body.rfind("{\"cluster_name\":\"k8s-logs\",\"status\":\"green\",", 0) == 0);
  // The same cluster keeps one uuid across its nodes.
  req.path = "/";
  network::ServerEnv es1{"10.244.2.7", {{"cluster.name", "k8s-logs"}, {"node.name", "es-1"}}};
  auto other = network::serve_http(*img, 9200, "es-1", req, sim::Time{}, nullptr, es1);
  auto uuid = [](const std::string& body) {
    const auto at = body.find("\"cluster_uuid\" : \"") + 18;
    return body.substr(at, body.find('"', at) - at);
  };
  CHECK(uuid(other.body) == uuid(r.body));
  CHECK(uuid(r.body).size() == 22);
  req.path = "/nope";
  CHECK(network::serve_http(*img, 9200, "es-0", req, sim::Time{}, nullptr, env).status == 400);
}

TEST_CASE("curl reaches elasticsearch with the pod's env", "[network][elasticsearch]") {
  kt::testing::ShellFixture f;
  REQUIRE(f.out("cat > /tmp/es.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: es-0\nspec:\n  containers:\n"
                "  - name: es\n    image: elasticsearch:7.6.2\n    env:\n    - name: cluster.name\n      value: k8s-logs\n"
                "    - name: node.name\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\nEOF") == "");
  REQUIRE(f.out("kubectl apply -f /tmp/es.yaml") == "pod/es-0 created\n");
  f.sandbox.advance(sim::seconds(180));
  const std::string ip = api::str_field(*f.sandbox.api().get(f.sandbox.api().resource("", "pods"), "default", "es-0"),
                                        {"status", "podIP"});
  REQUIRE_FALSE(ip.empty());
  const std::string out = f.out("curl -s " + ip + ":9200");
  CHECK(out.find("\"name\" : \"es-0\"") != std::string::npos);
  CHECK(out.find("\"cluster_name\" : \"k8s-logs\"") != std::string::npos);
}
