// Discovery documents as kube-apiserver v1.32 serves them: /version, /api, /apis,
// /apis/{group}, /api/v1 and /apis/{group}/{version} (APIResourceList with the
// subresource entries kubectl looks for: pods/log, deployments/scale, */status),
// and the OpenAPI v3 index plus one small document per group version. The OpenAPI
// documents carry no schemas: they exist so kubectl sees that PATCH/POST/PUT take
// `fieldValidation`, sends fieldValidation=Strict and leaves validation to us.
#pragma once

#include <optional>
#include <string>

#include "core/api/json.h"
#include "core/api/resources.h"

namespace kt::http {

struct DiscoveryInfo {
  std::string git_version = "v1.32.5";  // the scenario's kubernetes_version
  std::string server_address;           // "127.0.0.1:6443", for serverAddressByClientCIDRs
};

Json version_info(const DiscoveryInfo& info);
Json api_versions(const DiscoveryInfo& info);  // GET /api
Json api_group_list(const api::ResourceRegistry& reg);  // GET /apis
// GET /apis/{group}; nullopt when the group is unknown.
std::optional<Json> api_group(const api::ResourceRegistry& reg, const std::string& group);
// GET /api/v1 or /apis/{group}/{version}; nullopt when unknown.
std::optional<Json> api_resource_list(const api::ResourceRegistry& reg, const std::string& group,
                                      const std::string& version);

// GET /openapi/v3
Json openapi_v3_index(const api::ResourceRegistry& reg);
// GET /openapi/v3/api/v1, /openapi/v3/apis/{group}/{version}; nullopt when unknown.
std::optional<Json> openapi_v3_document(const api::ResourceRegistry& reg, const DiscoveryInfo& info,
                                        const std::string& group, const std::string& version);

}  // namespace kt::http
