// statefulset-controller: persistentVolumeClaimRetentionPolicy (the owner references
// the claims get, and the garbage collector deleting them with the set or the pod)
// and minReadySeconds (availableReplicas, OrderedReady waiting for availability).
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

const api::ResourceInfo& sts_res(Sandbox& sb) { return sb.api().resource("apps", "statefulsets"); }
const api::ResourceInfo& pvc_res(Sandbox& sb) { return sb.api().resource("", "persistentvolumeclaims"); }

void make_volumes(Sandbox& sb, int n) {
  for (int i = 0; i < n; ++i) {
    Json pv = {{"apiVersion", "v1"}, {"kind", "PersistentVolume"}};
    pv["metadata"]["name"] = "pv-" + std::to_string(i);
    pv["spec"]["capacity"]["storage"] = "1Gi";
    pv["spec"]["accessModes"] = Json::array({"ReadWriteOnce"});
    pv["spec"]["hostPath"]["path"] = "/data/pv-" + std::to_string(i);
    sb.api().create(sb.api().resource("", "persistentvolumes"), "", pv);
  }
}

void make_sts(Sandbox& sb, int replicas, Json spec_extra) {
  Json container = {{"name", "nginx"}, {"image", "nginx:1.14.2"}};
  Json claim = Json::object();
  claim["metadata"]["name"] = "www";
  claim["spec"]["accessModes"] = Json::array({"ReadWriteOnce"});
  claim["spec"]["resources"]["requests"]["storage"] = "1Gi";
  Json spec = {{"serviceName", "nginx"}, {"replicas", replicas}};
  spec["selector"]["matchLabels"]["app"] = "nginx";
  spec["template"]["metadata"]["labels"]["app"] = "nginx";
  spec["template"]["spec"]["containers"] = Json::array({container});
  spec["volumeClaimTemplates"] = Json::array({claim});
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  Json sts = {{"apiVersion", "apps/v1"}, {"kind", "StatefulSet"}};
  sts["metadata"]["name"] = "web";
  sts["spec"] = spec;
  sb.api().create(sts_res(sb), "default", sts);
}

Json retention(const char* when_deleted, const char* when_scaled) {
  Json r = Json::object();
  r["whenDeleted"] = when_deleted;
  r["whenScaled"] = when_scaled;
  return r;
}

// "Kind/name" of each owner reference of the claim.
std::vector<std::string> claim_owners(Sandbox& sb, const std::string& claim) {
  std::vector<std::string> out;
  auto c = sb.api().try_get(pvc_res(sb), "default", claim);
  if (!c) return {"<gone>"};
  for (const auto& r : api::field(*c, {"metadata", "ownerReferences"}))
    out.push_back(r.value("kind", "") + "/" + r.value("name", "") + (r.contains("controller") ? " controller" : ""));
  return out;
}

void scale(Sandbox& sb, int replicas) {
  Json sts = *sb.api().get(sts_res(sb), "default", "web");
  sts["spec"]["replicas"] = replicas;
  sb.api().update(sts_res(sb), "default", sts);
}

}  // namespace

TEST_CASE("retention Retain (the default): claims have no owners and survive scale-down and deletion", "[statefulset]") {
  Sandbox sb;
  make_volumes(sb, 2);
  make_sts(sb, 2, Json::object());
  sb.advance(sim::seconds(60));
  CHECK(claim_owners(sb, "www-web-0").empty());
  scale(sb, 1);
  sb.advance(sim::seconds(60));
  sb.api().remove(sts_res(sb), "default", "web");
  sb.advance(sim::seconds(60));
  CHECK(claim_owners(sb, "www-web-0").empty());
  CHECK(claim_owners(sb, "www-web-1").empty());
}

TEST_CASE("retention whenScaled Delete: a scaled-away pod owns its claim, which goes with it", "[statefulset]") {
  Sandbox sb;
  make_volumes(sb, 3);
  make_sts(sb, 3, {{"persistentVolumeClaimRetentionPolicy", retention("Retain", "Delete")}});
  sb.advance(sim::seconds(90));
  CHECK(claim_owners(sb, "www-web-2").empty());  // in range: no owner
  scale(sb, 2);
  sb.advance(sim::seconds(60));
  CHECK_FALSE(sb.api().try_get(sb.api().resource("", "pods"), "default", "web-2"));
  CHECK(claim_owners(sb, "www-web-2") == std::vector<std::string>{"<gone>"});
  CHECK(claim_owners(sb, "www-web-1").empty());
  // Deleting the set keeps the others (whenDeleted Retain).
  sb.api().remove(sts_res(sb), "default", "web");
  sb.advance(sim::seconds(60));
  CHECK(claim_owners(sb, "www-web-0").empty());
}

TEST_CASE("retention whenDeleted Delete: the set owns its claims, deleting it deletes them", "[statefulset]") {
  Sandbox sb;
  make_volumes(sb, 2);
  make_sts(sb, 2, {{"persistentVolumeClaimRetentionPolicy", retention("Delete", "Retain")}});
  sb.advance(sim::seconds(60));
  CHECK(claim_owners(sb, "www-web-0") == std::vector<std::string>{"StatefulSet/web"});
  CHECK(claim_owners(sb, "www-web-1") == std::vector<std::string>{"StatefulSet/web"});
  scale(sb, 1);
  sb.advance(sim::seconds(60));
  CHECK(claim_owners(sb, "www-web-1") == std::vector<std::string>{"StatefulSet/web"});  // whenScaled Retain
  sb.api().remove(sts_res(sb), "default", "web");
  sb.advance(sim::seconds(90));
  CHECK(claim_owners(sb, "www-web-0") == std::vector<std::string>{"<gone>"});
  CHECK(claim_owners(sb, "www-web-1") == std::vector<std::string>{"<gone>"});
}

TEST_CASE("minReadySeconds: availableReplicas lags readyReplicas; OrderedReady waits for available", "[statefulset]") {
  Sandbox sb;
  make_volumes(sb, 2);
  make_sts(sb, 2, {{"minReadySeconds", 20}});
  sb.advance(sim::seconds(12));
  auto sts = sb.api().get(sts_res(sb), "default", "web");
  CHECK(api::int_field(*sts, {"status", "readyReplicas"}) == 1);
  CHECK(api::int_field(*sts, {"status", "availableReplicas"}) == 0);
  CHECK_FALSE(sb.api().try_get(sb.api().resource("", "pods"), "default", "web-1"));  // web-0 not available yet
  sb.advance(sim::seconds(90));
  sts = sb.api().get(sts_res(sb), "default", "web");
  CHECK(api::int_field(*sts, {"status", "readyReplicas"}) == 2);
  CHECK(api::int_field(*sts, {"status", "availableReplicas"}) == 2);
}
