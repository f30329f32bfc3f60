// RBAC: Role/ClusterRole (rules broken down, compacted and sorted as kubectl's
// rbac.BreakdownRule/CompactRules do), RoleBinding/ClusterRoleBinding.
#include <algorithm>
#include <map>
#include "core/printers/describe_util.h"

namespace kt::printers::describe_detail {
namespace {

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

}  // namespace

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

}  // namespace kt::printers::describe_detail
