// networking.k8s.io/v1 and discovery.k8s.io/v1: ingresses, ingressclasses,
// networkpolicies, endpointslices (printIngress, printIngressClass,
// printNetworkPolicy, printEndpointSlice).

#include "core/api/labels.h"
#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

// formatHosts: up to three hosts, "*" when no rule names one.
std::string format_hosts(const Json& rules) {
  std::vector<std::string> list;
  const std::size_t max = 3;
  bool more = false;
  std::size_t n = rules.is_array() ? rules.size() : 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (list.size() == max) more = true;
    const std::string host = str_field(rules[i], {"host"});
    if (!more && !host.empty()) list.push_back(host);
  }
  if (list.empty()) return "*";
  std::string ret = join(list, ",");
  if (more) return ret + " + " + std::to_string(n - max) + " more...";
  return ret;
}

Row ingress_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& ing = *obj;
  const Json& cls = field(ing, {"spec", "ingressClassName"});
  const Json& tls = field(ing, {"spec", "tls"});
  return make_row(obj, {api::meta::name(ing), cls.is_string() ? cls.get<std::string>() : "<none>",
                        format_hosts(field(ing, {"spec", "rules"})),
                        load_balancer_addresses(field(ing, {"status", "loadBalancer", "ingress"})),
                        tls.is_array() && !tls.empty() ? "80, 443" : "80", age(ing, now)});
}

Row ingressclass_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& ic = *obj;
  std::string parameters = "<none>";
  if (const Json& p = field(ic, {"spec", "parameters"}); p.is_object()) {
    parameters = str_field(p, {"kind"});
    if (const Json& g = field(p, {"apiGroup"}); g.is_string()) parameters += "." + g.get<std::string>();
    parameters += "/" + str_field(p, {"name"});
  }
  return make_row(obj, {api::meta::name(ic), str_field(ic, {"spec", "controller"}), parameters, age(ic, now)});
}

Row networkpolicy_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& sel = field(*obj, {"spec", "podSelector"});
  return make_row(obj, {api::meta::name(*obj), api::format_label_selector(sel.is_null() ? Json::object() : sel),
                        age(*obj, now)});
}

std::string list_with_more(const std::vector<std::string>& list, bool more, std::size_t count, std::size_t max) {
  std::string ret = join(list, ",");
  if (more) return ret + " + " + std::to_string(count - max) + " more...";
  return ret.empty() ? "<unset>" : ret;
}

Row endpointslice_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& es = *obj;
  const std::size_t max = 3;
  std::vector<std::string> ports;
  bool more_ports = false;
  std::size_t port_count = 0;
  if (const Json& ps = field(es, {"ports"}); ps.is_array()) {
    for (const auto& p : ps) {
      if (ports.size() < max) {
        std::string num = "*";
        if (field(p, {"port"}).is_number_integer()) num = std::to_string(p["port"].get<std::int64_t>());
        else if (field(p, {"name"}).is_string()) num = p["name"].get<std::string>();
        ports.push_back(num);
      } else if (ports.size() == max) {
        more_ports = true;
      }
      ++port_count;
    }
  }
  std::vector<std::string> addrs;
  bool more_addrs = false;
  std::size_t addr_count = 0;
  if (const Json& eps = field(es, {"endpoints"}); eps.is_array()) {
    for (const auto& ep : eps) {
      const Json& a = field(ep, {"addresses"});
      if (!a.is_array()) continue;
      for (const auto& addr : a) {
        if (addrs.size() < max) addrs.push_back(addr.is_string() ? addr.get<std::string>() : "");
        else if (addrs.size() == max) more_addrs = true;
        ++addr_count;
      }
    }
  }
  return make_row(obj, {api::meta::name(es), str_field(es, {"addressType"}),
                        list_with_more(ports, more_ports, port_count, max),
                        list_with_more(addrs, more_addrs, addr_count, max), age(es, now)});
}

}  // namespace

void register_networking_printers() {
  add_printer("networking.k8s.io", "ingresses",
              {{name_column(),
                col("Class", "string", 0,
                    "The name of the IngressClass resource that should be used for additional configuration"),
                col("Hosts", "string", 0, "Hosts that incoming requests are matched against before the ingress rule"),
                col("Address", "string", 0, "Address is a list containing ingress points for the load-balancer"),
                col("Ports", "string", 0, "Ports of TLS configurations that open"), age_column()},
               ingress_row});
  add_printer("networking.k8s.io", "ingressclasses",
              {{name_column(), col("Controller", "string", 0, "Controller that is responsible for handling this class"),
                col("Parameters", "string", 0, "A reference to a resource with additional parameters"), age_column()},
               ingressclass_row});
  add_printer("networking.k8s.io", "networkpolicies",
              {{name_column(),
                col("Pod-Selector", "string", 0,
                    "Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is "
                    "applied to any pods selected by this field."),
                age_column()},
               networkpolicy_row});
  add_printer("discovery.k8s.io", "endpointslices",
              {{name_column(),
                col("AddressType", "string", 0,
                    "addressType specifies the type of address carried by this EndpointSlice. All addresses in this "
                    "slice must be the same type."),
                col("Ports", "string", 0,
                    "ports specifies the list of network ports exposed by each endpoint in this slice."),
                col("Endpoints", "string", 0,
                    "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 "
                    "endpoints."),
                age_column()},
               endpointslice_row});
}

}  // namespace kt::printers
