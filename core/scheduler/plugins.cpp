#include "core/scheduler/plugins.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/api/labels.h"

namespace kt::scheduler {
namespace {

std::string label_of(const Json& node, const std::string& key) {
  const Json& labels = api::meta::labels(node);
  if (!labels.is_object()) return {};
  auto it = labels.find(key);
  return it != labels.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_label(const Json& node, const std::string& key) {
  const Json& labels = api::meta::labels(node);
  return labels.is_object() && labels.contains(key);
}

// v1.NodeSelectorRequirement against a node's labels (matchExpressions) or fields
// (matchFields: only metadata.name exists).
bool requirement_matches(const Json& req, const Json& node, bool is_field) {
  const std::string key = req.value("key", std::string());
  const std::string op = req.value("operator", std::string());
  std::vector<std::string> values;
  if (const Json& v = api::field(req, {"values"}); v.is_array())
    for (const auto& x : v)
      if (x.is_string()) values.push_back(x.get<std::string>());
  bool present;
  std::string value;
  if (is_field) {
    present = key == "metadata.name";
    value = present ? api::meta::name(node) : "";
  } else {
    present = has_label(node, key);
    value = label_of(node, key);
  }
  auto in = [&] { return std::find(values.begin(), values.end(), value) != values.end(); };
  if (op == "In") return present && in();
  if (op == "NotIn") return !present || !in();
  if (op == "Exists") return present;
  if (op == "DoesNotExist") return !present;
  if (op == "Gt" || op == "Lt") {
    if (!present || values.size() != 1) return false;
    char* end = nullptr;
    const long long have = std::strtoll(value.c_str(), &end, 10);
    if (*end) return false;
    const long long want = std::strtoll(values[0].c_str(), &end, 10);
    if (*end) return false;
    return op == "Gt" ? have > want : have < want;
  }
  return false;
}

// A NodeSelectorTerm: every expression and field requirement holds; an empty term
// matches nothing.
bool term_matches(const Json& term, const Json& node) {
  const Json& exprs = api::field(term, {"matchExpressions"});
  const Json& fields = api::field(term, {"matchFields"});
  const bool has_exprs = exprs.is_array() && !exprs.empty();
  const bool has_fields = fields.is_array() && !fields.empty();
  if (!has_exprs && !has_fields) return false;
  if (has_exprs)
    for (const auto& r : exprs)
      if (!requirement_matches(r, node, false)) return false;
  if (has_fields)
    for (const auto& r : fields)
      if (!requirement_matches(r, node, true)) return false;
  return true;
}

std::string taint_text(const Json& taint) {
  return "node(s) had untolerated taint {" + taint.value("key", std::string()) + ": " +
         taint.value("value", std::string()) + "}";
}

// ---- inter-pod affinity -------------------------------------------------------------

struct AffinityTerm {
  api::LabelSelector selector;
  std::vector<std::string> namespaces;  // empty: the pod's own
  std::string topology_key;
};

std::vector<AffinityTerm> required_terms(const Json& pod, const char* kind) {
  std::vector<AffinityTerm> out;
  const Json& terms = api::field(pod, {"spec", "affinity", kind, "requiredDuringSchedulingIgnoredDuringExecution"});
  if (!terms.is_array()) return out;
  for (const auto& t : terms) {
    AffinityTerm at;
    try {
      at.selector = api::LabelSelector::from_json(api::field(t, {"labelSelector"}));
    } catch (const std::exception&) {
      continue;
    }
    if (const Json& ns = api::field(t, {"namespaces"}); ns.is_array())
      for (const auto& n : ns)
        if (n.is_string()) at.namespaces.push_back(n.get<std::string>());
    if (at.namespaces.empty()) at.namespaces.push_back(api::meta::namespace_of(pod));
    at.topology_key = t.value("topologyKey", std::string());
    out.push_back(std::move(at));
  }
  return out;
}

bool term_selects(const AffinityTerm& t, const Json& other) {
  const std::string ns = api::meta::namespace_of(other);
  if (std::find(t.namespaces.begin(), t.namespaces.end(), ns) == t.namespaces.end()) return false;
  return t.selector.matches(api::meta::labels(other));
}

// Whether some pod selected by `t` runs in the same topology domain as `node`.
bool domain_has_match(const AffinityTerm& t, const Json& node, const NodeInfos& all) {
  if (!has_label(node, t.topology_key)) return false;
  const std::string domain = label_of(node, t.topology_key);
  for (const auto& [name, info] : all) {
    if (!has_label(info.node(), t.topology_key) || label_of(info.node(), t.topology_key) != domain) continue;
    for (const auto& [key, p] : info.pods())
      if (term_selects(t, *p)) return true;
  }
  return false;
}

bool any_pod_matches(const AffinityTerm& t, const NodeInfos& all) {
  for (const auto& [name, info] : all)
    for (const auto& [key, p] : info.pods())
      if (term_selects(t, *p)) return true;
  return false;
}

std::optional<std::string> inter_pod_affinity(const Json& pod, const NodeInfo& node, const NodeInfos& all) {
  // Existing pods' anti-affinity against the incoming pod.
  for (const auto& [name, info] : all) {
    for (const auto& [key, p] : info.pods()) {
      for (const auto& t : required_terms(*p, "podAntiAffinity")) {
        if (!has_label(info.node(), t.topology_key) || !has_label(node.node(), t.topology_key)) continue;
        if (label_of(info.node(), t.topology_key) != label_of(node.node(), t.topology_key)) continue;
        if (term_selects(t, pod)) return "node(s) didn't satisfy existing pods anti-affinity rules";
      }
    }
  }
  for (const auto& t : required_terms(pod, "podAffinity")) {
    if (domain_has_match(t, node.node(), all)) continue;
    // The first pod of a group that selects itself may go anywhere the key exists.
    if (!any_pod_matches(t, all) && term_selects(t, pod) && has_label(node.node(), t.topology_key)) continue;
    return "node(s) didn't match pod affinity rules";
  }
  for (const auto& t : required_terms(pod, "podAntiAffinity"))
    if (domain_has_match(t, node.node(), all)) return "node(s) didn't match pod anti-affinity rules";
  return std::nullopt;
}

// ---- scores ---------------------------------------------------------------------------

std::int64_t least_allocated(const Json& pod, const NodeInfo& n) {
  const Resources alloc = node_allocatable(n.node());
  Resources req = n.non_zero_requested();
  req += pod_requests(pod, true);
  auto score = [](std::int64_t requested, std::int64_t capacity) -> std::int64_t {
    if (capacity <= 0 || requested > capacity) return 0;
    return (capacity - requested) * 100 / capacity;
  };
  return (score(req.milli_cpu, alloc.milli_cpu) + score(req.memory, alloc.memory)) / 2;
}

std::int64_t balanced_allocation(const Json& pod, const NodeInfo& n) {
  const Resources alloc = node_allocatable(n.node());
  Resources req = n.requested();
  req += pod_requests(pod);
  if (alloc.milli_cpu <= 0 || alloc.memory <= 0) return 0;
  const double cpu = std::min(1.0, double(req.milli_cpu) / double(alloc.milli_cpu));
  const double mem = std::min(1.0, double(req.memory) / double(alloc.memory));
  const double std_dev = std::abs(cpu - mem) / 2;
  return static_cast<std::int64_t>((1 - std_dev) * 100);
}

std::int64_t intolerable_prefer_no_schedule(const Json& pod, const NodeInfo& n) {
  const Json& taints = api::field(n.node(), {"spec", "taints"});
  const Json& tolerations = api::field(pod, {"spec", "tolerations"});
  std::int64_t count = 0;
  if (taints.is_array())
    for (const auto& t : taints)
      if (t.value("effect", std::string()) == "PreferNoSchedule" && !tolerates(tolerations, t)) ++count;
  return count;
}

std::int64_t preferred_affinity(const Json& pod, const NodeInfo& n) {
  const Json& terms =
      api::field(pod, {"spec", "affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution"});
  std::int64_t sum = 0;
  if (terms.is_array())
    for (const auto& t : terms)
      if (term_matches(api::field(t, {"preference"}), n.node())) sum += t.value("weight", std::int64_t{0});
  return sum;
}

// Pods of the same controller (or, for bare pods, with the same labels) on the node.
std::int64_t siblings(const Json& pod, const NodeInfo& n) {
  const Json* ref = api::meta::controller_ref(pod);
  const std::string uid = ref ? ref->value("uid", std::string()) : "";
  const std::string ns = api::meta::namespace_of(pod);
  std::int64_t count = 0;
  for (const auto& [key, p] : n.pods()) {
    if (api::meta::namespace_of(*p) != ns) continue;
    const Json* r = api::meta::controller_ref(*p);
    if (!uid.empty() ? (r && r->value("uid", std::string()) == uid)
                     : (!r && api::meta::labels(*p) == api::meta::labels(pod) && !api::meta::labels(pod).is_null()))
      ++count;
  }
  return count;
}

// Scales raw values into 0..100 where the best gets 100 (reverse: fewer is better).
std::int64_t normalize(std::int64_t v, std::int64_t min, std::int64_t max, bool reverse) {
  if (max == min) return reverse ? 100 : (max == 0 ? 0 : 100);
  return reverse ? (max - v) * 100 / (max - min) : (v - min) * 100 / (max - min);
}

}  // namespace

bool toleration_matches(const Json& t, const Json& taint) {
  const std::string t_effect = t.value("effect", std::string());
  if (!t_effect.empty() && t_effect != taint.value("effect", std::string())) return false;
  const std::string key = taint.value("key", std::string());
  const std::string t_key = t.value("key", std::string());
  if (t.value("operator", std::string("Equal")) == "Exists") return t_key.empty() || t_key == key;
  return t_key == key && t.value("value", std::string()) == taint.value("value", std::string());
}

bool tolerates(const Json& tolerations, const Json& taint) {
  if (!tolerations.is_array()) return false;
  for (const auto& t : tolerations)
    if (toleration_matches(t, taint)) return true;
  return false;
}

bool matches_node_selector_and_affinity(const Json& pod, const Json& node) {
  const Json& selector = api::field(pod, {"spec", "nodeSelector"});
  if (selector.is_object())
    for (auto it = selector.begin(); it != selector.end(); ++it)
      if (!has_label(node, it.key()) || !it->is_string() || label_of(node, it.key()) != it->get<std::string>())
        return false;
  const Json& required = api::field(
      pod, {"spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"});
  if (required.is_array()) {
    bool any = false;
    for (const auto& term : required)
      if (term_matches(term, node)) any = true;
    if (!any) return false;
  }
  return true;
}

FilterResult run_filters(const Json& pod, const NodeInfo& n, const NodeInfos& all) {
  const Json& node = n.node();
  const Json& tolerations = api::field(pod, {"spec", "tolerations"});
  auto unresolvable = [](std::string why) { return FilterResult{false, true, {std::move(why)}}; };

  if (api::field(node, {"spec", "unschedulable"}) == true &&
      !tolerates(tolerations, Json{{"key", "node.kubernetes.io/unschedulable"}, {"effect", "NoSchedule"}}))
    return unresolvable("node(s) were unschedulable");

  const std::string wanted = api::str_field(pod, {"spec", "nodeName"});
  if (!wanted.empty() && wanted != n.name()) return unresolvable("node(s) didn't match the requested node name");

  if (const Json& taints = api::field(node, {"spec", "taints"}); taints.is_array())
    for (const auto& t : taints) {
      const std::string effect = t.value("effect", std::string());
      if ((effect == "NoSchedule" || effect == "NoExecute") && !tolerates(tolerations, t))
        return unresolvable(taint_text(t));
    }

  if (!matches_node_selector_and_affinity(pod, node))
    return unresolvable("node(s) didn't match Pod's node affinity/selector");

  for (const auto& p : pod_host_ports(pod))
    if (n.port_in_use(p)) return {false, false, {"node(s) didn't have free ports for the requested pod ports"}};

  const Resources alloc = node_allocatable(node);
  const Resources want = pod_requests(pod);
  FilterResult fit{true, false, {}};
  if (static_cast<std::int64_t>(n.pod_count()) + 1 > alloc.pods) fit.reasons.push_back("Too many pods");
  const Resources& used = n.requested();
  if (want.milli_cpu > 0 && used.milli_cpu + want.milli_cpu > alloc.milli_cpu) fit.reasons.push_back("Insufficient cpu");
  if (want.memory > 0 && used.memory + want.memory > alloc.memory) fit.reasons.push_back("Insufficient memory");
  if (want.ephemeral_storage > 0 && used.ephemeral_storage + want.ephemeral_storage > alloc.ephemeral_storage)
    fit.reasons.push_back("Insufficient ephemeral-storage");
  if (!fit.reasons.empty()) {
    fit.ok = false;
    return fit;
  }

  if (auto why = inter_pod_affinity(pod, n, all)) {
    return {false, false, {*why}};
  }
  return {};
}

std::int64_t score_node(const Json& pod, const NodeInfo& node, const std::vector<const NodeInfo*>& feasible) {
  std::int64_t max_taint = 0, min_sib = INT64_MAX, max_sib = 0, max_pref = 0;
  for (const NodeInfo* n : feasible) {
    const std::int64_t t = intolerable_prefer_no_schedule(pod, *n);
    const std::int64_t s = siblings(pod, *n);
    max_taint = std::max(max_taint, t);
    min_sib = std::min(min_sib, s);
    max_sib = std::max(max_sib, s);
    max_pref = std::max(max_pref, preferred_affinity(pod, *n));
  }
  std::int64_t score = least_allocated(pod, node) + balanced_allocation(pod, node);
  // TaintToleration reverses against zero: the node with the most intolerable taints scores 0.
  const std::int64_t t = intolerable_prefer_no_schedule(pod, node);
  score += 3 * (max_taint == 0 ? 100 : (max_taint - t) * 100 / max_taint);
  score += 2 * (max_pref == 0 ? 0 : preferred_affinity(pod, node) * 100 / max_pref);
  score += 2 * normalize(siblings(pod, node), min_sib, max_sib, true);
  return score;
}

}  // namespace kt::scheduler
