// resource.Builder's ResourceTypeOrNameArgs, over the sandbox's registry.
#include "core/kubectl/resource_args.h"

#include <cctype>
#include <algorithm>

#include "core/api/apiserver.h"
#include "core/sandbox.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using util::split;

// A type in the core group spelled with its version and an empty group:
// "services.v1." (kubectl's fully qualified form for group "").
const api::ResourceInfo* resolve_type(const api::ResourceRegistry& registry, const std::string& type) {
  if (type.size() > 1 && type.back() == '.') {
    std::string rest = type.substr(0, type.size() - 1);
    auto dot = rest.find('.');
    if (dot == std::string::npos) return nullptr;
    const api::ResourceInfo* r = registry.resolve(rest.substr(0, dot));
    if (!r || !r->group.empty()) return nullptr;
    return registry.find("", rest.substr(dot + 1), r->plural);
  }
  return registry.resolve(type);
}

// One type argument (maybe "all") to its resources; false if unknown.
bool expand_type(const api::ResourceRegistry& registry, const std::string& type,
                 std::vector<const api::ResourceInfo*>& out) {
  if (type == "all") {
    for (const auto& r : registry.all())
      if (r.preferred && std::find(r.categories.begin(), r.categories.end(), "all") != r.categories.end())
        out.push_back(&r);
    return true;
  }
  const api::ResourceInfo* r = resolve_type(registry, type);
  if (!r) return false;
  out.push_back(r);
  return true;
}

// The message names the resource part only ("foo" of "foo.bar"), as spelled.
std::string unknown_type(const std::string& t) {
  return "error: the server doesn't have a resource type \"" + t.substr(0, t.find('.')) + "\"\n";
}

}  // namespace

std::string kind_name(const api::ResourceInfo& res, const std::string& name) {
  std::string kind = res.kind;
  std::transform(kind.begin(), kind.end(), kind.begin(), ::tolower);
  if (!res.group.empty()) kind += "." + res.group;
  return kind + "/" + name;
}

ResourceArgs resolve_resource_args(const api::ResourceRegistry& registry, const std::vector<std::string>& args) {
  ResourceArgs out;
  if (args.empty()) return out;
  const bool slash_form = args[0].find('/') != std::string::npos;
  if (slash_form) {
    for (const auto& a : args) {
      auto slash = a.find('/');
      if (slash == std::string::npos) {
        out.error =
            "error: there is no need to specify a resource type as a separate argument when passing arguments in "
            "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
            "resource/<resource_name>'\n";
        return out;
      }
      std::string type = a.substr(0, slash), name = a.substr(slash + 1);
      if (type.empty() || name.empty() || name.find('/') != std::string::npos) {
        out.error = "error: arguments in resource/name form must have a single resource and name\n";
        return out;
      }
      const api::ResourceInfo* r = resolve_type(registry, type);
      if (!r) {
        out.error = unknown_type(type);
        return out;
      }
      out.refs.push_back({r, name});
    }
    return out;
  }
  std::vector<const api::ResourceInfo*> types;
  for (const auto& t : split(args[0], ',')) {
    if (t.empty()) continue;
    if (!expand_type(registry, t, types)) {
      out.error = unknown_type(t);
      return out;
    }
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i].find('/') != std::string::npos) {
      out.error =
          "error: there is no need to specify a resource type as a separate argument when passing arguments in "
          "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
          "resource/<resource_name>'\n";
      return out;
    }
  }
  for (const auto* r : types) {
    if (args.size() == 1) out.refs.push_back({r, ""});
    for (std::size_t i = 1; i < args.size(); ++i) out.refs.push_back({r, args[i]});
  }
  return out;
}

std::string short_name_warnings(const api::ResourceRegistry& registry, const std::string& type) {
  const std::string& name = type;  // short names match as spelled
  if (name.empty() || name.find('.') != std::string::npos) return "";
  for (const auto& r : registry.all())
    if (r.plural == util::lower(name) || r.singular == util::lower(name)) return "";
  std::string out, chosen;
  std::vector<std::string> warned;
  for (const auto& r : registry.all()) {
    if (std::find(r.short_names.begin(), r.short_names.end(), name) == r.short_names.end()) continue;
    const std::string long_form = r.group.empty() ? r.plural : r.plural + "." + r.group;  // GroupResource.String()
    if (chosen.empty()) {
      chosen = long_form;
      continue;
    }
    if (long_form == chosen || std::find(warned.begin(), warned.end(), long_form) != warned.end()) continue;
    warned.push_back(long_form);
    out += "Warning: short name \"" + name + "\" could also match lower priority resource " + long_form + "\n";
  }
  return out;
}

ResourceArgs resolve_resource_args(const Invocation& inv, const std::vector<std::string>& args) {
  const api::ResourceRegistry& registry = inv.sb.api().registry();
  ResourceArgs out = resolve_resource_args(registry, args);
  std::vector<std::string> types;
  if (!args.empty() && args[0].find('/') == std::string::npos) {
    types = split(args[0], ',');
  } else {
    for (const auto& a : args) types.push_back(a.substr(0, a.find('/')));
  }
  for (const auto& t : types) {
    const std::string w = short_name_warnings(registry, t);
    if (!w.empty() && inv.warnings.find(w) == std::string::npos) inv.warnings += w;
  }
  return out;
}

api::ApiError with_missing_namespace(const api::ApiServer& api, const api::ResourceInfo& res, const std::string& ns,
                                     const api::ApiError& e) {
  if (e.reason() != "NotFound" || !res.namespaced || ns.empty() || ns == "default") return e;
  if (api.try_get(api.resource("", "namespaces"), "", ns)) return e;
  return api::ApiError::not_found("namespaces", ns);
}

api::ApiError object_not_found(const api::ApiServer& api, const api::ResourceInfo& res, const std::string& ns,
                               const std::string& name) {
  return with_missing_namespace(api, res, ns, api::ApiError::not_found(res.qualified(), name));
}

}  // namespace kt::kubectl
