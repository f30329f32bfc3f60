#include "native/http/request_info.h"

namespace kt::http {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool truthy(const std::optional<std::string>& v) { return v && (*v == "true" || *v == "1"); }

}  // namespace

RequestInfo parse_request_info(const Request& req) {
  RequestInfo info;
  info.parts = split_path(req.path);
  std::vector<std::string> cur = info.parts;
  if (cur.empty() || (cur[0] != "api" && cur[0] != "apis")) return info;
  info.api_prefix = cur[0];
  cur.erase(cur.begin());
  if (info.api_prefix == "apis") {
    if (cur.size() < 3) return info;  // /apis, /apis/g, /apis/g/v: discovery
    info.group = cur[0];
    cur.erase(cur.begin());
  } else if (cur.size() < 2) {
    return info;  // /api, /api/v1
  }
  info.version = cur[0];
  cur.erase(cur.begin());
  info.is_resource = true;

  // Verb from the method; "watch" paths and ?watch=true turn list/get into watch.
  const std::string& m = req.method;
  if (m == "POST") info.verb = "create";
  else if (m == "GET" || m == "HEAD") info.verb = "get";
  else if (m == "PUT") info.verb = "update";
  else if (m == "PATCH") info.verb = "patch";
  else if (m == "DELETE") info.verb = "delete";
  else info.verb = "";

  bool legacy_watch = false;
  if (!cur.empty() && cur[0] == "watch") {
    legacy_watch = true;
    cur.erase(cur.begin());
  }
  if (!cur.empty() && cur[0] == "namespaces") {
    if (cur.size() > 1) {
      info.ns = cur[1];
      // namespaces/{name}/status and /finalize are subresources of the namespace itself.
      if (cur.size() > 2 && cur[2] != "status" && cur[2] != "finalize") cur.erase(cur.begin(), cur.begin() + 2);
    }
  }
  if (!cur.empty()) info.resource = cur[0];
  if (cur.size() > 1) info.name = cur[1];
  if (cur.size() > 2) info.subresource = cur[2];
  if (cur.size() > 3) info.is_resource = false;  // nothing in our API is that deep

  if (info.verb == "get" && info.name.empty()) info.verb = "list";
  if (info.verb == "delete" && info.name.empty()) info.verb = "deletecollection";
  if (legacy_watch || ((info.verb == "list" || info.verb == "get") && truthy(req.param("watch")))) info.verb = "watch";
  // A namespace named in the path of the namespaces resource is its name.
  if (info.resource == "namespaces" && info.api_prefix == "api") info.ns.clear();
  return info;
}

}  // namespace kt::http
