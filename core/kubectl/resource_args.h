// The resources a command names, as kubectl's resource.Builder reads its arguments:
//   TYPE                 every object of TYPE (a list)
//   TYPE NAME1 NAME2     those objects
//   TYPE1,TYPE2 [NAMES]  each type (with each name)
//   TYPE/NAME ...        those objects, types may differ
//   all                  the types of the "all" category
// TYPE is anything the registry resolves: plural, singular, short name, kind,
// "deployments.apps".
#pragma once

#include <string>
#include <vector>

#include "core/api/resources.h"
#include "core/kubectl/command.h"

namespace kt::kubectl {

struct ResourceRef {
  const api::ResourceInfo* res = nullptr;
  std::string name;  // empty: every object of the type
};

struct ResourceArgs {
  std::vector<ResourceRef> refs;
  std::string error;  // kubectl's message with its "error: " prefix and newline
};

ResourceArgs resolve_resource_args(const api::ResourceRegistry& registry, const std::vector<std::string>& args);
// The same for a command: also adds kubectl's short-name warnings to inv.warnings.
ResourceArgs resolve_resource_args(const Invocation& inv, const std::vector<std::string>& args);

// kubectl's shortcut expander: when a short name ("ev") also names resources of lower
// priority than the one it resolves to, one "Warning: short name "ev" could also match
// lower priority resource events.events.k8s.io" line for each (none for a name that
// is some resource's plural or singular, or that is qualified by a group).
std::string short_name_warnings(const api::ResourceRegistry& registry, const std::string& type);

// cli-runtime's Info.Get: an object not found in a namespace other than "default"
// reports the namespace instead when that does not exist (namespaces "x" not found).
api::ApiError with_missing_namespace(const api::ApiServer& api, const api::ResourceInfo& res, const std::string& ns,
                                     const api::ApiError& e);
// The same for a NotFound the caller noticed itself (try_get gave nothing).
api::ApiError object_not_found(const api::ApiServer& api, const api::ResourceInfo& res, const std::string& ns,
                               const std::string& name);

// "deployment.apps/web", "pod/x": how -o name and kubectl's messages name an object.
std::string kind_name(const api::ResourceInfo& res, const std::string& name);

}  // namespace kt::kubectl
