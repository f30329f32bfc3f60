// Server-side apply: field ownership, conflicts, forced applies, removal of dropped fields.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using namespace kt::api;

namespace {

struct SsaFixture {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  ApiServer api{sim, sim::Random(1)};
  const ResourceInfo& deploys = api.resource("apps", "deployments");

  SsaFixture() { api.create(api.resource("", "namespaces"), "", {{"metadata", {{"name", "default"}}}}); }

  static Json config(int replicas, const std::string& image, bool with_label = true) {
    Json d = Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
      "spec":{"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":""}]}}}})");
    d["spec"]["replicas"] = replicas;
    d["spec"]["template"]["spec"]["containers"][0]["image"] = image;
    if (with_label) d["metadata"]["labels"] = {{"tier", "front"}};
    return d;
  }

  ObjectPtr apply(const Json& cfg, const std::string& manager, bool force = false) {
    WriteOptions o;
    o.field_manager = manager;
    o.force = force;
    return api.patch(deploys, "default", "web", PatchType::Apply, cfg, o);
  }

  std::string apply_error(const Json& cfg, const std::string& manager) {
    try {
      apply(cfg, manager);
    } catch (const ApiError& e) {
      return std::to_string(e.code()) + " " + e.message();
    }
    return "no error";
  }

  std::vector<std::string> managers() {
    std::vector<std::string> out;
    for (const auto& e : (*api.get(deploys, "default", "web"))["metadata"]["managedFields"])
      out.push_back(e["manager"].get<std::string>() + "/" + e["operation"].get<std::string>() +
                    (e.contains("subresource") ? "/" + e["subresource"].get<std::string>() : ""));
    return out;
  }
};

}  // namespace

TEST_CASE("server-side apply records the applied fields as the manager's", "[api][ssa]") {
  SsaFixture f;
  ObjectPtr d = f.apply(SsaFixture::config(2, "nginx:1.25"), "ci");
  const Json& mf = (*d)["metadata"]["managedFields"];
  REQUIRE(mf.size() == 1);
  CHECK(mf[0]["manager"] == "ci");
  CHECK(mf[0]["operation"] == "Apply");
  CHECK(mf[0]["apiVersion"] == "apps/v1");
  CHECK(mf[0]["fieldsType"] == "FieldsV1");
  CHECK(mf[0]["time"] == "2025-01-15T09:00:00Z");
  CHECK(mf[0]["fieldsV1"] == Json::parse(R"({
    "f:metadata":{"f:labels":{"f:tier":{}}},
    "f:spec":{"f:replicas":{},"f:selector":{},
      "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
        "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}})"));
  // Defaults are there, not owned.
  CHECK((*d)["spec"]["strategy"]["type"] == "RollingUpdate");
  // Applying the same configuration again changes nothing.
  ObjectPtr again = f.apply(SsaFixture::config(2, "nginx:1.25"), "ci");
  CHECK(meta::resource_version(*again) == meta::resource_version(*d));
}

TEST_CASE("a field another manager changed conflicts until forced", "[api][ssa]") {
  SsaFixture f;
  f.apply(SsaFixture::config(2, "nginx:1.25"), "ci");
  Json scale = Json::parse(R"({"spec":{"replicas":5}})");
  WriteOptions hotfix;
  hotfix.field_manager = "hotfix";
  f.api.patch(f.deploys, "default", "web", PatchType::Merge, scale, hotfix);
  CHECK(f.managers() == std::vector<std::string>{"ci/Apply", "hotfix/Update"});

  CHECK(f.apply_error(SsaFixture::config(2, "nginx:1.25"), "ci") ==
        "409 Apply failed with 1 conflict: conflict with \"hotfix\" using apps/v1: .spec.replicas");
  // Agreeing with the current value is no conflict: the field is shared.
  CHECK(f.apply_error(SsaFixture::config(5, "nginx:1.25"), "ci") == "no error");
  // Two conflicts with two managers, listed by manager.
  Json image = Json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}})");
  WriteOptions setter;
  setter.field_manager = "kubectl-set";
  f.api.patch(f.deploys, "default", "web", PatchType::Strategic, image, setter);
  f.api.patch(f.deploys, "default", "web", PatchType::Merge, Json::parse(R"({"spec":{"replicas":6}})"), hotfix);
  CHECK(f.apply_error(SsaFixture::config(2, "nginx:1.25"), "ci") ==
        "409 Apply failed with 2 conflicts: conflicts with \"hotfix\" using apps/v1:\n- .spec.replicas\n"
        "conflicts with \"kubectl-set\" using apps/v1:\n- .spec.template.spec.containers[name=\"nginx\"].image");

  ObjectPtr forced = f.apply(SsaFixture::config(2, "nginx:1.25"), "ci", true);
  CHECK((*forced)["spec"]["replicas"] == 2);
  CHECK((*forced)["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.25");
  CHECK(f.managers() == std::vector<std::string>{"ci/Apply"});
}

TEST_CASE("fields dropped from the configuration are removed unless someone else owns them", "[api][ssa]") {
  SsaFixture f;
  f.apply(SsaFixture::config(2, "nginx:1.25"), "ci");
  ObjectPtr d = f.apply(SsaFixture::config(2, "nginx:1.25", false), "ci");
  CHECK_FALSE((*d)["metadata"].contains("labels"));

  // A label another manager also set stays.
  f.apply(SsaFixture::config(2, "nginx:1.25"), "ci");
  f.apply(Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"tier":"front"}}})"),
          "labeller");
  d = f.apply(SsaFixture::config(2, "nginx:1.25", false), "ci");
  CHECK((*d)["metadata"]["labels"]["tier"] == "front");
}

TEST_CASE("the first apply to an object without managedFields meets before-first-apply", "[api][ssa]") {
  SsaFixture f;
  f.api.create(f.deploys, "default", SsaFixture::config(3, "nginx:1.25"));
  CHECK(f.apply_error(SsaFixture::config(2, "nginx:1.25"), "ci") ==
        "409 Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas");
  CHECK(f.apply_error(SsaFixture::config(3, "nginx:1.25"), "") ==
        "422 PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
}

TEST_CASE("kubectl apply --server-side through the terminal", "[kubectl][ssa]") {
  kt::testing::ShellFixture f;
  f.out("cat > web.yaml <<EOF\n" + SsaFixture::config(2, "nginx:1.25").dump() + "\nEOF");
  CHECK(f.out("kubectl apply --server-side -f web.yaml") == "deployment.apps/web serverside-applied\n");
  CHECK(f.out("kubectl get deploy web -o yaml").find("managedFields") == std::string::npos);  // hidden
  CHECK(f.out("kubectl get deploy web -o jsonpath='{.metadata.managedFields[0].manager}' --show-managed-fields") ==
        "kubectl");
  CHECK(f.out("kubectl scale deploy web --replicas=4") == "deployment.apps/web scaled\n");
  const std::string conflict = f.out("kubectl apply --server-side -f web.yaml");
  CHECK(conflict.rfind("error: Apply failed with 1 conflict: conflict with ", 0) == 0);
  CHECK(conflict.find(".spec.replicas\nPlease review the fields above--they currently have other managers.") !=
        std::string::npos);
  CHECK(f.out("kubectl apply --server-side -f web.yaml --force-conflicts") == "deployment.apps/web serverside-applied\n");
  CHECK(f.out("kubectl get deploy web -o jsonpath='{.spec.replicas}'") == "2");
  CHECK(f.out("kubectl apply -f web.yaml --force-conflicts") == "error: --force-conflicts only works with --server-side\n");
  CHECK(f.out("kubectl apply --server-side -f web.yaml --dry-run=client") ==
        "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
}
