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

// "deployment.apps/web", "pod/x": how -o name and kubectl's messages name an object.
std::string kind_name(const api::ResourceInfo& res, const std::string& name);

}  // namespace kt::kubectl
