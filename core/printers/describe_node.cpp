// Node: the describer and describeNodeResource (the non-terminated pods' requests and
// limits against the node's allocatable).
#include <algorithm>
#include <map>
#include <set>
#include "core/printers/describe_util.h"
#include "core/util/quantity.h"

namespace kt::printers::describe_detail {
namespace {

using util::Quantity;
using ResourceMap = std::map<std::string, Quantity>;

void add_to(ResourceMap& m, const Json& list) {
  if (!list.is_object()) return;
  for (auto it = list.begin(); it != list.end(); ++it) m[it.key()] += Quantity::from_json(it.value());
}

void max_into(ResourceMap& m, const Json& list) {
  if (!list.is_object()) return;
  for (auto it = list.begin(); it != list.end(); ++it) {
    Quantity q = Quantity::from_json(it.value());
    auto cur = m.find(it.key());
    if (cur == m.end() || cur->second < q) m[it.key()] = q;
  }
}

// resourcehelper.PodRequestsAndLimits: containers summed, init containers as a
// floor, pod overhead added.
std::pair<ResourceMap, ResourceMap> pod_requests_and_limits(const Json& pod) {
  ResourceMap reqs, limits;
  const Json& spec = api::field(pod, {"spec"});
  for (const auto& c : api::field(spec, {"containers"})) {
    add_to(reqs, api::field(c, {"resources", "requests"}));
    add_to(limits, api::field(c, {"resources", "limits"}));
  }
  const Json& init = api::field(spec, {"initContainers"});
  if (init.is_array())
    for (const auto& c : init) {
      max_into(reqs, api::field(c, {"resources", "requests"}));
      max_into(limits, api::field(c, {"resources", "limits"}));
    }
  add_to(reqs, api::field(spec, {"overhead"}));
  if (!limits.empty()) add_to(limits, api::field(spec, {"overhead"}));
  return {reqs, limits};
}

Quantity get(const ResourceMap& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? Quantity() : it->second;
}

std::string pct(double part, double whole) {
  double f = whole == 0 ? 0 : part / whole * 100;
  return std::to_string(static_cast<std::int64_t>(f));
}

bool is_hugepages(const std::string& r) { return r.rfind("hugepages-", 0) == 0; }

bool is_standard_container_resource(const std::string& r) {
  return r == "cpu" || r == "memory" || r == "ephemeral-storage" || is_hugepages(r);
}

void describe_node_resource(const DescribeContext& ctx, PrefixWriter& w, const std::vector<api::ObjectPtr>& pods,
                            const Json& node) {
  w.write(L0, "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n");
  w.write(L1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(L1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  Json alloc = api::field(node, {"status", "allocatable"});
  if (!alloc.is_object() || alloc.empty()) alloc = api::field(node, {"status", "capacity"});
  const double cpu_alloc = static_cast<double>(Quantity::from_json(api::field(alloc, {"cpu"})).milli_value());
  const double mem_alloc = static_cast<double>(Quantity::from_json(api::field(alloc, {"memory"})).value());
  ResourceMap total_reqs, total_limits;
  for (const auto& p : pods) {
    auto rl = pod_requests_and_limits(*p);
    for (const auto& kv : rl.first) total_reqs[kv.first] += kv.second;
    for (const auto& kv : rl.second) total_limits[kv.first] += kv.second;
    Quantity cr = get(rl.first, "cpu"), cl = get(rl.second, "cpu"), mr = get(rl.first, "memory"),
             ml = get(rl.second, "memory");
    w.write(L1, api::meta::namespace_of(*p) + "\t" + api::meta::name(*p) + "\t\t" + cr.to_string() + " (" +
                    pct(static_cast<double>(cr.milli_value()), cpu_alloc) + "%)\t" + cl.to_string() + " (" +
                    pct(static_cast<double>(cl.milli_value()), cpu_alloc) + "%)\t" + mr.to_string() + " (" +
                    pct(static_cast<double>(mr.value()), mem_alloc) + "%)\t" + ml.to_string() + " (" +
                    pct(static_cast<double>(ml.value()), mem_alloc) + "%)\t" +
                    since(ctx, s(*p, {"metadata", "creationTimestamp"})) + "\n");
  }
  w.write(L0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(L1, "Resource\tRequests\tLimits\n");
  w.write(L1, "--------\t--------\t------\n");
  const double eph_alloc = static_cast<double>(Quantity::from_json(api::field(alloc, {"ephemeral-storage"})).value());
  auto row = [&](const std::string& name, const Quantity& r, const Quantity& l, double rv, double lv, double whole) {
    w.write(L1, name + "\t" + r.to_string() + " (" + pct(rv, whole) + "%)\t" + l.to_string() + " (" + pct(lv, whole) +
                    "%)\n");
  };
  Quantity cr = get(total_reqs, "cpu"), cl = get(total_limits, "cpu");
  row("cpu", cr, cl, static_cast<double>(cr.milli_value()), static_cast<double>(cl.milli_value()), cpu_alloc);
  Quantity mr = get(total_reqs, "memory"), ml = get(total_limits, "memory");
  row("memory", mr, ml, static_cast<double>(mr.value()), static_cast<double>(ml.value()), mem_alloc);
  Quantity er = get(total_reqs, "ephemeral-storage"), el = get(total_limits, "ephemeral-storage");
  row("ephemeral-storage", er, el, static_cast<double>(er.value()), static_cast<double>(el.value()), eph_alloc);
  std::vector<std::string> huge, ext;
  for (const auto& k : sorted_keys(alloc)) {
    if (is_hugepages(k)) huge.push_back(k);
    else if (!is_standard_container_resource(k) && k != "pods") ext.push_back(k);
  }
  for (const auto& k : huge) {
    Quantity r = get(total_reqs, k), l = get(total_limits, k);
    row(k, r, l, static_cast<double>(r.value()), static_cast<double>(l.value()),
        static_cast<double>(Quantity::from_json(alloc[k]).value()));
  }
  for (const auto& k : ext)
    w.write(L1, k + "\t" + get(total_reqs, k).to_string() + "\t" + get(total_limits, k).to_string() + "\n");
}

void resource_list(PrefixWriter& w, const Json& list) {
  for (const auto& k : sorted_keys(list)) w.write(L0, "  " + k + ":\t" + qty(list[k]) + "\n");
}

}  // namespace

std::string describe_node(const DescribeContext& ctx, const Json& node) {
  PrefixWriter w;
  const std::string name = api::meta::name(node);
  w.write(L0, "Name:\t" + name + "\n");
  std::set<std::string> roles;
  const Json& labels = api::meta::labels(node);
  for (const auto& k : sorted_keys(labels)) {
    const std::string prefix = "node-role.kubernetes.io/";
    if (k.rfind(prefix, 0) == 0 && k.size() > prefix.size()) roles.insert(k.substr(prefix.size()));
    else if (k == "kubernetes.io/role" && !s(labels[k], {}).empty()) roles.insert(labels[k].get<std::string>());
  }
  std::string role_text;
  for (const auto& r : roles) role_text += (role_text.empty() ? "" : ",") + r;
  w.write(L0, "Roles:\t" + or_none(role_text) + "\n");
  labels_multiline(w, "Labels", labels);
  annotations_multiline(w, "Annotations", api::meta::annotations(node));
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(node, {"metadata", "creationTimestamp"})) + "\n");
  taints_multiline(w, "Taints", api::field(node, {"spec", "taints"}));
  w.write(L0, std::string("Unschedulable:\t") + (api::field(node, {"spec", "unschedulable"}) == Json(true) ? "true" : "false") +
                  "\n");
  try {
    auto lease = ctx.api.get(resource_info(ctx, "coordination.k8s.io", "v1", "leases"), "kube-node-lease", name);
    const Json& spec = api::field(*lease, {"spec"});
    w.write(L0, "Lease:\n");
    w.write(L1, "HolderIdentity:\t" + (has(spec, {"holderIdentity"}) ? s(spec, {"holderIdentity"}) : "<unset>") + "\n");
    w.write(L1, "AcquireTime:\t" + (has(spec, {"acquireTime"}) ? rfc1123z(s(spec, {"acquireTime"})) : "<unset>") + "\n");
    w.write(L1, "RenewTime:\t" + (has(spec, {"renewTime"}) ? rfc1123z(s(spec, {"renewTime"})) : "<unset>") + "\n");
  } catch (const api::ApiError& e) {
    w.write(L0, "Lease:\tFailed to get lease: " + e.message() + "\n");
  }
  const Json& conds = api::field(node, {"status", "conditions"});
  if (conds.is_array() && !conds.empty()) {
    w.write(L0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(L1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(L1, s(c, {"type"}) + " \t" + s(c, {"status"}) + " \t" + rfc1123z(s(c, {"lastHeartbeatTime"})) + " \t" +
                      rfc1123z(s(c, {"lastTransitionTime"})) + " \t" + s(c, {"reason"}) + " \t" + s(c, {"message"}) + "\n");
  }
  w.write(L0, "Addresses:\n");
  const Json& addrs = api::field(node, {"status", "addresses"});
  if (addrs.is_array())
    for (const auto& a : addrs) w.write(L1, s(a, {"type"}) + ":\t" + s(a, {"address"}) + "\n");
  const Json& cap = api::field(node, {"status", "capacity"});
  if (cap.is_object() && !cap.empty()) {
    w.write(L0, "Capacity:\n");
    resource_list(w, cap);
  }
  const Json& alloc = api::field(node, {"status", "allocatable"});
  if (alloc.is_object() && !alloc.empty()) {
    w.write(L0, "Allocatable:\n");
    resource_list(w, alloc);
  }
  const Json& info = api::field(node, {"status", "nodeInfo"});
  w.write(L0, "System Info:\n");
  const std::pair<const char*, const char*> fields[] = {
      {"Machine ID", "machineID"},         {"System UUID", "systemUUID"},
      {"Boot ID", "bootID"},               {"Kernel Version", "kernelVersion"},
      {"OS Image", "osImage"},             {"Operating System", "operatingSystem"},
      {"Architecture", "architecture"},    {"Container Runtime Version", "containerRuntimeVersion"},
      {"Kubelet Version", "kubeletVersion"}, {"Kube-Proxy Version", "kubeProxyVersion"}};
  for (const auto& f : fields) w.write(L0, std::string("  ") + f.first + ":\t" + s(info, {f.second}) + "\n");
  if (!s(node, {"spec", "podCIDR"}).empty()) w.write(L0, "PodCIDR:\t" + s(node, {"spec", "podCIDR"}) + "\n");
  const Json& cidrs = api::field(node, {"spec", "podCIDRs"});
  if (cidrs.is_array() && !cidrs.empty()) {
    std::string text;
    for (const auto& c : cidrs) text += (text.empty() ? "" : ",") + c.get<std::string>();
    w.write(L0, "PodCIDRs:\t" + text + "\n");
  }
  if (!s(node, {"spec", "providerID"}).empty()) w.write(L0, "ProviderID:\t" + s(node, {"spec", "providerID"}) + "\n");
  api::ListOptions lo;
  lo.field_selector = "spec.nodeName=" + name + ",status.phase!=Succeeded,status.phase!=Failed";
  describe_node_resource(ctx, w, ctx.api.list(resource_info(ctx, "", "v1", "pods"), "", lo).items, node);
  if (ctx.show_events) {
    auto events = search_events(ctx, "", name, "Node", api::meta::uid(node));
    auto by_name = search_events(ctx, "", name, "Node", name);
    events.insert(events.end(), by_name.begin(), by_name.end());
    describe_events(ctx, w, events);
  }
  return w.finish();
}

}  // namespace kt::printers::describe_detail
