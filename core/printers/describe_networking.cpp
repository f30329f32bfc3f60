// Networking: Ingress (backends resolved through Services and EndpointSlices),
// IngressClass, NetworkPolicy.
#include <set>

#include "core/api/labels.h"
#include "core/printers/describe_util.h"
#include "core/util/timefmt.h"

namespace kt::printers::describe_detail {
namespace {

std::string backend_v1(const DescribeContext& ctx, const std::string& ns, const Json& backend) {
  if (backend.contains("service")) {
    const Json& svc = backend["service"];
    const std::string name = s(svc, {"name"});
    const std::int64_t number = api::int_field(svc, {"port", "number"}, 0);
    const std::string port_name = s(svc, {"port", "name"});
    const std::string sb = name + ":" + (number != 0 ? std::to_string(number) : port_name);
    auto slices = slices_of_service(ctx, ns, name);
    api::ObjectPtr service;
    try {
      service = ctx.api.get(*ctx.api.registry().find("", "v1", "services"), ns, name);
    } catch (const api::ApiError& e) {
      return sb + " (<error: " + e.message() + ">)";
    }
    std::string sp_name;
    const Json& ports = api::field(*service, {"spec", "ports"});
    if (ports.is_array())
      for (const auto& sp : ports) {
        if (number != 0 && number == api::int_field(sp, {"port"}, 0)) sp_name = s(sp, {"name"});
        else if (!port_name.empty() && port_name == s(sp, {"name"})) sp_name = s(sp, {"name"});
      }
    return sb + " (" + format_service_endpoints(slices, &sp_name) + ")";
  }
  if (backend.contains("resource")) {
    const Json& r = backend["resource"];
    return "APIGroup: " + (has(r, {"apiGroup"}) ? s(r, {"apiGroup"}) : "<none>") + ", Kind: " + s(r, {"kind"}) +
           ", Name: " + s(r, {"name"});
  }
  return "";
}

// printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo.
void network_policy_rules(PrefixWriter& w, const Json& rules, const char* peers_field, const char* peer_word,
                          const char* isolated, const char* unrestricted) {
  const std::string indent = "    ";
  if (!rules.is_array() || rules.empty()) {
    w.write(L0, indent + isolated + "\n");
    return;
  }
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Json& r = rules[i];
    const Json& ports = api::field(r, {"ports"});
    if (!ports.is_array() || ports.empty()) {
      w.write(L0, indent + "To Port: <any> (traffic allowed to all ports)\n");
    } else {
      for (const auto& p : ports) {
        const std::string proto = has(p, {"protocol"}) ? s(p, {"protocol"}) : "TCP";
        const std::string port = has(p, {"port"}) ? intstr(p["port"]) : "%!s(<nil>)";
        if (has(p, {"endPort"}))
          w.write(L0, indent + "To Port Range: " + port + "-" + i64(p, {"endPort"}) + "/" + proto + "\n");
        else
          w.write(L0, indent + "To Port: " + port + "/" + proto + "\n");
      }
    }
    const Json& peers = api::field(r, {peers_field});
    if (!peers.is_array() || peers.empty()) {
      w.write(L0, indent + unrestricted + "\n");
    } else {
      for (const auto& peer : peers) {
        w.write(L0, indent + peer_word + ":\n");
        const bool pod = has(peer, {"podSelector"}), ns = has(peer, {"namespaceSelector"});
        if (ns) w.write(L1, indent + "NamespaceSelector: " + api::format_label_selector(peer["namespaceSelector"]) + "\n");
        if (pod) w.write(L1, indent + "PodSelector: " + api::format_label_selector(peer["podSelector"]) + "\n");
        if (!pod && !ns && has(peer, {"ipBlock"})) {
          w.write(L1, indent + "IPBlock:\n");
          w.write(L2, indent + "CIDR: " + s(peer, {"ipBlock", "cidr"}) + "\n");
          w.write(L2, indent + "Except: " + join_list(api::field(peer, {"ipBlock", "except"}), ", ") + "\n");
        }
      }
    }
    if (i + 1 != rules.size()) w.write(L0, indent + "----------\n");
  }
}

}  // namespace

std::string describe_ingress(const DescribeContext& ctx, const Json& ing) {
  PrefixWriter w;
  const Json& spec = api::field(ing, {"spec"});
  const std::string ns = api::meta::namespace_of(ing);
  w.write(L0, "Name:\t" + api::meta::name(ing) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(ing));
  w.write(L0, "Namespace:\t" + ns + "\n");
  std::set<std::string> addrs;
  const Json& lb = api::field(ing, {"status", "loadBalancer", "ingress"});
  if (lb.is_array())
    for (const auto& x : lb) {
      if (!s(x, {"ip"}).empty()) addrs.insert(s(x, {"ip"}));
      else if (!s(x, {"hostname"}).empty()) addrs.insert(s(x, {"hostname"}));
    }
  std::string address;
  for (const auto& a : addrs) address += (address.empty() ? "" : ",") + a;
  w.write(L0, "Address:\t" + address + "\n");
  w.write(L0, "Ingress Class:\t" + (has(spec, {"ingressClassName"}) ? s(spec, {"ingressClassName"}) : "<none>") + "\n");
  std::string def = "<default>";
  if (has(spec, {"defaultBackend"})) def = backend_v1(ctx, ns, spec["defaultBackend"]);
  w.write(L0, "Default backend:\t" + def + "\n");
  const Json& tls = api::field(spec, {"tls"});
  if (tls.is_array() && !tls.empty()) {
    w.write(L0, "TLS:\n");
    for (const auto& t : tls) {
      const std::string hosts = join_list(api::field(t, {"hosts"}), ",");
      if (s(t, {"secretName"}).empty()) w.write(L1, "SNI routes " + hosts + "\n");
      else w.write(L1, s(t, {"secretName"}) + " terminates " + hosts + "\n");
    }
  }
  w.write(L0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(L1, "----\t----\t--------\n");
  int count = 0;
  const Json& rules = api::field(spec, {"rules"});
  if (rules.is_array())
    for (const auto& r : rules) {
      if (!has(r, {"http"})) continue;
      ++count;
      std::string host = s(r, {"host"});
      w.write(L1, (host.empty() ? "*" : host) + "\t\n");
      const Json& paths = api::field(r, {"http", "paths"});
      if (paths.is_array())
        for (const auto& p : paths)
          w.write(L2, "\t" + s(p, {"path"}) + " \t" + backend_v1(ctx, ns, api::field(p, {"backend"})) + "\n");
    }
  if (count == 0) w.write(L1, "*\t*\t" + def + "\n");
  annotations_multiline(w, "Annotations", api::meta::annotations(ing));
  events_of(ctx, w, ing, "Ingress");
  return w.finish();
}

std::string describe_ingress_class(const DescribeContext& ctx, const Json& ic) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(ic) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(ic));
  annotations_multiline(w, "Annotations", api::meta::annotations(ic));
  w.write(L0, "Controller:\t" + s(ic, {"spec", "controller"}) + "\n");
  const Json& p = api::field(ic, {"spec", "parameters"});
  if (p.is_object()) {
    w.write(L0, "Parameters:\n");
    if (has(p, {"apiGroup"})) w.write(L1, "APIGroup:\t" + s(p, {"apiGroup"}) + "\n");
    w.write(L1, "Kind:\t" + s(p, {"kind"}) + "\n");
    w.write(L1, "Name:\t" + s(p, {"name"}) + "\n");
  }
  events_of(ctx, w, ic, "IngressClass");
  return w.finish();
}

std::string describe_network_policy(const DescribeContext& ctx, const Json& np) {
  PrefixWriter w;
  const Json& spec = api::field(np, {"spec"});
  w.write(L0, "Name:\t" + api::meta::name(np) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(np) + "\n");
  auto created = util::parse_rfc3339(s(np, {"metadata", "creationTimestamp"}));
  w.write(L0, "Created on:\t" + (created ? util::format_go_time(*created) : "0001-01-01 00:00:00 +0000 UTC") + "\n");
  labels_multiline(w, "Labels", api::meta::labels(np));
  annotations_multiline(w, "Annotations", api::meta::annotations(np));
  w.write(L0, "Spec:\n");
  w.write(L1, "PodSelector: ");
  const Json& sel = api::field(spec, {"podSelector"});
  const bool empty = !has(sel, {"matchLabels"}) || sel["matchLabels"].empty();
  const bool no_exprs = !has(sel, {"matchExpressions"}) || sel["matchExpressions"].empty();
  if (empty && no_exprs)
    w.write(L2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
  else
    w.write(L2, api::format_label_selector(sel) + "\n");
  bool ingress = false, egress = false;
  const Json& types = api::field(spec, {"policyTypes"});
  if (types.is_array())
    for (const auto& t : types) {
      if (t == Json("Ingress")) ingress = true;
      if (t == Json("Egress")) egress = true;
    }
  if (ingress) {
    w.write(L1, "Allowing ingress traffic:\n");
    network_policy_rules(w, api::field(spec, {"ingress"}), "from", "From",
                         "<none> (Selected pods are isolated for ingress connectivity)",
                         "From: <any> (traffic not restricted by source)");
  } else {
    w.write(L1, "Not affecting ingress traffic\n");
  }
  if (egress) {
    w.write(L1, "Allowing egress traffic:\n");
    network_policy_rules(w, api::field(spec, {"egress"}), "to", "To",
                         "<none> (Selected pods are isolated for egress connectivity)",
                         "To: <any> (traffic not restricted by destination)");
  } else {
    w.write(L1, "Not affecting egress traffic\n");
  }
  w.write(L1, "Policy Types: " + or_none(join_list(types, ", ")) + "\n");
  (void)ctx;
  return w.finish();
}

}  // namespace kt::printers::describe_detail
