// The resource types the API server serves, with the facts discovery publishes
// (what `kubectl api-resources` prints): group/version, kind, plural and singular
// names, short names, scope, categories, verbs and subresources. Kubectl's resource
// name resolution (`po`, `deploy`, `deployments.apps`, `Pod`) is answered here too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kt::api {

struct ResourceInfo {
  std::string group;     // "" for the core group
  std::string version;   // "v1"
  std::string kind;      // "Deployment"
  std::string plural;    // "deployments"
  std::string singular;  // "deployment"
  bool namespaced = true;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  std::vector<std::string> verbs;
  std::vector<std::string> subresources;  // "status", "scale", "log", "exec", ...
  bool tracks_generation = false;  // metadata.generation bumps on spec changes
  bool preferred = true;           // the group's preferred version (discovery order)

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  // "pods", "deployments.apps": how error messages name the resource.
  std::string qualified() const { return group.empty() ? plural : plural + "." + group; }
  // "Pod", "Deployment.apps": how Invalid errors name the kind.
  std::string qualified_kind() const { return group.empty() ? kind : kind + "." + group; }
  bool has_subresource(std::string_view s) const;
  bool has_verb(std::string_view v) const;
};

class ResourceRegistry {
 public:
  static const ResourceRegistry& builtin();

  const std::vector<ResourceInfo>& all() const { return resources_; }
  // The registry's own entry for `r`: `r` itself when it is one, else the entry with
  // its group, version and plural (a copy made by a caller), else `r`.
  const ResourceInfo& canonical(const ResourceInfo& r) const;
  // Exact lookups (the API paths).
  const ResourceInfo* find(std::string_view group, std::string_view version, std::string_view plural) const;
  const ResourceInfo* find_plural(std::string_view group, std::string_view plural) const;  // preferred version
  const ResourceInfo* find_kind(std::string_view api_version, std::string_view kind) const;
  // kubectl-style resolution: plural, singular, short name or kind, case-insensitive,
  // optionally qualified by group ("deployments.apps", "deploy.apps") or by
  // version and group ("deployments.v1.apps"). Preferred versions win.
  const ResourceInfo* resolve(std::string_view name) const;
  // Group versions in discovery order: "v1" first, then "apps/v1", ...
  std::vector<std::string> group_versions() const;

 private:
  ResourceRegistry();
  std::vector<ResourceInfo> resources_;
};

}  // namespace kt::api
