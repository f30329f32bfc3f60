#include "core/printers/table.h"

#include <algorithm>

#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::printers {
namespace {

using api::field;
using api::str_field;

Column name_column() { return {"Name", "string", "name", 0, "Name must be unique within a namespace."}; }
Column age_column() {
  return {"Age", "string", "", 0, "CreationTimestamp is a timestamp representing the server time when this object was created."};
}

// ---- nodes (printNode) -------------------------------------------------------
std::vector<Column> node_columns() {
  return {name_column(),
          {"Status", "string", "", 0, "The status of the node"},
          {"Roles", "string", "", 0, "The roles of the node"},
          age_column(),
          {"Version", "string", "", 0, "Kubelet Version reported by the node."},
          {"Internal-IP", "string", "", 1, "List of internal IPs for the node."},
          {"External-IP", "string", "", 1, "List of external IPs for the node."},
          {"OS-Image", "string", "", 1, "OS image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."},
          {"Kernel-Version", "string", "", 1, "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."},
          {"Container-Runtime", "string", "", 1, "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2)."}};
}

std::string node_status(const Json& node) {
  std::string status;
  const Json& conds = field(node, {"status", "conditions"});
  // Only the Ready condition decides Ready/NotReady/Unknown.
  if (conds.is_array()) {
    for (const auto& c : conds) {
      if (c.value("type", "") != "Ready") continue;
      const std::string s = c.value("status", "");
      status = s == "True" ? "Ready" : s == "False" ? "NotReady" : "Unknown";
    }
  }
  if (status.empty()) status = "Unknown";
  if (field(node, {"spec", "unschedulable"}).is_boolean() && node["spec"]["unschedulable"].get<bool>())
    status += ",SchedulingDisabled";
  return status;
}

std::string node_roles(const Json& node) {
  std::vector<std::string> roles;
  const Json& labels = api::meta::labels(node);
  if (labels.is_object()) {
    for (const auto& [k, v] : labels.items()) {
      static const std::string prefix = "node-role.kubernetes.io/";
      if (k.rfind(prefix, 0) == 0 && k.size() > prefix.size()) roles.push_back(k.substr(prefix.size()));
      else if (k == "kubernetes.io/role" && v.is_string() && !v.get<std::string>().empty())
        roles.push_back(v.get<std::string>());
    }
  }
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  if (roles.empty()) return "<none>";
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

std::string node_address(const Json& node, const std::string& type) {
  const Json& addrs = field(node, {"status", "addresses"});
  if (addrs.is_array())
    for (const auto& a : addrs)
      if (a.value("type", "") == type) return a.value("address", "");
  return "<none>";
}

std::vector<Json> node_row(const Json& n, sim::Time now) {
  return {api::meta::name(n),
          node_status(n),
          node_roles(n),
          age(n, now),
          str_field(n, {"status", "nodeInfo", "kubeletVersion"}),
          node_address(n, "InternalIP"),
          node_address(n, "ExternalIP"),
          str_field(n, {"status", "nodeInfo", "osImage"}, "<unknown>"),
          str_field(n, {"status", "nodeInfo", "kernelVersion"}, "<unknown>"),
          str_field(n, {"status", "nodeInfo", "containerRuntimeVersion"}, "<unknown>")};
}

// ---- namespaces (printNamespace) --------------------------------------------------
std::vector<Column> namespace_columns() {
  return {name_column(), {"Status", "string", "", 0, "The status of the namespace"}, age_column()};
}

std::vector<Json> namespace_row(const Json& ns, sim::Time now) {
  return {api::meta::name(ns), str_field(ns, {"status", "phase"}), age(ns, now)};
}

}  // namespace

std::string age(const Json& obj, sim::Time now) {
  auto created = util::parse_rfc3339(str_field(obj, {"metadata", "creationTimestamp"}));
  if (!created) return "<unknown>";
  return util::human_duration(now - *created);
}

Table make_table(const api::ResourceInfo& res, const std::vector<api::ObjectPtr>& objects, sim::Time now) {
  Table t;
  using RowFn = std::vector<Json> (*)(const Json&, sim::Time);
  RowFn row_fn = nullptr;
  if (res.group.empty() && res.plural == "nodes") {
    t.columns = node_columns();
    row_fn = node_row;
  } else if (res.group.empty() && res.plural == "namespaces") {
    t.columns = namespace_columns();
    row_fn = namespace_row;
  } else {
    // kube-apiserver's default table for kinds without a printer: Name and Age.
    t.columns = {name_column(), {"Created At", "date", "", 0, "CreationTimestamp is a timestamp representing the server time when this object was created."}};
    row_fn = [](const Json& o, sim::Time) -> std::vector<Json> {
      return {api::meta::name(o), str_field(o, {"metadata", "creationTimestamp"})};
    };
  }
  for (const auto& obj : objects) t.rows.push_back({row_fn(*obj, now), obj});
  return t;
}

}  // namespace kt::printers
