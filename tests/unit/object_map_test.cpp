// ObjectMap (the store's and informers' key → object table): a property test against
// std::map through random puts, replacements, erases and iterations, and prefix scans.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/api/object_map.h"
#include "core/sim/random.h"

using kt::Json;
using kt::api::ObjectMap;
using kt::api::ObjectPtr;

namespace {

std::vector<std::pair<std::string, int>> contents(const ObjectMap& m) {
  std::vector<std::pair<std::string, int>> out;
  m.for_each([&](const ObjectMap::Entry& e) { out.emplace_back(e.key->text, e.object->get<int>()); });
  return out;
}

std::vector<std::pair<std::string, int>> contents(const std::map<std::string, int>& m) {
  return {m.begin(), m.end()};
}

}  // namespace

TEST_CASE("ObjectMap behaves as an ordered map through random writes", "[object_map]") {
  kt::sim::Random rng(7);
  ObjectMap m;
  std::map<std::string, int> ref;
  const std::vector<std::string> namespaces = {"default", "kube-system", "a", "a-b", ""};
  for (int step = 0; step < 20000; ++step) {
    const std::string& ns = namespaces[rng.next() % namespaces.size()];
    const std::string key = (ns.empty() ? "" : ns + "/") + "pod-" + std::to_string(rng.next() % 400);
    const auto op = rng.next() % 10;
    if (op < 6) {
      const int v = step;
      ObjectPtr old = m.put(kt::api::make_key(key), kt::api::make_object(Json(v)));
      auto it = ref.find(key);
      REQUIRE(bool(old) == (it != ref.end()));
      if (old) REQUIRE(old->get<int>() == it->second);
      ref[key] = v;
    } else if (op < 9) {
      ObjectPtr old = m.erase(key);
      auto it = ref.find(key);
      REQUIRE(bool(old) == (it != ref.end()));
      if (old) {
        REQUIRE(old->get<int>() == it->second);
        ref.erase(it);
      }
    } else {
      REQUIRE(contents(m) == contents(ref));
    }
    REQUIRE(m.size() == ref.size());
    const ObjectMap::Entry* e = m.find(key);
    REQUIRE(bool(e) == ref.count(key) > 0);
    if (e) REQUIRE(e->key->text == key);
  }
  REQUIRE(contents(m) == contents(ref));
  for (const auto& ns : namespaces) {
    if (ns.empty()) continue;
    std::vector<std::string> got, want;
    m.for_each_prefix(ns + "/", [&](const ObjectMap::Entry& e) { got.push_back(e.key->text); });
    for (const auto& [k, v] : ref)
      if (k.rfind(ns + "/", 0) == 0) want.push_back(k);
    CHECK(got == want);
  }
  m.clear();
  CHECK(m.empty());
  CHECK(contents(m).empty());
  CHECK(m.get("default/pod-1") == nullptr);
}

TEST_CASE("ObjectMap keeps the key string it was first given", "[object_map]") {
  ObjectMap m;
  auto k1 = kt::api::make_key("ns/a");
  m.put(k1, kt::api::make_object(Json(1)));
  m.put(kt::api::make_key("ns/a"), kt::api::make_object(Json(2)));
  REQUIRE(m.find("ns/a")->key == k1);
  CHECK(m.get("ns/a")->get<int>() == 2);
  m.for_each([](const ObjectMap::Entry&) {});  // settles into key order
  m.put(kt::api::make_key("ns/a"), kt::api::make_object(Json(3)));
  CHECK(m.find("ns/a")->key == k1);
  CHECK(m.size() == 1);
}

TEST_CASE("ObjectMap keys carry their hash, and put by text makes a key only when new", "[object_map]") {
  auto k = kt::api::make_key("default/web-1");
  CHECK(k->text == "default/web-1");
  CHECK(k->hash == ObjectMap::hash("default/web-1"));
  CHECK(ObjectMap::hash("default/web-1") != ObjectMap::hash("default/web-2"));
  ObjectMap m;
  m.prefetch(*k);  // a hint only: fine on an empty map
  kt::api::SharedKey stored;
  CHECK(m.put("default/web-1", kt::api::make_object(Json(1)), stored) == nullptr);
  REQUIRE(stored);
  CHECK(stored->text == "default/web-1");
  CHECK(stored->hash == k->hash);
  kt::api::SharedKey again;
  ObjectPtr old = m.put("default/web-1", kt::api::make_object(Json(2)), again);
  REQUIRE(old);
  CHECK(old->get<int>() == 1);
  CHECK(again == stored);  // the entry's own key, not a new one
  m.prefetch(*k);
  CHECK(m.get("default/web-1")->get<int>() == 2);
  CHECK(m.size() == 1);
}

TEST_CASE("ObjectMap's locate finds a key's entry, and put_at there writes it with one lookup", "[object_map]") {
  ObjectMap m;
  // Through several doublings of the index: locate grows it first, so the place
  // it gives stays valid for put_at.
  for (int i = 0; i < 300; ++i) {
    const std::string key = "default/web-" + std::to_string(i);
    const ObjectMap::Place p = m.locate(key);
    CHECK(m.entry(p) == nullptr);
    CHECK(p.hash == ObjectMap::hash(key));
    kt::api::SharedKey stored;
    CHECK(m.put_at(p, key, kt::api::make_object(Json(i)), stored) == nullptr);
    REQUIRE(stored);
    CHECK(stored->text == key);
    CHECK(stored->hash == ObjectMap::hash(key));
  }
  CHECK(m.size() == 300);
  for (int i = 0; i < 300; i += 7) {
    const std::string key = "default/web-" + std::to_string(i);
    const ObjectMap::Place p = m.locate(key);
    const ObjectMap::Entry* e = m.entry(p);
    REQUIRE(e);
    CHECK(e->object->get<int>() == i);
    const kt::api::SharedKey first = e->key;
    kt::api::SharedKey stored;
    ObjectPtr old = m.put_at(p, key, kt::api::make_object(Json(-i)), stored);
    REQUIRE(old);
    CHECK(old->get<int>() == i);
    CHECK(stored == first);  // the entry keeps its key
    CHECK(m.get(key)->get<int>() == -i);
  }
  CHECK(m.size() == 300);
}

TEST_CASE("ObjectMap finds every key through growth and erasure at scale", "[object_map]") {
  ObjectMap m;
  const int n = 50000;
  for (int i = 0; i < n; ++i) m.put(kt::api::make_key("default/pod-" + std::to_string(i)), kt::api::make_object(Json(i)));
  REQUIRE(m.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; i += 2) REQUIRE(m.erase("default/pod-" + std::to_string(i)));
  std::size_t wrong = 0;
  for (int i = 0; i < n; ++i) {
    const ObjectPtr o = m.get("default/pod-" + std::to_string(i));
    wrong += (i % 2 == 0) ? o != nullptr : (!o || o->get<int>() != i);
  }
  CHECK(wrong == 0);
  CHECK(m.size() == static_cast<std::size_t>(n / 2));
  std::size_t seen = 0;
  std::string last;
  bool ordered = true;
  m.for_each([&](const ObjectMap::Entry& e) {
    ordered = ordered && last < e.key->text;
    last = e.key->text;
    ++seen;
  });
  CHECK(ordered);
  CHECK(seen == static_cast<std::size_t>(n / 2));
  CHECK(m.get("default/pod-1")->get<int>() == 1);  // found again after the merge
}
