#include <catch2/catch.hpp>

#include <map>

#include "core/api/apiserver.h"
#include "core/api/object_map.h"
#include "core/api/service_alloc.h"
#include "tests/unit/api_error_of.h"

using namespace kt;
using namespace kt::api;
using kt::api::testing::error_of;

namespace {

struct Fixture {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  ApiServer api{sim, sim::Random(1)};
  const ResourceInfo& ns = api.resource("", "namespaces");
  const ResourceInfo& cm = api.resource("", "configmaps");
  const ResourceInfo& pods = api.resource("", "pods");
  const ResourceInfo& deploys = api.resource("apps", "deployments");

  Fixture() { api.create(ns, "", {{"metadata", {{"name", "default"}}}}); }

  ObjectPtr configmap(const std::string& name, Json labels = Json::object()) {
    return api.create(cm, "default",
                      {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}, {"labels", labels}}},
                       {"data", {{"k", "v"}}}});
  }
};

}  // namespace

TEST_CASE("create fills system metadata; resourceVersion is one global counter", "[apiserver]") {
  Fixture f;
  auto a = f.configmap("a");
  auto b = f.configmap("b");
  CHECK(meta::uid(*a).size() == 36);
  CHECK(meta::uid(*a) != meta::uid(*b));
  CHECK((*a)["metadata"]["creationTimestamp"] == "2025-01-15T09:00:00Z");
  CHECK((*a)["metadata"]["namespace"] == "default");
  CHECK(meta::resource_version(*b) == meta::resource_version(*a) + 1);
  CHECK(f.api.current_resource_version() == meta::resource_version(*b));
  CHECK((*a)["apiVersion"] == "v1");
  CHECK((*a)["kind"] == "ConfigMap");
}

TEST_CASE("create checks the type members sent and fills in those left out", "[apiserver]") {
  Fixture f;
  auto body = [](Json type_members) {
    Json obj = {{"metadata", {{"name", "x"}}}};
    obj.update(type_members);
    return obj;
  };
  CHECK(error_of([&] { f.api.create(f.cm, "default", body({{"apiVersion", "apps/v1"}, {"kind", "Secret"}})); }) ==
        "400 BadRequest: the API version in the data (apps/v1) does not match the expected API version (v1)");
  CHECK(error_of([&] { f.api.create(f.cm, "default", body({{"kind", "Secret"}})); }) ==
        "400 BadRequest: the kind in the data (Secret) does not match the expected kind (ConfigMap)");
  CHECK(error_of([&] { f.api.create(f.deploys, "default", body({{"apiVersion", "v1"}})); }) ==
        "400 BadRequest: the API version in the data (v1) does not match the expected API version (apps/v1)");
  CHECK_THROWS_AS(f.api.create(f.cm, "default", body({{"apiVersion", 1}})), Json::type_error);
  CHECK_THROWS_AS(f.api.create(f.cm, "default", body({{"apiVersion", "v2"}, {"kind", 7}})), Json::type_error);
  // Left out or empty: the resource's own.
  auto a = f.api.create(f.cm, "default", body({{"apiVersion", ""}}));
  CHECK((*a)["apiVersion"] == "v1");
  CHECK((*a)["kind"] == "ConfigMap");
  auto d = f.api.create(
      f.deploys, "default",
      body({{"kind", "Deployment"},
            {"spec",
             {{"selector", {{"matchLabels", {{"app", "x"}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", "x"}}}}},
                {"spec", {{"containers", Json::array({{{"name", "x"}, {"image", "x"}}})}}}}}}}}));
  CHECK((*d)["apiVersion"] == "apps/v1");
  CHECK((*d)["kind"] == "Deployment");
  CHECK(f.api.list(f.cm, "default", {}).items.size() == 1);  // nothing stored by the failures
}

TEST_CASE("uids have the RFC 4122 version-4 layout and repeat with the seed", "[apiserver]") {
  Fixture f, g;
  for (int i = 0; i < 200; ++i) {
    const std::string uid = f.api.new_uid();
    REQUIRE(uid.size() == 36);
    for (std::size_t at : {8u, 13u, 18u, 23u}) CHECK(uid[at] == '-');
    for (std::size_t k = 0; k < uid.size(); ++k)
      if (k != 8 && k != 13 && k != 18 && k != 23)
        CHECK(std::string("0123456789abcdef").find(uid[k]) != std::string::npos);
    CHECK(uid[14] == '4');                                     // version
    CHECK(std::string("89ab").find(uid[19]) != std::string::npos);  // variant 10xx
    CHECK(g.api.new_uid() == uid);                             // same seed, same stream
  }
}

TEST_CASE("errors carry kube's status, reason and message", "[apiserver]") {
  Fixture f;
  f.configmap("a");
  CHECK(error_of([&] { f.api.get(f.cm, "default", "nope"); }) == "404 NotFound: configmaps \"nope\" not found");
  CHECK(error_of([&] { f.configmap("a"); }) == "409 AlreadyExists: configmaps \"a\" already exists");
  CHECK(error_of([&] { f.api.get(f.deploys, "default", "web"); }) ==
        "404 NotFound: deployments.apps \"web\" not found");
  CHECK(error_of([&] {
          f.api.create(f.cm, "default", {{"metadata", Json::object()}});
        }) == "422 Invalid: ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
  CHECK(error_of([&] {
          f.api.create(f.cm, "default", {{"metadata", {{"name", "x"}, {"resourceVersion", "5"}}}});
        }) == "400 BadRequest: resourceVersion should not be set on objects to be created");
}

TEST_CASE("create drops the metadata a client may not set, and empty lists and maps", "[apiserver]") {
  Fixture f;
  auto cm = f.api.create(f.cm, "default",
                         {{"metadata",
                           {{"name", "a"},
                            {"namespace", "default"},
                            {"deletionTimestamp", "2025-01-01T00:00:00Z"},
                            {"deletionGracePeriodSeconds", 30},
                            {"generation", 7},
                            {"labels", Json::object()},
                            {"annotations", {{"keep", "me"}}},
                            {"finalizers", Json::array()},
                            {"ownerReferences", Json::array()}}}});
  const Json& m = (*cm)["metadata"];
  for (const char* gone : {"deletionTimestamp", "deletionGracePeriodSeconds", "generation", "labels", "finalizers",
                           "ownerReferences"})
    CHECK_FALSE(m.contains(gone));
  CHECK(m["annotations"] == Json({{"keep", "me"}}));
  CHECK(m["namespace"] == "default");
  // Kinds that keep a generation start at 1, whatever was sent.
  auto ns = f.api.create(f.ns, "", {{"metadata", {{"name", "other"}, {"namespace", "default"}, {"generation", 9}}}});
  CHECK_FALSE((*ns)["metadata"].contains("namespace"));  // cluster-scoped: none
  Json deploy = {{"metadata", {{"name", "d"}, {"generation", 9}}},
                 {"spec",
                  {{"selector", {{"matchLabels", {{"app", "d"}}}}},
                   {"template",
                    {{"metadata", {{"labels", {{"app", "d"}}}}},
                     {"spec", {{"containers", Json::array({{{"name", "d"}, {"image", "d"}}})}}}}}}}};
  CHECK((*f.api.create(f.deploys, "default", deploy))["metadata"]["generation"] == 1);
  CHECK(error_of([&] { f.api.create(f.cm, "default", {{"metadata", {{"name", "b"}, {"namespace", "other"}}}}); }) ==
        "400 BadRequest: the namespace of the provided object does not match the namespace sent on the request");
  CHECK(error_of([&] { f.api.create(f.cm, "", {{"metadata", {{"name", "b"}}}}); }) ==
        "400 BadRequest: an empty namespace may not be set during creation");
  // generateName alone: a name is drawn from it.
  CHECK(meta::name(*f.api.create(f.cm, "default", {{"metadata", {{"generateName", "g-"}}}})).rfind("g-", 0) == 0);
}

TEST_CASE("generateName draws a 5-character suffix from kube's alphabet", "[apiserver]") {
  Fixture f;
  auto p = f.api.create(f.cm, "default", {{"metadata", {{"generateName", "web-"}}}});
  const std::string name = meta::name(*p);
  REQUIRE(name.size() == 9);
  CHECK(name.rfind("web-", 0) == 0);
  for (char c : name.substr(4)) CHECK(std::string("bcdfghjklmnpqrstvwxz2456789").find(c) != std::string::npos);
}

TEST_CASE("update checks resourceVersion and skips no-op writes", "[apiserver]") {
  Fixture f;
  auto a = f.configmap("a");
  Json stale = *a;
  Json next = *a;
  next["data"]["k"] = "v2";
  auto a2 = f.api.update(f.cm, "default", next);
  CHECK(meta::resource_version(*a2) > meta::resource_version(*a));
  stale["data"]["k"] = "v3";
  CHECK(error_of([&] { f.api.update(f.cm, "default", stale); }) ==
        "409 Conflict: Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply "
        "your changes to the latest version and try again");
  // Writing the same content again stores nothing.
  const auto rv = f.api.current_resource_version();
  auto same = f.api.update(f.cm, "default", *a2);
  CHECK(meta::resource_version(*same) == meta::resource_version(*a2));
  CHECK(f.api.current_resource_version() == rv);
  // uid and creationTimestamp survive whatever the client sends.
  Json hijack = *a2;
  hijack["metadata"]["uid"] = "evil";
  hijack["data"]["k"] = "v4";
  CHECK(meta::uid(*f.api.update(f.cm, "default", hijack)) == meta::uid(*a));
}

TEST_CASE("generation follows spec changes, status goes through /status only", "[apiserver]") {
  Fixture f;
  Json d = {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", "web"}}},
            {"spec",
             {{"replicas", 1},
              {"selector", {{"matchLabels", {{"app", "web"}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", "web"}}}}},
                {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx"}}})}}}}}}}};
  auto created = f.api.create(f.deploys, "default", d);
  CHECK(meta::generation(*created) == 1);
  Json scaled = *created;
  scaled["spec"]["replicas"] = 3;
  scaled["status"] = {{"replicas", 99}};  // ignored on the main resource
  auto s = f.api.update(f.deploys, "default", scaled);
  CHECK(meta::generation(*s) == 2);
  CHECK_FALSE(int_field(*s, {"status", "replicas"}, -1) == 99);
  Json st = *s;
  st["status"] = {{"replicas", 3}, {"observedGeneration", 2}};
  WriteOptions so;
  so.subresource = "status";
  auto s2 = f.api.update(f.deploys, "default", st, so);
  CHECK(meta::generation(*s2) == 2);
  CHECK(int_field(*s2, {"status", "replicas"}) == 3);
  CHECK(f.api.get_scale(f.deploys, "default", "web")["spec"]["replicas"] == 3);
  auto scale = f.api.update_scale(f.deploys, "default", "web", 5);
  CHECK(scale["spec"]["replicas"] == 5);
  CHECK(scale["status"]["selector"] == "app=web");
  CHECK(meta::generation(*f.api.get(f.deploys, "default", "web")) == 3);
}

TEST_CASE("list filters by namespace and label selector, and pages", "[apiserver]") {
  Fixture f;
  f.api.create(f.ns, "", {{"metadata", {{"name", "other"}}}});
  f.configmap("a", {{"app", "web"}});
  f.configmap("b", {{"app", "db"}});
  f.configmap("c", {{"app", "web"}, {"tier", "front"}});
  f.api.create(f.cm, "other", {{"metadata", {{"name", "z"}, {"labels", {{"app", "web"}}}}}});
  ListOptions web;
  web.label_selector = "app=web";
  CHECK(f.api.list(f.cm, "default", web).items.size() == 2);
  CHECK(f.api.list(f.cm, "", web).items.size() == 3);
  ListOptions set;
  set.label_selector = "app in (web,db),!tier";
  auto r = f.api.list(f.cm, "default", set);
  REQUIRE(r.items.size() == 2);
  CHECK(meta::name(*r.items[0]) == "a");
  CHECK(meta::name(*r.items[1]) == "b");
  ListOptions page;
  page.limit = 2;
  auto p1 = f.api.list(f.cm, "", page);
  CHECK(p1.items.size() == 2);
  CHECK(p1.remaining == 2);
  page.continue_token = p1.continue_token;
  auto p2 = f.api.list(f.cm, "", page);
  CHECK(p2.items.size() == 2);
  CHECK(p2.continue_token.empty());
  ListOptions byname;
  byname.field_selector = "metadata.name=b";
  CHECK(f.api.list(f.cm, "default", byname).items.size() == 1);
}

TEST_CASE("watch delivers changes asynchronously, in order, filtered", "[apiserver][watch]") {
  Fixture f;
  f.configmap("before");
  std::vector<std::string> seen;
  WatchOptions wo;
  wo.resource_version = std::to_string(f.api.current_resource_version());
  wo.label_selector = "app=web";
  auto w = f.api.watch(f.cm, "default", wo, [&](const WatchEvent& e) {
    seen.push_back(std::string(to_string(e.type)) + " " + meta::name(*e.object));
  });
  auto a = f.configmap("a", {{"app", "web"}});
  f.configmap("b", {{"app", "db"}});
  CHECK(seen.empty());  // nothing inside the write
  Json moved = *a;
  moved["metadata"]["labels"]["app"] = "db";  // leaves the selection
  f.api.update(f.cm, "default", moved);
  f.api.remove(f.cm, "default", "b");
  f.sim.run_until_idle();
  CHECK(seen == std::vector<std::string>{"ADDED a", "DELETED a"});
  w->stop();
  f.configmap("c", {{"app", "web"}});
  f.sim.run_until_idle();
  CHECK(seen.size() == 2);
}

TEST_CASE("watch events carry the object's resourceVersion as a number", "[apiserver][watch]") {
  Fixture f;
  f.configmap("before");
  std::vector<std::pair<std::string, bool>> seen;  // type, and whether the number is the object's
  auto record = [&](const WatchEvent& e) {
    const std::uint64_t rv = meta::resource_version(*e.object);
    seen.emplace_back(std::string(to_string(e.type)), e.resource_version == rv);
  };
  WatchOptions from_now;
  from_now.resource_version = std::to_string(f.api.current_resource_version());
  auto w = f.api.watch(f.cm, "default", from_now, record);
  // The current state as synthetic ADDED events: the number is left to the object (0).
  std::vector<std::uint64_t> initial;
  auto listing = f.api.watch(f.cm, "default", {}, [&](const WatchEvent& e) { initial.push_back(e.resource_version); });
  Json a = *f.configmap("a");
  a["data"]["k"] = "v2";
  f.api.update(f.cm, "default", a);
  f.api.remove(f.cm, "default", "a");
  f.sim.run_until_idle();
  CHECK(seen == std::vector<std::pair<std::string, bool>>{{"ADDED", true}, {"MODIFIED", true}, {"DELETED", true}});
  REQUIRE(initial.size() == 4);  // "before" listed, then a's three changes
  CHECK(initial[0] == 0);
  CHECK(initial[3] == f.api.current_resource_version());
}

TEST_CASE("a watch handler can peek at the events queued after the one it handles", "[apiserver][watch]") {
  Fixture f;
  WatchOptions wo;
  wo.resource_version = std::to_string(f.api.current_resource_version());
  std::vector<std::string> seen;
  WatchPtr w;
  w = f.api.watch(f.cm, "default", wo, [&](const WatchEvent& e) {
    std::string line = meta::name(*e.object) + " then";
    for (std::size_t ahead = 1; ahead <= 3; ++ahead) {
      const WatchEvent* next = w->peek(ahead);
      line += " " + (next ? meta::name(*next->object) + "@" + next->key->text : std::string("-"));
    }
    CHECK(e.key->text == "default/" + meta::name(*e.object));
    seen.push_back(line);
  });
  f.configmap("a");
  f.configmap("b");
  f.configmap("c");
  REQUIRE(w->peek(1) != nullptr);  // queued, not yet delivered
  CHECK(meta::name(*w->peek(1)->object) == "a");
  CHECK(w->peek(4) == nullptr);
  f.sim.run_until_idle();
  CHECK(seen == std::vector<std::string>{"a then b@default/b c@default/c -", "b then c@default/c - -", "c then - - -"});
  CHECK(w->peek(0) == nullptr);
}

TEST_CASE("a watch from too old a resourceVersion fails with 410 Expired", "[apiserver][watch]") {
  sim::Simulator sim{sim::Time{0}};
  ApiServer::Config cfg;
  cfg.watch_history = 3;
  ApiServer api(sim, sim::Random(1), cfg);
  const auto& ns = api.resource("", "namespaces");
  const auto start = api.current_resource_version();
  for (int i = 0; i < 5; ++i) api.create(ns, "", {{"metadata", {{"name", "ns" + std::to_string(i)}}}});
  WatchOptions wo;
  wo.resource_version = std::to_string(start);
  CHECK(error_of([&] { api.watch(ns, "", wo, [](const WatchEvent&) {}); }).rfind("410 Expired: too old resource version: ", 0) == 0);
}

TEST_CASE("property: replaying a watch from a list's resourceVersion reproduces a later list", "[apiserver][watch][property]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Fixture f;
    sim::Random rng(seed);
    auto name = [&] { return "cm" + std::to_string(rng.below(12)); };
    for (int i = 0; i < 20; ++i) {
      try { f.configmap(name()); } catch (const ApiError&) {}
    }
    auto snapshot = f.api.list(f.cm, "default");
    std::map<std::string, Json> replica;
    for (auto& o : snapshot.items) replica[meta::name(*o)] = *o;
    WatchOptions wo;
    wo.resource_version = std::to_string(snapshot.resource_version);
    auto w = f.api.watch(f.cm, "default", wo, [&](const WatchEvent& e) {
      if (e.type == WatchEvent::Type::Deleted) replica.erase(meta::name(*e.object));
      else replica[meta::name(*e.object)] = *e.object;
    });
    for (int i = 0; i < 200; ++i) {
      const std::string n = name();
      try {
        switch (rng.below(3)) {
          case 0: f.configmap(n); break;
          case 1: {
            Json o = *f.api.get(f.cm, "default", n);
            o["data"]["k"] = std::to_string(rng.next());
            f.api.update(f.cm, "default", o);
            break;
          }
          default: f.api.remove(f.cm, "default", n);
        }
      } catch (const ApiError&) {
      }
      if (rng.below(10) == 0) f.sim.run_until_idle();
    }
    f.sim.run_until_idle();
    auto later = f.api.list(f.cm, "default");
    std::map<std::string, Json> expected;
    for (auto& o : later.items) expected[meta::name(*o)] = *o;
    CHECK(replica == expected);
  }
}

TEST_CASE("finalizers hold a deletion until removed", "[apiserver][delete]") {
  Fixture f;
  f.api.create(f.cm, "default", {{"metadata", {{"name", "held"}, {"finalizers", {"example.com/keep"}}}}});
  auto marked = f.api.remove(f.cm, "default", "held");
  CHECK(meta::being_deleted(*marked));
  CHECK(f.api.try_get(f.cm, "default", "held"));
  Json released = *marked;
  released["metadata"]["finalizers"] = Json::array();
  f.api.update(f.cm, "default", released);
  CHECK_FALSE(f.api.try_get(f.cm, "default", "held"));
}

TEST_CASE("propagation policies become the GC's finalizers", "[apiserver][delete]") {
  Fixture f;
  f.configmap("o");
  f.configmap("g");
  DeleteOptions orphan;
  orphan.propagation = Propagation::Orphan;
  auto o = f.api.remove(f.cm, "default", "o", orphan);
  CHECK((*o)["metadata"]["finalizers"] == Json::array({"orphan"}));
  DeleteOptions fg;
  fg.propagation = Propagation::Foreground;
  auto g = f.api.remove(f.cm, "default", "g", fg);
  CHECK((*g)["metadata"]["finalizers"] == Json::array({"foregroundDeletion"}));
}

TEST_CASE("bound pods terminate gracefully; unbound ones go at once", "[apiserver][delete]") {
  Fixture f;
  auto pod = [&](const std::string& name, const std::string& node) {
    Json p = {{"metadata", {{"name", name}}},
              {"spec", {{"containers", Json::array({{{"name", "c"}, {"image", "nginx"}}})}}}};
    if (!node.empty()) p["spec"]["nodeName"] = node;
    return f.api.create(f.pods, "default", p);
  };
  pod("pending", "");
  pod("running", "k8s-node1");
  f.api.remove(f.pods, "default", "pending");
  CHECK_FALSE(f.api.try_get(f.pods, "default", "pending"));
  auto t = f.api.remove(f.pods, "default", "running");
  CHECK((*t)["metadata"]["deletionGracePeriodSeconds"] == 30);
  CHECK((*t)["metadata"]["deletionTimestamp"] == "2025-01-15T09:00:30Z");
  DeleteOptions now;
  now.grace_period_seconds = 0;
  f.api.remove(f.pods, "default", "running", now);  // what the kubelet does when done
  CHECK_FALSE(f.api.try_get(f.pods, "default", "running"));
}

TEST_CASE("patches: merge, JSON and strategic", "[apiserver][patch]") {
  Fixture f;
  f.configmap("p", {{"a", "1"}});
  auto m = f.api.patch(f.cm, "default", "p", PatchType::Merge, {{"metadata", {{"labels", {{"b", "2"}}}}}});
  CHECK((*m)["metadata"]["labels"] == Json{{"a", "1"}, {"b", "2"}});
  auto j = f.api.patch(f.cm, "default", "p", PatchType::Json,
                       Json::array({{{"op", "replace"}, {"path", "/data/k"}, {"value", "x"}}}));
  CHECK((*j)["data"]["k"] == "x");
  CHECK(error_of([&] { f.api.patch(f.cm, "default", "nope", PatchType::Merge, Json::object()); }) ==
        "404 NotFound: configmaps \"nope\" not found");
}

TEST_CASE("property: the same seed and inputs give the same event log, byte for byte", "[apiserver][determinism]") {
  auto run = [](std::uint64_t seed) {
    Fixture f;
    sim::Random rng(seed);
    std::string log;
    auto w = f.api.watch(f.cm, "", {}, [&](const WatchEvent& e) { log += std::string(to_string(e.type)) + " " + e.object->dump() + "\n"; });
    for (int i = 0; i < 50; ++i) {
      f.sim.run_for(sim::millis(static_cast<std::int64_t>(rng.below(5000))));
      f.api.create(f.cm, "default", {{"metadata", {{"generateName", "x-"}}}});
    }
    f.sim.run_until_idle();
    return log;
  };
  const std::string a = run(9), b = run(9), c = run(10);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.size() > 1000);
}

TEST_CASE("services get a ClusterIP from 10.96.0.0/12 and nodePorts from 30000-32767", "[apiserver][services]") {
  Fixture f;
  const auto& svcs = f.api.resource("", "services");
  auto svc = [&](const std::string& name, Json spec) {
    return f.api.create(svcs, "default", {{"metadata", {{"name", name}}}, {"spec", spec}});
  };
  auto fixed = svc("kube-dns", {{"clusterIP", "10.96.0.10"}, {"ports", Json::array({{{"port", 53}}})}});
  CHECK((*fixed)["spec"]["clusterIPs"] == Json::array({"10.96.0.10"}));
  CHECK(error_of([&] { svc("again", {{"clusterIP", "10.96.0.10"}, {"ports", Json::array({{{"port", 53}}})}}); }) ==
        "422 Invalid: Service \"again\" is invalid: spec.clusterIPs: Invalid value: [\"10.96.0.10\"]: failed to "
        "allocate IP 10.96.0.10: provided IP is already allocated");
  // Dynamic addresses come from above the static band (the first 256 addresses).
  for (int i = 0; i < 20; ++i) {
    auto s = svc("s" + std::to_string(i), {{"ports", Json::array({{{"port", 80}}})}});
    std::uint32_t ip = 0;
    REQUIRE(parse_ipv4(str_field(*s, {"spec", "clusterIP"}), ip));
    CHECK(ip >= ((10u << 24) | (96u << 16) | 257u));
    CHECK(ip < ((10u << 24) | (112u << 16)));
  }
  auto np = svc("web", {{"type", "NodePort"}, {"ports", Json::array({{{"port", 80}, {"name", "http"}}, {{"port", 443}, {"name", "https"}}})}});
  for (const auto& p : (*np)["spec"]["ports"]) {
    const auto port = p["nodePort"].get<int>();
    CHECK(port >= 30086);  // above the static band of 86 ports
    CHECK(port <= 32767);
  }
  CHECK((*np)["spec"]["ports"][0]["nodePort"] != (*np)["spec"]["ports"][1]["nodePort"]);
  const int taken = (*np)["spec"]["ports"][0]["nodePort"].get<int>();
  CHECK(error_of([&] {
          svc("clash", {{"type", "NodePort"}, {"ports", Json::array({{{"port", 80}, {"nodePort", taken}}})}});
        }) == "422 Invalid: Service \"clash\" is invalid: spec.ports[0].nodePort: Invalid value: " +
                  std::to_string(taken) + ": provided port is already allocated");
  // An update that leaves clusterIP and nodePort out keeps them.
  Json replace = *np;
  replace["spec"].erase("clusterIP");
  replace["spec"].erase("clusterIPs");
  replace["spec"]["ports"][0].erase("nodePort");
  auto kept = f.api.update(svcs, "default", replace);
  CHECK((*kept)["spec"]["clusterIP"] == (*np)["spec"]["clusterIP"]);
  CHECK((*kept)["spec"]["ports"][0]["nodePort"] == taken);
}

TEST_CASE("pods/binding assigns a node once", "[apiserver][binding]") {
  Fixture f;
  f.api.create(f.pods, "default",
               {{"metadata", {{"name", "p"}}}, {"spec", {{"containers", Json::array({{{"name", "c"}, {"image", "nginx"}}})}}}});
  f.sim.run_for(sim::seconds(3));
  auto bound = f.api.bind_pod("default", "p", "k8s-node1");
  CHECK((*bound)["spec"]["nodeName"] == "k8s-node1");
  bool scheduled = false;
  for (const auto& c : (*bound)["status"]["conditions"])
    if (c["type"] == "PodScheduled") scheduled = c["status"] == "True" && c["lastTransitionTime"] == "2025-01-15T09:00:03Z";
  CHECK(scheduled);
  CHECK(error_of([&] { f.api.bind_pod("default", "p", "k8s-node2"); }) ==
        "409 Conflict: Operation cannot be fulfilled on pods/binding \"p\": pod p is already assigned to node "
        "\"k8s-node1\"");
}

TEST_CASE("a copied ResourceInfo reaches the same objects as the registry's", "[apiserver]") {
  sim::Simulator sim{sim::Time{0}};
  api::ApiServer api(sim, sim::Random(1));
  const api::ResourceInfo copy = api.resource("", "namespaces");  // a copy, not the registry's entry
  api.create(copy, "", Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "copied"}}}});
  CHECK(api.try_get(api.resource("", "namespaces"), "", "copied"));
  CHECK(api.try_get(copy, "", "copied"));
  CHECK(api.list(copy, "").items.size() == 1);
}

TEST_CASE("empty labels, annotations, finalizers and ownerReferences are not stored (Go's omitempty)",
          "[apiserver]") {
  Fixture f;
  auto a = f.configmap("a");  // created with labels: {}
  CHECK_FALSE(field(*a, {"metadata"}).contains("labels"));
  // Removing a label that is not there changes nothing: no write, no new resourceVersion.
  const auto rv = f.api.current_resource_version();
  auto same = f.api.patch(f.cm, "default", "a", PatchType::Merge, Json::parse(R"({"metadata":{"labels":{"x":null}}})"));
  CHECK(meta::resource_version(*same) == meta::resource_version(*a));
  CHECK(f.api.current_resource_version() == rv);
  // Removing the last label or annotation leaves no empty map behind.
  f.api.patch(f.cm, "default", "a", PatchType::Merge,
              Json::parse(R"({"metadata":{"labels":{"y":"1"},"annotations":{"n":"1"},"finalizers":[]}})"));
  auto b = f.api.patch(f.cm, "default", "a", PatchType::Merge,
                       Json::parse(R"({"metadata":{"labels":{"y":null},"annotations":{"n":null}}})"));
  const Json& m = field(*b, {"metadata"});
  CHECK_FALSE(m.contains("labels"));
  CHECK_FALSE(m.contains("annotations"));
  CHECK_FALSE(m.contains("finalizers"));
}
