// PersistentVolumes and claims: static binding, default StorageClass, dynamic
// provisioning by an NFS provisioner pod, reclaim policies.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

Json pv(const std::string& name, const std::string& size, const std::string& cls = "",
        Json modes = Json::array({"ReadWriteOnce"}), const std::string& reclaim = "Retain") {
  Json spec = {{"capacity", {{"storage", size}}},
               {"accessModes", modes},
               {"persistentVolumeReclaimPolicy", reclaim},
               {"hostPath", {{"path", "/data/" + name}}}};
  if (!cls.empty()) spec["storageClassName"] = cls;
  return {{"apiVersion", "v1"}, {"kind", "PersistentVolume"}, {"metadata", {{"name", name}}}, {"spec", spec}};
}

Json pvc(const std::string& name, const std::string& size, std::optional<std::string> cls = std::nullopt,
         Json modes = Json::array({"ReadWriteOnce"})) {
  Json spec = {{"accessModes", modes}, {"resources", {{"requests", {{"storage", size}}}}}};
  if (cls) spec["storageClassName"] = *cls;
  return {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"}, {"metadata", {{"name", name}}}, {"spec", spec}};
}

struct Env {
  Sandbox sb;
  api::ApiServer& api = sb.api();
  const api::ResourceInfo& pvs = api.resource("", "persistentvolumes");
  const api::ResourceInfo& pvcs = api.resource("", "persistentvolumeclaims");
  api::ObjectPtr claim(const std::string& n) { return api.try_get(pvcs, "default", n); }
  api::ObjectPtr volume(const std::string& n) { return api.try_get(pvs, "", n); }
  std::vector<std::string> claim_events(const std::string& n) {
    std::vector<std::string> out;
    for (const auto& e : api.list(api.resource("", "events"), "default").items)
      if (api::str_field(*e, {"involvedObject", "name"}) == n)
        out.push_back(api::str_field(*e, {"reason"}) + ": " + api::str_field(*e, {"message"}));
    return out;
  }
};

}  // namespace

TEST_CASE("a claim binds the smallest volume that fits", "[storage]") {
  Env env;
  env.api.create(env.pvs, "", pv("big", "10Gi"));
  env.api.create(env.pvs, "", pv("small", "1Gi"));
  env.api.create(env.pvs, "", pv("rwx", "2Gi", "", Json::array({"ReadWriteMany"})));
  env.sb.advance(sim::seconds(1));
  CHECK(api::str_field(*env.volume("small"), {"status", "phase"}) == "Available");

  env.api.create(env.pvcs, "default", pvc("data", "2Gi", std::string()));
  env.sb.advance(sim::seconds(1));
  auto c = env.claim("data");
  CHECK(api::str_field(*c, {"status", "phase"}) == "Bound");
  CHECK(api::str_field(*c, {"spec", "volumeName"}) == "big");  // "rwx" lacks RWO, "small" is too small
  CHECK(api::str_field(*c, {"status", "capacity", "storage"}) == "10Gi");
  CHECK(api::str_field(*c, {"metadata", "annotations", "pv.kubernetes.io/bind-completed"}) == "yes");
  auto v = env.volume("big");
  CHECK(api::str_field(*v, {"status", "phase"}) == "Bound");
  CHECK(api::str_field(*v, {"spec", "claimRef", "name"}) == "data");
  CHECK(api::str_field(*v, {"spec", "claimRef", "uid"}) == api::meta::uid(*c));

  // Nothing left that fits, no class: FailedBinding.
  env.api.create(env.pvcs, "default", pvc("more", "5Gi", std::string()));
  env.sb.advance(sim::seconds(1));
  CHECK(api::str_field(*env.claim("more"), {"status", "phase"}) == "Pending");
  auto ev = env.claim_events("more");
  CHECK(std::count(ev.begin(), ev.end(),
                   "FailedBinding: no persistent volumes available for this claim and no storage class is set") == 1);

  // Retain: the claim's deletion leaves the volume Released.
  env.api.remove(env.pvcs, "default", "data");
  env.sb.advance(sim::seconds(1));
  CHECK(api::str_field(*env.volume("big"), {"status", "phase"}) == "Released");
}

TEST_CASE("the NFS provisioner's pod provisions pvc-<uid> volumes for its class", "[storage]") {
  Env env;
  env.api.create(env.api.resource("storage.k8s.io", "storageclasses"), "",
                 Json{{"apiVersion", "storage.k8s.io/v1"},
                      {"kind", "StorageClass"},
                      {"metadata",
                       {{"name", "managed-nfs-storage"},
                        {"annotations", {{"storageclass.kubernetes.io/is-default-class", "true"}}}}},
                      {"provisioner", "fuseim.pri/ifs"}});
  // A claim without a class gets the default one and waits for the provisioner.
  env.api.create(env.pvcs, "default", pvc("www-web-0", "1Gi", std::nullopt, Json::array({"ReadWriteMany"})));
  env.sb.advance(sim::seconds(1));
  auto c = env.claim("www-web-0");
  CHECK(api::str_field(*c, {"spec", "storageClassName"}) == "managed-nfs-storage");
  CHECK(api::str_field(*c, {"status", "phase"}) == "Pending");
  auto ev = env.claim_events("www-web-0");
  CHECK(std::count(ev.begin(), ev.end(),
                   "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner "
                   "'fuseim.pri/ifs' or manually by the system administrator. If volume creation is delayed, please "
                   "verify that the provisioner is running and correctly registered.") == 1);

  // The provisioner's pod starts: the claim gets its volume.
  env.api.create(env.api.resource("", "pods"), "default",
                 Json{{"apiVersion", "v1"},
                      {"kind", "Pod"},
                      {"metadata", {{"name", "nfs-client-provisioner"}}},
                      {"spec",
                       {{"containers",
                         Json::array({Json{{"name", "nfs-client-provisioner"},
                                           {"image", "quay.io/external_storage/nfs-client-provisioner:latest"},
                                           {"env", Json::array({Json{{"name", "PROVISIONER_NAME"}, {"value", "fuseim.pri/ifs"}},
                                                                Json{{"name", "NFS_SERVER"}, {"value", "172.31.0.4"}},
                                                                Json{{"name", "NFS_PATH"}, {"value", "/data/nfs"}}})}}})}}}});
  env.sb.advance(sim::seconds(30));
  c = env.claim("www-web-0");
  const std::string pv_name = "pvc-" + api::meta::uid(*c);
  CHECK(api::str_field(*c, {"status", "phase"}) == "Bound");
  CHECK(api::str_field(*c, {"spec", "volumeName"}) == pv_name);
  auto v = env.volume(pv_name);
  REQUIRE(v);
  CHECK(api::str_field(*v, {"spec", "nfs", "path"}) == "/data/nfs/default-www-web-0-" + pv_name);
  CHECK(api::str_field(*v, {"spec", "persistentVolumeReclaimPolicy"}) == "Delete");
  CHECK(api::str_field(*v, {"metadata", "annotations", "pv.kubernetes.io/provisioned-by"}) == "fuseim.pri/ifs");
  ev = env.claim_events("www-web-0");
  CHECK(std::count(ev.begin(), ev.end(), "ProvisioningSucceeded: Successfully provisioned volume " + pv_name) == 1);

  // Delete policy: the claim goes, the volume follows.
  env.api.remove(env.pvcs, "default", "www-web-0");
  env.sb.advance(sim::seconds(2));
  CHECK_FALSE(env.volume(pv_name));
}
