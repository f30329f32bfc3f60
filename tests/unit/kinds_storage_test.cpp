// PersistentVolume, PersistentVolumeClaim and StorageClass strategies.
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

namespace {

Json pvc(Json spec) {
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"metadata", {{"name", "data"}, {"namespace", "default"}}},
          {"spec", std::move(spec)}};
}

}  // namespace

TEST_CASE("PersistentVolumeClaim defaults and messages", "[kinds]") {
  Kind k("v1", "PersistentVolumeClaim");
  Json got =
      k.create(pvc(Json::parse(R"({"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}})")));
  CHECK(got == Json::parse(R"({"apiVersion":"v1","kind":"PersistentVolumeClaim",
    "metadata":{"name":"data","namespace":"default"},
    "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"volumeMode":"Filesystem"},
    "status":{"phase":"Pending"}})"));
  CHECK(k.validate(got).empty());

  CHECK(k.create_error(pvc(Json::object())) ==
        "PersistentVolumeClaim \"data\" is invalid: [spec.accessModes: Required value: at least 1 access mode is "
        "required, spec.resources[storage]: Required value]");
  CHECK(k.create_error(
            pvc(Json::parse(R"({"accessModes":["ReadWriteSometimes"],"resources":{"requests":{"storage":"1Gi"}}})"))) ==
        "PersistentVolumeClaim \"data\" is invalid: spec.accessModes: Unsupported value: \"ReadWriteSometimes\": "
        "supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"");
  CHECK(k.create_error(
            pvc(Json::parse(R"({"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"0"}}})"))) ==
        "PersistentVolumeClaim \"data\" is invalid: spec.resources[storage]: Invalid value: \"0\": must be greater "
        "than zero");

  // Bound claims may grow; nothing else in the spec may change.
  Json bound = got;
  bound["spec"]["volumeName"] = "pv-1";
  bound["status"]["phase"] = "Bound";
  Json bigger = bound;
  bigger["spec"]["resources"]["requests"]["storage"] = "2Gi";
  CHECK(k.update_error(bigger, bound).empty());
  Json smaller = bound;
  smaller["spec"]["resources"]["requests"]["storage"] = "500Mi";
  CHECK(k.update_error(smaller, bound) ==
        "PersistentVolumeClaim \"data\" is invalid: spec.resources.requests.storage: Forbidden: field can not be less "
        "than previous value");
  Json modes = bound;
  modes["spec"]["accessModes"] = Json::array({"ReadWriteMany"});
  CHECK(k.update_error(modes, bound)
            .rfind("PersistentVolumeClaim \"data\" is invalid: spec: Forbidden: spec is immutable "
                   "after creation except resources.requests and volumeAttributesClassName for "
                   "bound claims\n",
                   0) == 0);
}

TEST_CASE("PersistentVolume defaults and messages", "[kinds]") {
  Kind k("v1", "PersistentVolume");
  Json pv = Json::parse(R"({"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-1"},
    "spec":{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"5Gi"},"hostPath":{"path":"/mnt/data"}}})");
  Json got = k.create(pv);
  CHECK(got["spec"] == Json::parse(R"({"accessModes":["ReadWriteOnce"],"capacity":{"storage":"5Gi"},
    "hostPath":{"path":"/mnt/data","type":""},"persistentVolumeReclaimPolicy":"Retain","volumeMode":"Filesystem"})"));
  CHECK(got["status"] == Json::parse(R"({"phase":"Pending"})"));
  CHECK(k.validate(got).empty());
  Json none = pv;
  none["spec"].erase("hostPath");
  CHECK(k.create_error(none) ==
        "PersistentVolume \"pv-1\" is invalid: spec: Required value: must specify a volume type");
  Json moved = got;
  moved["spec"]["hostPath"]["path"] = "/mnt/other";
  CHECK(k.update_error(moved, got)
            .rfind("PersistentVolume \"pv-1\" is invalid: spec.persistentvolumesource: Forbidden: "
                   "spec.persistentvolumesource is immutable after creation\n",
                   0) == 0);
}

TEST_CASE("StorageClass defaults and update rules", "[kinds]") {
  Kind k("storage.k8s.io/v1", "StorageClass");
  Json sc = Json::parse(R"({"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"fast"},
    "provisioner":"rancher.io/local-path"})");
  Json got = k.create(sc);
  CHECK(got == Json::parse(R"({"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"fast"},
    "provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"Immediate"})"));
  Json no_prov = sc;
  no_prov.erase("provisioner");
  CHECK(k.create_error(no_prov) == "StorageClass.storage.k8s.io \"fast\" is invalid: provisioner: Required value");
  Json mode = got;
  mode["volumeBindingMode"] = "WaitForFirstConsumer";
  CHECK(k.update_error(mode, got) ==
        "StorageClass.storage.k8s.io \"fast\" is invalid: volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": "
        "field is immutable");
  Json params = got;
  params["parameters"] = {{"type", "ssd"}};
  CHECK(k.update_error(params, got) ==
        "StorageClass.storage.k8s.io \"fast\" is invalid: parameters: Forbidden: updates to parameters are forbidden.");
}
