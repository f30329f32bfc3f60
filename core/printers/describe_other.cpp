// Ingress, IngressClass, EndpointSlice, HorizontalPodAutoscaler, PodDisruptionBudget,
// Role/ClusterRole, RoleBinding/ClusterRoleBinding, StorageClass, PriorityClass,
// NetworkPolicy, and the generic describer for every other kind.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/api/labels.h"
#include "core/printers/describe_util.h"
#include "core/util/timefmt.h"

namespace kt::printers::describe_detail {
namespace {

std::string join_list(const Json& arr, const std::string& sep) {
  std::string out;
  if (arr.is_array())
    for (const auto& x : arr) out += (out.empty() ? "" : sep) + (x.is_string() ? x.get<std::string>() : x.dump());
  return out;
}

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

std::string policy_rule_string(const Json& r) {
  auto l = [&](const char* f) { return go_list(api::field(r, {f})); };
  return "&PolicyRule{Verbs:" + l("verbs") + ",APIGroups:" + l("apiGroups") + ",Resources:" + l("resources") +
         ",ResourceNames:" + l("resourceNames") + ",NonResourceURLs:" + l("nonResourceURLs") + ",}";
}

Json rule(const Json& groups, const Json& resources, const Json& verbs, const Json& names, const Json& urls) {
  Json r = Json::object();
  if (!verbs.is_null()) r["verbs"] = verbs;
  if (!groups.is_null()) r["apiGroups"] = groups;
  if (!resources.is_null()) r["resources"] = resources;
  if (!names.is_null()) r["resourceNames"] = names;
  if (!urls.is_null()) r["nonResourceURLs"] = urls;
  return r;
}

// rbac.BreakdownRule + CompactRules + SortableRuleSlice.
std::vector<Json> compact_rules(const Json& rules) {
  std::vector<Json> broken;
  if (rules.is_array())
    for (const auto& r : rules) {
      const Json& groups = api::field(r, {"apiGroups"});
      const Json& resources = api::field(r, {"resources"});
      const Json& verbs = api::field(r, {"verbs"});
      const Json& names = api::field(r, {"resourceNames"});
      if (groups.is_array() && resources.is_array() && verbs.is_array())
        for (const auto& g : groups)
          for (const auto& res : resources)
            for (const auto& v : verbs) {
              if (names.is_array() && !names.empty()) {
                for (const auto& n : names)
                  broken.push_back(rule(Json::array({g}), Json::array({res}), Json::array({v}), Json::array({n}), Json()));
              } else {
                broken.push_back(rule(Json::array({g}), Json::array({res}), Json::array({v}), Json(), Json()));
              }
            }
      const Json& urls = api::field(r, {"nonResourceURLs"});
      if (urls.is_array())
        for (const auto& u : urls) broken.push_back(rule(Json(), Json(), verbs, Json(), Json::array({u})));
    }
  std::vector<Json> compacted;
  std::map<std::string, std::size_t> simple;  // group/resource/name -> index in `merged`
  std::vector<Json> merged;
  for (const auto& r : broken) {
    const Json& names = api::field(r, {"resourceNames"});
    const bool is_simple = api::field(r, {"apiGroups"}).is_array() && r["apiGroups"].size() == 1 &&
                           api::field(r, {"resources"}).is_array() && r["resources"].size() == 1 &&
                           (!names.is_array() || names.size() <= 1) && !r.contains("nonResourceURLs");
    if (!is_simple) {
      compacted.push_back(r);
      continue;
    }
    const std::string key = r["apiGroups"][0].dump() + "/" + r["resources"][0].dump() + "/" +
                            (names.is_array() && !names.empty() ? "1" + names[0].dump() : std::string("0"));
    auto it = simple.find(key);
    if (it == simple.end()) {
      simple[key] = merged.size();
      merged.push_back(r);
    } else {
      Json& existing = merged[it->second];
      if (!existing.contains("verbs")) existing["verbs"] = Json::array();
      for (const auto& v : api::field(r, {"verbs"})) existing["verbs"].push_back(v);
    }
  }
  compacted.insert(compacted.end(), merged.begin(), merged.end());
  std::stable_sort(compacted.begin(), compacted.end(),
                   [](const Json& a, const Json& b) { return policy_rule_string(a) < policy_rule_string(b); });
  return compacted;
}

std::string combine_resource_group(const Json& resources, const Json& groups) {
  if (!resources.is_array() || resources.empty()) return "";
  const std::string r = resources[0].get<std::string>();
  auto slash = r.find('/');
  std::string combine = r.substr(0, slash);
  if (groups.is_array() && !groups.empty() && !groups[0].get<std::string>().empty())
    combine += "." + groups[0].get<std::string>();
  if (slash != std::string::npos) combine += "/" + r.substr(slash + 1);
  return combine;
}

// fatih/camelcase.Split, then describe's smartLabelFor.
std::string smart_label(const std::string& field) {
  for (char c : field)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-') return field;
  auto cls = [](char c) {
    if (std::islower(static_cast<unsigned char>(c))) return 1;
    if (std::isupper(static_cast<unsigned char>(c))) return 2;
    if (std::isdigit(static_cast<unsigned char>(c))) return 3;
    return 4;
  };
  std::vector<std::string> runs;
  int last = 0;
  for (char c : field) {
    int k = cls(c);
    if (runs.empty() || k != last) runs.emplace_back();
    runs.back() += c;
    last = k;
  }
  for (std::size_t i = 0; i + 1 < runs.size(); ++i)
    if (!runs[i].empty() && cls(runs[i][0]) == 2 && !runs[i + 1].empty() && cls(runs[i + 1][0]) == 1) {
      runs[i + 1] = runs[i].back() + runs[i + 1];
      runs[i].pop_back();
    }
  static const std::set<std::string> acronyms = {"API", "URL", "UID", "OSB", "GUID"};
  std::string out;
  for (auto part : runs) {
    if (part.empty() || part == "_") continue;
    std::string up = part;
    std::transform(up.begin(), up.end(), up.begin(), ::toupper);
    if (acronyms.count(up)) part = up;
    else part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
    out += (out.empty() ? "" : " ") + part;
  }
  return out;
}

// (*resource.Quantity).String(): "<nil>" for an unset quantity.
std::string qty_ptr(const Json& q) { return q.is_null() ? "<nil>" : qty(q); }

std::string go_value(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "<nil>";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

void unstructured(PrefixWriter& w, int level, const Json& content, const std::string& prefix,
                  const std::set<std::string>& skip) {
  if (!content.is_object()) return;
  for (auto it = content.begin(); it != content.end(); ++it) {
    const std::string path = prefix + "." + it.key();
    if (skip.count(path)) continue;
    const Json& v = it.value();
    if (v.is_object()) {
      w.write(level, smart_label(it.key()) + ":\n");
      unstructured(w, level + 1, v, path, skip);
    } else if (v.is_array()) {
      w.write(level, smart_label(it.key()) + ":\n");
      for (const auto& child : v) {
        if (child.is_object()) unstructured(w, level + 1, child, path, skip);
        else w.write(level + 1, go_value(child) + "\n");
      }
    } else {
      w.write(level, smart_label(it.key()) + ":\t" + go_value(v) + "\n");
    }
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

std::string describe_hpa(const DescribeContext& ctx, const Json& hpa) {
  PrefixWriter w;
  const Json& spec = api::field(hpa, {"spec"});
  const Json& st = api::field(hpa, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(hpa) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(hpa) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(hpa));
  annotations_multiline(w, "Annotations", api::meta::annotations(hpa));
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(hpa, {"metadata", "creationTimestamp"})) + "\n");
  w.write(L0, "Reference:\t" + s(spec, {"scaleTargetRef", "kind"}) + "/" + s(spec, {"scaleTargetRef", "name"}) + "\n");
  w.write(L0, "Metrics:\t( current / target )\n");
  const Json& metrics = api::field(spec, {"metrics"});
  const Json& current = api::field(st, {"currentMetrics"});
  if (metrics.is_array())
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const Json& m = metrics[i];
      const Json cur = current.is_array() && i < current.size() ? current[i] : Json();
      const std::string type = s(m, {"type"});
      if (type == "Resource" || type == "ContainerResource") {
        const Json& r = type == "Resource" ? m["resource"] : m["containerResource"];
        const Json& cr = api::field(cur, {type == "Resource" ? "resource" : "containerResource"});
        std::string head = type == "Resource" ? "resource " + s(r, {"name"}) + " on pods"
                                              : "resource " + s(r, {"name"}) + " of container \"" + s(r, {"container"}) +
                                                    "\" on pods";
        w.write(L1, head);
        if (has(r, {"target", "averageValue"})) {
          std::string c = cr.is_object() ? qty_ptr(api::field(cr, {"current", "averageValue"})) : "<unknown>";
          w.write(L0, ":\t" + c + " / " + qty(r["target"]["averageValue"]) + "\n");
        } else {
          std::string c = "<unknown>";
          if (cr.is_object() && has(cr, {"current", "averageUtilization"}))
            c = i64(cr, {"current", "averageUtilization"}) + "% (" + qty_ptr(api::field(cr, {"current", "averageValue"})) +
                ")";
          std::string target = has(r, {"target", "averageUtilization"}) ? i64(r, {"target", "averageUtilization"}) + "%"
                                                                         : "<auto>";
          w.write(L1, "(as a percentage of request):\t" + c + " / " + target + "\n");
        }
      } else if (type == "Pods") {
        std::string c = has(cur, {"pods"}) ? qty_ptr(api::field(cur, {"pods", "current", "averageValue"})) : "<unknown>";
        w.write(L1, "\"" + s(m, {"pods", "metric", "name"}) + "\" on pods:\t" + c + " / " +
                        qty_ptr(api::field(m, {"pods", "target", "averageValue"})) + "\n");
      } else if (type == "External") {
        const Json& e = m["external"];
        const std::string name = "\"" + s(e, {"metric", "name"}) + "\"";
        if (has(e, {"target", "averageValue"})) {
          std::string c = has(cur, {"external", "current", "averageValue"})
                              ? qty(api::field(cur, {"external", "current", "averageValue"}))
                              : "<unknown>";
          w.write(L1, name + " (target average value):\t" + c + " / " + qty(e["target"]["averageValue"]) + "\n");
        } else {
          std::string c =
              has(cur, {"external"}) ? qty_ptr(api::field(cur, {"external", "current", "value"})) : "<unknown>";
          w.write(L1, name + " (target value):\t" + c + " / " + qty_ptr(api::field(e, {"target", "value"})) + "\n");
        }
      } else if (type == "Object") {
        const Json& o = m["object"];
        w.write(L1, "\"" + s(o, {"metric", "name"}) + "\" on " + s(o, {"describedObject", "kind"}) + "/" +
                        s(o, {"describedObject", "name"}) + " ");
        const bool average = s(o, {"target", "type"}) == "AverageValue";
        const char* field = average ? "averageValue" : "value";
        std::string c = has(cur, {"object"}) ? qty_ptr(api::field(cur, {"object", "current", field})) : "<unknown>";
        w.write(L0, std::string(average ? "(target average value):\t" : "(target value):\t") + c + " / " +
                        qty_ptr(api::field(o, {"target", field})) + "\n");
      } else {
        w.write(L1, "<unknown metric type \"" + type + "\">\n");
      }
    }
  w.write(L0, "Min replicas:\t" + (has(spec, {"minReplicas"}) ? i64(spec, {"minReplicas"}) : "<unset>") + "\n");
  w.write(L0, "Max replicas:\t" + i64(spec, {"maxReplicas"}) + "\n");
  const Json& behavior = api::field(spec, {"behavior"});
  if (behavior.is_object()) {
    w.write(L0, "Behavior:\n");
    using Direction = std::pair<const char*, const char*>;
    const Direction directions[] = {{"Scale Up", "scaleUp"}, {"Scale Down", "scaleDown"}};
    for (const Direction& dir : directions) {
      const Json& rules = api::field(behavior, {dir.second});
      if (!rules.is_object()) continue;
      w.write(L1, std::string(dir.first) + ":\n");
      if (has(rules, {"stabilizationWindowSeconds"}))
        w.write(L2, "Stabilization Window: " + i64(rules, {"stabilizationWindowSeconds"}) + " seconds\n");
      const Json& policies = api::field(rules, {"policies"});
      if (policies.is_array() && !policies.empty()) {
        w.write(L2, "Select Policy: " + (has(rules, {"selectPolicy"}) ? s(rules, {"selectPolicy"}) : "Max") + "\n");
        w.write(L2, "Policies:\n");
        for (const auto& p : policies)
          w.write(L3, "- Type: " + s(p, {"type"}) + "\tValue: " + i64(p, {"value"}) + "\tPeriod: " +
                          i64(p, {"periodSeconds"}) + " seconds\n");
      }
    }
  }
  w.write(L0, s(spec, {"scaleTargetRef", "kind"}) + " pods:\t");
  w.write(L0, i64(st, {"currentReplicas"}) + " current / " + i64(st, {"desiredReplicas"}) + " desired\n");
  const Json& conds = api::field(st, {"conditions"});
  if (conds.is_array() && !conds.empty()) {
    w.write(L0, "Conditions:\n");
    w.write(L1, "Type\tStatus\tReason\tMessage\n");
    w.write(L1, "----\t------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(L1, s(c, {"type"}) + "\t" + s(c, {"status"}) + "\t" + s(c, {"reason"}) + "\t" + s(c, {"message"}) + "\n");
  }
  events_of(ctx, w, hpa, "HorizontalPodAutoscaler");
  return w.finish();
}

std::string describe_hpa_v1(const DescribeContext& ctx, const Json& hpa) {
  PrefixWriter w;
  const Json& spec = api::field(hpa, {"spec"});
  const Json& st = api::field(hpa, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(hpa) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(hpa) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(hpa));
  annotations_multiline(w, "Annotations", api::meta::annotations(hpa));
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(hpa, {"metadata", "creationTimestamp"})) + "\n");
  w.write(L0, "Reference:\t" + s(spec, {"scaleTargetRef", "kind"}) + "/" + s(spec, {"scaleTargetRef", "name"}) + "\n");
  if (has(spec, {"targetCPUUtilizationPercentage"})) {
    w.write(L0, "Target CPU utilization:\t" + i64(spec, {"targetCPUUtilizationPercentage"}) + "%\n");
    const std::string current =
        has(st, {"currentCPUUtilizationPercentage"}) ? i64(st, {"currentCPUUtilizationPercentage"}) : "<unknown>";
    w.write(L0, "Current CPU utilization:\t" + current + "%\n");
  }
  w.write(L0, "Min replicas:\t" + (has(spec, {"minReplicas"}) ? i64(spec, {"minReplicas"}) : "<unset>") + "\n");
  w.write(L0, "Max replicas:\t" + i64(spec, {"maxReplicas"}) + "\n");
  w.write(L0, s(spec, {"scaleTargetRef", "kind"}) + " pods:\t");
  w.write(L0, i64(st, {"currentReplicas"}) + " current / " + i64(st, {"desiredReplicas"}) + " desired\n");
  events_of(ctx, w, hpa, "HorizontalPodAutoscaler");
  return w.finish();
}

std::string describe_pdb(const DescribeContext& ctx, const Json& pdb) {
  PrefixWriter w;
  const Json& spec = api::field(pdb, {"spec"});
  const Json& st = api::field(pdb, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(pdb) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(pdb) + "\n");
  if (has(spec, {"minAvailable"})) w.write(L0, "Min available:\t" + intstr(spec["minAvailable"]) + "\n");
  else if (has(spec, {"maxUnavailable"})) w.write(L0, "Max unavailable:\t" + intstr(spec["maxUnavailable"]) + "\n");
  if (has(spec, {"selector"})) w.write(L0, "Selector:\t" + api::format_label_selector(spec["selector"]) + "\n");
  else w.write(L0, "Selector:\t<unset>\n");
  w.write(L0, "Status:\n");
  w.write(L2, "Allowed disruptions:\t" + i64(st, {"disruptionsAllowed"}) + "\n");
  w.write(L2, "Current:\t" + i64(st, {"currentHealthy"}) + "\n");
  w.write(L2, "Desired:\t" + i64(st, {"desiredHealthy"}) + "\n");
  w.write(L2, "Total:\t" + i64(st, {"expectedPods"}) + "\n");
  events_of(ctx, w, pdb, "PodDisruptionBudget");
  return w.finish();
}

std::string describe_role(const DescribeContext& ctx, const Json& role) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(role) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(role));
  annotations_multiline(w, "Annotations", api::meta::annotations(role));
  w.write(L0, "PolicyRule:\n");
  w.write(L1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(L1, "---------\t-----------------\t--------------\t-----\n");
  for (const auto& r : compact_rules(api::field(role, {"rules"})))
    w.write(L1, combine_resource_group(api::field(r, {"resources"}), api::field(r, {"apiGroups"})) + "\t" +
                    go_list(api::field(r, {"nonResourceURLs"})) + "\t" + go_list(api::field(r, {"resourceNames"})) +
                    "\t" + go_list(api::field(r, {"verbs"})) + "\n");
  (void)ctx;
  return w.finish();
}

std::string describe_role_binding(const DescribeContext& ctx, const Json& b) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(b) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(b));
  annotations_multiline(w, "Annotations", api::meta::annotations(b));
  w.write(L0, "Role:\n");
  w.write(L1, "Kind:\t" + s(b, {"roleRef", "kind"}) + "\n");
  w.write(L1, "Name:\t" + s(b, {"roleRef", "name"}) + "\n");
  w.write(L0, "Subjects:\n");
  w.write(L1, "Kind\tName\tNamespace\n");
  w.write(L1, "----\t----\t---------\n");
  const Json& subjects = api::field(b, {"subjects"});
  if (subjects.is_array())
    for (const auto& sub : subjects)
      w.write(L1, s(sub, {"kind"}) + "\t" + s(sub, {"name"}) + "\t" + s(sub, {"namespace"}) + "\n");
  (void)ctx;
  return w.finish();
}

std::string describe_storage_class(const DescribeContext& ctx, const Json& sc) {
  PrefixWriter w;
  const Json& ann = api::meta::annotations(sc);
  auto is_default = [&](const char* key) { return ann.is_object() && ann.contains(key) && ann[key] == Json("true"); };
  w.write(L0, "Name:\t" + api::meta::name(sc) + "\n");
  w.write(L0, std::string("IsDefaultClass:\t") +
                  (is_default("storageclass.kubernetes.io/is-default-class") ||
                           is_default("storageclass.beta.kubernetes.io/is-default-class")
                       ? "Yes"
                       : "No") +
                  "\n");
  w.write(L0, "Annotations:\t" + api::format_labels(ann) + "\n");
  w.write(L0, "Provisioner:\t" + s(sc, {"provisioner"}) + "\n");
  w.write(L0, "Parameters:\t" + api::format_labels(api::field(sc, {"parameters"})) + "\n");
  w.write(L0, "AllowVolumeExpansion:\t" +
                  (has(sc, {"allowVolumeExpansion"}) ? go_bool_title(sc["allowVolumeExpansion"] == Json(true)) : "<unset>") +
                  "\n");
  const Json& mo = api::field(sc, {"mountOptions"});
  if (!mo.is_array() || mo.empty()) {
    w.write(L0, "MountOptions:\t<none>\n");
  } else {
    w.write(L0, "MountOptions:\n");
    for (const auto& o : mo) w.write(L1, o.get<std::string>() + "\n");
  }
  if (has(sc, {"reclaimPolicy"})) w.write(L0, "ReclaimPolicy:\t" + s(sc, {"reclaimPolicy"}) + "\n");
  if (has(sc, {"volumeBindingMode"})) w.write(L0, "VolumeBindingMode:\t" + s(sc, {"volumeBindingMode"}) + "\n");
  const Json& topo = api::field(sc, {"allowedTopologies"});
  if (topo.is_array()) {
    w.write(L0, "AllowedTopologies:\t");
    if (topo.empty()) {
      w.line("<none>");
    } else {
      w.line("");
      for (std::size_t i = 0; i < topo.size(); ++i) {
        w.write(L1, "Term " + std::to_string(i) + ":\t");
        const Json& reqs = api::field(topo[i], {"matchLabelExpressions"});
        if (!reqs.is_array() || reqs.empty()) {
          w.line("<none>");
          continue;
        }
        for (std::size_t j = 0; j < reqs.size(); ++j) {
          if (j) w.write(L1, "\t");
          std::string text = s(reqs[j], {"key"}) + " in";
          const std::string vals = join_list(api::field(reqs[j], {"values"}), ", ");
          if (!vals.empty()) text += " [" + vals + "]";
          w.write(L0, text + "\n");
        }
      }
    }
  }
  events_of(ctx, w, sc, "StorageClass");
  return w.finish();
}

std::string describe_priority_class(const DescribeContext& ctx, const Json& pc) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(pc) + "\n");
  w.write(L0, "Value:\t" + i64(pc, {"value"}) + "\n");
  w.write(L0, std::string("GlobalDefault:\t") + (api::field(pc, {"globalDefault"}) == Json(true) ? "true" : "false") + "\n");
  w.write(L0, "PreemptionPolicy:\t" + s(pc, {"preemptionPolicy"}) + "\n");
  w.write(L0, "Description:\t" + s(pc, {"description"}) + "\n");
  w.write(L0, "Annotations:\t" + api::format_labels(api::meta::annotations(pc)) + "\n");
  events_of(ctx, w, pc, "PriorityClass");
  return w.finish();
}

namespace {

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

std::string describe_generic(const DescribeContext& ctx, const Json& obj) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(obj) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(obj) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(obj));
  annotations_multiline(w, "Annotations", api::meta::annotations(obj));
  unstructured(w, L0, obj, "",
               {".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
                ".metadata.annotations"});
  events_of(ctx, w, obj, s(obj, {"kind"}));
  return w.finish();
}

}  // namespace kt::printers::describe_detail
