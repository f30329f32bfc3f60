// Services and their endpoints: Service (with formatEndpointSlices), Endpoints,
// EndpointSlice.
#include <string>
#include "core/api/labels.h"
#include "core/printers/describe_util.h"

namespace kt::printers::describe_detail {
namespace {

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

}  // namespace

std::string format_service_endpoints(const std::vector<api::ObjectPtr>& slices, const std::string* port_name) {
  return format_endpoint_slices(slices, port_name);
}

std::vector<api::ObjectPtr> slices_of_service(const DescribeContext& ctx, const std::string& ns, const std::string& svc) {
  api::ListOptions lo;
  lo.label_selector = "kubernetes.io/service-name=" + svc;
  try {
    return ctx.api.list(resource_info(ctx, "discovery.k8s.io", "v1", "endpointslices"), ns, lo).items;
  } catch (const api::ApiError&) {
    return {};
  }
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

std::string describe_endpoint_slice(const DescribeContext& ctx, const Json& eps) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(eps) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(eps) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(eps));
  annotations_multiline(w, "Annotations", api::meta::annotations(eps));
  w.write(L0, "AddressType:\t" + s(eps, {"addressType"}) + "\n");
  const Json& ports = api::field(eps, {"ports"});
  if (!ports.is_array() || ports.empty()) {
    w.write(L0, "Ports: <unset>\n");
  } else {
    w.write(L0, "Ports:\n");
    w.write(L1, "Name\tPort\tProtocol\n");
    w.write(L1, "----\t----\t--------\n");
    for (const auto& p : ports) {
      const std::string name = s(p, {"name"});
      w.write(L1, (name.empty() ? "<unset>" : name) + "\t" + (has(p, {"port"}) ? i64(p, {"port"}) : "<unset>") + "\t" +
                      s(p, {"protocol"}) + "\n");
    }
  }
  const Json& endpoints = api::field(eps, {"endpoints"});
  if (!endpoints.is_array() || endpoints.empty()) {
    w.write(L0, "Endpoints: <none>\n");
  } else {
    w.write(L0, "Endpoints:\n");
    for (const auto& e : endpoints) {
      w.write(L1, "- Addresses:\t" + or_none(join_list(api::field(e, {"addresses"}), ", ")) + "\n");
      w.write(L2, "Conditions:\n");
      w.write(L3, "Ready:\t" + (has(e, {"conditions", "ready"}) ? s(e, {"conditions", "ready"}) : "<unset>") + "\n");
      w.write(L2, "Hostname:\t" + (has(e, {"hostname"}) ? s(e, {"hostname"}) : "<unset>") + "\n");
      if (has(e, {"targetRef"}))
        w.write(L2, "TargetRef:\t" + s(e, {"targetRef", "kind"}) + "/" + s(e, {"targetRef", "name"}) + "\n");
      w.write(L2, "NodeName:\t" + (has(e, {"nodeName"}) ? s(e, {"nodeName"}) : "<unset>") + "\n");
      w.write(L2, "Zone:\t" + (has(e, {"zone"}) ? s(e, {"zone"}) : "<unset>") + "\n");
    }
  }
  events_of(ctx, w, eps, "EndpointSlice");
  return w.finish();
}

}  // namespace kt::printers::describe_detail
