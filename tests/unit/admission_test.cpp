// The admission chain through a real ApiServer: each plugin's success path and its
// error messages, word for word as kube-apiserver v1.32 prints them.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "core/admission/chain.h"
#include "core/admission/limit_ranger.h"
#include "core/admission/resource_list.h"
#include "core/api/apiserver.h"
#include "tests/unit/api_error_of.h"

using namespace kt;
using namespace kt::api;
using kt::api::testing::error_of;

namespace {

struct Cluster {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  ApiServer api{sim, sim::Random(7)};
  const ResourceInfo& namespaces = api.resource("", "namespaces");
  const ResourceInfo& pods = api.resource("", "pods");
  const ResourceInfo& sas = api.resource("", "serviceaccounts");
  const ResourceInfo& limitranges = api.resource("", "limitranges");
  const ResourceInfo& quotas = api.resource("", "resourcequotas");
  const ResourceInfo& services = api.resource("", "services");
  const ResourceInfo& pvcs = api.resource("", "persistentvolumeclaims");
  const ResourceInfo& configmaps = api.resource("", "configmaps");

  explicit Cluster(std::uint64_t seed = 42) {
    admission::install_default_admission(api, seed);
    add_namespace("default");
  }

  // A namespace with its default service account, as the serviceaccount controller leaves it.
  void add_namespace(const std::string& name, Json spec = Json::object()) {
    Json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
    if (!spec.empty()) ns["spec"] = spec;
    api.create(namespaces, "", ns);
    service_account(name, "default");
  }
  ObjectPtr service_account(const std::string& ns, const std::string& name, Json extra = Json::object()) {
    Json sa = {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", {{"name", name}}}};
    sa.update(extra);
    return api.create(sas, ns, sa);
  }
  ObjectPtr create(const ResourceInfo& res, const std::string& ns, const std::string& json) {
    return api.create(res, ns, Json::parse(json));
  }
};

Json container(const std::string& name, Json resources = nullptr) {
  Json c = {{"name", name}, {"image", "nginx"}};
  if (!resources.is_null()) c["resources"] = resources;
  return c;
}

// Containers as a vector: a braced list of one Json is an array under g++ but a
// copy of the element under clang (nlohmann's initializer-list ambiguity).
Json pod(const std::string& name, std::vector<Json> containers, Json extra_spec = Json::object()) {
  Json p = {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}}},
            {"spec", {{"containers", Json(containers)}}}};
  p["spec"].update(extra_spec);
  return p;
}

// "403 Forbidden: <message>" of the ApiError a call throws, or "no error".
const Json& container_of(const ObjectPtr& p, std::size_t i = 0) { return (*p)["spec"]["containers"][i]; }

}  // namespace

// ---- NamespaceLifecycle ----------------------------------------------------------------

TEST_CASE("NamespaceLifecycle: objects need an existing namespace", "[admission]") {
  Cluster c;
  CHECK(error_of([&] { c.api.create(c.pods, "foo", pod("x", {container("nginx")})); }) ==
        "404 NotFound: namespaces \"foo\" not found");
  CHECK(error_of([&] { c.create(c.configmaps, "foo", R"({"metadata":{"name":"cfg"}})"); }) ==
        "404 NotFound: namespaces \"foo\" not found");
  // Cluster-scoped objects and namespaces themselves are never checked.
  CHECK(error_of([&] { c.create(c.namespaces, "", R"({"metadata":{"name":"foo"}})"); }) == "no error");
  CHECK(error_of([&] { c.create(c.api.resource("", "persistentvolumes"), "",
                                R"({"metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"1Gi"},
                                    "accessModes":["ReadWriteOnce"],"hostPath":{"path":"/data"}}})"); }) ==
        "no error");
  CHECK(error_of([&] { c.create(c.configmaps, "foo", R"({"metadata":{"name":"cfg"}})"); }) == "no error");
}

TEST_CASE("NamespaceLifecycle: nothing new in a terminating namespace", "[admission]") {
  Cluster c;
  c.add_namespace("doomed", {{"finalizers", {"kubernetes"}}});
  c.create(c.configmaps, "doomed", R"({"metadata":{"name":"before"}})");
  c.api.remove(c.namespaces, "", "doomed");
  REQUIRE(c.api.get(c.namespaces, "", "doomed")->at("status").at("phase") == "Terminating");

  CHECK(error_of([&] { c.api.create(c.pods, "doomed", pod("x", {container("nginx")})); }) ==
        "403 Forbidden: pods \"x\" is forbidden: unable to create new content in namespace doomed because it "
        "is being terminated");
  CHECK(error_of([&] { c.create(c.configmaps, "doomed", R"({"metadata":{"name":"late"}})"); }) ==
        "403 Forbidden: configmaps \"late\" is forbidden: unable to create new content in namespace doomed "
        "because it is being terminated");
  try {
    c.create(c.configmaps, "doomed", R"({"metadata":{"name":"late"}})");
  } catch (const ApiError& e) {
    const Json cause = e.status()["details"]["causes"][0];
    CHECK(cause["type"] == "NamespaceTerminating");
    CHECK(cause["message"] == "namespace doomed is being terminated");
    CHECK(cause["field"] == "metadata.namespace");
  }
  // Updates and deletions of what is already there still work.
  Json before = *c.api.get(c.configmaps, "doomed", "before");
  before["data"] = {{"k", "v"}};
  CHECK(error_of([&] { c.api.update(c.configmaps, "doomed", before); }) == "no error");
  CHECK(error_of([&] { c.api.remove(c.configmaps, "doomed", "before"); }) == "no error");
}

TEST_CASE("NamespaceLifecycle: default, kube-system and kube-public may not be deleted", "[admission]") {
  Cluster c;
  c.add_namespace("kube-system");
  c.add_namespace("kube-public");
  c.add_namespace("scratch");
  for (const char* ns : {"default", "kube-system", "kube-public"})
    CHECK(error_of([&] { c.api.remove(c.namespaces, "", ns); }) ==
          std::string("403 Forbidden: namespaces \"") + ns + "\" is forbidden: this namespace may not be deleted");
  CHECK(error_of([&] { c.api.remove(c.namespaces, "", "scratch"); }) == "no error");
}

// ---- LimitRanger -------------------------------------------------------------------------

TEST_CASE("LimitRanger: container defaults and the annotation", "[admission]") {
  Cluster c;
  c.create(c.limitranges, "default", R"({"metadata":{"name":"mem-cpu"},"spec":{"limits":[{"type":"Container",
      "default":{"cpu":"500m","memory":"512Mi"},"defaultRequest":{"cpu":"100m","memory":"256Mi"}}]}})");

  auto p = c.api.create(c.pods, "default", pod("web", {container("nginx")}));
  CHECK(container_of(p)["resources"] ==
        Json::parse(R"({"limits":{"cpu":"500m","memory":"512Mi"},"requests":{"cpu":"100m","memory":"256Mi"}})"));
  CHECK((*p)["metadata"]["annotations"]["kubernetes.io/limit-ranger"] ==
        "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx");

  // What the pod states is kept; only the gaps are filled and named.
  auto q = c.api.create(c.pods, "default",
                        pod("partial", {container("app", {{"requests", {{"cpu", "200m"}}}})},
                            {{"initContainers", {container("init", {{"limits", {{"memory", "128Mi"}}}})}}}));
  CHECK(container_of(q)["resources"] ==
        Json::parse(R"({"limits":{"cpu":"500m","memory":"512Mi"},"requests":{"cpu":"200m","memory":"256Mi"}})"));
  // Pod defaulting copied the init container's memory limit to its request first.
  CHECK((*q)["spec"]["initContainers"][0]["resources"] ==
        Json::parse(R"({"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"100m","memory":"128Mi"}})"));
  CHECK((*q)["metadata"]["annotations"]["kubernetes.io/limit-ranger"] ==
        "LimitRanger plugin set: memory request for container app; cpu, memory limit for container app; "
        "cpu request for init container init; cpu limit for init container init");

  // Nothing to fill: no annotation.
  auto full = c.api.create(c.pods, "default",
                           pod("full", {container("app", {{"limits", {{"cpu", "300m"}, {"memory", "300Mi"}}}})}));
  CHECK_FALSE(field(*full, {"metadata", "annotations"}).contains("kubernetes.io/limit-ranger"));
}

TEST_CASE("LimitRanger: the resources it sets count in the pod's QoS class", "[admission]") {
  // kube-apiserver runs mutating admission before the strategy's PrepareForCreate,
  // which computes status.qosClass: a pod LimitRanger fills is not BestEffort.
  Cluster c;
  c.create(c.limitranges, "default", R"({"metadata":{"name":"limits"},"spec":{"limits":[{"type":"Container",
      "default":{"cpu":"250m","memory":"64Mi"}}]}})");
  auto p = c.api.create(c.pods, "default", pod("web", {container("nginx")}));
  CHECK(container_of(p)["resources"] ==
        Json::parse(R"({"limits":{"cpu":"250m","memory":"64Mi"},"requests":{"cpu":"250m","memory":"64Mi"}})"));
  CHECK((*p)["status"]["qosClass"] == "Guaranteed");
  // A request of its own below the default limit: Burstable.
  auto q = c.api.create(c.pods, "default", pod("app", {container("app", {{"requests", {{"cpu", "100m"}}}})}));
  CHECK(container_of(q)["resources"] ==
        Json::parse(R"({"limits":{"cpu":"250m","memory":"64Mi"},"requests":{"cpu":"100m","memory":"64Mi"}})"));
  CHECK((*q)["status"]["qosClass"] == "Burstable");
}

TEST_CASE("LimitRanger: LimitRange defaults (max -> default -> defaultRequest, min -> defaultRequest)", "[admission]") {
  const Json lr = Json::parse(R"({"spec":{"limits":[
      {"type":"Container","max":{"cpu":"1","memory":"1Gi"},"min":{"cpu":"50m"}},
      {"type":"Container","min":{"memory":"10Mi"},"default":{"memory":"100Mi"}},
      {"type":"Pod","max":{"cpu":"2"}}]}})");
  const Json d = admission::LimitRanger::with_defaults(lr)["spec"]["limits"];
  CHECK(d[0]["default"] == Json::parse(R"({"cpu":"1","memory":"1Gi"})"));
  CHECK(d[0]["defaultRequest"] == Json::parse(R"({"cpu":"1","memory":"1Gi"})"));
  CHECK(d[1]["defaultRequest"] == Json::parse(R"({"memory":"100Mi"})"));
  CHECK_FALSE(d[2].contains("default"));
}

TEST_CASE("LimitRanger: container and pod maximums, aggregated", "[admission]") {
  Cluster c;
  c.create(c.limitranges, "default", R"({"metadata":{"name":"limits"},"spec":{"limits":[
      {"type":"Container","max":{"cpu":"1"}},
      {"type":"Pod","max":{"memory":"1Gi"}}]}})");
  // One violation: the bare message.
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("x", {container("nginx", {{"limits", {{"cpu", "2"}, {"memory", "512Mi"}}}})}));
        }) == "403 Forbidden: pods \"x\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
  // Two: Go's aggregate.
  CHECK(error_of([&] {
          c.api.create(c.pods, "default",
                       pod("x", {container("a", {{"limits", {{"cpu", "2"}, {"memory", "1Gi"}}}}),
                                 container("b", {{"limits", {{"memory", "1Gi"}}}})}));
        }) ==
        "403 Forbidden: pods \"x\" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory "
        "usage per Pod is 1Gi, but limit is 2Gi]");
  // Within limits (b's cpu limit defaults to the max).
  auto ok = c.api.create(c.pods, "default", pod("ok", {container("a", {{"limits", {{"memory", "512Mi"}}}})}));
  CHECK(container_of(ok)["resources"]["limits"]["cpu"] == "1");
}

TEST_CASE("LimitRanger: minimums, missing values and the limit/request ratio", "[admission]") {
  Cluster c;
  c.create(c.limitranges, "default", R"({"metadata":{"name":"floor"},"spec":{"limits":[
      {"type":"Container","min":{"memory":"100Mi"},"maxLimitRequestRatio":{"cpu":"2"}},
      {"type":"Pod","min":{"cpu":"100m"},"max":{"memory":"1Gi"}}]}})");
  CHECK(error_of([&] {
          c.api.create(c.pods, "default",
                       pod("x", {container("app", {{"requests", {{"memory", "50Mi"}, {"cpu", "250m"}}},
                                                   {"limits", {{"memory", "200Mi"}, {"cpu", "500m"}}}})}));
        }) == "403 Forbidden: pods \"x\" is forbidden: minimum memory usage per Container is 100Mi, but request is 50Mi");
  CHECK(error_of([&] {
          c.api.create(c.pods, "default",
                       pod("x", {container("app", {{"requests", {{"memory", "100Mi"}, {"cpu", "250m"}}},
                                                   {"limits", {{"memory", "200Mi"}, {"cpu", "1"}}}})}));
        }) == "403 Forbidden: pods \"x\" is forbidden: cpu max limit to request ratio per Container is 2, but provided "
              "ratio is 4.000000");
  // No cpu at all: the ratio has nothing to divide, the Pod minimum no request, the
  // Pod maximum no limit (memory was only defaulted as a request).
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("x", {container("app")})); }) ==
        "403 Forbidden: pods \"x\" is forbidden: [cpu max limit to request ratio per Container is 2, but no request "
        "is specified or request is 0, minimum cpu usage per Pod is 100m.  No request is specified, maximum memory "
        "usage per Pod is 1Gi.  No limit is specified]");
  CHECK(error_of([&] {
          c.api.create(c.pods, "default",
                       pod("fine", {container("app", {{"requests", {{"memory", "100Mi"}, {"cpu", "250m"}}},
                                                      {"limits", {{"memory", "200Mi"}, {"cpu", "500m"}}}})}));
        }) == "no error");
}

TEST_CASE("LimitRanger: PersistentVolumeClaim storage bounds", "[admission]") {
  Cluster c;
  c.create(c.limitranges, "default", R"({"metadata":{"name":"storage"},"spec":{"limits":[
      {"type":"PersistentVolumeClaim","min":{"storage":"1Gi"},"max":{"storage":"2Gi"}}]}})");
  auto claim = [&](const std::string& size) {
    return c.api.create(c.pvcs, "default",
                        {{"apiVersion", "v1"},
                         {"kind", "PersistentVolumeClaim"},
                         {"metadata", {{"name", "data"}}},
                         {"spec", {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", size}}}}}}}});
  };
  CHECK(error_of([&] { claim("5Gi"); }) ==
        "403 Forbidden: persistentvolumeclaims \"data\" is forbidden: maximum storage usage per PersistentVolumeClaim "
        "is 2Gi, but request is 5Gi");
  CHECK(error_of([&] { claim("500Mi"); }) ==
        "403 Forbidden: persistentvolumeclaims \"data\" is forbidden: minimum storage usage per PersistentVolumeClaim "
        "is 1Gi, but request is 500Mi");
  CHECK(error_of([&] { claim("1536Mi"); }) == "no error");
}

// ---- ServiceAccount --------------------------------------------------------------------------

TEST_CASE("ServiceAccount: default account and the projected token volume", "[admission]") {
  Cluster c;
  auto p = c.api.create(c.pods, "default", pod("web", {container("nginx")}, {{"initContainers", {container("init")}}}));
  const Json& spec = (*p)["spec"];
  CHECK(spec["serviceAccountName"] == "default");
  CHECK(spec["serviceAccount"] == "default");
  REQUIRE(spec["volumes"].size() == 1);
  const std::string vol = spec["volumes"][0]["name"];
  CHECK(vol.rfind("kube-api-access-", 0) == 0);
  CHECK(vol.size() == std::string("kube-api-access-").size() + 5);
  CHECK(spec["volumes"][0]["projected"] == Json::parse(R"({
      "defaultMode": 420,
      "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace",
                                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]})"));
  const Json mount = {{"name", vol}, {"readOnly", true}, {"mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"}};
  CHECK(spec["containers"][0]["volumeMounts"] == Json::array({mount}));
  CHECK(spec["initContainers"][0]["volumeMounts"] == Json::array({mount}));

  // The suffix comes from the seeded stream: the same seed, the same name.
  Cluster again;
  auto p2 = again.api.create(again.pods, "default", pod("web", {container("nginx")}));
  CHECK((*p2)["spec"]["volumes"][0]["name"] == vol);
}

TEST_CASE("ServiceAccount: a missing account is forbidden", "[admission]") {
  Cluster c;
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("x", {container("nginx")}, {{"serviceAccountName", "foo"}}));
        }) == "403 Forbidden: pods \"x\" is forbidden: error looking up service account default/foo: serviceaccount "
              "\"foo\" not found");
  // A generated name is not known yet when kube's admission runs: it names the prefix.
  Json gen = pod("", {container("nginx")}, {{"serviceAccountName", "foo"}});
  gen["metadata"] = {{"generateName", "web-7c5ddbdf54-"}};
  CHECK(error_of([&] { c.api.create(c.pods, "default", gen); }) ==
        "403 Forbidden: pods \"web-7c5ddbdf54-\" is forbidden: error looking up service account default/foo: "
        "serviceaccount \"foo\" not found");
  c.add_namespace("team");
  c.api.remove(c.sas, "team", "default");
  CHECK(error_of([&] { c.api.create(c.pods, "team", pod("x", {container("nginx")})); }) ==
        "403 Forbidden: pods \"x\" is forbidden: error looking up service account team/default: serviceaccount "
        "\"default\" not found");
}

TEST_CASE("ServiceAccount: automountServiceAccountToken, existing mounts, pull secrets", "[admission]") {
  Cluster c;
  auto no_mount = c.api.create(c.pods, "default",
                               pod("a", {container("nginx")}, {{"automountServiceAccountToken", false}}));
  CHECK_FALSE((*no_mount)["spec"].contains("volumes"));
  CHECK_FALSE(container_of(no_mount).contains("volumeMounts"));

  c.service_account("default", "quiet",
                    {{"automountServiceAccountToken", false}, {"imagePullSecrets", {{{"name", "regcred"}}}}});
  auto quiet = c.api.create(c.pods, "default", pod("b", {container("nginx")}, {{"serviceAccountName", "quiet"}}));
  CHECK_FALSE((*quiet)["spec"].contains("volumes"));
  CHECK((*quiet)["spec"]["imagePullSecrets"] == Json::parse(R"([{"name":"regcred"}])"));
  // The pod's own setting wins over the account's.
  auto loud = c.api.create(c.pods, "default",
                           pod("c", {container("nginx")},
                               {{"serviceAccountName", "quiet"}, {"automountServiceAccountToken", true}}));
  CHECK((*loud)["spec"]["volumes"].size() == 1);

  // A container that mounts something at the token path keeps it.
  Json own = container("own");
  own["volumeMounts"] = {{{"name", "mine"}, {"mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"}}};
  auto mixed = c.api.create(c.pods, "default",
                            pod("d", {own, container("other")}, {{"volumes", {{{"name", "mine"}, {"emptyDir", Json::object()}}}}}));
  CHECK(container_of(mixed, 0)["volumeMounts"].size() == 1);
  CHECK(container_of(mixed, 1)["volumeMounts"][0]["name"] == (*mixed)["spec"]["volumes"][1]["name"]);
}

TEST_CASE("ServiceAccount: enforce-mountable-secrets and mirror pods", "[admission]") {
  Cluster c;
  c.service_account("default", "strict",
                    {{"metadata", {{"name", "strict"}, {"annotations", {{"kubernetes.io/enforce-mountable-secrets", "true"}}}}},
                     {"secrets", {{{"name", "allowed"}}}}});
  auto with_secret = [](const std::string& secret) {
    return pod("x", {container("app")},
               {{"serviceAccountName", "strict"}, {"volumes", {{{"name", "s"}, {"secret", {{"secretName", secret}}}}}}});
  };
  CHECK(error_of([&] { c.api.create(c.pods, "default", with_secret("other")); }) ==
        "403 Forbidden: pods \"x\" is forbidden: volume with secret.secretName=\"other\" is not allowed because service "
        "account strict does not reference that secret");
  CHECK(error_of([&] { c.api.create(c.pods, "default", with_secret("allowed")); }) == "no error");

  Json mirror = pod("static-web", {container("web")}, {{"serviceAccountName", "default"}});
  mirror["metadata"]["annotations"] = {{"kubernetes.io/config.mirror", "abc"}};
  CHECK(error_of([&] { c.api.create(c.pods, "default", mirror); }) ==
        "403 Forbidden: pods \"static-web\" is forbidden: a mirror pod may not reference service accounts");
  mirror["spec"].erase("serviceAccountName");
  auto m = c.api.create(c.pods, "default", mirror);
  CHECK_FALSE((*m)["spec"].contains("volumes"));  // mirror pods are left alone
}

// ---- DefaultTolerationSeconds -------------------------------------------------------------------

TEST_CASE("DefaultTolerationSeconds: not-ready and unreachable for 300s", "[admission]") {
  Cluster c;
  auto p = c.api.create(c.pods, "default", pod("web", {container("nginx")}));
  CHECK((*p)["spec"]["tolerations"] == Json::parse(R"([
      {"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},
      {"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}])"));

  auto own = c.api.create(
      c.pods, "default",
      pod("own", {container("nginx")},
          {{"tolerations", Json::parse(R"([{"key":"node.kubernetes.io/not-ready","operator":"Exists",
                                              "effect":"NoExecute","tolerationSeconds":60}])")}}));
  CHECK((*own)["spec"]["tolerations"].size() == 2);
  CHECK((*own)["spec"]["tolerations"][0]["tolerationSeconds"] == 60);
  CHECK((*own)["spec"]["tolerations"][1]["key"] == "node.kubernetes.io/unreachable");

  // operator Exists with no key tolerates everything.
  auto all = c.api.create(c.pods, "default",
                          pod("all", {container("nginx")}, {{"tolerations", Json::parse(R"([{"operator":"Exists"}])")}}));
  CHECK((*all)["spec"]["tolerations"].size() == 1);
}

// ---- ResourceQuota ------------------------------------------------------------------------------------

TEST_CASE("ResourceQuota: compute limits, exceeded and failed quota", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"compute-resources"},
      "spec":{"hard":{"limits.cpu":"1","limits.memory":"1Gi"}}})");
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("x", {container("nginx")})); }) ==
        "403 Forbidden: pods \"x\" is forbidden: failed quota: compute-resources: must specify limits.cpu for: nginx; "
        "limits.memory for: nginx");
  CHECK(error_of([&] {
          c.api.create(c.pods, "default",
                       pod("x", {container("nginx", {{"limits", {{"cpu", "1"}}}}), container("side")},
                           {{"initContainers", {container("init", {{"limits", {{"memory", "1Gi"}}}})}}}));
        }) == "403 Forbidden: pods \"x\" is forbidden: failed quota: compute-resources: must specify limits.cpu for: "
              "init,side; limits.memory for: nginx,side");
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("x", {container("nginx", {{"limits", {{"cpu", "2"}, {"memory", "2Gi"}}}})}));
        }) == "403 Forbidden: pods \"x\" is forbidden: exceeded quota: compute-resources, requested: "
              "limits.cpu=2,limits.memory=2Gi, used: limits.cpu=0,limits.memory=0, limited: limits.cpu=1,limits.memory=1Gi");

  c.api.create(c.pods, "default", pod("a", {container("nginx", {{"limits", {{"cpu", "500m"}, {"memory", "512Mi"}}}})}));
  // Only the exceeded resources are listed.
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("b", {container("nginx", {{"limits", {{"cpu", "600m"}, {"memory", "256Mi"}}}})}));
        }) == "403 Forbidden: pods \"b\" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=600m, "
              "used: limits.cpu=500m, limited: limits.cpu=1");
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("b", {container("nginx", {{"limits", {{"cpu", "500m"}, {"memory", "512Mi"}}}})}));
        }) == "no error");
  // Dry runs are checked too.
  WriteOptions dry;
  dry.dry_run = true;
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("c", {container("nginx", {{"limits", {{"cpu", "1m"}, {"memory", "1"}}}})}), dry);
        }) == "403 Forbidden: pods \"c\" is forbidden: exceeded quota: compute-resources, requested: "
              "limits.cpu=1m,limits.memory=1, used: limits.cpu=1,limits.memory=1Gi, limited: limits.cpu=1,limits.memory=1Gi");
}

TEST_CASE("ResourceQuota: pod count ignores terminal pods; count/pods does not", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"pod-demo"},"spec":{"hard":{"pods":"2"}}})");
  c.api.create(c.pods, "default", pod("a", {container("nginx")}));
  c.api.create(c.pods, "default", pod("b", {container("nginx")}));
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("c", {container("nginx")})); }) ==
        "403 Forbidden: pods \"c\" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2");
  // A ReplicaSet's pods carry a generated name; the error names the prefix, as in its events.
  Json gen = pod("", {container("nginx")});
  gen["metadata"] = {{"generateName", "web-7c5ddbdf54-"}};
  CHECK(error_of([&] { c.api.create(c.pods, "default", gen); }) ==
        "403 Forbidden: pods \"web-7c5ddbdf54-\" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: "
        "pods=2, limited: pods=2");

  Json done = *c.api.get(c.pods, "default", "a");
  done["status"]["phase"] = "Succeeded";
  WriteOptions status;
  status.subresource = "status";
  c.api.update(c.pods, "default", done, status);
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("c", {container("nginx")})); }) == "no error");

  c.create(c.quotas, "default", R"({"metadata":{"name":"stored"},"spec":{"hard":{"count/pods":"3"}}})");
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("d", {container("nginx")})); }) ==
        "403 Forbidden: pods \"d\" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: "
        "pods=2");
  done = *c.api.get(c.pods, "default", "b");
  done["status"]["phase"] = "Failed";
  c.api.update(c.pods, "default", done, status);
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("d", {container("nginx")})); }) ==
        "403 Forbidden: pods \"d\" is forbidden: exceeded quota: stored, requested: count/pods=1, used: count/pods=3, "
        "limited: count/pods=3");
}

TEST_CASE("ResourceQuota: services, node ports and load balancers, also on update", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"svc"},
      "spec":{"hard":{"services":"3","services.nodeports":"1","services.loadbalancers":"0"}}})");
  auto svc = [](const std::string& name, const std::string& type, int ports) {
    Json s = {{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", name}}},
              {"spec", {{"type", type}, {"selector", {{"app", "web"}}}, {"ports", Json::array()}}}};
    for (int i = 0; i < ports; ++i)
      s["spec"]["ports"].push_back({{"name", "p" + std::to_string(i)}, {"port", 80 + i}, {"protocol", "TCP"}});
    return s;
  };
  CHECK(error_of([&] { c.api.create(c.services, "default", svc("np", "NodePort", 2)); }) ==
        "403 Forbidden: services \"np\" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: "
        "services.nodeports=0, limited: services.nodeports=1");
  CHECK(error_of([&] { c.api.create(c.services, "default", svc("lb", "LoadBalancer", 1)); }) ==
        "403 Forbidden: services \"lb\" is forbidden: exceeded quota: svc, requested: services.loadbalancers=1, used: "
        "services.loadbalancers=0, limited: services.loadbalancers=0");
  c.api.create(c.services, "default", svc("web", "ClusterIP", 2));
  c.api.create(c.services, "default", svc("np", "NodePort", 1));
  // Turning a ClusterIP service into a NodePort one adds two node ports.
  Json web = *c.api.get(c.services, "default", "web");
  web["spec"]["type"] = "NodePort";
  CHECK(error_of([&] { c.api.update(c.services, "default", web); }) ==
        "403 Forbidden: services \"web\" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: "
        "services.nodeports=1, limited: services.nodeports=1");
  c.api.create(c.services, "default", svc("third", "ClusterIP", 1));
  CHECK(error_of([&] { c.api.create(c.services, "default", svc("fourth", "ClusterIP", 1)); }) ==
        "403 Forbidden: services \"fourth\" is forbidden: exceeded quota: svc, requested: services=1, used: services=3, "
        "limited: services=3");
}

TEST_CASE("ResourceQuota: object counts, legacy names and count/<resource>", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"object-counts"},
      "spec":{"hard":{"configmaps":"1","count/deployments.apps":"1","resourcequotas":"2"}}})");
  c.create(c.configmaps, "default", R"({"metadata":{"name":"one"}})");
  CHECK(error_of([&] { c.create(c.configmaps, "default", R"({"metadata":{"name":"two"}})"); }) ==
        "403 Forbidden: configmaps \"two\" is forbidden: exceeded quota: object-counts, requested: configmaps=1, used: "
        "configmaps=1, limited: configmaps=1");
  const ResourceInfo& deploys = c.api.resource("apps", "deployments");
  auto deployment = [](const std::string& name) {
    Json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", name}}}};
    Json tmpl = {{"metadata", {{"labels", {{"app", name}}}}}, {"spec", {{"containers", {container("c")}}}}};
    d["spec"] = {{"replicas", 1}, {"selector", {{"matchLabels", {{"app", name}}}}}, {"template", tmpl}};
    return d;
  };
  c.api.create(deploys, "default", deployment("web"));
  CHECK(error_of([&] { c.api.create(deploys, "default", deployment("api")); }) ==
        "403 Forbidden: deployments.apps \"api\" is forbidden: exceeded quota: object-counts, requested: "
        "count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1");
  // Updates of counted objects cost nothing.
  Json web = *c.api.get(deploys, "default", "web");
  web["spec"]["replicas"] = 3;
  CHECK(error_of([&] { c.api.update(deploys, "default", web); }) == "no error");
  c.create(c.quotas, "default", R"({"metadata":{"name":"second"},"spec":{"hard":{"secrets":"5"}}})");
  CHECK(error_of([&] { c.create(c.quotas, "default", R"({"metadata":{"name":"third"},"spec":{"hard":{"pods":"5"}}})"); }) ==
        "403 Forbidden: resourcequotas \"third\" is forbidden: exceeded quota: object-counts, requested: "
        "resourcequotas=1, used: resourcequotas=2, limited: resourcequotas=2");
}

TEST_CASE("ResourceQuota: persistent volume claims and storage per class", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"storage"},"spec":{"hard":{"persistentvolumeclaims":"5",
      "requests.storage":"10Gi","gold.storageclass.storage.k8s.io/requests.storage":"1Gi"}}})");
  auto claim = [&](const std::string& name, const std::string& size, const std::string& cls) {
    Json p = {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"}, {"metadata", {{"name", name}}},
              {"spec", {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", size}}}}}}}};
    if (!cls.empty()) p["spec"]["storageClassName"] = cls;
    return c.api.create(c.pvcs, "default", p);
  };
  claim("a", "8Gi", "");
  CHECK(error_of([&] { claim("b", "4Gi", ""); }) ==
        "403 Forbidden: persistentvolumeclaims \"b\" is forbidden: exceeded quota: storage, requested: "
        "requests.storage=4Gi, used: requests.storage=8Gi, limited: requests.storage=10Gi");
  CHECK(error_of([&] { claim("g", "2Gi", "gold"); }) ==
        "403 Forbidden: persistentvolumeclaims \"g\" is forbidden: exceeded quota: storage, requested: "
        "gold.storageclass.storage.k8s.io/requests.storage=2Gi, used: gold.storageclass.storage.k8s.io/requests.storage=0, "
        "limited: gold.storageclass.storage.k8s.io/requests.storage=1Gi");
  CHECK(error_of([&] { claim("g", "1Gi", "gold"); }) == "no error");
}

TEST_CASE("ResourceQuota: BestEffort, NotBestEffort and PriorityClass scopes", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"besteffort"},"spec":{"hard":{"pods":"1"},"scopes":["BestEffort"]}})");
  c.create(c.quotas, "default",
           R"({"metadata":{"name":"not-besteffort"},"spec":{"hard":{"pods":"1","requests.cpu":"1"},"scopes":["NotBestEffort"]}})");
  c.api.create(c.pods, "default", pod("be", {container("nginx")}));
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("be2", {container("nginx")})); }) ==
        "403 Forbidden: pods \"be2\" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=1, "
        "limited: pods=1");
  // A pod with requests is not BestEffort: the other quota (which needs requests.cpu) applies.
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("burst", {container("nginx", {{"requests", {{"memory", "64Mi"}}}})}));
        }) == "403 Forbidden: pods \"burst\" is forbidden: failed quota: not-besteffort: must specify requests.cpu for: nginx");
  c.api.create(c.pods, "default", pod("burst", {container("nginx", {{"requests", {{"cpu", "500m"}}}})}));
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("burst2", {container("nginx", {{"requests", {{"cpu", "100m"}}}})}));
        }) == "403 Forbidden: pods \"burst2\" is forbidden: exceeded quota: not-besteffort, requested: pods=1, used: "
              "pods=1, limited: pods=1");

  Cluster p;
  // The Priority plugin refuses pods naming a class that does not exist.
  p.api.create(p.api.resource("scheduling.k8s.io", "priorityclasses"), "",
               Json::parse(R"({"metadata":{"name":"high"},"value":1000})"));
  p.create(p.quotas, "default", R"({"metadata":{"name":"high"},"spec":{"hard":{"pods":"1"},
      "scopeSelector":{"matchExpressions":[{"scopeName":"PriorityClass","operator":"In","values":["high"]}]}}})");
  p.api.create(p.pods, "default", pod("h1", {container("nginx")}, {{"priorityClassName", "high"}}));
  CHECK(error_of([&] { p.api.create(p.pods, "default", pod("h2", {container("nginx")}, {{"priorityClassName", "high"}})); }) ==
        "403 Forbidden: pods \"h2\" is forbidden: exceeded quota: high, requested: pods=1, used: pods=1, limited: pods=1");
  CHECK(error_of([&] { p.api.create(p.pods, "default", pod("plain", {container("nginx")})); }) == "no error");
}

TEST_CASE("ResourceQuota: Terminating scope, also when an update moves a pod into it", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"jobs"},"spec":{"hard":{"pods":"1"},"scopes":["Terminating"]}})");
  c.create(c.quotas, "default",
           R"({"metadata":{"name":"others"},"spec":{"hard":{"pods":"5"},"scopeSelector":{"matchExpressions":[
               {"scopeName":"NotTerminating","operator":"Exists"},
               {"scopeName":"PriorityClass","operator":"NotIn","values":["low"]}]}}})");
  c.api.create(c.pods, "default", pod("batch", {container("job")}, {{"activeDeadlineSeconds", 600}}));
  CHECK(error_of([&] {
          c.api.create(c.pods, "default", pod("batch2", {container("job")}, {{"activeDeadlineSeconds", 60}}));
        }) == "403 Forbidden: pods \"batch2\" is forbidden: exceeded quota: jobs, requested: pods=1, used: pods=1, "
              "limited: pods=1");
  c.api.create(c.pods, "default", pod("svc", {container("web")}));
  Json svc = *c.api.get(c.pods, "default", "svc");
  svc["spec"]["activeDeadlineSeconds"] = 30;
  CHECK(error_of([&] { c.api.update(c.pods, "default", svc); }) ==
        "403 Forbidden: pods \"svc\" is forbidden: exceeded quota: jobs, requested: pods=1, used: pods=1, limited: pods=1");
}

TEST_CASE("ResourceQuota: status.used the controller recorded counts when it is higher", "[admission][quota]") {
  Cluster c;
  c.create(c.quotas, "default", R"({"metadata":{"name":"q"},"spec":{"hard":{"pods":"2"}}})");
  Json q = *c.api.get(c.quotas, "default", "q");
  q["status"] = {{"hard", {{"pods", "2"}}}, {"used", {{"pods", "2"}}}};  // a deletion not seen yet
  WriteOptions status;
  status.subresource = "status";
  c.api.update(c.quotas, "default", q, status);
  CHECK(error_of([&] { c.api.create(c.pods, "default", pod("a", {container("nginx")})); }) ==
        "403 Forbidden: pods \"a\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2");
}

// ---- seed 001: quotas at container, pod and namespace level --------------------------------------

TEST_CASE("seed 001: LimitRange for containers and pods, quotas for the namespace", "[admission][quota]") {
  Cluster c;
  c.add_namespace("quota-example");
  // Container and Pod limits (the tutorial's LimitRange).
  c.create(c.limitranges, "quota-example", R"({"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"mylimits"},
    "spec":{"limits":[
      {"type":"Pod","max":{"cpu":"4","memory":"2Gi"},"min":{"cpu":"200m","memory":"6Mi"},
       "maxLimitRequestRatio":{"cpu":"3","memory":"2"}},
      {"type":"Container","default":{"cpu":"300m","memory":"200Mi"},"defaultRequest":{"cpu":"200m","memory":"100Mi"},
       "max":{"cpu":"2","memory":"1Gi"},"min":{"cpu":"100m","memory":"3Mi"},
       "maxLimitRequestRatio":{"cpu":"5","memory":"4"}}]}})");
  // Namespace-level quotas: compute resources and object counts.
  c.create(c.quotas, "quota-example", R"({"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"compute-resources"},
    "spec":{"hard":{"pods":"4","requests.cpu":"1","requests.memory":"1Gi","limits.cpu":"2","limits.memory":"2Gi"}}})");
  c.create(c.quotas, "quota-example", R"({"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"object-counts"},
    "spec":{"hard":{"configmaps":"10","persistentvolumeclaims":"4","replicationcontrollers":"20","secrets":"10",
                    "services":"10","services.loadbalancers":"2"}}})");

  // A pod without resources is filled in by the LimitRange and passes the quota.
  auto web = c.api.create(c.pods, "quota-example", pod("nginx", {container("nginx")}));
  CHECK(container_of(web)["resources"] ==
        Json::parse(R"({"limits":{"cpu":"300m","memory":"200Mi"},"requests":{"cpu":"200m","memory":"100Mi"}})"));
  CHECK((*web)["metadata"]["annotations"]["kubernetes.io/limit-ranger"] ==
        "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx");

  // Container level: above the container maximum.
  CHECK(error_of([&] {
          c.api.create(c.pods, "quota-example",
                       pod("big", {container("app", {{"requests", {{"cpu", "1"}}}, {"limits", {{"cpu", "3"}}}})}));
        }) == "403 Forbidden: pods \"big\" is forbidden: maximum cpu usage per Container is 2, but limit is 3");
  // Pod level: three containers of 1Gi memory each stay under the container maximum
  // but not under the Pod's 2Gi.
  CHECK(error_of([&] {
          Json r = {{"requests", {{"memory", "600Mi"}}}, {"limits", {{"memory", "1Gi"}}}};
          c.api.create(c.pods, "quota-example", pod("wide", {container("a", r), container("b", r), container("c", r)}));
        }) == "403 Forbidden: pods \"wide\" is forbidden: maximum memory usage per Pod is 2Gi, but limit is 3Gi");
  // Ratios: a limit of 1 cpu on a 100m request is 10x, for the container and the
  // pod (whose request is also under the Pod minimum). Items are checked in the
  // LimitRange's order, the Pod item first here.
  CHECK(error_of([&] {
          c.api.create(c.pods, "quota-example",
                       pod("spiky", {container("app", {{"requests", {{"cpu", "100m"}}}, {"limits", {{"cpu", "1"}}}})}));
        }) == "403 Forbidden: pods \"spiky\" is forbidden: [minimum cpu usage per Pod is 200m, but request is 100m, "
              "cpu max limit to request ratio per Pod is 3, but provided ratio is 10.000000, cpu max limit to request "
              "ratio per Container is 5, but provided ratio is 10.000000]");

  // Namespace level: requests.cpu 1 allows five 200m pods, but pods=4 stops the fifth.
  for (const char* name : {"n2", "n3", "n4"}) c.api.create(c.pods, "quota-example", pod(name, {container("nginx")}));
  CHECK(error_of([&] { c.api.create(c.pods, "quota-example", pod("n5", {container("nginx")})); }) ==
        "403 Forbidden: pods \"n5\" is forbidden: exceeded quota: compute-resources, requested: pods=1, used: pods=4, "
        "limited: pods=4");
  Json lb = {{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", "lb1"}}},
             {"spec", {{"type", "LoadBalancer"}, {"ports", {{{"port", 80}}}}}}};
  c.api.create(c.services, "quota-example", lb);
  lb["metadata"]["name"] = "lb2";
  c.api.create(c.services, "quota-example", lb);
  lb["metadata"]["name"] = "lb3";
  CHECK(error_of([&] { c.api.create(c.services, "quota-example", lb); }) ==
        "403 Forbidden: services \"lb3\" is forbidden: exceeded quota: object-counts, requested: "
        "services.loadbalancers=1, used: services.loadbalancers=2, limited: services.loadbalancers=2");
}
