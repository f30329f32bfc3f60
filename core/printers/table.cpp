// make_table: looks up the kind's printer (registered by the per-group files of
// core/printers) and builds one row per object. Map of this file:
//   1. the printer registry
//   2. shared helpers (printer_util.h's detail namespace)
//   3. nodes and namespaces (printNode, printNamespace)
//   4. make_table / table_columns and kube's default table
#include "core/printers/table.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/printers/printer_util.h"
#include "core/util/duration.h"
#include "core/util/quantity.h"
#include "core/util/strings.h"
#include "core/util/timefmt.h"

namespace kt::printers {
namespace {

using api::field;
using api::str_field;

// ---- 1. registry -----------------------------------------------------------------

std::map<std::pair<std::string, std::string>, Printer>& registry() {
  static std::map<std::pair<std::string, std::string>, Printer> r;
  return r;
}

void ensure_registered() {
  static const bool done = [] {
    register_core_printers();
    register_pod_printers();
    register_apps_printers();
    register_batch_printers();
    register_service_printers();
    register_config_printers();
    register_event_printers();
    register_storage_printers();
    register_networking_printers();
    register_rbac_printers();
    register_policy_printers();
    register_misc_printers();
    return true;
  }();
  (void)done;
}

}  // namespace

void add_printer(std::string group, std::string plural, Printer p) {
  registry()[{std::move(group), std::move(plural)}] = std::move(p);
}

const Printer* find_printer(const std::string& group, const std::string& plural) {
  ensure_registered();
  auto it = registry().find({group, plural});
  return it == registry().end() ? nullptr : &it->second;
}

// ---- 2. helpers ------------------------------------------------------------------

namespace detail {

Column name_column() {
  return {"Name", "string", "name", 0,
          "Name must be unique within a namespace. Is required when creating resources, although some resources "
          "may allow a client to request the generation of an appropriate name automatically. Name is primarily "
          "intended for creation idempotence and configuration definition. Cannot be updated. More info: "
          "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"};
}

Column age_column() {
  return {"Age", "string", "", 0,
          "CreationTimestamp is a timestamp representing the server time when this object was created. It is not "
          "guaranteed to be set in happens-before order across separate operations. Clients may not set this value. "
          "It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. "
          "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"};
}

Column col(std::string name, std::string type, int priority, std::string description) {
  return {std::move(name), std::move(type), "", priority, std::move(description)};
}

std::string since(const std::string& rfc3339, sim::Time now) {
  if (rfc3339.empty()) return "<unknown>";
  auto t = util::parse_rfc3339(rfc3339);
  if (!t) return "<unknown>";
  return util::human_duration(now - *t);
}

std::string between(const std::string& from, const std::string& to) {
  auto a = util::parse_rfc3339(from);
  auto b = util::parse_rfc3339(to);
  if (!a || !b) return "";
  return util::human_duration(*b - *a);
}

std::pair<std::string, std::string> containers_cells(const Json& containers) {
  std::string names, images;
  if (containers.is_array()) {
    for (std::size_t i = 0; i < containers.size(); ++i) {
      if (i) {
        names += ",";
        images += ",";
      }
      names += str_field(containers[i], {"name"});
      images += str_field(containers[i], {"image"});
    }
  }
  return {names, images};
}

Json int_cell(const Json& obj, std::initializer_list<std::string_view> path) {
  return Json(api::int_field(obj, path, 0));
}

std::string load_balancer_addresses(const Json& ingress) {
  std::set<std::string> set;
  if (ingress.is_array()) {
    for (const auto& i : ingress) {
      if (!api::str_field(i, {"ip"}).empty()) set.insert(api::str_field(i, {"ip"}));
      else if (!api::str_field(i, {"hostname"}).empty()) set.insert(api::str_field(i, {"hostname"}));
    }
  }
  return join(std::vector<std::string>(set.begin(), set.end()), ",");
}

std::string int_or_string(const Json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

std::string quantity_string(const Json& q) {
  if (q.is_null()) return "0";
  try {
    return util::Quantity::from_json(q).to_string();
  } catch (const std::exception&) {
    return q.is_string() ? q.get<std::string>() : q.dump();
  }
}

Row make_row(const api::ObjectPtr& obj, std::vector<Json> cells) {
  Row r;
  r.cells = std::move(cells);
  r.object = obj;
  return r;
}

}  // namespace detail

// ---- 3. nodes and namespaces ------------------------------------------------------

namespace {

using namespace detail;

std::string node_status(const Json& node) {
  // Only the Ready condition decides Ready/NotReady; no Ready condition → Unknown.
  std::string status;
  const Json& conds = field(node, {"status", "conditions"});
  if (conds.is_array()) {
    for (const auto& c : conds) {
      if (str_field(c, {"type"}) != "Ready") continue;
      status = str_field(c, {"status"}) == "True" ? "Ready" : "NotReady";
    }
  }
  if (status.empty()) status = "Unknown";
  const Json& unsched = field(node, {"spec", "unschedulable"});
  if (unsched.is_boolean() && unsched.get<bool>()) status += ",SchedulingDisabled";
  return status;
}

std::string node_roles(const Json& node) {
  std::vector<std::string> roles;
  const Json& labels = api::meta::labels(node);
  if (labels.is_object()) {
    static const std::string prefix = "node-role.kubernetes.io/";
    for (const auto& [k, v] : labels.items()) {
      if (k.rfind(prefix, 0) == 0) {
        if (k.size() > prefix.size()) roles.push_back(k.substr(prefix.size()));
      } else if (k == "kubernetes.io/role" && v.is_string() && !v.get<std::string>().empty()) {
        roles.push_back(v.get<std::string>());
      }
    }
  }
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles.empty() ? "<none>" : join(roles, ",");
}

std::string node_address(const Json& node, const std::string& type) {
  const Json& addrs = field(node, {"status", "addresses"});
  if (addrs.is_array())
    for (const auto& a : addrs)
      if (str_field(a, {"type"}) == type) return str_field(a, {"address"});
  return "<none>";
}

std::string or_unknown(std::string s) { return s.empty() ? "<unknown>" : s; }

Row node_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& n = *obj;
  return make_row(obj, {api::meta::name(n), node_status(n), node_roles(n), age(n, now),
                        str_field(n, {"status", "nodeInfo", "kubeletVersion"}), node_address(n, "InternalIP"),
                        node_address(n, "ExternalIP"), or_unknown(str_field(n, {"status", "nodeInfo", "osImage"})),
                        or_unknown(str_field(n, {"status", "nodeInfo", "kernelVersion"})),
                        or_unknown(str_field(n, {"status", "nodeInfo", "containerRuntimeVersion"}))});
}

Row namespace_row(const api::ObjectPtr& obj, sim::Time now) {
  return make_row(obj, {api::meta::name(*obj), str_field(*obj, {"status", "phase"}), age(*obj, now)});
}

}  // namespace

void register_core_printers() {
  add_printer("", "nodes",
              {{name_column(),
                col("Status", "string", 0, "The status of the node"),
                col("Roles", "string", 0, "The roles of the node"),
                age_column(),
                col("Version", "string", 0, "Kubelet Version reported by the node."),
                col("Internal-IP", "string", 1, "List of addresses reachable to the node."),
                col("External-IP", "string", 1, "List of addresses reachable to the node."),
                col("OS-Image", "string", 1,
                    "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                col("Kernel-Version", "string", 1,
                    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                col("Container-Runtime", "string", 1,
                    "ContainerRuntime Version reported by the node through runtime remote API (e.g. "
                    "containerd://1.4.2).")},
               node_row});
  add_printer("", "namespaces",
              {{name_column(), col("Status", "string", 0, "The status of the namespace"), age_column()},
               namespace_row});
}

// ---- 4. make_table ---------------------------------------------------------------

std::string age(const Json& obj, sim::Time now) {
  return detail::since(str_field(obj, {"metadata", "creationTimestamp"}), now);
}

namespace {

// rest.DefaultTableConvertor: Name and "Created At" (RFC 3339, UTC).
std::vector<Column> default_columns() {
  Column created = detail::age_column();
  created.name = "Created At";
  created.type = "date";
  return {detail::name_column(), created};
}

Row default_row(const api::ObjectPtr& obj, sim::Time) {
  std::string created;
  if (auto t = util::parse_rfc3339(str_field(*obj, {"metadata", "creationTimestamp"})))
    created = util::format_rfc3339(*t);
  else
    created = "0001-01-01T00:00:00Z";
  return detail::make_row(obj, {api::meta::name(*obj), created});
}

}  // namespace

std::vector<Column> table_columns(const api::ResourceInfo& res) {
  if (const Printer* p = find_printer(res.group, res.plural)) return p->columns;
  return default_columns();
}

Table make_table(const api::ResourceInfo& res, const std::vector<api::ObjectPtr>& objects, sim::Time now) {
  Table t;
  const Printer* p = find_printer(res.group, res.plural);
  t.columns = p ? p->columns : default_columns();
  auto row_fn = p ? p->row : default_row;
  t.rows.reserve(objects.size());
  for (const auto& obj : objects) t.rows.push_back(row_fn(obj, now));
  return t;
}

}  // namespace kt::printers
