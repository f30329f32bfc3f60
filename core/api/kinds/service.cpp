// Service, Endpoints and EndpointSlice:
//   defaults    core/v1 SetDefaults_Service / SetDefaults_Endpoints, discovery/v1 defaults
//   validation  ValidateService / ValidateServiceUpdate / ValidateEndpoints,
//               pkg/apis/discovery/validation
//   strategy    pkg/registry/core/service/strategy.go (NormalizeClusterIPs,
//               dropTypeDependentFields) and the REST layer's patchAllocatedValues.
//
// Allocation (clusterIP from 10.96.0.0/12, nodePorts from 30000-32767) needs state and
// belongs to the API server; validate() reports the allocator's range errors for
// explicitly requested values, as kube does before validating.
#include <algorithm>
#include <map>
#include <set>

#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

const std::vector<std::string> kProtocols = {"SCTP", "TCP", "UDP"};
constexpr std::int64_t kNodePortMin = 30000, kNodePortMax = 32767;

bool is_type(const Json& spec, std::string_view t) { return str(spec, "type") == t; }

bool externally_accessible(const Json& spec) {
  return is_type(spec, "LoadBalancer") || is_type(spec, "NodePort") ||
         (is_type(spec, "ClusterIP") && len(get(spec, "externalIPs")) > 0);
}

bool needs_cluster_ip(const Json& spec) { return !is_type(spec, "ExternalName"); }

bool needs_node_port(const Json& spec) {
  if (is_type(spec, "NodePort")) return true;
  return is_type(spec, "LoadBalancer") && get(spec, "allocateLoadBalancerNodePorts") != false;
}

bool needs_health_check(const Json& spec) {
  return is_type(spec, "LoadBalancer") && str(spec, "externalTrafficPolicy") == "Local";
}

bool is_headless(const Json& spec) {
  const Json& ips = get(spec, "clusterIPs");
  return ips.is_array() && ips.size() == 1 && ips[0] == "None";
}

// The primary clusterIP, v4 dotted form, inside the service CIDR 10.96.0.0/12.
bool in_service_cidr(const std::string& ip) {
  unsigned char b[4];
  if (!parse_ipv4(ip, b)) return true;  // IPv6 and junk are other validators' business
  return b[0] == 10 && (b[1] & 0xF0) == 96;
}

std::string go_service_port_key(const Json& port) {
  return "core.ServicePort{Name:\"\", Protocol:" + go_quote(str(port, "protocol")) +
         ", AppProtocol:(*string)(nil), Port:" + std::to_string(integer(port, "port").value_or(0)) +
         ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}";
}

void validate_service_port(const Json& sp, bool require_name, std::set<std::string>& names, const std::string& path,
                           FieldErrors& errs) {
  const std::string name = str(sp, "name");
  if (require_name && name.empty()) {
    errs.push_back(FieldError::required(child(path, "name"), ""));
  } else if (!name.empty()) {
    validate_dns_label(name, child(path, "name"), errs);
    if (names.count(name))
      errs.push_back(FieldError::duplicate(child(path, "name"), name));
    else
      names.insert(name);
  }
  auto port = integer(sp, "port").value_or(0);
  for (auto& m : is_valid_port_num(port)) errs.push_back(FieldError::invalid(child(path, "port"), port, m));
  const std::string proto = str(sp, "protocol");
  if (proto.empty())
    errs.push_back(FieldError::required(child(path, "protocol"), ""));
  else if (std::find(kProtocols.begin(), kProtocols.end(), proto) == kProtocols.end())
    errs.push_back(FieldError::unsupported(child(path, "protocol"), proto, kProtocols));
  validate_port_num_or_name(get(sp, "targetPort"), child(path, "targetPort"), errs);
  if (has(sp, "appProtocol")) validate_qualified_name(str(sp, "appProtocol"), child(path, "appProtocol"), errs);
}

// ValidateServiceClusterIPsRelatedFields.
void validate_cluster_ips(const Json& spec, FieldErrors& errs) {
  if (is_type(spec, "ExternalName")) return;
  const std::string cip = str(spec, "clusterIP");
  const Json& ips = get(spec, "clusterIPs");
  if (!cip.empty()) {
    if (len(ips) == 0)
      errs.push_back(FieldError::required("spec.clusterIPs", ""));
    else if (ips[0] != cip)
      errs.push_back(invalid_raw("spec.clusterIPs", go_string_slice(ips), "first value must match `clusterIP`"));
  } else if (len(ips) != 0) {
    errs.push_back(
        invalid_raw("spec.clusterIPs", go_string_slice(ips), "must be empty when `clusterIP` is not specified"));
  }
  const Json& families = get(spec, "ipFamilies");
  std::set<std::string> seen;
  if (families.is_array()) {
    for (std::size_t i = 0; i < families.size(); ++i) {
      std::string f = families[i].is_string() ? families[i].get<std::string>() : "";
      if (f != "IPv4" && f != "IPv6")
        errs.push_back(FieldError::unsupported(index("spec.ipFamilies", i), f, {"IPv4", "IPv6"}));
      if (seen.count(f)) errs.push_back(FieldError::duplicate(index("spec.ipFamilies", i), f));
      seen.insert(f);
    }
  }
  const Json& policy = get(spec, "ipFamilyPolicy");
  if (policy.is_string() && policy != "SingleStack" && policy != "PreferDualStack" && policy != "RequireDualStack")
    errs.push_back(
        FieldError::unsupported("spec.ipFamilyPolicy", policy, {"PreferDualStack", "RequireDualStack", "SingleStack"}));
  bool invalid_ips = false;
  if (ips.is_array()) {
    for (std::size_t i = 0; i < ips.size(); ++i) {
      std::string ip = ips[i].is_string() ? ips[i].get<std::string>() : "";
      if (i == 0 && ip == "None") {
        if (ips.size() > 1) {
          invalid_ips = true;
          errs.push_back(
              invalid_raw("spec.clusterIPs", go_string_slice(ips), "'None' must be the first and only value"));
        }
        continue;
      }
      auto msgs = is_valid_ip(ip);
      for (auto& m : msgs) errs.push_back(FieldError::invalid(index("spec.clusterIPs", i), ip, m));
      invalid_ips = invalid_ips || !msgs.empty();
    }
    if (ips.size() > 2)
      errs.push_back(invalid_raw("spec.clusterIPs", go_string_slice(ips), "may only hold up to 2 values"));
  }
  if (invalid_ips) return;
  if (ips.is_array() && ips.size() == 2) {
    bool v6a = is_ipv6(ips[0].get<std::string>()), v6b = is_ipv6(ips[1].get<std::string>());
    if (v6a == v6b)
      errs.push_back(
          invalid_raw("spec.clusterIPs", go_string_slice(ips), "may specify no more than one IP for each IP family"));
  }
  if (!is_headless(spec) && ips.is_array() && families.is_array()) {
    for (std::size_t i = 0; i < ips.size() && i < families.size(); ++i) {
      std::string ip = ips[i].get<std::string>();
      bool v6 = is_ipv6(ip);
      if (families[i] == "IPv4" && v6)
        errs.push_back(
            FieldError::invalid(index("spec.clusterIPs", i), ip,
                                "expected an IPv4 value as indicated by `ipFamilies[" + std::to_string(i) + "]`"));
      if (families[i] == "IPv6" && !v6)
        errs.push_back(
            FieldError::invalid(index("spec.clusterIPs", i), ip,
                                "expected an IPv6 value as indicated by `ipFamilies[" + std::to_string(i) + "]`"));
    }
  }
}

// The allocator's answer for explicitly requested values out of range. Kube allocates
// before it validates and returns this error alone.
std::optional<FieldError> allocation_error(const Json& spec) {
  if (needs_cluster_ip(spec)) {
    const std::string cip = str(spec, "clusterIP");
    if (!cip.empty() && cip != "None" && is_valid_ip(cip).empty() && !in_service_cidr(cip))
      return invalid_raw("spec.clusterIPs", go_string_slice(Json::array({cip})),
                         "failed to allocate IP " + cip + ": the provided IP (" + cip +
                             ") is not in the valid range. The range of valid IPs is 10.96.0.0/12");
  }
  if (needs_node_port(spec)) {
    const Json& ports = get(spec, "ports");
    if (ports.is_array())
      for (std::size_t i = 0; i < ports.size(); ++i) {
        auto np = integer(ports[i], "nodePort").value_or(0);
        if (np != 0 && (np < kNodePortMin || np > kNodePortMax))
          return FieldError::invalid(
              child(index("spec.ports", i), "nodePort"), np,
              "provided port is not in the valid range. The range of valid ports is 30000-32767");
      }
  }
  return std::nullopt;
}

void validate_service(const Json& obj, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  const Json& ports = get(spec, "ports");
  const bool headless = is_headless(spec);
  if (len(ports) == 0 && !headless && !is_type(spec, "ExternalName"))
    errs.push_back(FieldError::required("spec.ports", ""));
  if (is_type(spec, "LoadBalancer") && headless)
    errs.push_back(
        FieldError::invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for LoadBalancer services"));
  if (is_type(spec, "NodePort") && headless)
    errs.push_back(FieldError::invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services"));
  if (is_type(spec, "ExternalName")) {
    if (len(get(spec, "clusterIPs")) > 0)
      errs.push_back(FieldError::forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    if (len(get(spec, "ipFamilies")) > 0)
      errs.push_back(FieldError::forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
    if (has(spec, "ipFamilyPolicy"))
      errs.push_back(FieldError::forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
    std::string cname = str(spec, "externalName");
    if (!cname.empty() && cname.back() == '.') cname.pop_back();
    if (!cname.empty())
      validate_dns_subdomain(cname, "spec.externalName", errs);
    else
      errs.push_back(FieldError::required("spec.externalName", ""));
  }
  std::set<std::string> names;
  if (ports.is_array())
    for (std::size_t i = 0; i < ports.size(); ++i)
      validate_service_port(ports[i], ports.size() > 1, names, index("spec.ports", i), errs);
  if (has(spec, "selector")) append(errs, validate_labels(get(spec, "selector"), "spec.selector"));

  const std::string affinity = str(spec, "sessionAffinity");
  if (affinity.empty())
    errs.push_back(FieldError::required("spec.sessionAffinity", ""));
  else if (affinity != "ClientIP" && affinity != "None")
    errs.push_back(FieldError::unsupported("spec.sessionAffinity", affinity, {"ClientIP", "None"}));
  const Json& sac = get(spec, "sessionAffinityConfig");
  if (affinity == "ClientIP") {
    const std::string msg = "when session affinity type is ClientIP";
    if (sac.is_null())
      errs.push_back(FieldError::required("spec.sessionAffinityConfig", msg));
    else if (!has(sac, "clientIP"))
      errs.push_back(FieldError::required("spec.sessionAffinityConfig.clientIP", msg));
    else if (!has(get(sac, "clientIP"), "timeoutSeconds"))
      errs.push_back(FieldError::required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", msg));
    else {
      auto t = integer(get(sac, "clientIP"), "timeoutSeconds").value_or(0);
      if (t <= 0 || t > 86400)
        errs.push_back(FieldError::invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", t,
                                           "must be greater than 0 and less than 86400"));
    }
  } else if (affinity == "None" && !sac.is_null()) {
    errs.push_back(
        FieldError::forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
  }

  validate_cluster_ips(spec, errs);
  const Json& eips = get(spec, "externalIPs");
  if (eips.is_array())
    for (std::size_t i = 0; i < eips.size(); ++i) {
      std::string ip = eips[i].is_string() ? eips[i].get<std::string>() : "";
      for (auto& m : is_valid_ip(ip)) errs.push_back(FieldError::invalid(index("spec.externalIPs", i), ip, m));
    }

  const std::string type = str(spec, "type");
  if (type.empty())
    errs.push_back(FieldError::required("spec.type", ""));
  else if (type != "ClusterIP" && type != "ExternalName" && type != "LoadBalancer" && type != "NodePort")
    errs.push_back(
        FieldError::unsupported("spec.type", type, {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}));

  if (type == "ClusterIP" && ports.is_array())
    for (std::size_t i = 0; i < ports.size(); ++i)
      if (integer(ports[i], "nodePort").value_or(0) != 0)
        errs.push_back(FieldError::forbidden(child(index("spec.ports", i), "nodePort"),
                                             "may not be used when `type` is 'ClusterIP'"));

  if (ports.is_array()) {
    std::set<std::string> node_ports, port_keys;
    for (std::size_t i = 0; i < ports.size(); ++i) {
      auto np = integer(ports[i], "nodePort").value_or(0);
      if (np == 0) continue;
      std::string k = str(ports[i], "protocol") + "/" + std::to_string(np);
      if (node_ports.count(k)) errs.push_back(FieldError::duplicate(child(index("spec.ports", i), "nodePort"), np));
      node_ports.insert(k);
    }
    for (std::size_t i = 0; i < ports.size(); ++i) {
      std::string k = str(ports[i], "protocol") + "/" + std::to_string(integer(ports[i], "port").value_or(0));
      if (port_keys.count(k)) errs.push_back(duplicate_raw(index("spec.ports", i), go_service_port_key(ports[i])));
      port_keys.insert(k);
    }
  }
  if (len(get(spec, "loadBalancerSourceRanges")) > 0 && type != "LoadBalancer")
    errs.push_back(
        FieldError::forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
  if (has(spec, "allocateLoadBalancerNodePorts") && type != "LoadBalancer")
    errs.push_back(
        FieldError::forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"));
  if (type == "LoadBalancer" && !has(spec, "allocateLoadBalancerNodePorts"))
    errs.push_back(FieldError::required("allocateLoadBalancerNodePorts", ""));
  if (has(spec, "loadBalancerClass")) {
    if (type == "LoadBalancer")
      validate_qualified_name(str(spec, "loadBalancerClass"), "spec.loadBalancerClass", errs);
    else
      errs.push_back(FieldError::forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"));
  }

  const std::string etp = str(spec, "externalTrafficPolicy");
  if (!externally_accessible(spec)) {
    if (!etp.empty())
      errs.push_back(
          FieldError::invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
  } else if (etp.empty()) {
    errs.push_back(FieldError::required("spec.externalTrafficPolicy", ""));
  } else if (etp != "Cluster" && etp != "Local") {
    errs.push_back(FieldError::unsupported("spec.externalTrafficPolicy", etp, {"Cluster", "Local"}));
  }
  auto hcnp = integer(spec, "healthCheckNodePort").value_or(0);
  if (!needs_health_check(spec)) {
    if (hcnp != 0)
      errs.push_back(
          FieldError::invalid("spec.healthCheckNodePort", hcnp,
                              "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  const Json& itp = get(spec, "internalTrafficPolicy");
  if (itp.is_null()) {
    if (type == "NodePort" || type == "LoadBalancer" || type == "ClusterIP")
      errs.push_back(FieldError::required("spec.internalTrafficPolicy", ""));
  } else if (itp != "Cluster" && itp != "Local") {
    errs.push_back(FieldError::unsupported("spec.internalTrafficPolicy", itp, {"Cluster", "Local"}));
  }
  const Json& td = get(spec, "trafficDistribution");
  if (td.is_string() && td != "PreferClose")
    errs.push_back(FieldError::unsupported("spec.trafficDistribution", td, {"PreferClose"}));
}

class ServiceStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    set_if_zero(spec, "sessionAffinity", "None");
    if (spec["sessionAffinity"] == "None") spec.erase("sessionAffinityConfig");
    if (spec["sessionAffinity"] == "ClientIP") {
      const Json& t = get(get(get(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds");
      if (t.is_null()) spec["sessionAffinityConfig"] = {{"clientIP", {{"timeoutSeconds", 10800}}}};
    }
    set_if_zero(spec, "type", "ClusterIP");
    if (spec.contains("ports") && spec["ports"].is_array()) {
      for (auto& p : spec["ports"]) {
        if (!p.is_object()) continue;
        set_if_zero(p, "protocol", "TCP");
        const Json& tp = get(p, "targetPort");
        if (tp.is_null() || tp == 0 || tp == "") p["targetPort"] = get(p, "port");
      }
    }
    if (externally_accessible(spec)) set_if_zero(spec, "externalTrafficPolicy", "Cluster");
    if (is_type(spec, "NodePort") || is_type(spec, "LoadBalancer") || is_type(spec, "ClusterIP"))
      set_default(spec, "internalTrafficPolicy", "Cluster");
    if (is_type(spec, "LoadBalancer")) set_default(spec, "allocateLoadBalancerNodePorts", true);
  }

  void prepare_for_create(Json& obj) const override {
    reset_status(obj, {{"loadBalancer", Json::object()}});
    Json& spec = object_at(obj, "spec");
    // NormalizeClusterIPs: a client that sets only clusterIP gets clusterIPs too.
    if (!str(spec, "clusterIP").empty() && len(get(spec, "clusterIPs")) == 0)
      spec["clusterIPs"] = Json::array({spec["clusterIP"]});
    // The allocator's IP family choice on a single-stack IPv4 cluster. Headless
    // services without a selector are the exception: their endpoints may be of
    // either family, so kube makes them RequireDualStack with both families.
    if (needs_cluster_ip(spec)) {
      const bool selectorless_headless = is_headless(spec) && len(get(spec, "selector")) == 0;
      if (!has(spec, "ipFamilyPolicy"))
        spec["ipFamilyPolicy"] = selectorless_headless ? "RequireDualStack" : "SingleStack";
      if (len(get(spec, "ipFamilies")) == 0)
        spec["ipFamilies"] = selectorless_headless && spec["ipFamilyPolicy"] != "SingleStack"
                                 ? Json::array({"IPv4", "IPv6"})
                                 : Json::array({"IPv4"});
    }
  }

  void prepare_for_update(Json& obj, const Json& old) const override {
    Json& spec = object_at(obj, "spec");
    const Json& old_spec = get(old, "spec");
    // patchAllocatedValues: an update that leaves out allocated values keeps them.
    if (needs_cluster_ip(old_spec) && needs_cluster_ip(spec)) {
      if (str(spec, "clusterIP").empty() && has(old_spec, "clusterIP")) spec["clusterIP"] = old_spec["clusterIP"];
      if (len(get(spec, "clusterIPs")) == 0 && len(get(old_spec, "clusterIPs")) > 0)
        spec["clusterIPs"] = old_spec["clusterIPs"];
      if (len(get(spec, "ipFamilies")) == 0 && len(get(old_spec, "ipFamilies")) > 0)
        spec["ipFamilies"] = old_spec["ipFamilies"];
      if (!has(spec, "ipFamilyPolicy") && has(old_spec, "ipFamilyPolicy"))
        spec["ipFamilyPolicy"] = old_spec["ipFamilyPolicy"];
    }
    if (needs_node_port(old_spec) && needs_node_port(spec) && spec.contains("ports") && spec["ports"].is_array()) {
      std::set<std::int64_t> used;
      std::map<std::string, std::int64_t> by_name;
      const Json& old_ports = get(old_spec, "ports");
      std::set<std::int64_t> old_used, new_used;
      if (old_ports.is_array())
        for (const auto& p : old_ports) {
          by_name[str(p, "name")] = integer(p, "nodePort").value_or(0);
          old_used.insert(integer(p, "nodePort").value_or(0));
        }
      for (const auto& p : spec["ports"]) new_used.insert(integer(p, "nodePort").value_or(0));
      for (auto v : old_used)
        if (new_used.count(v)) used.insert(v);
      for (auto& p : spec["ports"]) {
        if (integer(p, "nodePort").value_or(0) != 0) continue;
        auto it = by_name.find(str(p, "name"));
        if (it != by_name.end() && it->second != 0 && !used.count(it->second)) p["nodePort"] = it->second;
      }
    }
    if (needs_health_check(old_spec) && needs_health_check(spec) &&
        integer(spec, "healthCheckNodePort").value_or(0) == 0 && has(old_spec, "healthCheckNodePort"))
      spec["healthCheckNodePort"] = old_spec["healthCheckNodePort"];
    // NormalizeClusterIPs on update: a changed singular field wins.
    if (!str(spec, "clusterIP").empty() && len(get(spec, "clusterIPs")) == 0)
      spec["clusterIPs"] = Json::array({spec["clusterIP"]});
    drop_type_dependent_fields(obj, spec, old_spec);
  }

  FieldErrors validate(const Json& obj) const override {
    if (auto e = allocation_error(get(obj, "spec"))) return {*e};
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_service(obj, errs);
    return errs;
  }

  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    const Json& spec = get(obj, "spec");
    const Json& old_spec = get(old, "spec");
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    if (!is_type(spec, "ExternalName") && !is_type(old_spec, "ExternalName") &&
        !(is_headless(spec) && is_headless(old_spec))) {
      const Json& now = get(spec, "clusterIPs");
      const Json& before = get(old_spec, "clusterIPs");
      if (len(before) == len(now)) {
        for (std::size_t i = 0; i < len(before); ++i)
          if (before[i] != now[i])
            errs.push_back(invalid_raw(index("spec.clusterIPs", i), go_string_slice(now), "may not change once set"));
      } else if (len(before) > len(now)) {
        if (len(now) == 0)
          errs.push_back(invalid_raw("spec.clusterIPs[0]", go_string_slice(now), "primary clusterIP can not be unset"));
        else if (now[0] != before[0])
          errs.push_back(invalid_raw("spec.clusterIPs[0]", go_string_slice(now), "may not change once set"));
      } else if (len(before) > 0 && now[0] != before[0]) {
        errs.push_back(invalid_raw("spec.clusterIPs[0]", go_string_slice(now), "may not change once set"));
      }
    }
    if (needs_health_check(old_spec) && needs_health_check(spec) &&
        get(spec, "healthCheckNodePort") != get(old_spec, "healthCheckNodePort"))
      errs.push_back(FieldError::forbidden("spec.healthCheckNodePort", "field is immutable"));
    if (auto e = allocation_error(spec)) return {*e};
    validate_service(obj, errs);
    return errs;
  }

  std::vector<std::string> validate_name(std::string_view name) const override { return is_dns1035_label(name); }

 private:
  static void drop_type_dependent_fields(Json& obj, Json& spec, const Json& old_spec) {
    if (needs_cluster_ip(old_spec) && !needs_cluster_ip(spec)) {
      if (get(spec, "clusterIP") == get(old_spec, "clusterIP") &&
          get(spec, "clusterIPs") == get(old_spec, "clusterIPs")) {
        spec.erase("clusterIP");
        spec.erase("clusterIPs");
      }
      if (get(spec, "ipFamilies") == get(old_spec, "ipFamilies")) spec.erase("ipFamilies");
      if (get(spec, "ipFamilyPolicy") == get(old_spec, "ipFamilyPolicy")) spec.erase("ipFamilyPolicy");
    }
    if (needs_node_port(old_spec) && !needs_node_port(spec) && spec.contains("ports") && spec["ports"].is_array()) {
      bool same = true;
      const Json& old_ports = get(old_spec, "ports");
      for (std::size_t i = 0; i < spec["ports"].size(); ++i) {
        const Json& before = i < len(old_ports) ? get(old_ports[i], "nodePort") : Json();
        if (get(spec["ports"][i], "nodePort") != before) same = false;
      }
      if (same)
        for (auto& p : spec["ports"]) p.erase("nodePort");
    }
    if (needs_health_check(old_spec) && !needs_health_check(spec) &&
        get(spec, "healthCheckNodePort") == get(old_spec, "healthCheckNodePort"))
      spec.erase("healthCheckNodePort");
    if (is_type(old_spec, "LoadBalancer") && !is_type(spec, "LoadBalancer") &&
        get(spec, "allocateLoadBalancerNodePorts") == get(old_spec, "allocateLoadBalancerNodePorts"))
      spec.erase("allocateLoadBalancerNodePorts");
    if (externally_accessible(old_spec) && !externally_accessible(spec) &&
        get(spec, "externalTrafficPolicy") == get(old_spec, "externalTrafficPolicy"))
      spec.erase("externalTrafficPolicy");
    if (!is_type(spec, "LoadBalancer")) object_at(obj, "status")["loadBalancer"] = Json::object();
  }
};

// ---- Endpoints ------------------------------------------------------------------------

void validate_endpoint_port(const Json& port, bool require_name, const std::string& path, FieldErrors& errs) {
  const std::string name = str(port, "name");
  if (require_name && name.empty())
    errs.push_back(FieldError::required(child(path, "name"), ""));
  else if (!name.empty())
    validate_dns_label(name, child(path, "name"), errs);
  auto p = integer(port, "port").value_or(0);
  for (auto& m : is_valid_port_num(p)) errs.push_back(FieldError::invalid(child(path, "port"), p, m));
  const std::string proto = str(port, "protocol");
  if (proto.empty())
    errs.push_back(FieldError::required(child(path, "protocol"), ""));
  else if (std::find(kProtocols.begin(), kProtocols.end(), proto) == kProtocols.end())
    errs.push_back(FieldError::unsupported(child(path, "protocol"), proto, kProtocols));
  if (has(port, "appProtocol")) validate_qualified_name(str(port, "appProtocol"), child(path, "appProtocol"), errs);
}

// ValidateNonSpecialIP.
void validate_non_special_ip(const std::string& ip, const std::string& path, FieldErrors& errs) {
  unsigned char b[4];
  if (parse_ipv4(ip, b)) {
    if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)
      errs.push_back(FieldError::invalid(path, ip, "may not be unspecified (" + ip + ")"));
    if (b[0] == 127)
      errs.push_back(FieldError::invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    if (b[0] == 169 && b[1] == 254)
      errs.push_back(FieldError::invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    if (b[0] == 224 && b[1] == 0 && b[2] == 0)
      errs.push_back(
          FieldError::invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  } else if (!is_ipv6(ip)) {
    errs.push_back(FieldError::invalid(path, ip, "must be a valid IP address"));
  }
}

void validate_endpoint_address(const Json& a, const std::string& path, FieldErrors& errs) {
  const std::string ip = str(a, "ip");
  for (auto& m : is_valid_ip(ip)) errs.push_back(FieldError::invalid(child(path, "ip"), ip, m));
  if (!str(a, "hostname").empty()) validate_dns_label(str(a, "hostname"), child(path, "hostname"), errs);
  if (has(a, "nodeName")) validate_dns_subdomain(str(a, "nodeName"), child(path, "nodeName"), errs);
  validate_non_special_ip(ip, child(path, "ip"), errs);
}

class EndpointsStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    if (!obj.contains("subsets") || !obj["subsets"].is_array()) return;
    for (auto& ss : obj["subsets"])
      if (ss.is_object() && ss.contains("ports") && ss["ports"].is_array())
        for (auto& p : ss["ports"]) set_if_zero(p, "protocol", "TCP");
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_subsets(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_subsets(obj, errs);
    return errs;
  }

 private:
  static void validate_subsets(const Json& obj, FieldErrors& errs) {
    const Json& subsets = get(obj, "subsets");
    if (!subsets.is_array()) return;
    for (std::size_t i = 0; i < subsets.size(); ++i) {
      const Json& ss = subsets[i];
      const std::string p = index("subsets", i);
      if (len(get(ss, "addresses")) == 0 && len(get(ss, "notReadyAddresses")) == 0)
        errs.push_back(FieldError::required(p, "must specify `addresses` or `notReadyAddresses`"));
      for (const char* list : {"addresses", "notReadyAddresses"}) {
        const Json& addrs = get(ss, list);
        if (addrs.is_array())
          for (std::size_t j = 0; j < addrs.size(); ++j)
            validate_endpoint_address(addrs[j], index(child(p, list), j), errs);
      }
      const Json& ports = get(ss, "ports");
      if (ports.is_array())
        for (std::size_t j = 0; j < ports.size(); ++j)
          validate_endpoint_port(ports[j], ports.size() > 1, index(child(p, "ports"), j), errs);
    }
  }
};

// ---- EndpointSlice ----------------------------------------------------------------------

class EndpointSliceStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    if (!obj.contains("ports") || !obj["ports"].is_array()) return;
    for (auto& p : obj["ports"]) {
      if (!p.is_object()) continue;
      set_default(p, "protocol", "TCP");
      set_default(p, "name", "");
    }
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_slice(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_slice(obj, errs);
    immutable_value(get(obj, "addressType"), get(old, "addressType"), "addressType", errs);
    return errs;
  }

 private:
  static void validate_slice(const Json& obj, FieldErrors& errs) {
    const std::string type = str(obj, "addressType");
    if (type.empty())
      errs.push_back(FieldError::required("addressType", ""));
    else if (type != "IPv4" && type != "IPv6" && type != "FQDN")
      errs.push_back(FieldError::unsupported("addressType", type, {"FQDN", "IPv4", "IPv6"}));
    const Json& eps = get(obj, "endpoints");
    if (eps.is_array()) {
      for (std::size_t i = 0; i < eps.size(); ++i) {
        const std::string p = index("endpoints", i);
        const Json& addrs = get(eps[i], "addresses");
        if (len(addrs) == 0)
          errs.push_back(FieldError::required(child(p, "addresses"), "must contain at least 1 address"));
        else if (len(addrs) > 100)
          errs.push_back(FieldError{FieldError::Type::TooMany,
                                    child(p, "addresses"),
                                    Json(len(addrs)),
                                    "must have at most 100 items",
                                    {},
                                    true});
        if (addrs.is_array())
          for (std::size_t j = 0; j < addrs.size(); ++j) {
            std::string a = addrs[j].is_string() ? addrs[j].get<std::string>() : "";
            const std::string ap = index(child(p, "addresses"), j);
            if (type == "IPv4" || type == "IPv6") {
              unsigned char b[4];
              bool ok = type == "IPv4" ? parse_ipv4(a, b) : is_ipv6(a);
              if (!ok) errs.push_back(FieldError::invalid(ap, a, "must be a valid " + type + " address"));
            } else if (type == "FQDN") {
              validate_dns_subdomain(a, ap, errs);
            }
          }
        if (has(eps[i], "hostname")) validate_dns_label(str(eps[i], "hostname"), child(p, "hostname"), errs);
        if (has(eps[i], "nodeName")) validate_dns_subdomain(str(eps[i], "nodeName"), child(p, "nodeName"), errs);
      }
    }
    const Json& ports = get(obj, "ports");
    if (ports.is_array()) {
      std::set<std::string> names;
      for (std::size_t i = 0; i < ports.size(); ++i) {
        const std::string p = index("ports", i);
        const std::string name = str(ports[i], "name");
        if (!name.empty()) validate_dns_label(name, child(p, "name"), errs);
        if (names.count(name)) errs.push_back(FieldError::duplicate(child(p, "name"), name));
        names.insert(name);
        const Json& proto = get(ports[i], "protocol");
        if (proto.is_string() &&
            std::find(kProtocols.begin(), kProtocols.end(), proto.get<std::string>()) == kProtocols.end())
          errs.push_back(FieldError::unsupported(child(p, "protocol"), proto, kProtocols));
        if (has(ports[i], "port")) {
          auto n = integer(ports[i], "port").value_or(0);
          for (auto& m : is_valid_port_num(n)) errs.push_back(FieldError::invalid(child(p, "port"), n, m));
        }
      }
    }
  }
};

}  // namespace

const KindStrategy& service_strategy() {
  static const ServiceStrategy s;
  return s;
}
const KindStrategy& endpoints_strategy() {
  static const EndpointsStrategy s;
  return s;
}
const KindStrategy& endpointslice_strategy() {
  static const EndpointSliceStrategy s;
  return s;
}

}  // namespace kt::api::kinds
