// What the simulated images answer over HTTP: nginx serves /usr/share/nginx/html
// (its default "Welcome to nginx!" page for its version, or the files a volume or
// `exec` put there) with nginx's headers and error pages; httpd "It works!";
// tomcat's 404; elasticsearch's REST API on 9200 (elasticsearch.h); hello-app's greeting with the
// pod's hostname; echo-server echoes the request. A port that does not speak HTTP
// gives an empty reply.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/node/images.h"
#include "core/sim/time.h"

namespace kt::network {

struct HttpRequest {
  std::string method = "GET";
  std::string host;  // the Host header
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  bool empty_reply = false;  // the server closed without answering (curl: (52))
  int status = 200;
  std::string reason = "OK";
  std::vector<std::pair<std::string, std::string>> headers;  // in the order the server sends them
  std::string body;
};

// Reads a file of the container (volumes included); nullopt when absent.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

// What the answering container's processes were started with: its address and
// environment (elasticsearch reads its settings from there).
struct ServerEnv {
  std::string pod_ip;
  std::map<std::string, std::string> vars;
};

HttpResponse serve_http(const node::ImageInfo& image, int port, const std::string& hostname, const HttpRequest& req,
                        sim::Time now, const FileReader& read_file = nullptr, const ServerEnv& env = {});

// RFC 1123 date in GMT, as HTTP servers send it: "Wed, 15 Jan 2025 09:12:00 GMT".
std::string http_date(sim::Time t);

}  // namespace kt::network
