// daemonset-controller: one pod per eligible node (taints, tolerations, node
// selectors), nodes leaving and returning, a rolling update of the template with
// ControllerRevisions, the status counts.
#include <catch2/catch.hpp>

#include <set>

#include "core/api/apiserver.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

const api::ResourceInfo& ds_res(Sandbox& sb) { return sb.api().resource("apps", "daemonsets"); }

void make_ds(Sandbox& sb, const std::string& name, Json spec_extra = Json::object()) {
  Json pod_spec = {{"containers", Json::array({Json{{"name", "nginx"}, {"image", "nginx:1.14.2"}}})}};
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) pod_spec[it.key()] = *it;
  sb.api().create(ds_res(sb), "default",
                  Json{{"apiVersion", "apps/v1"},
                       {"kind", "DaemonSet"},
                       {"metadata", {{"name", name}}},
                       {"spec",
                        {{"selector", {{"matchLabels", {{"app", name}}}}},
                         {"template", {{"metadata", {{"labels", {{"app", name}}}}}, {"spec", pod_spec}}}}}});
}

std::map<std::string, std::string> pods_by_node(Sandbox& sb, const std::string& app) {
  std::map<std::string, std::string> out;
  for (const auto& p : sb.api().list(sb.api().resource("", "pods"), "default", api::ListOptions{"app=" + app}).items)
    if (!api::meta::being_deleted(*p)) out[api::str_field(*p, {"spec", "nodeName"})] = api::meta::name(*p);
  return out;
}

}  // namespace

TEST_CASE("a DaemonSet runs one pod per worker; tolerating the control-plane taint adds the master", "[daemonset]") {
  Sandbox sb;
  make_ds(sb, "ds-nginx");
  make_ds(sb, "everywhere",
          {{"tolerations", Json::array({Json{{"key", "node-role.kubernetes.io/control-plane"},
                                             {"operator", "Exists"}, {"effect", "NoSchedule"}}})}});
  sb.advance(sim::seconds(20));
  auto workers = pods_by_node(sb, "ds-nginx");
  CHECK(workers.size() == 2);
  CHECK(workers.count("k8s-node1") == 1);
  CHECK(workers.count("k8s-node2") == 1);
  CHECK(pods_by_node(sb, "everywhere").size() == 3);
  auto ds = sb.api().get(ds_res(sb), "default", "ds-nginx");
  CHECK(api::field(*ds, {"status", "desiredNumberScheduled"}) == 2);
  CHECK(api::field(*ds, {"status", "currentNumberScheduled"}) == 2);
  CHECK(api::field(*ds, {"status", "numberReady"}) == 2);
  CHECK(api::field(*ds, {"status", "updatedNumberScheduled"}) == 2);
  // A pod deleted by hand comes back on its node.
  sb.api().remove(sb.api().resource("", "pods"), "default", workers["k8s-node1"]);
  sb.advance(sim::seconds(10));
  auto again = pods_by_node(sb, "ds-nginx");
  CHECK(again.count("k8s-node1") == 1);
  CHECK(again["k8s-node1"] != workers["k8s-node1"]);
}

TEST_CASE("a node selector limits the nodes; labelling a node adds it", "[daemonset]") {
  Sandbox sb;
  make_ds(sb, "ssd", {{"nodeSelector", {{"disk", "ssd"}}}});
  sb.advance(sim::seconds(5));
  CHECK(pods_by_node(sb, "ssd").empty());
  Json n1 = *sb.api().get(sb.api().resource("", "nodes"), "", "k8s-node1");
  n1["metadata"]["labels"]["disk"] = "ssd";
  sb.api().update(sb.api().resource("", "nodes"), "", n1);
  sb.advance(sim::seconds(10));
  CHECK(pods_by_node(sb, "ssd").size() == 1);
  CHECK(pods_by_node(sb, "ssd").count("k8s-node1") == 1);
}

TEST_CASE("a new template rolls out node by node with ControllerRevisions", "[daemonset]") {
  Sandbox sb;
  make_ds(sb, "roll");
  sb.advance(sim::seconds(20));
  Json ds = *sb.api().get(ds_res(sb), "default", "roll");
  ds["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.16";
  sb.api().update(ds_res(sb), "default", ds);
  sb.advance(sim::seconds(60));
  std::set<std::string> images;
  for (const auto& p : sb.api().list(sb.api().resource("", "pods"), "default", api::ListOptions{"app=roll"}).items)
    if (!api::meta::being_deleted(*p)) images.insert(api::field(*p, {"spec", "containers"})[0].value("image", ""));
  CHECK(images == std::set<std::string>{"nginx:1.16"});
  auto revisions = sb.api().list(sb.api().resource("apps", "controllerrevisions"), "default").items;
  REQUIRE(revisions.size() == 2);
  std::set<std::int64_t> numbers;
  for (const auto& r : revisions) numbers.insert(r->value("revision", std::int64_t{0}));
  CHECK(numbers == std::set<std::int64_t>{1, 2});
  auto got = sb.api().get(ds_res(sb), "default", "roll");
  CHECK(api::field(*got, {"status", "updatedNumberScheduled"}) == 2);
  CHECK(api::field(*got, {"status", "numberReady"}) == 2);
}
