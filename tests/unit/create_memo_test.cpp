// The create path's memo (create_memo.h): pods created from one template skip
// re-decoding and re-validating an identical spec, and every answer stays what it
// would be without the memo — errors, warnings and stored objects alike.
#include <catch2/catch.hpp>

#include <string>

#include "core/admission/chain.h"
#include "core/api/apiserver.h"
#include "core/api/json_identical.h"
#include "tests/unit/api_error_of.h"

using namespace kt;
using namespace kt::api;
using kt::api::testing::error_of;

namespace {

struct Fixture {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  ApiServer api{sim, sim::Random(1)};
  const ResourceInfo& ns = api.resource("", "namespaces");
  const ResourceInfo& pods = api.resource("", "pods");

  Fixture() { api.create(ns, "", {{"metadata", {{"name", "default"}}}}); }

  static Json pod(const std::string& name, Json port = 80) {
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"labels", {{"app", "web"}}}}},
            {"spec",
             {{"containers",
               Json::array({{{"name", "web"},
                             {"image", "nginx:1.27"},
                             {"ports", Json::array({{{"containerPort", port}}})}}})}}}};
  }
  ObjectPtr create(Json obj, FieldValidation mode = FieldValidation::Ignore) {
    WriteOptions opts;
    opts.validation = mode;
    return api.create(pods, "default", std::move(obj), opts);
  }
};

}  // namespace

TEST_CASE("identical: same types and same bits, at every level", "[json][create-memo]") {
  CHECK(identical(Json::parse(R"({"a":[1,"x",{"b":true}],"c":null})"), Json::parse(R"({"c":null,"a":[1,"x",{"b":true}]})")));
  CHECK_FALSE(identical(Json(1), Json(1.0)));      // operator== says equal
  CHECK_FALSE(identical(Json(0.0), Json(-0.0)));   // operator== says equal
  CHECK_FALSE(identical(Json(5), Json(5u)));       // signed and unsigned
  CHECK_FALSE(identical(Json(true), Json(1)));
  CHECK_FALSE(identical(Json::parse(R"({"a":1})"), Json::parse(R"({"b":1})")));
  CHECK_FALSE(identical(Json::parse(R"({"a":[1,2]})"), Json::parse(R"({"a":[1,2,3]})")));
  CHECK_FALSE(identical(Json::parse(R"({"a":{"b":"x"}})"), Json::parse(R"({"a":{"b":"y"}})")));
  CHECK(identical(Json(), Json()));
  // A frozen document and its mutable twin, and two frozen documents sharing nodes.
  const Json doc = Json::parse(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}})");
  auto frozen = make_frozen(doc);
  auto again = make_frozen(doc, frozen.get());
  CHECK(identical(*frozen, doc));
  CHECK(identical(doc, *frozen));
  CHECK(identical((*frozen)["spec"], (*again)["spec"]));
  Json other = doc;
  other["spec"]["containers"][0]["ports"][0]["containerPort"] = 80.0;
  CHECK_FALSE(identical(*frozen, other));
}

TEST_CASE("make_frozen_with shares the twin of a part without looking at it", "[json][frozen][create-memo]") {
  const Json doc = Json::parse(R"({"metadata":{"name":"a"},"spec":{"containers":[{"name":"c","image":"nginx"}],"n":1}})");
  auto first = make_frozen(doc);
  Json next = doc;
  next["metadata"]["name"] = "b";
  const Json plain_copy = next;
  const Json* part = &next["spec"];
  auto with = make_frozen_with(std::move(next), nullptr, part, (*first)["spec"]);
  CHECK(with->get_ptr<const Json::object_t*>()->frozen());
  CHECK((*with)["spec"].get_ptr<const Json::object_t*>() == (*first)["spec"].get_ptr<const Json::object_t*>());
  CHECK(identical(*with, plain_copy));
  CHECK(identical(*with, *make_frozen(plain_copy)));
  first.reset();  // the shared spec outlives the document it came from
  CHECK((*with)["spec"]["containers"][0]["image"] == "nginx");
  // A twin that is not frozen is no node to share: the document is frozen as usual.
  Json again = plain_copy;
  const Json* spec = &again["spec"];
  auto plain = make_frozen_with(std::move(again), nullptr, spec, plain_copy["spec"]);
  CHECK(identical(*plain, plain_copy));
  CHECK((*plain)["spec"].get_ptr<const Json::object_t*>() != plain_copy["spec"].get_ptr<const Json::object_t*>());
}

TEST_CASE("pods from one template: each is decoded, defaulted, validated and stored alike", "[apiserver][create-memo]") {
  Fixture f;
  auto a = f.create(Fixture::pod("a"));
  auto b = f.create(Fixture::pod("b"));
  auto c = f.create(Fixture::pod("c"));
  // Defaults applied to every one (not only to the first).
  for (const auto& p : {a, b, c}) {
    CHECK((*p)["spec"]["containers"][0]["ports"][0]["protocol"] == "TCP");
    CHECK((*p)["spec"]["restartPolicy"] == "Always");
    CHECK((*p)["status"]["qosClass"] == "BestEffort");
  }
  CHECK(identical((*a)["spec"], (*c)["spec"]));
  // The second and third share the remembered defaulted spec's node, uncopied.
  CHECK((*b)["spec"].get_ptr<const Json::object_t*>() == (*c)["spec"].get_ptr<const Json::object_t*>());
}

TEST_CASE("a pod with the remembered spec takes the status made from it; another spec gets its own",
          "[apiserver][create-memo]") {
  Fixture f;
  auto a = f.create(Fixture::pod("a"));
  Json sent = Fixture::pod("b");
  sent["status"] = {{"phase", "Running"}};  // a client's status is never kept on create
  auto b = f.create(sent);
  CHECK((*b)["status"] == Json({{"phase", "Pending"}, {"qosClass", "BestEffort"}}));
  // b's status is a's, not made again (the remembered object's node, shared).
  CHECK((*b)["status"].get_ptr<const Json::object_t*>() == (*a)["status"].get_ptr<const Json::object_t*>());
  // A spec with equal requests and limits is Guaranteed, for the first pod that has it
  // and for the next ones; the template's spec is BestEffort again afterwards.
  Json sized = Fixture::pod("c");
  sized["spec"]["containers"][0]["resources"] = {{"limits", {{"cpu", "500m"}, {"memory", "128Mi"}}}};
  auto c = f.create(sized);
  sized["metadata"]["name"] = "d";
  auto d = f.create(sized);
  CHECK((*c)["status"]["qosClass"] == "Guaranteed");
  CHECK((*d)["status"]["qosClass"] == "Guaranteed");
  CHECK((*f.create(Fixture::pod("e")))["status"]["qosClass"] == "BestEffort");
  Json half = Fixture::pod("g");
  half["spec"]["containers"][0]["resources"] = {{"requests", {{"cpu", "100m"}}}};
  CHECK((*f.create(half))["status"]["qosClass"] == "Burstable");
}

TEST_CASE("a memoized spec does not excuse the metadata", "[apiserver][create-memo]") {
  Fixture f;
  f.create(Fixture::pod("a"));
  Json bad = Fixture::pod("b");
  bad["metadata"]["labels"]["bad key!"] = "x";
  CHECK(error_of([&] { f.create(bad); }) ==
        "422 Invalid: Pod \"b\" is invalid: metadata.labels: Invalid value: \"bad key!\": name part must consist of "
        "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
        "'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  CHECK(error_of([&] { f.create(Fixture::pod("Upper")); }).find("422 Invalid: Pod \"Upper\" is invalid: metadata.name") == 0);
  f.create(Fixture::pod("c"));
}

TEST_CASE("a spec equal in value but not in type is stored as sent", "[apiserver][create-memo]") {
  Fixture f;
  auto a = f.create(Fixture::pod("a", 80));
  // 80.0 == 80 for Json's operator==; the memo tells them apart, and each pod keeps
  // the number it was sent (a YAML 80.0 decodes, as kubectl sends it as 80).
  auto b = f.create(Fixture::pod("b", 80.0));
  auto c = f.create(Fixture::pod("c", 80));
  CHECK((*a)["spec"]["containers"][0]["ports"][0]["containerPort"].is_number_integer());
  CHECK((*b)["spec"]["containers"][0]["ports"][0]["containerPort"].is_number_float());
  CHECK((*c)["spec"]["containers"][0]["ports"][0]["containerPort"].is_number_integer());
  CHECK_FALSE(identical((*a)["spec"], (*b)["spec"]));
  CHECK(identical((*a)["spec"], (*c)["spec"]));
}

TEST_CASE("a spec that differs in validity is validated again", "[apiserver][create-memo]") {
  Fixture f;
  f.create(Fixture::pod("a", 80));
  CHECK(error_of([&] { f.create(Fixture::pod("b", 70000)); }) ==
        "422 Invalid: Pod \"b\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be "
        "between 1 and 65535, inclusive");
  f.create(Fixture::pod("c", 80));
  CHECK(error_of([&] { f.create(Fixture::pod("d", 0)); }).find("spec.containers[0].ports[0].containerPort: Required value") !=
        std::string::npos);
}

TEST_CASE("unknown fields warn on every create that has them", "[apiserver][create-memo]") {
  Fixture f;
  f.create(Fixture::pod("a"), FieldValidation::Warn);
  CHECK(f.api.last_warnings().empty());
  Json odd = Fixture::pod("b");
  odd["spec"]["containers"][0]["imagee"] = "typo";
  for (const char* name : {"b", "c"}) {
    odd["metadata"]["name"] = name;
    auto p = f.create(odd, FieldValidation::Warn);
    REQUIRE(f.api.last_warnings().size() == 1);
    CHECK(f.api.last_warnings()[0] == "unknown field \"spec.containers[0].imagee\"");
    CHECK_FALSE((*p)["spec"]["containers"][0].contains("imagee"));  // dropped, as kube's decoder does
  }
  CHECK(error_of([&] { f.create(odd, FieldValidation::Strict); }) ==
        "400 BadRequest: Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field "
        "\"spec.containers[0].imagee\"");
  f.create(Fixture::pod("d"), FieldValidation::Strict);
  CHECK(f.api.last_warnings().empty());
}

TEST_CASE("a spec that admission changes is validated as changed", "[apiserver][create-memo][admission]") {
  Fixture f;
  admission::install_default_admission(f.api);
  f.api.create(f.api.resource("", "serviceaccounts"), "default", {{"metadata", {{"name", "default"}}}});
  Json big = Fixture::pod("a");
  big["spec"]["containers"][0]["resources"] = {{"requests", {{"memory", "2Gi"}}}};
  auto a = f.create(big);
  CHECK_FALSE((*a)["spec"]["containers"][0]["resources"].contains("limits"));
  // From now on LimitRanger gives containers a 1Gi memory limit, after defaulting and
  // before validation: the same spec as sent now fails validation.
  f.api.create(f.api.resource("", "limitranges"), "default",
               Json::parse(R"({"metadata":{"name":"mem"},"spec":{"limits":[{"type":"Container","default":{"memory":"1Gi"}}]}})"));
  big["metadata"]["name"] = "b";
  CHECK(error_of([&] { f.create(big); }) ==
        "422 Invalid: Pod \"b\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2Gi\": must be "
        "less than or equal to memory limit of 1Gi");
  // A spec the defaults were remembered for is still defaulted, then admitted.
  auto c = f.create(Fixture::pod("c"));
  CHECK((*c)["spec"]["containers"][0]["resources"]["limits"]["memory"] == "1Gi");
  CHECK((*c)["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent");
  CHECK((*c)["status"]["qosClass"] == "Burstable");  // the QoS class counts what LimitRanger set
  // Admission changed c's copy of the remembered spec, never the remembered one: a
  // namespace without the LimitRange gets the defaults alone.
  f.api.create(f.ns, "", {{"metadata", {{"name", "plain"}}}});
  f.api.create(f.api.resource("", "serviceaccounts"), "plain", {{"metadata", {{"name", "default"}}}});
  Json d = Fixture::pod("d");
  auto in_plain = f.api.create(f.pods, "plain", d);
  CHECK_FALSE((*in_plain)["spec"]["containers"][0].value("resources", Json::object()).contains("limits"));
  CHECK((*in_plain)["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent");
  CHECK((*in_plain)["status"]["qosClass"] == "BestEffort");
  CHECK((*c)["spec"]["containers"][0]["resources"]["limits"]["memory"] == "1Gi");
}

TEST_CASE("metadata as a controller sends it is decoded once, and a changed one again", "[apiserver][create-memo]") {
  Fixture f;
  Json tmpl = Fixture::pod("");
  tmpl["metadata"].erase("name");
  tmpl["metadata"]["generateName"] = "web-";
  auto a = f.create(tmpl, FieldValidation::Warn);
  auto b = f.create(tmpl, FieldValidation::Warn);
  CHECK(f.api.last_warnings().empty());
  CHECK((*a)["metadata"]["name"] != (*b)["metadata"]["name"]);
  CHECK((*b)["metadata"]["name"].get<std::string>().rfind("web-", 0) == 0);
  Json odd = tmpl;
  odd["metadata"]["labelz"] = {{"app", "web"}};
  f.create(odd, FieldValidation::Warn);
  REQUIRE(f.api.last_warnings().size() == 1);
  CHECK(f.api.last_warnings()[0] == "unknown field \"metadata.labelz\"");
  Json wrong = tmpl;
  wrong["metadata"]["labels"]["tier"] = 1;
  CHECK(error_of([&] { f.create(wrong); }) ==
        "400 BadRequest: Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number into Go struct "
        "field ObjectMeta.metadata.labels of type string");
  f.create(tmpl, FieldValidation::Strict);
  CHECK(f.api.last_warnings().empty());
}
