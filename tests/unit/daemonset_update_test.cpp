// daemonset-controller updates: RollingUpdate with maxSurge (the new pod starts
// beside the old one, which goes once the new one is available), minReadySeconds
// (numberAvailable lags numberReady), OnDelete (nothing changes until a pod is deleted).
#include <catch2/catch.hpp>

#include <set>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

const api::ResourceInfo& ds_res(Sandbox& sb) { return sb.api().resource("apps", "daemonsets"); }

void make_ds(Sandbox& sb, const std::string& name, Json spec_extra) {
  Json container = {{"name", "nginx"}, {"image", "nginx:1.14.2"}};
  Json spec = Json::object();
  spec["selector"]["matchLabels"]["app"] = name;
  spec["template"]["metadata"]["labels"]["app"] = name;
  spec["template"]["spec"]["containers"] = Json::array({container});
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  Json ds = {{"apiVersion", "apps/v1"}, {"kind", "DaemonSet"}};
  ds["metadata"]["name"] = name;
  ds["spec"] = spec;
  sb.api().create(ds_res(sb), "default", ds);
}

void set_image(Sandbox& sb, const std::string& name, const std::string& image) {
  Json ds = *sb.api().get(ds_res(sb), "default", name);
  ds["spec"]["template"]["spec"]["containers"][0]["image"] = image;
  sb.api().update(ds_res(sb), "default", ds);
}

// node -> images of the pods there that are not being deleted
std::map<std::string, std::multiset<std::string>> images_by_node(Sandbox& sb, const std::string& app) {
  std::map<std::string, std::multiset<std::string>> out;
  for (const auto& p : sb.api().list(sb.api().resource("", "pods"), "default", api::ListOptions{"app=" + app}).items)
    if (!api::meta::being_deleted(*p))
      out[api::str_field(*p, {"spec", "nodeName"})].insert(api::field(*p, {"spec", "containers"})[0].value("image", ""));
  return out;
}

std::int64_t status(Sandbox& sb, const std::string& name, const char* field) {
  return api::int_field(*sb.api().get(ds_res(sb), "default", name), {"status", field});
}

}  // namespace

TEST_CASE("RollingUpdate with maxSurge 1: a new pod beside the old one, never less available", "[daemonset]") {
  Sandbox sb;
  Json strategy = {{"type", "RollingUpdate"}};
  strategy["rollingUpdate"]["maxSurge"] = 1;
  strategy["rollingUpdate"]["maxUnavailable"] = 0;
  make_ds(sb, "surge", {{"updateStrategy", strategy}});
  sb.advance(sim::seconds(30));
  REQUIRE(status(sb, "surge", "numberAvailable") == 2);
  set_image(sb, "surge", "nginx:1.16");
  bool saw_surge = false;
  for (int i = 0; i < 120; ++i) {
    sb.advance(sim::millis(500));
    const auto by_node = images_by_node(sb, "surge");
    std::size_t at_once = 0;
    for (const auto& [node, images] : by_node) {
      if (images.size() == 2) {
        saw_surge = true;
        ++at_once;
      }
    }
    CHECK(at_once <= 1);  // maxSurge 1: one node at a time has two pods
    CHECK(status(sb, "surge", "numberAvailable") == 2);  // maxUnavailable 0
  }
  CHECK(saw_surge);
  for (const auto& [node, images] : images_by_node(sb, "surge")) CHECK(images == std::multiset<std::string>{"nginx:1.16"});
  CHECK(status(sb, "surge", "updatedNumberScheduled") == 2);
}

TEST_CASE("minReadySeconds: pods count as available only after being Ready that long", "[daemonset]") {
  Sandbox sb;
  make_ds(sb, "slow", {{"minReadySeconds", 30}});
  sb.advance(sim::seconds(15));
  CHECK(status(sb, "slow", "numberReady") == 2);
  CHECK(status(sb, "slow", "numberAvailable") == 0);
  CHECK(status(sb, "slow", "numberUnavailable") == 2);
  sb.advance(sim::seconds(40));
  CHECK(status(sb, "slow", "numberAvailable") == 2);
  CHECK(status(sb, "slow", "numberUnavailable") == 0);
}

TEST_CASE("OnDelete: a new template reaches a node only when its pod is deleted", "[daemonset]") {
  Sandbox sb;
  make_ds(sb, "manual", {{"updateStrategy", Json{{"type", "OnDelete"}}}});
  sb.advance(sim::seconds(20));
  set_image(sb, "manual", "nginx:1.16");
  sb.advance(sim::seconds(60));
  for (const auto& [node, images] : images_by_node(sb, "manual")) CHECK(images == std::multiset<std::string>{"nginx:1.14.2"});
  CHECK(status(sb, "manual", "updatedNumberScheduled") == 0);
  const auto pods = sb.api().list(sb.api().resource("", "pods"), "default", api::ListOptions{"app=manual"}).items;
  REQUIRE(pods.size() == 2);
  const std::string node = api::str_field(*pods[0], {"spec", "nodeName"});
  sb.api().remove(sb.api().resource("", "pods"), "default", api::meta::name(*pods[0]));
  sb.advance(sim::seconds(60));
  const auto by_node = images_by_node(sb, "manual");
  CHECK(by_node.at(node) == std::multiset<std::string>{"nginx:1.16"});
  CHECK(status(sb, "manual", "updatedNumberScheduled") == 1);
}
