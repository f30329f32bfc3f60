// EventRecorder (client-go's naming, dedup, aggregation, spam filter) and EventTTL.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/client/events.h"
#include "tests/unit/controller_test_env.h"

using namespace kt;
using namespace kt::client;
using api::ObjectPtr;

namespace {

std::vector<ObjectPtr> events_in(testenv::Env& env, const std::string& ns) {
  return env.api.list(env.res("", "events"), ns).items;
}

}  // namespace

TEST_CASE("events: an Event as client-go writes it", "[events]") {
  testenv::Env env;
  ObjectPtr pod = env.pod("default", "web-0");
  EventRecorder rec(env.api, "kubelet", "node-1");
  rec.event(*pod, EventType::Normal, "Pulling", "Pulling image \"nginx\"", "spec.containers{c}");
  auto evs = events_in(env, "default");
  REQUIRE(evs.size() == 1);
  const Json& ev = *evs[0];
  CHECK(api::meta::name(ev) == "web-0.181ad2166926a000");  // <name>.<hex unix nanos>
  CHECK(ev["involvedObject"] == Json{{"kind", "Pod"},
                                     {"namespace", "default"},
                                     {"name", "web-0"},
                                     {"uid", api::meta::uid(*pod)},
                                     {"apiVersion", "v1"},
                                     {"resourceVersion", (*pod)["metadata"]["resourceVersion"]},
                                     {"fieldPath", "spec.containers{c}"}});
  CHECK(ev["source"] == Json{{"component", "kubelet"}, {"host", "node-1"}});
  CHECK(ev["reportingComponent"] == "kubelet");
  CHECK(ev["reportingInstance"] == "node-1");
  CHECK(ev["type"] == "Normal");
  CHECK(ev["reason"] == "Pulling");
  CHECK(ev["message"] == "Pulling image \"nginx\"");
  CHECK(ev["count"] == 1);
  CHECK(ev["firstTimestamp"] == "2025-01-15T09:00:00Z");
  CHECK(ev["lastTimestamp"] == "2025-01-15T09:00:00Z");

  // Two different events at the same virtual instant still get distinct names.
  rec.event(*pod, EventType::Normal, "Pulled", "Successfully pulled image \"nginx\"");
  evs = events_in(env, "default");
  REQUIRE(evs.size() == 2);
  CHECK(api::meta::name(*evs[1]) == "web-0.181ad2166926a001");
}

TEST_CASE("events: cluster-scoped objects get their events in default", "[events]") {
  testenv::Env env;
  ObjectPtr node = env.api.create(env.res("", "nodes"), "", {{"apiVersion", "v1"}, {"kind", "Node"},
                                                             {"metadata", {{"name", "node-1"}}}});
  EventRecorder rec(env.api, "node-controller");
  rec.event(*node, EventType::Normal, "RegisteredNode", "Node node-1 event: Registered Node node-1 in Controller");
  auto evs = events_in(env, "default");
  REQUIRE(evs.size() == 1);
  CHECK_FALSE((*evs[0])["involvedObject"].contains("namespace"));
  CHECK((*evs[0])["source"] == Json{{"component", "node-controller"}});
}

TEST_CASE("events: an identical event increments count instead of creating another", "[events]") {
  testenv::Env env;
  ObjectPtr pod = env.pod("default", "web-0");
  EventRecorder rec(env.api, "kubelet", "node-1");
  for (int i = 0; i < 4; ++i) {
    rec.event(*pod, EventType::Warning, "BackOff", "Back-off restarting failed container c in pod web-0");
    env.settle(sim::seconds(20));
  }
  auto evs = events_in(env, "default");
  REQUIRE(evs.size() == 1);
  const Json& ev = *evs[0];
  CHECK(ev["count"] == 4);
  CHECK(ev["firstTimestamp"] == "2025-01-15T09:00:00Z");
  CHECK(ev["lastTimestamp"] == "2025-01-15T09:01:00Z");
  CHECK(rec.stats().created == 1);
  CHECK(rec.stats().patched == 3);

  // A different message is a different event.
  rec.event(*pod, EventType::Warning, "BackOff", "Back-off pulling image \"nginx\"");
  CHECK(events_in(env, "default").size() == 2);
}

TEST_CASE("events: the dedup count survives the Event's expiry (it is created again)", "[events]") {
  testenv::Env env;
  ObjectPtr pod = env.pod("default", "web-0");
  EventRecorder rec(env.api, "kubelet", "node-1");
  rec.event(*pod, EventType::Warning, "BackOff", "Back-off");
  auto first = events_in(env, "default").at(0);
  env.api.remove(env.res("", "events"), "default", api::meta::name(*first));
  env.settle(sim::seconds(10));
  rec.event(*pod, EventType::Warning, "BackOff", "Back-off");
  auto evs = events_in(env, "default");
  REQUIRE(evs.size() == 1);
  CHECK(api::meta::name(*evs[0]) == api::meta::name(*first));
  CHECK((*evs[0])["count"] == 2);
}

TEST_CASE("events: similar events within 10 minutes are combined", "[events]") {
  testenv::Env env;
  ObjectPtr rs = env.replicaset("default", "web");
  EventRecorder rec(env.api, "replicaset-controller");
  for (int i = 0; i < 12; ++i) {
    rec.event(*rs, EventType::Normal, "SuccessfulCreate", "Created pod: web-" + std::to_string(i));
    env.settle(sim::seconds(10));
  }
  auto evs = events_in(env, "default");
  // 9 distinct messages are recorded as they are; from the 10th on they are combined.
  REQUIRE(evs.size() == 10);
  std::vector<std::string> combined;
  for (const auto& e : evs) {
    std::string msg = (*e)["message"];
    if (msg.rfind("(combined from similar events): ", 0) == 0) combined.push_back(msg);
  }
  REQUIRE(combined.size() == 1);
  CHECK(combined[0] == "(combined from similar events): Created pod: web-11");
  for (const auto& e : evs)
    if ((*e)["message"] == combined[0]) CHECK((*e)["count"] == 3);
  CHECK(rec.stats().aggregated == 3);

  // After 10 quiet minutes the group starts over.
  env.settle(sim::minutes(11));
  rec.event(*rs, EventType::Normal, "SuccessfulCreate", "Created pod: web-new");
  bool found = false;
  for (const auto& e : events_in(env, "default")) found |= (*e)["message"] == "Created pod: web-new";
  CHECK(found);
}

TEST_CASE("events: a source may burst 25 events about one object", "[events]") {
  testenv::Env env;
  ObjectPtr pod = env.pod("default", "web-0");
  EventRecorder rec(env.api, "kubelet", "node-1");
  for (int i = 0; i < 30; ++i) rec.event(*pod, EventType::Normal, "Reason" + std::to_string(i), "m");
  CHECK(rec.stats().created == 25);
  CHECK(rec.stats().skipped == 5);
  // One token back every 5 minutes.
  env.settle(sim::minutes(5));
  rec.event(*pod, EventType::Normal, "Later", "m");
  rec.event(*pod, EventType::Normal, "Later2", "m");
  CHECK(rec.stats().created == 26);
  CHECK(rec.stats().skipped == 6);
}

TEST_CASE("events: EventTTL deletes events an hour after their last write", "[events]") {
  testenv::Env env;
  EventTTL ttl(env.api);
  ttl.start();
  ObjectPtr pod = env.pod("default", "web-0");
  EventRecorder rec(env.api, "kubelet", "node-1");
  rec.event(*pod, EventType::Normal, "Started", "Started container c");
  rec.event(*pod, EventType::Warning, "BackOff", "Back-off");
  env.settle(sim::minutes(30));
  rec.event(*pod, EventType::Warning, "BackOff", "Back-off");  // refreshes this one
  env.settle(sim::minutes(31));
  auto evs = events_in(env, "default");
  REQUIRE(evs.size() == 1);
  CHECK((*evs[0])["reason"] == "BackOff");
  CHECK(ttl.expired() == 1);
  env.settle(sim::minutes(30));
  CHECK(events_in(env, "default").empty());
  CHECK(ttl.expired() == 2);
  CHECK(ttl.tracked() == 0);
}
