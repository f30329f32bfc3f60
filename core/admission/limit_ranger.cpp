// LimitRanger. Map: 1. which requests it sees; 2. LimitRange defaults; 3. pod
// defaulting (mutating); 4. the constraint checks with kube's messages; 5. the plugin.
#include "core/admission/limit_ranger.h"

#include <cstdio>
#include <limits>

#include "core/admission/admission_util.h"
#include "core/admission/resource_list.h"
#include "core/api/apiserver.h"
#include "core/api/object.h"

namespace kt::admission {
namespace {

constexpr const char* kAnnotation = "kubernetes.io/limit-ranger";

// ---- 1. requests -------------------------------------------------------------------

enum class Kind { None, Pod, Pvc };

Kind kind_of(const api::AdmissionRequest& req) {
  if (!req.subresource.empty() || !req.object) return Kind::None;
  if (is_core(req.resource, "pods"))
    return req.operation == api::Operation::Create ? Kind::Pod : Kind::None;
  if (is_core(req.resource, "persistentvolumeclaims") &&
      (req.operation == api::Operation::Create || req.operation == api::Operation::Update))
    return Kind::Pvc;
  return Kind::None;
}

std::vector<Json> limit_ranges(api::ApiServer& api, const std::string& ns) {
  std::vector<Json> out;
  for (const auto& lr : api.list(api.resource("", "limitranges"), ns).items) out.push_back(LimitRanger::with_defaults(*lr));
  return out;
}

// ---- 4. constraints ------------------------------------------------------------------

// resource.MaxMilliValue: the largest value whose milli value fits an int64.
constexpr std::int64_t kMaxMilliValue = std::numeric_limits<std::int64_t>::max() / 1000;

// requestLimitEnforcedValues: compare in milli units when nothing overflows.
struct Values {
  std::int64_t request, limit, enforced;
};
Values common_precision(const util::Quantity& req, const util::Quantity& lim, const util::Quantity& enforced) {
  Values v{req.value(), lim.value(), enforced.value()};
  if (v.request <= kMaxMilliValue && v.limit <= kMaxMilliValue && v.enforced <= kMaxMilliValue)
    v = {req.milli_value(), lim.milli_value(), enforced.milli_value()};
  return v;
}

const util::Quantity* find(const ResourceList& list, const std::string& name) {
  auto it = list.find(name);
  return it == list.end() ? nullptr : &it->second;
}

// minConstraint
std::string min_violation(const std::string& type, const std::string& name, const util::Quantity& enforced,
                          const ResourceList& requests, const ResourceList& limits) {
  const util::Quantity* req = find(requests, name);
  const util::Quantity* lim = find(limits, name);
  const Values v = common_precision(req ? *req : util::Quantity(), lim ? *lim : util::Quantity(), enforced);
  const std::string head = "minimum " + name + " usage per " + type + " is " + enforced.to_string();
  if (!req) return head + ".  No request is specified";
  if (v.request < v.enforced) return head + ", but request is " + req->to_string();
  if (lim && v.limit < v.enforced) return head + ", but limit is " + lim->to_string();
  return "";
}

// maxConstraint
std::string max_violation(const std::string& type, const std::string& name, const util::Quantity& enforced,
                          const ResourceList& requests, const ResourceList& limits) {
  const util::Quantity* req = find(requests, name);
  const util::Quantity* lim = find(limits, name);
  const Values v = common_precision(req ? *req : util::Quantity(), lim ? *lim : util::Quantity(), enforced);
  const std::string head = "maximum " + name + " usage per " + type + " is " + enforced.to_string();
  if (!lim) return head + ".  No limit is specified";
  if (v.limit > v.enforced) return head + ", but limit is " + lim->to_string();
  if (req && v.request > v.enforced) return head + ", but request is " + req->to_string();
  return "";
}

// maxRequestConstraint (PVCs: only requests are user input)
std::string max_request_violation(const std::string& type, const std::string& name, const util::Quantity& enforced,
                                  const ResourceList& requests) {
  const util::Quantity* req = find(requests, name);
  const Values v = common_precision(req ? *req : util::Quantity(), util::Quantity(), enforced);
  const std::string head = "maximum " + name + " usage per " + type + " is " + enforced.to_string();
  if (!req) return head + ".  No request is specified";
  if (v.request > v.enforced) return head + ", but request is " + req->to_string();
  return "";
}

// limitRequestRatioConstraint
std::string ratio_violation(const std::string& type, const std::string& name, const util::Quantity& enforced,
                            const ResourceList& requests, const ResourceList& limits) {
  const util::Quantity* req = find(requests, name);
  const util::Quantity* lim = find(limits, name);
  const Values v = common_precision(req ? *req : util::Quantity(), lim ? *lim : util::Quantity(), enforced);
  const std::string head = name + " max limit to request ratio per " + type + " is " + enforced.to_string();
  if (!req || v.request == 0) return head + ", but no request is specified or request is 0";
  if (!lim || v.limit == 0) return head + ", but no limit is specified or limit is 0";
  double observed = static_cast<double>(v.limit) / static_cast<double>(v.request);
  const double display = observed;
  double max_ratio = static_cast<double>(enforced.value());
  if (enforced.value() <= kMaxMilliValue) {
    observed *= 1000;
    max_ratio = static_cast<double>(enforced.milli_value());
  }
  if (observed <= max_ratio) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%f", display);  // Go's %f: six decimals
  return head + ", but provided ratio is " + buf;
}

void check(std::vector<std::string>& errs, std::string msg) {
  if (!msg.empty()) errs.push_back(std::move(msg));
}

void check_item(std::vector<std::string>& errs, const std::string& type, const Json& item,
                const ResourceList& requests, const ResourceList& limits) {
  for (const auto& [name, q] : parse_resource_list(api::field(item, {"min"})))
    check(errs, min_violation(type, name, q, requests, limits));
  for (const auto& [name, q] : parse_resource_list(api::field(item, {"max"})))
    check(errs, max_violation(type, name, q, requests, limits));
  for (const auto& [name, q] : parse_resource_list(api::field(item, {"maxLimitRequestRatio"})))
    check(errs, ratio_violation(type, name, q, requests, limits));
}

// ---- 3. pod defaulting -------------------------------------------------------------------

// mergeContainerResources: fills what a container leaves out; returns its annotation parts.
void merge_container(Json& container, const ResourceList& default_requests, const ResourceList& default_limits,
                     const std::string& what, std::vector<std::string>& notes) {
  if (!container.is_object()) return;
  auto fill = [&](const char* which, const ResourceList& defaults) {
    std::string set;
    if (defaults.empty()) return set;
    Json& resources = container["resources"];
    if (!resources.is_object()) resources = Json::object();
    Json& list = resources[which];
    if (!list.is_object()) list = Json::object();
    for (const auto& [name, q] : defaults) {  // sorted, as sort.Strings(setRequests)
      if (list.contains(name)) continue;
      list[name] = q.to_string();
      set += (set.empty() ? "" : ", ") + name;
    }
    if (list.empty()) resources.erase(which);
    return set;
  };
  const std::string requests = fill("requests", default_requests);
  const std::string limits = fill("limits", default_limits);
  const std::string cname = api::str_field(container, {"name"});
  if (!requests.empty()) notes.push_back(requests + " request for " + what + " " + cname);
  if (!limits.empty()) notes.push_back(limits + " limit for " + what + " " + cname);
}

}  // namespace

// ---- 2. LimitRange defaults ------------------------------------------------------------------

Json LimitRanger::with_defaults(const Json& limit_range) {
  Json lr = limit_range;
  Json* items = nullptr;
  if (auto s = lr.find("spec"); s != lr.end() && s->is_object())
    if (auto l = s->find("limits"); l != s->end() && l->is_array()) items = &*l;
  if (!items) return lr;
  for (auto& item : *items) {
    if (!item.is_object() || api::str_field(item, {"type"}) != "Container") continue;
    auto fill_from = [&](const char* to, const char* from) {
      const Json& src = api::field(item, {from});
      if (!src.is_object() || src.empty()) return;
      Json& dst = item[to];
      if (!dst.is_object()) dst = Json::object();
      for (auto it = src.begin(); it != src.end(); ++it)
        if (!dst.contains(it.key())) dst[it.key()] = *it;
    };
    fill_from("default", "max");
    fill_from("defaultRequest", "default");
    fill_from("defaultRequest", "min");
  }
  return lr;
}

void LimitRanger::default_pod(const Json& limit_range, Json& pod) {
  // defaultContainerResourceRequirements: every Container item contributes.
  ResourceList requests, limits;
  for (const auto& item : api::field(limit_range, {"spec", "limits"})) {
    if (api::str_field(item, {"type"}) != "Container") continue;
    for (const auto& [k, v] : parse_resource_list(api::field(item, {"defaultRequest"}))) requests[k] = v;
    for (const auto& [k, v] : parse_resource_list(api::field(item, {"default"}))) limits[k] = v;
  }
  auto spec = pod.find("spec");
  if (spec == pod.end() || !spec->is_object()) return;
  std::vector<std::string> notes;
  for (const auto& [list, what] : {std::pair{"containers", "container"}, std::pair{"initContainers", "init container"}}) {
    auto it = spec->find(list);
    if (it == spec->end() || !it->is_array()) continue;
    for (auto& c : *it) merge_container(c, requests, limits, what, notes);
  }
  if (notes.empty()) return;
  std::string value = "LimitRanger plugin set: ";
  for (std::size_t i = 0; i < notes.size(); ++i) value += (i ? "; " : "") + notes[i];
  Json& meta = pod["metadata"];
  if (!meta.is_object()) meta = Json::object();
  Json& annotations = meta["annotations"];
  if (!annotations.is_object()) annotations = Json::object();
  annotations[kAnnotation] = value;
}

std::vector<std::string> LimitRanger::pod_violations(const Json& limit_range, const Json& pod) {
  std::vector<std::string> errs;
  const Json& spec = api::field(pod, {"spec"});
  for (const auto& item : api::field(limit_range, {"spec", "limits"})) {
    const std::string type = api::str_field(item, {"type"});
    if (type == "Container") {
      for (const char* list : {"containers", "initContainers"})
        for (const auto& c : api::field(spec, {list}))
          check_item(errs, type, item, container_resources(c, "requests"), container_resources(c, "limits"));
    } else if (type == "Pod") {
      check_item(errs, type, item, pod_resources(pod, "requests", Overhead::Exclude),
                 pod_resources(pod, "limits", Overhead::Exclude));
    }
  }
  return errs;
}

std::vector<std::string> LimitRanger::pvc_violations(const Json& limit_range, const Json& pvc) {
  std::vector<std::string> errs;
  const ResourceList requests = parse_resource_list(api::field(pvc, {"spec", "resources", "requests"}));
  for (const auto& item : api::field(limit_range, {"spec", "limits"})) {
    const std::string type = api::str_field(item, {"type"});
    if (type != "PersistentVolumeClaim") continue;
    for (const auto& [name, q] : parse_resource_list(api::field(item, {"min"})))
      check(errs, min_violation(type, name, q, requests, {}));
    for (const auto& [name, q] : parse_resource_list(api::field(item, {"max"})))
      check(errs, max_request_violation(type, name, q, requests));
  }
  return errs;
}

// ---- 5. the plugin -----------------------------------------------------------------------

void LimitRanger::admit(api::AdmissionRequest& req, api::ApiServer& api) {
  if (kind_of(req) != Kind::Pod) return;
  if (req.old_object && api::meta::being_deleted(*req.old_object)) return;
  for (const Json& lr : limit_ranges(api, req.ns)) default_pod(lr, *req.object);
}

void LimitRanger::validate(const api::AdmissionRequest& req, api::ApiServer& api) {
  const Kind kind = kind_of(req);
  if (kind == Kind::None) return;
  if (req.old_object && api::meta::being_deleted(*req.old_object)) return;
  for (const Json& lr : limit_ranges(api, req.ns)) {
    const std::vector<std::string> errs =
        kind == Kind::Pod ? pod_violations(lr, *req.object) : pvc_violations(lr, *req.object);
    if (!errs.empty()) throw forbidden(req, aggregate(errs));
  }
}

}  // namespace kt::admission
