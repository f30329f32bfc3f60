#include "core/admission/resource_list.h"

#include "core/api/object.h"

namespace kt::admission {

ResourceList parse_resource_list(const Json& obj) {
  ResourceList out;
  if (!obj.is_object()) return out;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it->is_string()) {
      if (auto q = util::Quantity::try_parse(it->get_ref<const std::string&>())) out.emplace(it.key(), *q);
    } else if (it->is_number()) {
      try {
        out.emplace(it.key(), util::Quantity::from_json(*it));
      } catch (const std::exception&) {
      }
    }
  }
  return out;
}

Json to_json(const ResourceList& list) {
  Json out = Json::object();
  for (const auto& [k, v] : list) out[k] = v.to_string();
  return out;
}

ResourceNames names_of(const ResourceList& list) {
  ResourceNames out;
  for (const auto& [k, v] : list) out.insert(k);
  return out;
}

ResourceList add(const ResourceList& a, const ResourceList& b) {
  ResourceList out = a;
  for (const auto& [k, v] : b) {
    auto it = out.find(k);
    if (it == out.end()) out.emplace(k, v);
    else it->second += v;
  }
  return out;
}

ResourceList subtract_non_negative(const ResourceList& a, const ResourceList& b) {
  ResourceList out;
  for (const auto& [k, v] : a) {
    util::Quantity q = v;
    if (auto it = b.find(k); it != b.end()) q -= it->second;
    if (q.sign() < 0) q = util::Quantity::from_int(0, q.format());
    out.emplace(k, q);
  }
  return out;
}

ResourceList mask(const ResourceList& list, const ResourceNames& names) {
  ResourceList out;
  for (const auto& [k, v] : list)
    if (names.count(k)) out.emplace(k, v);
  return out;
}

ResourceList remove_zeros(const ResourceList& list) {
  ResourceList out;
  for (const auto& [k, v] : list)
    if (!v.is_zero()) out.emplace(k, v);
  return out;
}

ResourceNames exceeding(const ResourceList& a, const ResourceList& b) {
  ResourceNames out;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it != b.end() && v.compare(it->second) > 0) out.insert(k);
  }
  return out;
}

bool equals(const ResourceList& a, const ResourceList& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || !(it->second == v)) return false;
  }
  return true;
}

std::string pretty_print(const ResourceList& list) {
  std::string out;
  for (const auto& [k, v] : list) {
    if (!out.empty()) out += ",";
    out += k + "=" + v.to_string();
  }
  return out;
}

std::string pretty_print(const ResourceNames& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ",";
    out += n;
  }
  return out;
}

ResourceList container_resources(const Json& container, const char* which) {
  return parse_resource_list(api::field(container, {"resources", which}));
}

namespace {

// maxResourceList: raise each of `list`'s values to `other`'s, adding missing keys.
void raise_to(ResourceList& list, const ResourceList& other) {
  for (const auto& [k, v] : other) {
    auto it = list.find(k);
    if (it == list.end()) list.emplace(k, v);
    else if (v.compare(it->second) > 0) it->second = v;
  }
}

}  // namespace

ResourceList pod_resources(const Json& pod, const char* which, Overhead overhead) {
  const Json& spec = api::field(pod, {"spec"});
  ResourceList total;
  for (const auto& c : api::field(spec, {"containers"})) total = add(total, container_resources(c, which));

  // Init containers run one at a time before the others, so the pod needs the
  // largest of them; restartable ("sidecar") init containers keep running, so they
  // add to everything that starts after them.
  ResourceList sidecars, init_peak;
  for (const auto& c : api::field(spec, {"initContainers"})) {
    ResourceList own = container_resources(c, which);
    ResourceList during;
    if (api::str_field(c, {"restartPolicy"}) == "Always") {
      total = add(total, own);
      sidecars = add(sidecars, own);
      during = sidecars;
    } else {
      during = add(own, sidecars);
    }
    raise_to(init_peak, during);
  }
  raise_to(total, init_peak);

  if (overhead == Overhead::Include) {
    const ResourceList extra = parse_resource_list(api::field(spec, {"overhead"}));
    // Overhead counts only for resources the pod already has (PodRequests adds it
    // to every name, PodLimits only to names with a limit).
    if (std::string(which) == "limits") {
      for (const auto& [k, v] : extra)
        if (auto it = total.find(k); it != total.end()) it->second += v;
    } else {
      total = add(total, extra);
    }
  }
  return total;
}

}  // namespace kt::admission
