// Frozen documents (make_frozen, json_object.h): they read exactly like the Json they
// were made from, copies are independent, equal parts are shared between
// documents, and releasing documents in any order frees what only they held.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/api/json.h"

using kt::Json;

namespace {

Json pod(const std::string& name, int replica_set) {
  Json p = Json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "", "namespace": "default", "labels": {"app": "nginx"},
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web",
                                      "uid": "", "controller": true}]},
    "spec": {"containers": [{"name": "nginx", "image": "nginx:1.14.2",
                             "ports": [{"containerPort": 80, "protocol": "TCP"}], "resources": {}}],
             "terminationGracePeriodSeconds": 30, "securityContext": {}, "tolerations": [],
             "overhead": null, "ratio": 0.5, "enableServiceLinks": true}
  })");
  p["metadata"]["name"] = name;
  p["metadata"]["ownerReferences"][0]["uid"] = "uid-" + std::to_string(replica_set);
  return p;
}

const void* object_node(const Json& j) { return j.get_ptr<const Json::object_t*>(); }
const void* string_node(const Json& j) { return j.get_ptr<const std::string*>(); }
const void* array_node(const Json& j) { return j.get_ptr<const Json::array_t*>(); }

}  // namespace

TEST_CASE("a frozen document reads like the original", "[json][frozen]") {
  const Json original = pod("web-abcde", 1);
  auto frozen = kt::make_frozen(original);
  CHECK(*frozen == original);
  CHECK(frozen->dump() == original.dump());
  CHECK(frozen->dump(2) == original.dump(2));
  CHECK((*frozen)["spec"]["containers"][0]["ports"][0]["containerPort"] == 80);
  CHECK((*frozen)["spec"]["ratio"].is_number_float());
  CHECK((*frozen)["spec"]["overhead"].is_null());
  CHECK(frozen->at("metadata").at("name") == "web-abcde");
  CHECK(frozen->find("nope") == frozen->end());
  CHECK(frozen->contains("spec"));
  std::vector<std::string> keys;
  for (const auto& [k, v] : frozen->items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"apiVersion", "kind", "metadata", "spec"});
  CHECK(Json::parse(frozen->dump()) == original);
}

TEST_CASE("a copy of a frozen document is an independent, editable Json", "[json][frozen]") {
  auto frozen = kt::make_frozen(pod("web-abcde", 1));
  Json copy = *frozen;
  copy["metadata"]["labels"]["app"] = "other";
  copy["spec"]["containers"][0]["image"] = "nginx:1.16";
  copy["metadata"].erase("namespace");
  Json spec = (*frozen)["spec"];
  spec["terminationGracePeriodSeconds"] = 5;
  CHECK((*frozen)["metadata"]["labels"]["app"] == "nginx");
  CHECK((*frozen)["spec"]["containers"][0]["image"] == "nginx:1.14.2");
  CHECK((*frozen)["metadata"]["namespace"] == "default");
  CHECK((*frozen)["spec"]["terminationGracePeriodSeconds"] == 30);
  CHECK(*frozen == pod("web-abcde", 1));
}

TEST_CASE("equal parts of frozen documents are shared", "[json][frozen]") {
  auto a = kt::make_frozen(pod("web-aaaaa", 1));
  auto b = kt::make_frozen(pod("web-bbbbb", 1));
  auto c = kt::make_frozen(pod("web-ccccc", 2));
  CHECK(object_node((*a)["spec"]) == object_node((*b)["spec"]));
  CHECK(object_node((*a)["spec"]) == object_node((*c)["spec"]));
  CHECK(object_node((*a)["metadata"]["labels"]) == object_node((*b)["metadata"]["labels"]));
  CHECK(array_node((*a)["metadata"]["ownerReferences"]) == array_node((*b)["metadata"]["ownerReferences"]));
  CHECK(array_node((*a)["metadata"]["ownerReferences"]) != array_node((*c)["metadata"]["ownerReferences"]));
  CHECK(string_node((*a)["kind"]) == string_node((*c)["kind"]));
  CHECK(object_node((*a)["metadata"]) != object_node((*b)["metadata"]));
  CHECK((*a)["metadata"]["name"] == "web-aaaaa");
  CHECK((*b)["metadata"]["name"] == "web-bbbbb");
}

TEST_CASE("numbers of different types are never shared as equal", "[json][frozen]") {
  auto i = kt::make_frozen(Json::parse(R"({"spec": {"v": 1, "w": [1]}})"));
  auto f = kt::make_frozen(Json::parse(R"({"spec": {"v": 1.0, "w": [1.0]}})"));
  auto u = kt::make_frozen(Json{{"spec", {{"v", 1u}, {"w", Json::array({1u})}}}});
  CHECK(i->dump() == R"({"spec":{"v":1,"w":[1]}})");
  CHECK(f->dump() == R"({"spec":{"v":1.0,"w":[1.0]}})");
  CHECK((*u)["spec"]["v"].is_number_unsigned());
  CHECK(object_node((*i)["spec"]) != object_node((*f)["spec"]));
}

TEST_CASE("frozen documents are released in any order", "[json][frozen]") {
  std::vector<std::shared_ptr<const Json>> docs;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 200; ++i) docs.push_back(kt::make_frozen(pod("web-" + std::to_string(i % 50), i % 7)));
    // Drop every third, then freeze more that share with the survivors.
    for (std::size_t i = 0; i < docs.size(); i += 3) docs[i].reset();
    for (int i = 0; i < 50; ++i) docs.push_back(kt::make_frozen(pod("web-" + std::to_string(i), i % 7)));
  }
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i]) continue;
    const Json& d = *docs[i];
    CHECK(d["spec"]["containers"][0]["name"] == "nginx");
    CHECK(d["metadata"]["ownerReferences"][0]["uid"].get<std::string>().rfind("uid-", 0) == 0);
  }
  while (!docs.empty()) docs.pop_back();
  auto again = kt::make_frozen(pod("web-x", 1));
  CHECK((*again)["metadata"]["name"] == "web-x");
}

TEST_CASE("documents that are not objects are kept as they are", "[json][frozen]") {
  auto arr = kt::make_frozen(Json::array({1, "two", Json::object({{"three", 3}})}));
  CHECK(arr->dump() == R"([1,"two",{"three":3}])");
  auto s = kt::make_frozen(Json("text"));
  CHECK(*s == "text");
  auto empty = kt::make_frozen(Json::object());
  CHECK(empty->dump() == "{}");
  auto nested_empty = kt::make_frozen(Json{{"a", Json::object()}, {"b", Json::array()}});
  CHECK(nested_empty->dump() == R"({"a":{},"b":[]})");
}

TEST_CASE("a document frozen like another shares its equal parts and keeps its own", "[json][frozen]") {
  auto a = kt::make_frozen(pod("web-aaaaa", 1));
  Json next = pod("web-bbbbb", 1);
  next["spec"]["containers"][0]["image"] = "nginx:1.16";  // one leaf differs deep down
  auto b = kt::make_frozen(next, a.get());
  CHECK(*b == next);
  CHECK(b->dump() == next.dump());
  // Unchanged parts are a's nodes; the changed path gets new ones.
  CHECK(object_node((*b)["metadata"]["labels"]) == object_node((*a)["metadata"]["labels"]));
  CHECK(array_node((*b)["metadata"]["ownerReferences"]) == array_node((*a)["metadata"]["ownerReferences"]));
  CHECK(array_node((*b)["spec"]["containers"][0]["ports"]) == array_node((*a)["spec"]["containers"][0]["ports"]));
  CHECK(string_node((*b)["spec"]["containers"][0]["name"]) == string_node((*a)["spec"]["containers"][0]["name"]));
  CHECK(object_node((*b)["spec"]) != object_node((*a)["spec"]));
  CHECK((*a)["spec"]["containers"][0]["image"] == "nginx:1.14.2");
  CHECK((*b)["spec"]["containers"][0]["image"] == "nginx:1.16");

  // Members added, removed or of another type in the new version.
  Json edited = *b;
  edited["spec"].erase("ratio");
  edited["spec"]["hostname"] = "h";
  edited["spec"]["terminationGracePeriodSeconds"] = 30.0;
  edited["metadata"]["labels"] = Json::array({"app"});
  auto c = kt::make_frozen(edited, b.get());
  CHECK(*c == edited);
  CHECK(c->dump() == edited.dump());
  CHECK((*c)["spec"]["terminationGracePeriodSeconds"].is_number_float());

  // The result is the same document whichever guide is given, and equal to one frozen without.
  auto d = kt::make_frozen(pod("web-ddddd", 2), c.get());
  CHECK(*d == pod("web-ddddd", 2));
  CHECK(object_node((*d)["spec"]) == object_node((*a)["spec"]));  // found by hash, as without a guide

  // A guide that is not a frozen document is ignored.
  const Json plain = pod("web-eeeee", 1);
  auto e = kt::make_frozen(pod("web-eeeee", 1), &plain);
  CHECK(*e == plain);
  CHECK(object_node((*e)["metadata"]) != object_node(plain["metadata"]));

  // Releasing the guide first leaves the documents that share with it intact.
  a.reset();
  c.reset();
  CHECK((*b)["metadata"]["labels"]["app"] == "nginx");
  CHECK((*b)["spec"]["containers"][0]["ports"][0]["containerPort"] == 80);
  CHECK((*d)["spec"]["containers"][0]["image"] == "nginx:1.14.2");
}

TEST_CASE("object members are ordered as std::string orders their keys, byte by byte", "[json]") {
  // KeyLess compares a word at a time: check it against std::string's order on keys
  // that share long prefixes, differ in any byte (high bytes included) or in length.
  const kt::json_detail::KeyLess less;
  std::vector<std::string> keys = {"", "a", "b", "ab", "abcdefgh", "abcdefgi", "abcdefg", "abcdefghi",
                                   "terminationMessagePath", "terminationMessagePolicy", "termination",
                                   std::string("a\x80", 2), std::string("a\x7f", 2), std::string("\xff"),
                                   std::string("abcdefgh\x01", 9), std::string("abcdefgh\xfe", 9)};
  std::uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < 400; ++i) {
    std::string k;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const std::size_t n = x % 20;
    for (std::size_t j = 0; j < n; ++j) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      k.push_back(static_cast<char>("ab\x80\xff"[x % 4]));
    }
    keys.push_back(k);
  }
  std::size_t pairs = 0;
  for (const auto& a : keys)
    for (const auto& b : keys) {
      INFO(a << " / " << b);
      REQUIRE(less(a, b) == (a < b));
      REQUIRE(less(std::string_view(a), b) == (a < b));
      ++pairs;
    }
  CHECK(pairs == keys.size() * keys.size());
  // And a map of them iterates in that order.
  Json obj = Json::object();
  for (const auto& k : keys) obj[k] = k.size();
  std::vector<std::string> seen;
  for (const auto& [k, v] : obj.items()) seen.push_back(k);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
}

TEST_CASE("a guide with other members still guides the members it shares", "[json][frozen]") {
  auto guide = kt::make_frozen(Json{{"a", "shared-a-value-long"}, {"b", 1}, {"c", "shared-c-value-long"},
                                    {"d", 2}, {"e", {{"x", "deep"}}}});
  // Every other key of the guide, and one the guide lacks: each common member's node
  // is the guide's.
  const Json next{{"a", "shared-a-value-long"}, {"c", "shared-c-value-long"}, {"e", {{"x", "deep"}}}, {"f", "new"}};
  auto doc = kt::make_frozen(next, guide.get());
  CHECK(*doc == next);
  CHECK(string_node((*doc)["a"]) == string_node((*guide)["a"]));
  CHECK(string_node((*doc)["c"]) == string_node((*guide)["c"]));
  CHECK(object_node((*doc)["e"]) == object_node((*guide)["e"]));
  // The same keys as the guide, all equal: the whole document is the guide's node.
  auto same = kt::make_frozen(Json(*guide), guide.get());
  CHECK(object_node(*same) == object_node(*guide));
}

TEST_CASE("scalars with the same bits but another type or sign stay apart", "[json][frozen]") {
  auto guide = kt::make_frozen(Json{{"v", 1}, {"n", -1}, {"z", 0.0}, {"t", true}});
  const Json next{{"v", true}, {"n", std::numeric_limits<std::uint64_t>::max()}, {"z", -0.0}, {"t", 1}};
  auto doc = kt::make_frozen(next, guide.get());
  CHECK((*doc)["v"].is_boolean());
  CHECK((*doc)["n"].is_number_unsigned());
  CHECK((*doc)["t"].is_number_integer());
  CHECK(doc->dump() == next.dump());
  CHECK(doc->dump() == R"({"n":18446744073709551615,"t":1,"v":true,"z":-0.0})");
  auto again = kt::make_frozen(Json{{"v", 1}, {"n", -1}, {"z", 0.0}, {"t", true}}, doc.get());
  CHECK(again->dump() == R"({"n":-1,"t":true,"v":1,"z":0.0})");
}

TEST_CASE("binary values freeze, compare and are released like the rest", "[json][frozen]") {
  auto with_binary = [](std::uint8_t last) {
    return Json{{"spec", {{"data", Json::binary({1, 2, last})}, {"n", 1}}}, {"name", "x"}};
  };
  auto a = kt::make_frozen(with_binary(3));
  CHECK(*a == with_binary(3));
  CHECK((*a)["spec"]["data"].get_binary() == Json::binary_t({1, 2, 3}));
  // Equal: the parent is shared (the new document's own binary is released unused).
  auto b = kt::make_frozen(with_binary(3), a.get());
  CHECK(object_node((*b)["spec"]) == object_node((*a)["spec"]));
  auto c = kt::make_frozen(with_binary(3));
  CHECK(object_node((*c)["spec"]) == object_node((*a)["spec"]));
  // Different: a new node that holds its own copy.
  auto d = kt::make_frozen(with_binary(4), a.get());
  CHECK(object_node((*d)["spec"]) != object_node((*a)["spec"]));
  CHECK((*d)["spec"]["data"].get_binary() == Json::binary_t({1, 2, 4}));
  a.reset();
  b.reset();
  CHECK((*c)["spec"]["data"].get_binary() == Json::binary_t({1, 2, 3}));
  Json copy = *d;
  copy["spec"]["data"] = Json::binary({9});
  CHECK((*d)["spec"]["data"].get_binary() == Json::binary_t({1, 2, 4}));
}
