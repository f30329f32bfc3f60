// What an API path names, as kube-apiserver's RequestInfoFactory reads it
// (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
//   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
//   /apis/{group}/{version}/{resource}/{name}           (cluster-scoped)
//   /api/v1/{resource}                                   (all namespaces)
//   /api/v1/watch/namespaces/{ns}/{resource}             (legacy watch paths)
//   /api/v1/namespaces/{name}/status|finalize            (namespace subresources)
#pragma once

#include <string>
#include <vector>

#include "native/http/server.h"

namespace kt::http {

struct RequestInfo {
  bool is_resource = false;  // false: discovery and other non-resource paths
  std::string verb;          // get list watch create update patch delete deletecollection
  std::string api_prefix;    // "api" or "apis"
  std::string group;         // "" for the core group
  std::string version;
  std::string ns;
  std::string resource;
  std::string name;
  std::string subresource;
  std::vector<std::string> parts;  // the path split on '/', without empty parts
};

RequestInfo parse_request_info(const Request& req);

}  // namespace kt::http
