#include "core/controllers/deployment/deployment_util.h"

#include <algorithm>
#include <cmath>

#include "core/util/names.h"
#include "core/util/timefmt.h"

namespace kt::controllers::deployment {

using api::field;
using api::ObjectPtr;

namespace {

std::optional<std::int64_t> parse_int(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    long long v = std::stoll(s, &used);
    if (used != s.size()) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string annotation(const Json& obj, const char* key) {
  const Json& v = field(obj, {"metadata", "annotations", key});
  return v.is_string() ? v.get<std::string>() : "";
}

Json& annotations_of(Json& obj) {
  Json& meta = obj["metadata"];
  if (!meta.contains("annotations") || !meta["annotations"].is_object()) meta["annotations"] = Json::object();
  return meta["annotations"];
}

// Annotations a Deployment does not pass on to its ReplicaSets (annotationsToSkip).
bool skip_copy_annotation(const std::string& key) {
  return key == "kubectl.kubernetes.io/last-applied-configuration" || key == kRevisionAnnotation ||
         key == kRevisionHistoryAnnotation || key == kDesiredReplicasAnnotation || key == kMaxReplicasAnnotation ||
         key == "deprecated.deployment.rollback.to";
}

bool older(const ObjectPtr& a, const ObjectPtr& b) {
  const std::string ta = api::str_field(*a, {"metadata", "creationTimestamp"});
  const std::string tb = api::str_field(*b, {"metadata", "creationTimestamp"});
  if (ta == tb) return api::meta::name(*a) < api::meta::name(*b);
  auto pa = util::parse_rfc3339(ta), pb = util::parse_rfc3339(tb);
  return pa && pb ? *pa < *pb : ta < tb;
}

// ResolveFenceposts: (surge, unavailable).
std::pair<std::int64_t, std::int64_t> fenceposts(const Json& d) {
  const Json& ru = field(d, {"spec", "strategy", "rollingUpdate"});
  const std::int64_t desired = spec_replicas(d);
  std::int64_t surge = scaled_value(field(ru, {"maxSurge"}), desired, true);
  std::int64_t unavailable = scaled_value(field(ru, {"maxUnavailable"}), desired, false);
  if (surge == 0 && unavailable == 0) unavailable = 1;
  return {surge, unavailable};
}

}  // namespace

std::int64_t spec_replicas(const Json& obj) { return api::int_field(obj, {"spec", "replicas"}, 1); }
std::int64_t status_count(const Json& obj, const char* f) { return api::int_field(obj, {"status", f}, 0); }

std::int64_t scaled_value(const Json& v, std::int64_t total, bool round_up) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (!v.is_string()) return 0;
  std::string s = v.get<std::string>();
  if (s.empty() || s.back() != '%') return parse_int(s).value_or(0);
  s.pop_back();
  const double scaled = static_cast<double>(parse_int(s).value_or(0)) * static_cast<double>(total) / 100.0;
  return static_cast<std::int64_t>(round_up ? std::ceil(scaled) : std::floor(scaled));
}

bool is_rolling_update(const Json& d) {
  return api::str_field(d, {"spec", "strategy", "type"}) == "RollingUpdate";
}

std::int64_t max_surge(const Json& d) { return is_rolling_update(d) ? fenceposts(d).first : 0; }

std::int64_t max_unavailable(const Json& d) {
  const std::int64_t desired = spec_replicas(d);
  if (!is_rolling_update(d) || desired == 0) return 0;
  return std::min(fenceposts(d).second, desired);
}

std::int64_t revision(const Json& obj) { return parse_int(annotation(obj, kRevisionAnnotation)).value_or(0); }

std::int64_t max_revision(const RSList& rss) {
  std::int64_t most = 0;
  for (const auto& rs : rss)
    if (rs) most = std::max(most, revision(*rs));
  return most;
}

std::string compute_hash(const Json& pod_template, std::optional<std::int32_t> collision_count) {
  return util::compute_hash_fnv32a(pod_template.dump(), collision_count);
}

bool equal_ignore_hash(const Json& t1, const Json& t2) {
  auto strip = [](Json t) {
    if (t.is_object() && t.contains("metadata") && t["metadata"].contains("labels")) {
      Json& labels = t["metadata"]["labels"];
      if (labels.is_object()) labels.erase(kPodTemplateHashLabel);
      if (labels.is_null() || labels.empty()) t["metadata"].erase("labels");
    }
    return t;
  };
  return strip(t1) == strip(t2);
}

ObjectPtr find_new_replica_set(const Json& d, RSList rss) {
  sort_by_creation(rss);
  const Json& tmpl = field(d, {"spec", "template"});
  for (const auto& rs : rss)
    if (equal_ignore_hash(field(*rs, {"spec", "template"}), tmpl)) return rs;
  return nullptr;
}

RSList old_replica_sets(const RSList& rss, const ObjectPtr& new_rs) {
  RSList out;
  for (const auto& rs : rss)
    if (!new_rs || api::meta::uid(*rs) != api::meta::uid(*new_rs)) out.push_back(rs);
  return out;
}

RSList filter_active(const RSList& rss) {
  RSList out;
  for (const auto& rs : rss)
    if (rs && spec_replicas(*rs) > 0) out.push_back(rs);
  return out;
}

std::int64_t sum_spec_replicas(const RSList& rss) {
  std::int64_t n = 0;
  for (const auto& rs : rss)
    if (rs) n += spec_replicas(*rs);
  return n;
}

std::int64_t sum_status(const RSList& rss, const char* f) {
  std::int64_t n = 0;
  for (const auto& rs : rss)
    if (rs) n += status_count(*rs, f);
  return n;
}

void sort_by_creation(RSList& rss) { std::stable_sort(rss.begin(), rss.end(), older); }

void sort_by_size_older(RSList& rss) {
  std::stable_sort(rss.begin(), rss.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
    if (spec_replicas(*a) == spec_replicas(*b)) return older(a, b);
    return spec_replicas(*a) > spec_replicas(*b);
  });
}

void sort_by_size_newer(RSList& rss) {
  std::stable_sort(rss.begin(), rss.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
    if (spec_replicas(*a) == spec_replicas(*b)) return older(b, a);
    return spec_replicas(*a) > spec_replicas(*b);
  });
}

void sort_by_revision(RSList& rss) {
  std::stable_sort(rss.begin(), rss.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
    if (revision(*a) == revision(*b)) return older(a, b);
    return revision(*a) < revision(*b);
  });
}

bool replicas_annotations_need_update(const Json& rs, std::int64_t desired, std::int64_t max_replicas) {
  return annotation(rs, kDesiredReplicasAnnotation) != std::to_string(desired) ||
         annotation(rs, kMaxReplicasAnnotation) != std::to_string(max_replicas);
}

bool set_replicas_annotations(Json& rs, std::int64_t desired, std::int64_t max_replicas) {
  if (!replicas_annotations_need_update(rs, desired, max_replicas)) return false;
  Json& ann = annotations_of(rs);
  ann[kDesiredReplicasAnnotation] = std::to_string(desired);
  ann[kMaxReplicasAnnotation] = std::to_string(max_replicas);
  return true;
}

bool set_new_replica_set_annotations(const Json& d, Json& rs, const std::string& new_revision, bool exists) {
  bool changed = false;
  Json& ann = annotations_of(rs);
  const Json& dann = field(d, {"metadata", "annotations"});
  if (dann.is_object())
    for (const auto& [k, v] : dann.items()) {
      if (skip_copy_annotation(k) || (ann.contains(k) && ann[k] == v)) continue;
      ann[k] = v;
      changed = true;
    }
  const bool had_revision = ann.contains(kRevisionAnnotation) && ann[kRevisionAnnotation].is_string();
  const std::string old_revision = had_revision ? ann[kRevisionAnnotation].get<std::string>() : "";
  std::optional<std::int64_t> old_int = old_revision.empty() ? std::optional<std::int64_t>(0) : parse_int(old_revision);
  std::optional<std::int64_t> new_int = parse_int(new_revision);
  if (!old_int || !new_int) return false;
  if (*old_int < *new_int) {
    ann[kRevisionAnnotation] = new_revision;
    changed = true;
    // Rolling back to this RS: keep the revisions it had in revision-history,
    // dropping the oldest beyond kMaxRevisionHistoryChars.
    if (had_revision) {
      const std::string history = ann.contains(kRevisionHistoryAnnotation) && ann[kRevisionHistoryAnnotation].is_string()
                                      ? ann[kRevisionHistoryAnnotation].get<std::string>()
                                      : "";
      if (history.empty()) {
        ann[kRevisionHistoryAnnotation] = old_revision;
      } else {
        std::vector<std::string> parts;
        for (std::size_t start = 0;;) {
          std::size_t comma = history.find(',', start);
          parts.push_back(history.substr(start, comma - start));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        std::size_t total = history.size() + old_revision.size() + 1, first = 0;
        while (total > kMaxRevisionHistoryChars && first < parts.size()) total -= parts[first++].size() + 1;
        if (total <= kMaxRevisionHistoryChars) {
          std::string joined;
          for (std::size_t i = first; i < parts.size(); ++i) joined += parts[i] + ",";
          ann[kRevisionHistoryAnnotation] = joined + old_revision;
        }
      }
    }
  }
  if (!exists && set_replicas_annotations(rs, spec_replicas(d), spec_replicas(d) + max_surge(d))) changed = true;
  return changed;
}

bool set_deployment_revision(Json& d, const std::string& rev) {
  Json& ann = annotations_of(d);
  if (ann.contains(kRevisionAnnotation) && ann[kRevisionAnnotation] == rev) return false;
  ann[kRevisionAnnotation] = rev;
  return true;
}

std::optional<std::int64_t> desired_replicas_annotation(const Json& rs) {
  return parse_int(annotation(rs, kDesiredReplicasAnnotation));
}

bool is_saturated(const Json& d, const ObjectPtr& rs) {
  if (!rs) return false;
  std::optional<std::int64_t> desired = desired_replicas_annotation(*rs);
  if (!desired) return false;
  const std::int64_t want = spec_replicas(d);
  return spec_replicas(*rs) == want && *desired == want && status_count(*rs, "availableReplicas") == want;
}

ObjectPtr find_active_or_latest(const ObjectPtr& new_rs, RSList old_rss) {
  if (!new_rs && old_rss.empty()) return nullptr;
  sort_by_creation(old_rss);
  std::reverse(old_rss.begin(), old_rss.end());
  RSList all = old_rss;
  all.push_back(new_rs);
  RSList active = filter_active(all);
  if (active.size() == 1) return active[0];
  if (!active.empty()) return nullptr;
  return new_rs ? new_rs : old_rss[0];
}

std::int64_t replica_set_proportion(const Json& rs, const Json& d, std::int64_t to_add, std::int64_t added) {
  if (spec_replicas(rs) == 0 || to_add == 0 || to_add == added) return 0;
  // getReplicaSetFraction: the RS's share of the new maximum, by the maximum it was
  // sized for (max-replicas), rounded half away from zero.
  std::int64_t fraction;
  if (spec_replicas(d) == 0) {
    fraction = -spec_replicas(rs);
  } else {
    const std::int64_t new_max = spec_replicas(d) + max_surge(d);
    std::int64_t before = parse_int(annotation(rs, kMaxReplicasAnnotation)).value_or(0);
    if (before == 0) before = status_count(d, "replicas");
    if (before == 0) before = spec_replicas(d);
    const double size = static_cast<double>(spec_replicas(rs) * new_max) / static_cast<double>(before);
    fraction = static_cast<std::int64_t>(std::round(size)) - spec_replicas(rs);
  }
  const std::int64_t allowed = to_add - added;
  return to_add > 0 ? std::min(fraction, allowed) : std::max(fraction, allowed);
}

std::int64_t new_rs_new_replicas(const Json& d, const RSList& all, const Json& new_rs) {
  if (!is_rolling_update(d)) return spec_replicas(d);
  const std::int64_t max_total = spec_replicas(d) + max_surge(d);
  const std::int64_t current = sum_spec_replicas(all);
  if (current >= max_total) return spec_replicas(new_rs);
  const std::int64_t up = std::min(max_total - current, spec_replicas(d) - spec_replicas(new_rs));
  return spec_replicas(new_rs) + up;
}

const Json* get_condition(const Json& status, std::string_view type) {
  const Json& conds = field(status, {"conditions"});
  if (!conds.is_array()) return nullptr;
  for (const auto& c : conds)
    if (c.is_object() && c.value("type", "") == type) return &c;
  return nullptr;
}

Json new_condition(std::string_view type, std::string_view status, std::string_view reason, std::string_view message,
                   sim::Time now) {
  const std::string t = util::format_rfc3339(now);
  return {{"type", std::string(type)}, {"status", std::string(status)}, {"lastUpdateTime", t},
          {"lastTransitionTime", t}, {"reason", std::string(reason)}, {"message", std::string(message)}};
}

void set_condition(Json& status, Json cond) {
  const std::string type = cond.value("type", "");
  if (const Json* cur = get_condition(status, type)) {
    if (cur->value("status", "") == cond.value("status", "") && cur->value("reason", "") == cond.value("reason", ""))
      return;
    if (cur->value("status", "") == cond.value("status", ""))
      cond["lastTransitionTime"] = cur->value("lastTransitionTime", std::string());
  }
  remove_condition(status, type);
  if (!status.contains("conditions") || !status["conditions"].is_array()) status["conditions"] = Json::array();
  status["conditions"].push_back(std::move(cond));
}

void remove_condition(Json& status, std::string_view type) {
  if (!status.contains("conditions") || !status["conditions"].is_array()) return;
  Json kept = Json::array();
  for (auto& c : status["conditions"])
    if (c.value("type", "") != type) kept.push_back(c);
  if (kept.empty()) status.erase("conditions");
  else status["conditions"] = std::move(kept);
}

bool has_progress_deadline(const Json& d) {
  const Json& v = field(d, {"spec", "progressDeadlineSeconds"});
  return v.is_number_integer() && v.get<std::int64_t>() != 2147483647;
}

bool has_revision_history_limit(const Json& d) {
  const Json& v = field(d, {"spec", "revisionHistoryLimit"});
  return v.is_number_integer() && v.get<std::int64_t>() != 2147483647;
}

bool deployment_complete(const Json& d, const Json& s) {
  const std::int64_t want = spec_replicas(d);
  return api::int_field(s, {"updatedReplicas"}) == want && api::int_field(s, {"replicas"}) == want &&
         api::int_field(s, {"availableReplicas"}) == want &&
         api::int_field(s, {"observedGeneration"}) >= api::meta::generation(d);
}

bool deployment_progressing(const Json& d, const Json& s) {
  const Json& old = field(d, {"status"});
  auto n = [](const Json& st, const char* f) { return api::int_field(st, {f}); };
  const std::int64_t old_old = n(old, "replicas") - n(old, "updatedReplicas");
  const std::int64_t new_old = n(s, "replicas") - n(s, "updatedReplicas");
  return n(s, "updatedReplicas") > n(old, "updatedReplicas") || new_old < old_old ||
         n(s, "readyReplicas") > n(old, "readyReplicas") || n(s, "availableReplicas") > n(old, "availableReplicas");
}

bool deployment_timed_out(const Json& d, const Json& s, sim::Time now) {
  if (!has_progress_deadline(d)) return false;
  const Json* c = get_condition(s, "Progressing");
  if (!c) return false;
  const std::string reason = c->value("reason", "");
  if (reason == kNewRSAvailableReason) return false;
  if (reason == kTimedOutReason) return true;
  std::optional<sim::Time> from = util::parse_rfc3339(c->value("lastUpdateTime", ""));
  if (!from) return false;
  return *from + sim::seconds(api::int_field(d, {"spec", "progressDeadlineSeconds"})) < now;
}

}  // namespace kt::controllers::deployment
