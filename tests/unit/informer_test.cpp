// Shared informers: initial list, watch events, indexes and listers, a property test
// (cache == a later LIST after random writes), relist after 410, resync, and
// determinism of the whole event stream.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/client/informer.h"
#include "core/sim/random.h"
#include "tests/unit/controller_test_env.h"

using namespace kt;
using namespace kt::client;
using api::ObjectPtr;

namespace {

// A handler that mirrors what it is told into a map, and counts the calls.
struct Mirror {
  std::map<std::string, std::uint64_t> rv;  // key → resourceVersion
  int adds = 0, updates = 0, deletes = 0, syncs = 0;

  ResourceEventHandler handler(sim::Duration resync = {}) {
    ResourceEventHandler h;
    h.on_add = [this](const ObjectPtr& o) {
      ++adds;
      rv[api::meta::key(*o)] = api::meta::resource_version(*o);
    };
    h.on_update = [this](const ObjectPtr& old_obj, const ObjectPtr& o) {
      if (old_obj == o) ++syncs;
      else ++updates;
      rv[api::meta::key(*o)] = api::meta::resource_version(*o);
    };
    h.on_delete = [this](const ObjectPtr& o) {
      ++deletes;
      rv.erase(api::meta::key(*o));
    };
    h.resync_period = resync;
    return h;
  }
};

std::map<std::string, std::uint64_t> listed(testenv::Env& env, const api::ResourceInfo& res) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& o : env.api.list(res, "").items) out[api::meta::key(*o)] = api::meta::resource_version(*o);
  return out;
}

std::map<std::string, std::uint64_t> cached(const SharedInformer& inf) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& o : inf.list()) out[api::meta::key(*o)] = api::meta::resource_version(*o);
  return out;
}

// Random creates/updates/deletes of ConfigMaps in three namespaces, with time passing
// in between so watch deliveries interleave with the writes.
void random_writes(testenv::Env& env, sim::Random& rng, int ops) {
  const char* namespaces[] = {"default", "a", "b"};
  for (int i = 0; i < ops; ++i) {
    const std::string ns = namespaces[rng.below(3)];
    const std::string name = "cm-" + std::to_string(rng.below(20));
    ObjectPtr cur = env.api.try_get(env.configmaps(), ns, name);
    const auto dice = rng.below(10);
    if (!cur) {
      env.configmap(ns, name, {{"v", std::to_string(i)}}, {{"tier", rng.below(2) ? "web" : "db"}});
    } else if (dice < 6) {
      Json next = *cur;
      next["data"]["v"] = std::to_string(i);
      next["metadata"]["labels"]["tier"] = rng.below(2) ? "web" : "db";
      env.api.update(env.configmaps(), ns, next);
    } else {
      env.api.remove(env.configmaps(), ns, name);
    }
    if (rng.below(4) == 0) env.sim.run_for(sim::millis(static_cast<std::int64_t>(rng.below(50))));
  }
}

}  // namespace

TEST_CASE("informer: lists, then follows the watch; handlers see add/update/delete", "[informer]") {
  testenv::Env env;
  env.configmap("default", "one", {{"k", "1"}});
  env.configmap("default", "two", {{"k", "2"}});
  SharedInformerFactory factory(env.api);
  SharedInformer& inf = factory.informer("", "configmaps");
  REQUIRE(&inf == &factory.informer(env.configmaps()));  // shared
  Mirror m;
  inf.add_handler(m.handler());
  REQUIRE_FALSE(inf.has_synced());
  factory.start();
  REQUIRE(inf.has_synced());
  REQUIRE(factory.has_synced());
  REQUIRE(m.adds == 2);
  REQUIRE(inf.size() == 2);

  env.configmap("default", "three");
  Json two = *env.api.get(env.configmaps(), "default", "two");
  two["data"]["k"] = "22";
  env.api.update(env.configmaps(), "default", two);
  env.api.remove(env.configmaps(), "default", "one");
  REQUIRE(inf.size() == 2);  // nothing arrives inside the writes
  env.settle();
  REQUIRE(m.adds == 3);
  REQUIRE(m.updates == 1);
  REQUIRE(m.deletes == 1);
  REQUIRE(cached(inf) == listed(env, env.configmaps()));
  REQUIRE(inf.get("default", "two")->at("data").at("k") == "22");
  // The cache holds the server's own immutable objects.
  REQUIRE(inf.get("default/two") == env.api.get(env.configmaps(), "default", "two"));
  REQUIRE(inf.last_resource_version() == env.api.current_resource_version());
}

TEST_CASE("informer: indexes and listers", "[informer]") {
  testenv::Env env;
  env.ns("team");
  auto owner = env.replicaset("default", "web");
  env.pod("default", "p1", Json::array({testenv::Env::owner_ref(owner)}));
  Json bound = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", "p2"}, {"labels", {{"app", "x"}}}}},
                {"spec", {{"nodeName", "node-1"}, {"containers", {{{"name", "c"}, {"image", "nginx"}}}}}}};
  env.api.create(env.pods(), "team", bound);
  SharedInformerFactory factory(env.api);
  SharedInformer& pods = factory.informer(env.pods());
  pods.add_indexer(kNodeNameIndex, index_by_node_name);
  factory.start();
  pods.add_indexer(kControllerUIDIndex, index_by_controller_uid);  // late: indexes what is cached
  REQUIRE(pods.by_index(kNodeNameIndex, "node-1").size() == 1);
  REQUIRE(pods.by_index(kControllerUIDIndex, api::meta::uid(*owner)).size() == 1);
  REQUIRE(pods.list_namespace("team").size() == 1);

  Lister l = pods.lister();
  REQUIRE(l.get("team", "p2"));
  REQUIRE_FALSE(l.get("team", "p1"));
  REQUIRE(l.list().size() == 2);
  REQUIRE(l.list("", api::LabelSelector::parse("app=x")).size() == 1);
  REQUIRE(l.list("default", api::LabelSelector::parse("app=x")).empty());
  REQUIRE(l.list("", [](const Json& p) { return api::str_field(p, {"spec", "nodeName"}).empty(); }).size() == 1);

  // Index entries follow creates, updates and deletes.
  Json other = bound;
  other["metadata"]["name"] = "p3";
  other["spec"]["nodeName"] = "node-2";
  env.api.create(env.pods(), "team", other);
  Json relabeled = *env.api.get(env.pods(), "team", "p2");
  relabeled["metadata"]["labels"]["app"] = "y";
  env.api.update(env.pods(), "team", relabeled);
  env.settle();
  REQUIRE(pods.by_index(kNodeNameIndex, "node-2").size() == 1);
  REQUIRE(l.list("", api::LabelSelector::parse("app=x")).size() == 1);  // p3
  REQUIRE(l.list("", api::LabelSelector::parse("app=y")).size() == 1);  // p2
  api::DeleteOptions now;
  now.grace_period_seconds = 0;
  env.api.remove(env.pods(), "team", "p2", now);
  env.settle();
  REQUIRE(pods.by_index(kNodeNameIndex, "node-1").empty());
  REQUIRE(pods.by_index(kNodeNameIndex, "node-2").size() == 1);
}

TEST_CASE("informer: the cache equals a later LIST after random writes (property)", "[informer]") {
  for (std::uint64_t seed : {1u, 2u, 3u, 42u}) {
    testenv::Env env(seed);
    env.ns("a");
    env.ns("b");
    sim::Random rng(seed);
    random_writes(env, rng, 50);  // some state before the informer starts
    SharedInformerFactory factory(env.api);
    SharedInformer& inf = factory.informer(env.configmaps());
    Mirror m;
    inf.add_handler(m.handler());
    factory.start();
    random_writes(env, rng, 400);
    env.settle();
    INFO("seed " << seed);
    REQUIRE(cached(inf) == listed(env, env.configmaps()));
    REQUIRE(m.rv == listed(env, env.configmaps()));
    // A namespaced, label-selected informer agrees with the same LIST.
    SharedInformer narrow(env.api, env.configmaps(), {"a", "tier=web", ""});
    narrow.start();
    random_writes(env, rng, 200);
    env.settle();
    std::map<std::string, std::uint64_t> want;
    api::ListOptions lo;
    lo.label_selector = "tier=web";
    for (const auto& o : env.api.list(env.configmaps(), "a", lo).items)
      want[api::meta::key(*o)] = api::meta::resource_version(*o);
    REQUIRE(cached(narrow) == want);
    REQUIRE(cached(inf) == listed(env, env.configmaps()));
  }
}

TEST_CASE("informer: a watch that cannot resume (410) relists and reports the difference", "[informer]") {
  api::ApiServer::Config cfg;
  cfg.watch_history = 5;
  testenv::Env env(7, cfg);
  for (int i = 0; i < 6; ++i) env.configmap("default", "cm-" + std::to_string(i), {{"v", "0"}});
  SharedInformer inf(env.api, env.configmaps());
  Mirror plain, resync;
  inf.add_handler(plain.handler());
  inf.add_handler(resync.handler(sim::hours(10)));
  inf.start();
  REQUIRE(plain.adds == 6);

  // The connection breaks for a minute; meanwhile more than 5 changes happen.
  inf.drop_watch(sim::minutes(1));
  for (int i = 0; i < 2; ++i) {  // cm-0, cm-1 updated
    Json cm = *env.api.get(env.configmaps(), "default", "cm-" + std::to_string(i));
    cm["data"]["v"] = "1";
    env.api.update(env.configmaps(), "default", cm);
  }
  env.api.remove(env.configmaps(), "default", "cm-2");
  env.api.remove(env.configmaps(), "default", "cm-3");
  for (int i = 0; i < 3; ++i) env.configmap("default", "new-" + std::to_string(i));
  env.settle(sim::seconds(30));
  REQUIRE(inf.stats().relists == 0);
  REQUIRE(plain.adds == 6);  // nothing seen while disconnected
  env.settle(sim::seconds(31));

  REQUIRE(inf.stats().relists == 1);
  REQUIRE(cached(inf) == listed(env, env.configmaps()));
  REQUIRE(plain.rv == listed(env, env.configmaps()));
  REQUIRE(plain.adds == 6 + 3);
  REQUIRE(plain.updates == 2);
  REQUIRE(plain.deletes == 2);
  REQUIRE(plain.syncs == 0);  // unchanged objects are resyncs, only for resync handlers
  REQUIRE(resync.syncs == 2);  // cm-4, cm-5

  // Watching again from the relist's resourceVersion.
  env.configmap("default", "after");
  env.settle();
  REQUIRE(plain.adds == 10);
  REQUIRE(cached(inf) == listed(env, env.configmaps()));
}

TEST_CASE("informer: a short disconnect resumes the watch without a relist", "[informer]") {
  testenv::Env env;
  SharedInformer inf(env.api, env.configmaps());
  Mirror m;
  inf.add_handler(m.handler());
  inf.start();
  inf.drop_watch(sim::seconds(5));
  env.configmap("default", "x");
  env.settle(sim::seconds(10));
  REQUIRE(inf.stats().relists == 0);
  REQUIRE(inf.stats().watches == 2);
  REQUIRE(m.adds == 1);
}

TEST_CASE("informer: periodic resync and late handlers", "[informer]") {
  testenv::Env env;
  env.configmap("default", "a");
  env.configmap("default", "b");
  SharedInformer inf(env.api, env.configmaps());
  Mirror with, without;
  inf.add_handler(with.handler(sim::seconds(30)));
  inf.add_handler(without.handler());
  inf.start();
  env.settle(sim::seconds(95));
  REQUIRE(with.syncs == 3 * 2);  // at 30s, 60s, 90s, for both objects
  REQUIRE(without.syncs == 0);

  Mirror late;
  inf.add_handler(late.handler());
  REQUIRE(late.adds == 2);  // replayed at once
  REQUIRE(late.rv == cached(inf));
}

TEST_CASE("informer: two runs with the same seed produce the same event log", "[informer]") {
  auto run = [](std::uint64_t seed) {
    testenv::Env env(seed);
    env.ns("a");
    env.ns("b");
    SharedInformerFactory factory(env.api);
    std::vector<std::string> log;
    for (const auto* res : {&env.configmaps(), &env.namespaces()}) {
      ResourceEventHandler h;
      h.on_add = [&log](const ObjectPtr& o) {
        log.push_back("ADDED " + api::meta::key(*o) + " " + std::to_string(api::meta::resource_version(*o)));
      };
      h.on_update = [&log](const ObjectPtr&, const ObjectPtr& o) {
        log.push_back("MODIFIED " + api::meta::key(*o) + " " + std::to_string(api::meta::resource_version(*o)));
      };
      h.on_delete = [&log](const ObjectPtr& o) {
        log.push_back("DELETED " + api::meta::key(*o) + " " + std::to_string(api::meta::resource_version(*o)) +
                      " " + api::meta::uid(*o));
      };
      factory.informer(*res).add_handler(std::move(h));
    }
    factory.start();
    sim::Random rng(seed);
    random_writes(env, rng, 300);
    env.settle();
    return log;
  };
  auto a = run(11), b = run(11), c = run(12);
  REQUIRE(a.size() > 300);
  REQUIRE(a == b);
  REQUIRE(a != c);
}
