// Namespace (with its quotas and limit ranges), LimitRange, ResourceQuota.
#include <algorithm>
#include <map>
#include <set>
#include "core/printers/describe_util.h"
#include "core/util/quantity.h"

namespace kt::printers::describe_detail {
namespace {

void describe_limit_items(PrefixWriter& w, const Json& spec, const std::string& prefix) {
  const Json& limits = api::field(spec, {"limits"});
  if (!limits.is_array()) return;
  for (const auto& item : limits) {
    std::set<std::string> names;
    for (const char* f : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"})
      for (const auto& k : sorted_keys(api::field(item, {f}))) names.insert(k);
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

// describeQuota: used shown in the hard quantity's format when they differ.
std::string used_string(const Json& used, const Json& hard) {
  util::Quantity u = util::Quantity::from_json(used), h = util::Quantity::from_json(hard);
  if (u.format() != h.format()) u = util::Quantity::from_int(u.value(), h.format());
  return u.to_string();
}

}  // namespace

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
  auto quotas = ctx.api.list(resource_info(ctx, "", "v1", "resourcequotas"), name).items;
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
      for (const auto& k : sorted_keys(hard))
        w.write(L1, k + "\t" + qty(api::field(*q, {"status", "used", k})) + "\t" + qty(hard[k]) + "\n");
    }
  }
  w.write(L0, "\n");
  auto ranges = ctx.api.list(resource_info(ctx, "", "v1", "limitranges"), name).items;
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
  for (const auto& k : sorted_keys(hard))
    w.write(L0, k + "\t" + used_string(api::field(q, {"status", "used", k}), hard[k]) + "\t" + qty(hard[k]) + "\n");
  (void)ctx;
  return w.finish();
}

}  // namespace kt::printers::describe_detail
