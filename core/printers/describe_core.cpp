// Core kinds: Node, Namespace, Service, Endpoints, ConfigMap, Secret,
// ServiceAccount, PersistentVolume, PersistentVolumeClaim, LimitRange, ResourceQuota.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/api/labels.h"
#include "core/printers/describe_util.h"
#include "core/util/quantity.h"

namespace kt::printers::describe_detail {
namespace {

using util::Quantity;
using ResourceMap = std::map<std::string, Quantity>;

const api::ResourceInfo& resource(const DescribeContext& ctx, const char* group, const char* version,
                                  const char* plural) {
  return *ctx.api.registry().find(group, version, plural);
}

std::vector<std::string> keys_of(const Json& obj) {
  std::vector<std::string> out;
  if (obj.is_object())
    for (auto it = obj.begin(); it != obj.end(); ++it) out.push_back(it.key());
  std::sort(out.begin(), out.end());
  return out;
}

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
  for (const auto& k : keys_of(alloc)) {
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
  for (const auto& k : keys_of(list)) w.write(L0, "  " + k + ":\t" + qty(list[k]) + "\n");
}

// formatEndpointSlices: up to 3 ready "ip:port" of the named ports, then "+ N more...".
std::string format_endpoint_slices(const std::vector<api::ObjectPtr>& slices, const std::string* port_name) {
  if (slices.empty()) return "<none>";
  std::vector<std::string> list;
  const std::size_t max = 3;
  bool more = false;
  int count = 0;
  auto first_address = [](const Json& ep) {
    const Json& a = api::field(ep, {"addresses"});
    return a.is_array() && !a.empty() && a[0].is_string() ? a[0].get<std::string>() : std::string();
  };
  auto ready = [](const Json& ep) {
    const Json& r = api::field(ep, {"conditions", "ready"});
    return r.is_null() || r == Json(true);
  };
  for (const auto& sp : slices) {
    const Json& sl = *sp;
    const Json& ports = api::field(sl, {"ports"});
    const Json& eps = api::field(sl, {"endpoints"});
    if (!ports.is_array() || ports.empty()) {
      if (!eps.is_array()) continue;
      for (const auto& ep : eps) {
        if (list.size() == max) more = true;
        if (!ready(ep)) continue;
        if (!more) list.push_back(first_address(ep));
        ++count;
      }
      continue;
    }
    for (const auto& port : ports) {
      if (port_name && s(port, {"name"}) != *port_name) continue;
      if (!eps.is_array()) continue;
      for (const auto& ep : eps) {
        if (list.size() == max) more = true;
        if (!ready(ep)) continue;
        std::string addr = first_address(ep);
        if (addr.find(':') != std::string::npos) addr = "[" + addr + "]";
        if (!more) list.push_back(addr + ":" + i64(port, {"port"}));
        ++count;
      }
    }
  }
  std::string ret;
  for (std::size_t i = 0; i < list.size(); ++i) ret += (i ? "," : "") + list[i];
  if (more) return ret + " + " + std::to_string(count - static_cast<int>(max)) + " more...";
  return ret;
}

void describe_limit_items(PrefixWriter& w, const Json& spec, const std::string& prefix) {
  const Json& limits = api::field(spec, {"limits"});
  if (!limits.is_array()) return;
  for (const auto& item : limits) {
    std::set<std::string> names;
    for (const char* f : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"})
      for (const auto& k : keys_of(api::field(item, {f}))) names.insert(k);
    for (const auto& k : names) {
      auto v = [&](const char* f) {
        const Json& q = api::field(item, {f, k});
        return q.is_null() ? std::string("-") : qty(q);
      };
      w.write(L0, prefix + s(item, {"type"}) + "\t" + k + "\t" + v("min") + "\t" + v("max") + "\t" + v("defaultRequest") +
                      "\t" + v("default") + "\t" + v("maxLimitRequestRatio") + "\n");
    }
  }
}

std::string used_string(const Json& used, const Json& hard) {
  Quantity u = Quantity::from_json(used), h = Quantity::from_json(hard);
  if (u.format() != h.format()) u = Quantity::from_int(u.value(), h.format());
  return u.to_string();
}

}  // namespace

std::string format_service_endpoints(const std::vector<api::ObjectPtr>& slices, const std::string* port_name) {
  return format_endpoint_slices(slices, port_name);
}

std::vector<api::ObjectPtr> slices_of_service(const DescribeContext& ctx, const std::string& ns, const std::string& svc) {
  api::ListOptions lo;
  lo.label_selector = "kubernetes.io/service-name=" + svc;
  try {
    return ctx.api.list(resource(ctx, "discovery.k8s.io", "v1", "endpointslices"), ns, lo).items;
  } catch (const api::ApiError&) {
    return {};
  }
}

std::string describe_node(const DescribeContext& ctx, const Json& node) {
  PrefixWriter w;
  const std::string name = api::meta::name(node);
  w.write(L0, "Name:\t" + name + "\n");
  std::set<std::string> roles;
  const Json& labels = api::meta::labels(node);
  for (const auto& k : keys_of(labels)) {
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
    auto lease = ctx.api.get(resource(ctx, "coordination.k8s.io", "v1", "leases"), "kube-node-lease", name);
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
  describe_node_resource(ctx, w, ctx.api.list(resource(ctx, "", "v1", "pods"), "", lo).items, node);
  if (ctx.show_events) {
    auto events = search_events(ctx, "", name, "Node", api::meta::uid(node));
    auto by_name = search_events(ctx, "", name, "Node", name);
    events.insert(events.end(), by_name.begin(), by_name.end());
    describe_events(ctx, w, events);
  }
  return w.finish();
}

std::string describe_namespace(const DescribeContext& ctx, const Json& ns) {
  PrefixWriter w;
  const std::string name = api::meta::name(ns);
  w.write(L0, "Name:\t" + name + "\n");
  labels_multiline(w, "Labels", api::meta::labels(ns));
  annotations_multiline(w, "Annotations", api::meta::annotations(ns));
  w.write(L0, "Status:\t" + s(ns, {"status", "phase"}) + "\n");
  const Json& conds = api::field(ns, {"status", "conditions"});
  if (conds.is_array() && !conds.empty()) {
    w.write(L0, "Conditions:\n");
    w.write(L1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(L1, "----\t------\t------------------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(L1, s(c, {"type"}) + "\t" + s(c, {"status"}) + "\t" + rfc1123z(s(c, {"lastTransitionTime"})) + "\t" +
                      s(c, {"reason"}) + "\t" + s(c, {"message"}) + "\n");
  }
  w.write(L0, "\n");
  auto quotas = ctx.api.list(resource(ctx, "", "v1", "resourcequotas"), name).items;
  if (quotas.empty()) {
    w.write(L0, "No resource quota.\n");
  } else {
    std::stable_sort(quotas.begin(), quotas.end(),
                     [](const auto& a, const auto& b) { return api::meta::name(*a) < api::meta::name(*b); });
    w.write(L0, "Resource Quotas\n");
    for (const auto& q : quotas) {
      w.write(L1, "Name:\t" + api::meta::name(*q) + "\n");
      const Json& scopes = api::field(*q, {"spec", "scopes"});
      if (scopes.is_array() && !scopes.empty()) {
        std::vector<std::string> list;
        for (const auto& sc : scopes) list.push_back(sc.get<std::string>());
        std::sort(list.begin(), list.end());
        std::string text;
        for (const auto& sc : list) text += (text.empty() ? "" : ", ") + sc;
        w.write(L1, "Scopes:\t" + text + "\n");
      }
      w.write(L1, "Resource\tUsed\tHard\n");
      w.write(L1, "--------\t---\t---\n");
      const Json& hard = api::field(*q, {"status", "hard"});
      for (const auto& k : keys_of(hard))
        w.write(L1, k + "\t" + qty(api::field(*q, {"status", "used", k})) + "\t" + qty(hard[k]) + "\n");
    }
  }
  w.write(L0, "\n");
  auto ranges = ctx.api.list(resource(ctx, "", "v1", "limitranges"), name).items;
  if (ranges.empty()) {
    w.write(L0, "No LimitRange resource.\n");
  } else {
    w.write(L0,
            "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(L0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const auto& r : ranges) describe_limit_items(w, api::field(*r, {"spec"}), " ");
  }
  return w.finish();
}

std::string describe_service(const DescribeContext& ctx, const Json& svc) {
  PrefixWriter w;
  const Json& spec = api::field(svc, {"spec"});
  const std::string name = api::meta::name(svc), ns = api::meta::namespace_of(svc);
  auto slices = slices_of_service(ctx, ns, name);
  w.write(L0, "Name:\t" + name + "\n");
  w.write(L0, "Namespace:\t" + ns + "\n");
  labels_multiline(w, "Labels", api::meta::labels(svc));
  annotations_multiline(w, "Annotations", api::meta::annotations(svc));
  w.write(L0, "Selector:\t" + api::format_labels(api::field(spec, {"selector"})) + "\n");
  w.write(L0, "Type:\t" + s(spec, {"type"}) + "\n");
  if (has(spec, {"ipFamilyPolicy"})) w.write(L0, "IP Family Policy:\t" + s(spec, {"ipFamilyPolicy"}) + "\n");
  auto joined = [&](const char* f, const char* sep) {
    std::string out;
    const Json& list = api::field(spec, {f});
    if (list.is_array())
      for (const auto& x : list) out += (out.empty() ? "" : sep) + x.get<std::string>();
    return out;
  };
  w.write(L0, "IP Families:\t" + or_none(joined("ipFamilies", ",")) + "\n");
  w.write(L0, "IP:\t" + s(spec, {"clusterIP"}) + "\n");
  w.write(L0, "IPs:\t" + or_none(joined("clusterIPs", ",")) + "\n");
  if (!joined("externalIPs", ",").empty()) w.write(L0, "External IPs:\t" + joined("externalIPs", ",") + "\n");
  if (!s(spec, {"loadBalancerIP"}).empty()) w.write(L0, "Desired LoadBalancer IP:\t" + s(spec, {"loadBalancerIP"}) + "\n");
  if (!s(spec, {"externalName"}).empty()) w.write(L0, "External Name:\t" + s(spec, {"externalName"}) + "\n");
  const Json& ingress = api::field(svc, {"status", "loadBalancer", "ingress"});
  if (ingress.is_array() && !ingress.empty()) {
    std::string list;
    for (std::size_t i = 0; i < ingress.size(); ++i) {
      if (i) list += ", ";
      if (!s(ingress[i], {"ip"}).empty()) {
        list += s(ingress[i], {"ip"});
        if (has(ingress[i], {"ipMode"})) list += " (" + s(ingress[i], {"ipMode"}) + ")";
      } else {
        list += s(ingress[i], {"hostname"});
      }
    }
    w.write(L0, "LoadBalancer Ingress:\t" + list + "\n");
  }
  const Json& ports = api::field(spec, {"ports"});
  if (ports.is_array())
    for (const auto& sp : ports) {
      const std::string pname = s(sp, {"name"}), proto = s(sp, {"protocol"});
      const std::string shown = pname.empty() ? "<unset>" : pname;
      w.write(L0, "Port:\t" + shown + "\t" + i64(sp, {"port"}) + "/" + proto + "\n");
      w.write(L0, "TargetPort:\t" + intstr(api::field(sp, {"targetPort"})) + "/" + proto + "\n");
      if (api::int_field(sp, {"nodePort"}, 0) != 0)
        w.write(L0, "NodePort:\t" + shown + "\t" + i64(sp, {"nodePort"}) + "/" + proto + "\n");
      w.write(L0, "Endpoints:\t" + format_endpoint_slices(slices, &pname) + "\n");
    }
  w.write(L0, "Session Affinity:\t" + s(spec, {"sessionAffinity"}) + "\n");
  if (!s(spec, {"externalTrafficPolicy"}).empty())
    w.write(L0, "External Traffic Policy:\t" + s(spec, {"externalTrafficPolicy"}) + "\n");
  if (has(spec, {"internalTrafficPolicy"}))
    w.write(L0, "Internal Traffic Policy:\t" + s(spec, {"internalTrafficPolicy"}) + "\n");
  if (api::int_field(spec, {"healthCheckNodePort"}, 0) != 0)
    w.write(L0, "HealthCheck NodePort:\t" + i64(spec, {"healthCheckNodePort"}) + "\n");
  if (!joined("loadBalancerSourceRanges", ",").empty())
    w.write(L0, "LoadBalancer Source Ranges:\t" + joined("loadBalancerSourceRanges", ",") + "\n");
  if (!s(spec, {"trafficDistribution"}).empty())
    w.write(L0, "Traffic Distribution:\t" + s(spec, {"trafficDistribution"}) + "\n");
  events_of(ctx, w, svc, "Service");
  return w.finish();
}

std::string describe_endpoints(const DescribeContext& ctx, const Json& ep) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(ep) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(ep) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(ep));
  annotations_multiline(w, "Annotations", api::meta::annotations(ep));
  w.write(L0, "Subsets:\n");
  const Json& subsets = api::field(ep, {"subsets"});
  if (subsets.is_array())
    for (const auto& sub : subsets) {
      for (const char* f : {"addresses", "notReadyAddresses"}) {
        std::string list;
        const Json& a = api::field(sub, {f});
        if (a.is_array())
          for (const auto& x : a) list += (list.empty() ? "" : ",") + s(x, {"ip"});
        w.write(L1, std::string(f[0] == 'a' ? "Addresses" : "NotReadyAddresses") + ":\t" + or_none(list) + "\n");
      }
      const Json& ports = api::field(sub, {"ports"});
      if (ports.is_array() && !ports.empty()) {
        w.write(L1, "Ports:\n");
        w.write(L2, "Name\tPort\tProtocol\n");
        w.write(L2, "----\t----\t--------\n");
        for (const auto& p : ports) {
          std::string n = s(p, {"name"});
          w.write(L2, (n.empty() ? "<unset>" : n) + "\t" + i64(p, {"port"}) + "\t" + s(p, {"protocol"}) + "\n");
        }
      }
      w.write(L0, "\n");
    }
  events_of(ctx, w, ep, "Endpoints");
  return w.finish();
}

std::string describe_configmap(const DescribeContext& ctx, const Json& cm) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(cm) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(cm) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(cm));
  annotations_multiline(w, "Annotations", api::meta::annotations(cm));
  w.write(L0, "\nData\n====\n");
  const Json& data = api::field(cm, {"data"});
  for (const auto& k : keys_of(data)) {
    w.write(L0, k + ":\n----\n");
    w.write(L0, s(data, {k}) + "\n");
    w.write(L0, "\n");
  }
  w.write(L0, "\nBinaryData\n====\n");
  const Json& bin = api::field(cm, {"binaryData"});
  for (const auto& k : keys_of(bin)) {
    const std::string b64 = s(bin, {k});
    std::size_t pad = 0;
    for (auto it = b64.rbegin(); it != b64.rend() && *it == '='; ++it) ++pad;
    w.write(L0, k + ": " + std::to_string(b64.size() / 4 * 3 - pad) + " bytes\n");
  }
  w.write(L0, "\n");
  events_of(ctx, w, cm, "ConfigMap");
  return w.finish();
}

std::string describe_secret(const DescribeContext& ctx, const Json& secret) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(secret) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(secret) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(secret));
  annotations_multiline(w, "Annotations", api::meta::annotations(secret));
  const std::string type = s(secret, {"type"});
  w.write(L0, "\nType:\t" + type + "\n");
  w.write(L0, "\nData\n====\n");
  const Json& data = api::field(secret, {"data"});
  for (const auto& k : keys_of(data)) {
    const std::string b64 = s(data, {k});
    std::size_t pad = 0;
    for (auto it = b64.rbegin(); it != b64.rend() && *it == '='; ++it) ++pad;
    const std::size_t len = b64.size() / 4 * 3 - pad;
    if (k == "token" && type == "kubernetes.io/service-account-token") {
      static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      std::string out;
      int val = 0, bits = -8;
      for (char c : b64) {
        auto pos = chars.find(c);
        if (pos == std::string::npos) break;
        val = (val << 6) + static_cast<int>(pos);
        bits += 6;
        if (bits >= 0) {
          out += static_cast<char>((val >> bits) & 0xFF);
          bits -= 8;
        }
      }
      w.write(L0, k + ":\t" + out + "\n");
    } else {
      w.write(L0, k + ":\t" + std::to_string(len) + " bytes\n");
    }
  }
  (void)ctx;
  return w.finish();
}

std::string describe_service_account(const DescribeContext& ctx, const Json& sa) {
  PrefixWriter w;
  const std::string ns = api::meta::namespace_of(sa);
  std::vector<std::string> tokens;
  std::set<std::string> existing;
  bool listed = false;
  try {
    for (const auto& sec : ctx.api.list(resource(ctx, "", "v1", "secrets"), ns).items) {
      if (s(*sec, {"type"}) == "kubernetes.io/service-account-token" &&
          s(*sec, {"metadata", "annotations", "kubernetes.io/service-account.name"}) == api::meta::name(sa) &&
          s(*sec, {"metadata", "annotations", "kubernetes.io/service-account.uid"}) == api::meta::uid(sa))
        tokens.push_back(api::meta::name(*sec));
      existing.insert(api::meta::name(*sec));
    }
    listed = true;
  } catch (const api::ApiError&) {
  }
  w.write(L0, "Name:\t" + api::meta::name(sa) + "\n");
  w.write(L0, "Namespace:\t" + ns + "\n");
  labels_multiline(w, "Labels", api::meta::labels(sa));
  annotations_multiline(w, "Annotations", api::meta::annotations(sa));
  auto names_of = [&](const char* f) {
    std::vector<std::string> out;
    const Json& list = api::field(sa, {f});
    if (list.is_array())
      for (const auto& x : list) out.push_back(s(x, {"name"}));
    return out;
  };
  const std::pair<std::string, std::vector<std::string>> groups[] = {{"Image pull secrets:", names_of("imagePullSecrets")},
                                                                     {"Mountable secrets: ", names_of("secrets")},
                                                                     {"Tokens:            ", tokens}};
  for (const auto& g : groups) {
    if (g.second.empty()) {
      w.write(L0, g.first + "\t<none>\n");
      continue;
    }
    std::string prefix = g.first;
    for (const auto& n : g.second) {
      const bool missing = listed && &g != &groups[2] && !existing.count(n);
      w.write(L0, prefix + "\t" + n + (missing ? " (not found)" : "") + "\n");
      prefix = "                   ";
    }
  }
  events_of(ctx, w, sa, "ServiceAccount");
  return w.finish();
}

std::string describe_pv(const DescribeContext& ctx, const Json& pv) {
  PrefixWriter w;
  const Json& spec = api::field(pv, {"spec"});
  w.write(L0, "Name:\t" + api::meta::name(pv) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(pv));
  annotations_multiline(w, "Annotations", api::meta::annotations(pv));
  w.write(L0, "Finalizers:\t" + go_list(api::field(pv, {"metadata", "finalizers"})) + "\n");
  std::string sc = s(spec, {"storageClassName"});
  if (!has(spec, {"storageClassName"})) sc = s(pv, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
  w.write(L0, "StorageClass:\t" + sc + "\n");
  if (api::meta::being_deleted(pv))
    w.write(L0, "Status:\tTerminating (lasts " + since(ctx, s(pv, {"metadata", "deletionTimestamp"})) + ")\n");
  else
    w.write(L0, "Status:\t" + s(pv, {"status", "phase"}) + "\n");
  if (has(spec, {"claimRef"}))
    w.write(L0, "Claim:\t" + s(spec, {"claimRef", "namespace"}) + "/" + s(spec, {"claimRef", "name"}) + "\n");
  else
    w.write(L0, "Claim:\t\n");
  w.write(L0, "Reclaim Policy:\t" + s(spec, {"persistentVolumeReclaimPolicy"}) + "\n");
  w.write(L0, "Access Modes:\t" + access_modes(api::field(spec, {"accessModes"})) + "\n");
  if (has(spec, {"volumeMode"})) w.write(L0, "VolumeMode:\t" + s(spec, {"volumeMode"}) + "\n");
  w.write(L0, "Capacity:\t" + qty(api::field(spec, {"capacity", "storage"})) + "\n");
  w.write(L0, "Node Affinity:\t");
  const Json& req = api::field(spec, {"nodeAffinity", "required"});
  if (!req.is_object()) {
    w.line("<none>");
  } else {
    w.line("");
    w.write(L1, "Required Terms:\t");
    const Json& terms = api::field(req, {"nodeSelectorTerms"});
    if (!terms.is_array() || terms.empty()) {
      w.line("<none>");
    } else {
      w.line("");
      for (std::size_t i = 0; i < terms.size(); ++i) {
        w.write(L2, "Term " + std::to_string(i) + ":\t");
        const Json& exprs = api::field(terms[i], {"matchExpressions"});
        if (!exprs.is_array() || exprs.empty()) {
          w.line("<none>");
          continue;
        }
        for (std::size_t j = 0; j < exprs.size(); ++j) {
          if (j) w.write(L2, "\t");
          std::string op = s(exprs[j], {"operator"});
          std::transform(op.begin(), op.end(), op.begin(), ::tolower);
          std::string text = s(exprs[j], {"key"}) + " " + op;
          const Json& vals = api::field(exprs[j], {"values"});
          if (vals.is_array() && !vals.empty()) {
            std::string v;
            for (const auto& x : vals) v += (v.empty() ? "" : ", ") + x.get<std::string>();
            text += " [" + v + "]";
          }
          w.write(L0, text + "\n");
        }
      }
    }
  }
  w.write(L0, "Message:\t" + s(pv, {"status", "message"}) + "\n");
  w.write(L0, "Source:\n");
  if (has(spec, {"hostPath"})) {
    const Json& h = spec["hostPath"];
    w.write(L2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + s(h, {"path"}) + "\n    HostPathType:\t" +
                    (has(h, {"type"}) ? s(h, {"type"}) : "<none>") + "\n");
  } else if (has(spec, {"nfs"})) {
    const Json& n = spec["nfs"];
    w.write(L2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t" + s(n, {"server"}) +
                    "\n    Path:\t" + s(n, {"path"}) + "\n    ReadOnly:\t" +
                    (api::field(n, {"readOnly"}) == Json(true) ? "true" : "false") + "\n");
  } else if (has(spec, {"local"})) {
    w.write(L2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t" +
                    s(spec, {"local", "path"}) + "\n");
  } else if (has(spec, {"csi"})) {
    const Json& c = spec["csi"];
    w.write(L2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t" + s(c, {"driver"}) +
                    "\n    FSType:\t" + s(c, {"fsType"}) + "\n    VolumeHandle:\t" + s(c, {"volumeHandle"}) +
                    "\n    ReadOnly:\t" + (api::field(c, {"readOnly"}) == Json(true) ? "true" : "false") + "\n");
    w.write(L2, "VolumeAttributes:\t");
    const Json& attrs = api::field(c, {"volumeAttributes"});
    if (!attrs.is_object() || attrs.empty()) {
      w.line("<none>");
    } else {
      bool first = true;
      for (const auto& k : keys_of(attrs)) {
        if (!first) w.write(L2, "\t");
        first = false;
        std::string line = k + "=" + s(attrs, {k});
        if (line.size() > 140) line = line.substr(0, 140) + "...";
        w.write(L2, line + "\n");
      }
    }
  } else {
    w.write(L1, "<unknown>\n");
  }
  events_of(ctx, w, pv, "PersistentVolume");
  return w.finish();
}

std::string describe_pvc(const DescribeContext& ctx, const Json& pvc) {
  PrefixWriter w;
  const std::string ns = api::meta::namespace_of(pvc), name = api::meta::name(pvc);
  std::vector<std::string> used_by;
  std::vector<api::ObjectPtr> pods = ctx.api.list(resource(ctx, "", "v1", "pods"), ns).items;
  std::set<std::string> seen;
  for (const auto& p : pods) {
    const Json& vols = api::field(*p, {"spec", "volumes"});
    if (!vols.is_array()) continue;
    for (const auto& v : vols)
      if (s(v, {"persistentVolumeClaim", "claimName"}) == name) {
        used_by.push_back(api::meta::name(*p));
        seen.insert(api::meta::uid(*p));
      }
  }
  const Json& owners = api::field(pvc, {"metadata", "ownerReferences"});
  if (owners.is_array())
    for (const auto& o : owners) {
      if (s(o, {"kind"}) != "Pod" || seen.count(s(o, {"uid"}))) continue;
      for (const auto& p : pods)
        if (api::meta::uid(*p) == s(o, {"uid"})) {
          used_by.push_back(api::meta::name(*p));
          seen.insert(s(o, {"uid"}));
        }
    }
  print_persistent_volume_claim(w, pvc, true, 0);
  w.write(L0, "Used By:\t");
  if (used_by.empty()) {
    w.line("<none>");
  } else {
    std::stable_sort(used_by.begin(), used_by.end());
    for (std::size_t i = 0; i < used_by.size(); ++i) {
      if (i) w.write(L0, "\t");
      w.write(L0, used_by[i] + "\n");
    }
  }
  const Json& conds = api::field(pvc, {"status", "conditions"});
  if (conds.is_array() && !conds.empty()) {
    w.write(L0, "Conditions:\n");
    w.write(L1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(L1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(L1, s(c, {"type"}) + " \t" + s(c, {"status"}) + " \t" + rfc1123z(s(c, {"lastProbeTime"})) + " \t" +
                      rfc1123z(s(c, {"lastTransitionTime"})) + " \t" + s(c, {"reason"}) + " \t" + s(c, {"message"}) + "\n");
  }
  events_of(ctx, w, pvc, "PersistentVolumeClaim");
  return w.finish();
}

std::string describe_limit_range(const DescribeContext& ctx, const Json& lr) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(lr) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(lr) + "\n");
  w.write(L0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(L0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  describe_limit_items(w, api::field(lr, {"spec"}), "");
  (void)ctx;
  return w.finish();
}

std::string describe_quota(const DescribeContext& ctx, const Json& q) {
  static const std::map<std::string, std::string> help = {
      {"Terminating",
       "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being "
       "actively terminated by the system."},
      {"NotTerminating",
       "Matches all pods that do not have an active deadline. These pods usually include long running pods whose "
       "container command is not expected to terminate."},
      {"BestEffort",
       "Matches all pods that do not have resource requirements set. These pods have a best effort quality of "
       "service."},
      {"NotBestEffort",
       "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed "
       "quality of service."}};
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(q) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(q) + "\n");
  const Json& scopes = api::field(q, {"spec", "scopes"});
  if (scopes.is_array() && !scopes.empty()) {
    std::vector<std::string> list;
    for (const auto& sc : scopes) list.push_back(sc.get<std::string>());
    std::sort(list.begin(), list.end());
    std::string text;
    for (const auto& sc : list) text += (text.empty() ? "" : ", ") + sc;
    w.write(L0, "Scopes:\t" + text + "\n");
    for (const auto& sc : list)
      if (help.count(sc)) w.write(L0, " * " + help.at(sc) + "\n");
  }
  w.write(L0, "Resource\tUsed\tHard\n");
  w.write(L0, "--------\t----\t----\n");
  const Json& hard = api::field(q, {"status", "hard"});
  for (const auto& k : keys_of(hard))
    w.write(L0, k + "\t" + used_string(api::field(q, {"status", "used", k}), hard[k]) + "\t" + qty(hard[k]) + "\n");
  (void)ctx;
  return w.finish();
}

}  // namespace kt::printers::describe_detail
