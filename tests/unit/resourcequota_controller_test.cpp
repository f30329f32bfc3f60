// The resourcequota controller: status.hard/status.used kept in step with the
// namespace, event-driven and by the periodic full resync.
#include <catch2/catch.hpp>

#include "core/admission/chain.h"
#include "core/api/apiserver.h"
#include "core/client/informer.h"
#include "core/controllers/resourcequota.h"

using namespace kt;
using namespace kt::api;

namespace {

struct Env {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  ApiServer api{sim, sim::Random(3)};
  client::SharedInformerFactory informers{api};
  controllers::ResourceQuotaController rq{api, informers};
  const ResourceInfo& pods = api.resource("", "pods");
  const ResourceInfo& quotas = api.resource("", "resourcequotas");

  Env() {
    admission::install_default_admission(api, 1);
    api.create(api.resource("", "namespaces"), "", {{"metadata", {{"name", "default"}}}});
    api.create(api.resource("", "serviceaccounts"), "default", {{"metadata", {{"name", "default"}}}});
  }

  ObjectPtr quota(const std::string& name, Json hard) {
    return api.create(quotas, "default", {{"apiVersion", "v1"}, {"kind", "ResourceQuota"},
                                          {"metadata", {{"name", name}}}, {"spec", {{"hard", hard}}}});
  }
  ObjectPtr pod(const std::string& name, Json resources = Json::object(), Json extra = Json::object()) {
    Json p = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}}},
              {"spec", {{"containers", {{{"name", "app"}, {"image", "nginx"}, {"resources", resources}}}}}}};
    p["spec"].update(extra);
    return api.create(pods, "default", p);
  }
  Json status(const std::string& name) { return field(*api.get(quotas, "default", name), {"status"}); }
  void settle() { sim.run_for(sim::seconds(1)); }
};

}  // namespace

TEST_CASE("resourcequota controller: status.hard and zero usage on the first sync", "[quota]") {
  Env e;
  e.quota("compute", {{"pods", "4"}, {"requests.cpu", "1"}, {"limits.memory", "2Gi"}});
  e.rq.start();
  e.settle();
  CHECK(e.status("compute") == Json::parse(R"({"hard":{"limits.memory":"2Gi","pods":"4","requests.cpu":"1"},
                                               "used":{"limits.memory":"0","pods":"0","requests.cpu":"0"}})"));
  // A quota created later is synced as it arrives.
  e.quota("objects", {{"configmaps", "3"}, {"services.nodeports", "2"}});
  e.settle();
  CHECK(e.status("objects")["used"] == Json::parse(R"({"configmaps":"0","services.nodeports":"0"})"));
}

TEST_CASE("resourcequota controller: pods added, finished and deleted replenish usage", "[quota]") {
  Env e;
  e.quota("compute", {{"pods", "4"}, {"requests.cpu", "2"}, {"requests.memory", "1Gi"}, {"count/pods", "10"}});
  e.rq.start();
  e.pod("a", {{"requests", {{"cpu", "500m"}, {"memory", "256Mi"}}}});
  e.pod("b", {{"requests", {{"cpu", "250m"}, {"memory", "256Mi"}}}});
  e.settle();
  CHECK(e.status("compute")["used"] ==
        Json::parse(R"({"count/pods":"2","pods":"2","requests.cpu":"750m","requests.memory":"512Mi"})"));

  Json done = *e.api.get(e.pods, "default", "a");
  done["status"]["phase"] = "Succeeded";
  WriteOptions status;
  status.subresource = "status";
  e.api.update(e.pods, "default", done, status);
  e.settle();
  CHECK(e.status("compute")["used"] ==
        Json::parse(R"({"count/pods":"2","pods":"1","requests.cpu":"250m","requests.memory":"256Mi"})"));

  e.api.remove(e.pods, "default", "b");
  e.api.remove(e.pods, "default", "a");
  e.settle();
  CHECK(e.status("compute")["used"] ==
        Json::parse(R"({"count/pods":"0","pods":"0","requests.cpu":"0","requests.memory":"0"})"));
}

TEST_CASE("resourcequota controller: spec.hard edits reach status; unchanged usage is not rewritten", "[quota]") {
  Env e;
  e.quota("q", {{"pods", "2"}});
  e.rq.start();
  e.settle();
  const auto rv = meta::resource_version(*e.api.get(e.quotas, "default", "q"));
  e.rq.enqueue_all();
  e.settle();
  CHECK(meta::resource_version(*e.api.get(e.quotas, "default", "q")) == rv);

  Json q = *e.api.get(e.quotas, "default", "q");
  q["spec"]["hard"] = {{"pods", "5"}, {"secrets", "1"}};
  e.api.update(e.quotas, "default", q);
  e.settle();
  CHECK(e.status("q") == Json::parse(R"({"hard":{"pods":"5","secrets":"1"},"used":{"pods":"0","secrets":"0"}})"));
}

TEST_CASE("resourcequota controller: count/<resource> starts watching that resource", "[quota]") {
  Env e;
  e.rq.start();
  CHECK_FALSE(e.rq.monitored().count("deployments.apps"));
  e.quota("apps", {{"count/deployments.apps", "2"}});
  e.settle();
  CHECK(e.rq.monitored().count("deployments.apps"));
  Json d = Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
      "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"c","image":"nginx"}]}}}})");
  e.api.create(e.api.resource("apps", "deployments"), "default", d);
  e.settle();
  CHECK(e.status("apps")["used"] == Json::parse(R"({"count/deployments.apps":"1"})"));
}

TEST_CASE("resourcequota controller: the periodic resync catches usage that time ends", "[quota]") {
  Env e;
  e.quota("q", {{"pods", "3"}});
  e.rq.start();
  // Bound, so deletion is graceful: the pod stays, Terminating, with no kubelet to finish it.
  e.pod("stuck", Json::object(), {{"nodeName", "node-1"}});
  e.settle();
  CHECK(e.status("q")["used"]["pods"] == "1");
  e.api.remove(e.pods, "default", "stuck");
  e.settle();
  CHECK(e.status("q")["used"]["pods"] == "1");  // still within its grace period
  // Charged until deletionTimestamp + grace (30s + 30s); the 5-minute resync notices.
  e.sim.run_for(sim::minutes(5));
  CHECK(e.status("q")["used"]["pods"] == "0");
}

TEST_CASE("resourcequota controller: sync of a missing quota and recalculate", "[quota]") {
  Env e;
  CHECK(e.rq.sync("default/nope").kind == client::SyncResult::Kind::Ok);
  e.quota("q", {{"configmaps", "3"}});
  e.informers.informer("", "resourcequotas").start();
  e.sim.run_for(sim::seconds(1));
  e.rq.recalculate("default");  // without start(): no queue, no watches needed
  CHECK(e.status("q")["used"] == Json::parse(R"({"configmaps":"0"})"));
}
