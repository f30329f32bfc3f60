// Borrowed objects (json.h borrow_frozen, json_object.h): a mutable document's object
// that shares a frozen node. It reads as the node, behaves as a copy whenever it is
// touched non-const, and freezing the document takes the node back as it is.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>

#include "core/api/json.h"
#include "core/api/json_identical.h"
#include "core/api/object.h"

using kt::Json;

namespace {

std::shared_ptr<const Json> frozen_pod() {
  return kt::make_frozen(Json::parse(R"({
    "metadata": {"name": "web-1", "labels": {"app": "web"}},
    "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                             "ports": [{"containerPort": 80, "protocol": "TCP"}]}],
             "restartPolicy": "Always", "terminationGracePeriodSeconds": 30}
  })"));
}

const Json::object_t& map_of(const Json& j) { return *j.get_ptr<const Json::object_t*>(); }
bool borrowed(const Json& j) { return j.is_object() && map_of(j).borrowed(); }
const void* node_of(const Json& j) { return map_of(j).frozen_node(); }

}  // namespace

TEST_CASE("a borrowed object reads as the frozen one and shares its node", "[json][borrowed]") {
  auto pod = frozen_pod();
  const Json& spec = (*pod)["spec"];
  const Json b = kt::borrow_frozen(spec);
  CHECK(borrowed(b));
  CHECK(node_of(b) == node_of(spec));
  CHECK(b == spec);
  CHECK(b.dump() == spec.dump());
  CHECK(b["containers"][0]["ports"][0]["containerPort"] == 80);
  CHECK(b.at("restartPolicy") == "Always");
  CHECK(b.find("nope") == b.end());
  CHECK(b.size() == 3);
  CHECK(kt::identical(b, spec));
  CHECK(kt::identical(spec, b));
  // What is not a frozen object is copied.
  const Json plain = Json::parse(R"({"a": 1})");
  CHECK_FALSE(borrowed(kt::borrow_frozen(plain)));
  CHECK(kt::borrow_frozen(plain) == plain);
  CHECK(kt::borrow_frozen(spec["containers"]) == spec["containers"]);
}

TEST_CASE("any non-const access makes a borrowed object its own copy", "[json][borrowed]") {
  auto pod = frozen_pod();
  const Json& spec = (*pod)["spec"];
  const std::string before = pod->dump();

  Json w = kt::borrow_frozen(spec);
  w["restartPolicy"] = "Never";
  CHECK_FALSE(borrowed(w));
  CHECK(w["restartPolicy"] == "Never");
  CHECK(w["containers"][0]["image"] == "nginx:1.27");

  // A reference taken through non-const find, at, begin or iteration may be written
  // through: each thaws first.
  Json f = kt::borrow_frozen(spec);
  f.find("containers")->at(0)["image"] = "httpd";
  CHECK(f["containers"][0]["image"] == "httpd");
  Json a = kt::borrow_frozen(spec);
  a.at("terminationGracePeriodSeconds") = 5;
  CHECK(a["terminationGracePeriodSeconds"] == 5);
  Json i = kt::borrow_frozen(spec);
  for (auto& [k, v] : i.items())
    if (k == "restartPolicy") v = "OnFailure";
  CHECK(i["restartPolicy"] == "OnFailure");
  Json e = kt::borrow_frozen(spec);
  e.erase("restartPolicy");
  CHECK_FALSE(e.contains("restartPolicy"));
  CHECK(e.size() == 2);

  CHECK(pod->dump() == before);
  CHECK(kt::borrow_frozen(spec) == spec);
}

TEST_CASE("reads through the const member map leave it borrowed; Json's accessors thaw it", "[json][borrowed]") {
  auto pod = frozen_pod();
  const Json& spec = (*pod)["spec"];
  const Json b = kt::borrow_frozen(spec);
  CHECK(kt::api::str_field(kt::api::field(b, {"containers"})[0], {"image"}) == "nginx:1.27");
  CHECK(kt::api::field(b, {"terminationGracePeriodSeconds"}) == 30);
  CHECK(map_of(b).find("restartPolicy")->second == "Always");
  CHECK(borrowed(b));
  // Json's const operator[] reaches the map through a non-const pointer: a copy is
  // made, and it reads the same.
  CHECK(b["restartPolicy"] == "Always");
  CHECK_FALSE(borrowed(b));
  CHECK(b == spec);
  CHECK(node_of(spec) != nullptr);
}

TEST_CASE("copies and moves of a borrowed object", "[json][borrowed]") {
  auto pod = frozen_pod();
  const Json& spec = (*pod)["spec"];
  Json b = kt::borrow_frozen(spec);
  Json copy = b;  // borrows the node too
  CHECK(borrowed(copy));
  CHECK(node_of(copy) == node_of(spec));
  copy["restartPolicy"] = "Never";
  CHECK(borrowed(b));
  CHECK(map_of(b).find("restartPolicy")->second == "Always");
  Json moved = std::move(b);
  CHECK(borrowed(moved));
  CHECK(moved == spec);
  Json assigned;
  assigned = moved;
  CHECK(borrowed(assigned));
  // The node outlives the document it came from while borrowed.
  pod.reset();
  CHECK(assigned["containers"][0]["name"] == "web");
  CHECK(moved.dump() == assigned.dump());
}

TEST_CASE("freezing takes a borrowed object's node back", "[json][borrowed]") {
  auto pod = frozen_pod();
  const Json& spec = (*pod)["spec"];
  Json next = Json::parse(R"({"metadata": {"name": "web-2", "labels": {"app": "web"}}})");
  next["spec"] = kt::borrow_frozen(spec);
  auto stored = kt::make_frozen(std::move(next));
  CHECK(node_of((*stored)["spec"]) == node_of(spec));
  CHECK((*stored)["metadata"]["name"] == "web-2");
  // Guided by the first pod, and frozen whole.
  Json guided = Json::parse(R"({"metadata": {"name": "web-3", "labels": {"app": "web"}}})");
  guided["spec"] = kt::borrow_frozen(spec);
  auto third = kt::make_frozen(std::move(guided), pod.get());
  CHECK(node_of((*third)["spec"]) == node_of(spec));
  auto whole = kt::make_frozen(kt::borrow_frozen(spec));
  CHECK(node_of(*whole) == node_of(spec));
  // A borrowed object that was written to is frozen as any other object.
  Json changed = Json::parse(R"({"metadata": {"name": "web-4"}})");
  changed["spec"] = kt::borrow_frozen(spec);
  changed["spec"]["restartPolicy"] = "Never";
  auto fourth = kt::make_frozen(std::move(changed));
  CHECK(node_of((*fourth)["spec"]) != node_of(spec));
  CHECK((*fourth)["spec"]["restartPolicy"] == "Never");
  CHECK((*fourth)["spec"]["containers"] == spec["containers"]);
  pod.reset();
  CHECK((*stored)["spec"]["containers"][0]["image"] == "nginx:1.27");
  CHECK((*third)["spec"] == (*stored)["spec"]);
}

TEST_CASE("a document holding borrowed objects is destroyed like any other", "[json][borrowed]") {
  auto pod = frozen_pod();
  {
    Json doc = {{"a", kt::borrow_frozen((*pod)["spec"])},
                {"b", Json::array({kt::borrow_frozen((*pod)["metadata"]), kt::borrow_frozen((*pod)["spec"])})}};
    CHECK(borrowed(doc["b"][1]));  // operator[] on the array does not touch the object
    CHECK(doc.dump().find("nginx:1.27") != std::string::npos);
  }
  Json alone = kt::borrow_frozen((*pod)["spec"]);
  alone = nullptr;
  CHECK((*pod)["spec"]["restartPolicy"] == "Always");
}

TEST_CASE("set_member adds or replaces one member, and a borrowed object becomes its own copy first",
          "[json][borrowed]") {
  Json obj = {{"b", 1}, {"d", 2}};
  kt::api::set_member(obj, "c", "new");       // between two keys
  kt::api::set_member(obj, "d", Json::array());  // replaced, not added twice
  kt::api::set_member(obj, "a", nullptr);
  CHECK(obj.dump() == R"({"a":null,"b":1,"c":"new","d":[]})");
  Json& m = kt::api::set_member(obj, "c", 3);
  m = 4;  // the member itself
  CHECK(obj["c"] == 4);

  auto pod = frozen_pod();
  const std::string before = pod->dump();
  Json spec = kt::borrow_frozen((*pod)["spec"]);
  REQUIRE(borrowed(spec));
  kt::api::set_member(spec, "restartPolicy", "Never");
  CHECK_FALSE(borrowed(spec));
  CHECK(spec["restartPolicy"] == "Never");
  CHECK(spec["terminationGracePeriodSeconds"] == 30);
  CHECK(pod->dump() == before);  // the node is untouched
}
