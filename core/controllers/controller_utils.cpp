#include "core/controllers/controller_utils.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

#include "core/util/timefmt.h"

namespace kt::controllers {

using api::field;
using api::str_field;

namespace {

const Json* ready_condition(const Json& pod) {
  const Json& conds = field(pod, {"status", "conditions"});
  if (!conds.is_array()) return nullptr;
  for (const auto& c : conds)
    if (c.is_object() && c.value("type", "") == "Ready") return &c;
  return nullptr;
}

std::optional<sim::Time> time_of(const Json& obj, std::initializer_list<std::string_view> path) {
  const Json& v = field(obj, path);
  if (!v.is_string()) return std::nullopt;
  return util::parse_rfc3339(v.get<std::string>());
}

// Pending < Unknown < Running (podPhaseToOrdinal).
int phase_ordinal(const Json& pod) {
  const std::string phase = str_field(pod, {"status", "phase"});
  if (phase == "Pending") return 0;
  if (phase == "Unknown") return 1;
  if (phase == "Running") return 2;
  return 0;
}

// controller.GetDeletionCostFromPodAnnotations: an int32; anything else counts as 0.
std::int64_t deletion_cost(const Json& pod) {
  const Json& v = field(pod, {"metadata", "annotations", kPodDeletionCostAnnotation});
  if (!v.is_string()) return 0;
  try {
    std::size_t used = 0;
    const std::string s = v.get<std::string>();
    long long n = std::stoll(s, &used);
    if (used != s.size() || n < std::numeric_limits<std::int32_t>::min() || n > std::numeric_limits<std::int32_t>::max()) return 0;
    return n;
  } catch (const std::exception&) {
    return 0;
  }
}

// logarithmicRankDiff: compares how long ago t1 and t2 were on a log2 scale of
// nanoseconds, so pods that came up within the same power-of-two window rank equal.
std::int64_t logarithmic_rank_diff(sim::Time t1, sim::Time t2, sim::Time now) {
  auto rank = [&](sim::Time t) -> std::int64_t {
    const double ns = static_cast<double>((now - t).us) * 1000.0;
    return ns > 0 ? static_cast<std::int64_t>(std::log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

// Compares two timestamps the LogarithmicScaleDown way: the newer (or unset) first;
// equal log ranks fall back to the UID so the order is still total.
std::optional<bool> newer_first(const std::optional<sim::Time>& ta, const std::optional<sim::Time>& tb,
                                const Json& a, const Json& b, sim::Time now) {
  if (ta == tb) return std::nullopt;
  if (!ta || !tb) return !ta;  // afterOrZero: a zero time counts as the newest
  const std::int64_t diff = logarithmic_rank_diff(*ta, *tb, now);
  if (diff == 0) return api::meta::uid(a) < api::meta::uid(b);
  return diff < 0;
}

}  // namespace

bool is_pod_active(const Json& pod) {
  const std::string phase = str_field(pod, {"status", "phase"});
  return phase != "Succeeded" && phase != "Failed" && !api::meta::being_deleted(pod);
}

bool is_pod_ready(const Json& pod) {
  const Json* c = ready_condition(pod);
  return c && c->value("status", "") == "True";
}

std::optional<sim::Time> pod_ready_time(const Json& pod) {
  const Json* c = ready_condition(pod);
  if (!c || c->value("status", "") != "True") return std::nullopt;
  return time_of(*c, {"lastTransitionTime"});
}

bool is_pod_available(const Json& pod, std::int64_t min_ready_seconds, sim::Time now) {
  if (!is_pod_ready(pod)) return false;
  if (min_ready_seconds == 0) return true;
  std::optional<sim::Time> since = pod_ready_time(pod);
  return since && *since + sim::seconds(min_ready_seconds) < now;
}

std::int64_t max_container_restarts(const Json& pod) {
  std::int64_t most = 0;
  for (const auto& cs : field(pod, {"status", "containerStatuses"}))
    if (cs.is_object()) most = std::max<std::int64_t>(most, cs.value("restartCount", 0));
  // Sidecars (init containers with restartPolicy Always) count as well.
  const Json& inits = field(pod, {"spec", "initContainers"});
  for (const auto& cs : field(pod, {"status", "initContainerStatuses"})) {
    if (!cs.is_object()) continue;
    for (const auto& c : inits)
      if (c.is_object() && c.value("name", "") == cs.value("name", "") && c.value("restartPolicy", "") == "Always")
        most = std::max<std::int64_t>(most, cs.value("restartCount", 0));
  }
  return most;
}

bool delete_before(const Json& a, int ra, const Json& b, int rb, sim::Time now) {
  // 1. Unassigned < assigned.
  const bool a_bound = !str_field(a, {"spec", "nodeName"}).empty();
  const bool b_bound = !str_field(b, {"spec", "nodeName"}).empty();
  if (a_bound != b_bound) return !a_bound;
  // 2. Pending < Unknown < Running.
  if (phase_ordinal(a) != phase_ordinal(b)) return phase_ordinal(a) < phase_ordinal(b);
  // 3. Not ready < ready.
  if (is_pod_ready(a) != is_pod_ready(b)) return !is_pod_ready(a);
  // 4. Lower pod-deletion-cost < higher.
  if (deletion_cost(a) != deletion_cost(b)) return deletion_cost(a) < deletion_cost(b);
  // 5. Doubled up (more related pods on the node) < not doubled up.
  if (ra != rb) return ra > rb;
  // 6. Ready for less time < ready for longer.
  if (is_pod_ready(a) && is_pod_ready(b))
    if (auto r = newer_first(pod_ready_time(a), pod_ready_time(b), a, b, now)) return *r;
  // 7. More restarts < fewer restarts.
  if (max_container_restarts(a) != max_container_restarts(b))
    return max_container_restarts(a) > max_container_restarts(b);
  // 8. Newer < older.
  if (auto r = newer_first(time_of(a, {"metadata", "creationTimestamp"}), time_of(b, {"metadata", "creationTimestamp"}),
                           a, b, now))
    return *r;
  return false;
}

std::vector<api::ObjectPtr> rank_for_deletion(std::vector<api::ObjectPtr> pods,
                                              const std::vector<api::ObjectPtr>& related, sim::Time now) {
  std::map<std::string, int> on_node;
  for (const auto& p : related)
    if (is_pod_active(*p)) ++on_node[str_field(*p, {"spec", "nodeName"})];
  struct Ranked {
    api::ObjectPtr pod;
    int rank;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(pods.size());
  for (auto& p : pods) {
    auto it = on_node.find(str_field(*p, {"spec", "nodeName"}));
    ranked.push_back({std::move(p), it == on_node.end() ? 0 : it->second});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Ranked& x, const Ranked& y) {
    return delete_before(*x.pod, x.rank, *y.pod, y.rank, now);
  });
  std::vector<api::ObjectPtr> out;
  out.reserve(ranked.size());
  for (auto& r : ranked) out.push_back(std::move(r.pod));
  return out;
}

BatchResult slow_start_batch(int count, int initial_batch_size, const std::function<std::string()>& fn) {
  BatchResult r;
  int remaining = count;
  for (int batch = std::min(remaining, initial_batch_size); batch > 0; batch = std::min(2 * batch, remaining)) {
    for (int i = 0; i < batch; ++i) {
      std::string err = fn();
      if (err.empty()) ++r.successes;
      else if (r.error.empty()) r.error = std::move(err);
    }
    if (!r.error.empty()) return r;
    remaining -= batch;
  }
  return r;
}

}  // namespace kt::controllers
