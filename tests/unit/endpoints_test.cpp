// Endpoints and EndpointSlices follow the pods a Service selects and their readiness.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

void run_pod(Sandbox& sb, const std::string& name, const std::string& node, bool ready_probe_ok) {
  Json c = {{"name", "web"},
            {"image", "nginx:1.14.2"},
            {"ports", Json::array({Json{{"name", "http"}, {"containerPort", 80}}})}};
  c["readinessProbe"] = {{"httpGet", {{"path", "/"}, {"port", ready_probe_ok ? 80 : 81}}}};
  sb.api().create(sb.api().resource("", "pods"), "default",
                  Json{{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", {{"name", name}, {"labels", {{"app", "web"}}}}},
                       {"spec", {{"nodeName", node}, {"containers", Json::array({c})}}}});
}

}  // namespace

TEST_CASE("a Service's Endpoints list ready pods and not-ready ones apart", "[endpoints]") {
  Sandbox sb;
  auto& api = sb.api();
  api.create(api.resource("", "services"), "default",
             Json{{"apiVersion", "v1"},
                  {"kind", "Service"},
                  {"metadata", {{"name", "web"}, {"labels", {{"tier", "front"}}}}},
                  {"spec",
                   {{"selector", {{"app", "web"}}},
                    {"ports", Json::array({Json{{"port", 8080}, {"targetPort", "http"}}})}}}});
  sb.advance(sim::seconds(1));
  auto ep = api.get(api.resource("", "endpoints"), "default", "web");
  CHECK_FALSE(ep->contains("subsets"));
  CHECK(api::str_field(*ep, {"metadata", "labels", "tier"}) == "front");

  run_pod(sb, "a", "k8s-node1", true);
  run_pod(sb, "b", "k8s-node2", true);
  run_pod(sb, "c", "k8s-node2", false);
  sb.advance(sim::seconds(15));
  ep = api.get(api.resource("", "endpoints"), "default", "web");
  const Json& subsets = api::field(*ep, {"subsets"});
  REQUIRE(subsets.size() == 1);
  CHECK(subsets[0]["addresses"].size() == 2);
  CHECK(subsets[0]["notReadyAddresses"].size() == 1);
  CHECK(api::str_field(subsets[0]["notReadyAddresses"][0], {"targetRef", "name"}) == "c");
  CHECK(subsets[0]["ports"] == Json::array({Json{{"port", 80}, {"protocol", "TCP"}}}));
  const std::string ip_a = api::str_field(*api.get(api.resource("", "pods"), "default", "a"), {"status", "podIP"});
  bool found = false;
  for (const auto& a : subsets[0]["addresses"])
    if (a.value("ip", "") == ip_a) {
      found = true;
      CHECK(a.value("nodeName", "") == "k8s-node1");
    }
  CHECK(found);

  // One EndpointSlice, owned by the Service, with conditions per endpoint.
  auto slices = api.list(api.resource("discovery.k8s.io", "endpointslices"), "default",
                         api::ListOptions{"kubernetes.io/service-name=web"})
                    .items;
  REQUIRE(slices.size() == 1);
  CHECK(api::meta::name(*slices[0]).rfind("web-", 0) == 0);
  CHECK(api::field(*slices[0], {"endpoints"}).size() == 3);
  int ready = 0;
  for (const auto& e : api::field(*slices[0], {"endpoints"}))
    if (api::field(e, {"conditions", "ready"}) == true) ++ready;
  CHECK(ready == 2);
  CHECK(api::field(*slices[0], {"metadata", "ownerReferences"})[0].value("kind", "") == "Service");

  // A deleted pod leaves; the Service's deletion takes its Endpoints along.
  api::DeleteOptions now;
  now.grace_period_seconds = 0;
  api.remove(api.resource("", "pods"), "default", "a", now);
  sb.advance(sim::seconds(1));
  ep = api.get(api.resource("", "endpoints"), "default", "web");
  CHECK(api::field(*ep, {"subsets"})[0]["addresses"].size() == 1);
  api.remove(api.resource("", "services"), "default", "web");
  sb.advance(sim::seconds(1));
  CHECK_FALSE(api.try_get(api.resource("", "endpoints"), "default", "web"));
}
