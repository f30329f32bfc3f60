// The dataplane: pods, Services of each type, DNS, load balancers, HTTP answers.
#include <catch2/catch.hpp>

#include <set>

#include "core/api/apiserver.h"
#include "core/network/dataplane.h"
#include "core/network/dns.h"
#include "core/network/http_server.h"
#include "core/network/lb_pool.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

void run_pod(Sandbox& sb, const std::string& name, const std::string& node, Json labels = {{"app", "web"}},
             Json spec_extra = Json::object()) {
  Json spec = {{"nodeName", node},
               {"containers", Json::array({Json{{"name", "web"},
                                                {"image", "nginx:1.14.2"},
                                                {"ports", Json::array({Json{{"containerPort", 80}}})}}})}};
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  sb.api().create(sb.api().resource("", "pods"), "default",
                  Json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}, {"labels", labels}}}, {"spec", spec}});
}

api::ObjectPtr service(Sandbox& sb, const std::string& name, Json spec) {
  spec["selector"] = {{"app", "web"}};
  sb.api().create(sb.api().resource("", "services"), "default",
                  Json{{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", name}}}, {"spec", spec}});
  sb.advance(sim::seconds(1));
  return sb.api().get(sb.api().resource("", "services"), "default", name);
}

std::string pod_ip(Sandbox& sb, const std::string& name) {
  return api::str_field(*sb.api().get(sb.api().resource("", "pods"), "default", name), {"status", "podIP"});
}

const network::Client kFromMaster{"k8s-master", "", "172.31.0.4", true};

}  // namespace

TEST_CASE("pod IPs answer on the ports their images listen on", "[network]") {
  Sandbox sb;
  run_pod(sb, "a", "k8s-node1");
  sb.advance(sim::seconds(10));
  auto c = sb.network().connect(kFromMaster, pod_ip(sb, "a"), 80);
  CHECK(c.result == network::Connection::Result::Connected);
  CHECK(c.pod_name == "a");
  CHECK(sb.network().connect(kFromMaster, pod_ip(sb, "a"), 8080).result == network::Connection::Result::Refused);
  CHECK(sb.network().connect(kFromMaster, "192.168.77.77", 80).result == network::Connection::Result::Timeout);
  // From outside the cluster network, pod addresses are not routed.
  const network::Client outside{"workstation", "", "172.31.0.100", false};
  CHECK(sb.network().connect(outside, pod_ip(sb, "a"), 80).result == network::Connection::Result::Timeout);
}

TEST_CASE("ClusterIP and NodePort Services spread over ready endpoints", "[network]") {
  Sandbox sb;
  run_pod(sb, "a", "k8s-node1");
  run_pod(sb, "b", "k8s-node2");
  auto svc = service(sb, "web", {{"type", "NodePort"}, {"ports", Json::array({Json{{"port", 8000}, {"targetPort", 80}}})}});
  sb.advance(sim::seconds(10));
  const std::string cluster_ip = api::str_field(*svc, {"spec", "clusterIP"});
  const std::int64_t node_port = api::field(*svc, {"spec", "ports"})[0].value("nodePort", std::int64_t{0});
  std::set<std::string> hit;
  for (int i = 0; i < 20; ++i) {
    auto c = sb.network().connect(kFromMaster, cluster_ip, 8000);
    REQUIRE(c.result == network::Connection::Result::Connected);
    CHECK(c.service == "default/web");
    hit.insert(c.pod_name);
  }
  CHECK(hit == std::set<std::string>{"a", "b"});
  CHECK(sb.network().connect(kFromMaster, cluster_ip, 9999).result == network::Connection::Result::Timeout);
  // The nodePort works on every node, the control plane too.
  for (const char* ip : {"172.31.0.4", "172.31.0.5", "172.31.0.6"})
    CHECK(sb.network().connect(kFromMaster, ip, node_port).result == network::Connection::Result::Connected);

  // No ready endpoints: refused.
  auto empty = service(sb, "none", {{"ports", Json::array({Json{{"port", 80}}})}});
  Json e = *empty;
  e["spec"]["selector"] = {{"app", "nothing"}};
  sb.api().update(sb.api().resource("", "services"), "default", e);
  sb.advance(sim::seconds(1));
  CHECK(sb.network().connect(kFromMaster, api::str_field(*empty, {"spec", "clusterIP"}), 80).result ==
        network::Connection::Result::Refused);
}

TEST_CASE("LoadBalancer Services get addresses from the pool until it runs out", "[network]") {
  CHECK(network::expand_pool("10.0.0.1-10.0.0.3") == std::vector<std::string>{"10.0.0.1", "10.0.0.2", "10.0.0.3"});
  CHECK(network::expand_pool("10.0.0.8/30").size() == 4);
  Sandbox sb;
  run_pod(sb, "a", "k8s-node1");
  auto lb = service(sb, "lb", {{"type", "LoadBalancer"}, {"ports", Json::array({Json{{"port", 80}}})}});
  sb.advance(sim::seconds(10));
  lb = sb.api().get(sb.api().resource("", "services"), "default", "lb");
  const std::string ip = api::str_field(api::field(*lb, {"status", "loadBalancer", "ingress"})[0], {"ip"});
  CHECK(ip == "172.31.0.200");
  CHECK(sb.network().connect(kFromMaster, ip, 80).result == network::Connection::Result::Connected);
}

TEST_CASE("cluster DNS names Services, headless endpoints and pods", "[network][dns]") {
  Sandbox sb;
  run_pod(sb, "web-0", "k8s-node1", {{"app", "web"}}, {{"hostname", "web-0"}, {"subdomain", "nginx"}});
  auto headless = service(sb, "nginx", {{"clusterIP", "None"}, {"ports", Json::array({Json{{"port", 80}}})}});
  auto web = service(sb, "web", {{"ports", Json::array({Json{{"port", 80}}})}});
  sb.advance(sim::seconds(10));
  const auto search = network::search_path("default");
  auto a = network::resolve(sb.api(), "web", search);
  CHECK(a.found);
  CHECK(a.name == "web.default.svc.cluster.local");
  CHECK(a.addresses == std::vector<std::string>{api::str_field(*web, {"spec", "clusterIP"})});
  a = network::resolve(sb.api(), "web-0.nginx", search);
  CHECK(a.found);
  CHECK(a.name == "web-0.nginx.default.svc.cluster.local");
  CHECK(a.addresses == std::vector<std::string>{pod_ip(sb, "web-0")});
  a = network::resolve(sb.api(), "nginx", search);
  CHECK(a.addresses == std::vector<std::string>{pod_ip(sb, "web-0")});
  a = network::resolve(sb.api(), "kube-dns.kube-system", search);
  CHECK(a.addresses == std::vector<std::string>{"10.96.0.10"});
  a = network::resolve(sb.api(), "kubernetes.default.svc.cluster.local", {});
  CHECK(a.addresses == std::vector<std::string>{"10.96.0.1"});
  CHECK_FALSE(network::resolve(sb.api(), "nosuch", search).found);
  CHECK_FALSE(network::resolve(sb.api(), "web", {}).found);  // a machine has no cluster search path
}

TEST_CASE("nginx answers with its default page and its error pages", "[network][http]") {
  auto img = node::resolve_image("nginx:1.14.2").image;
  REQUIRE(img);
  network::HttpRequest req;
  auto r = network::serve_http(*img, 80, "web-0", req, sim::Time{1736931600LL * 1000000});
  CHECK(r.status == 200);
  CHECK(r.body.size() == 612);
  CHECK(r.headers[0] == std::pair<std::string, std::string>{"Server", "nginx/1.14.2"});
  CHECK(r.headers[1].second == "Wed, 15 Jan 2025 09:00:00 GMT");
  auto newer = network::serve_http(*node::resolve_image("nginx:1.27").image, 80, "x", req, sim::Time{});
  CHECK(newer.body.size() == 615);
  req.path = "/nope";
  r = network::serve_http(*img, 80, "web-0", req, sim::Time{});
  CHECK(r.status == 404);
  CHECK(r.body == "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1>"
                  "</center>\r\n<hr><center>nginx/1.14.2</center>\r\n</body>\r\n</html>\r\n");
  req.path = "/";
  auto custom = network::serve_http(*img, 80, "web-0", req, sim::Time{}, [](const std::string& path) {
    return path == "/usr/share/nginx/html/index.html" ? std::optional<std::string>("hello web-0\n") : std::nullopt;
  });
  CHECK(custom.body == "hello web-0\n");
}
