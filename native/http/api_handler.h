// The Kubernetes REST API over http::Server: discovery, the resource verbs
// (get/list/create/update/patch/delete/deletecollection/watch), the status and
// scale subresources, server-side Tables, and clear errors for what the sandbox
// cannot do yet (pod logs, exec, attach, port-forward, proxy, eviction).
//
// Every call runs on the io_context thread that also drives the simulation, so it
// uses the ApiServer directly. Errors are metav1.Status bodies with their codes.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>

#include "core/api/apiserver.h"
#include "native/http/discovery.h"
#include "native/http/request_info.h"
#include "native/http/server.h"

namespace kt::http {

class WatchSession;

struct ApiHandlerOptions {
  DiscoveryInfo discovery;
  // Pod logs, once a kubelet simulation can produce them: the text for
  // GET pods/{name}/log (container "" = the only/first one). Unset: 400 with a
  // "not supported yet by this sandbox" Status.
  std::function<std::string(const std::string& ns, const std::string& pod, const std::string& container)> pod_logs;
  // Runs simulator events that are due now (watch deliveries of a write), called
  // after every request.
  std::function<void()> flush;
  // Default watch length in wall seconds when the client gives no timeoutSeconds
  // (kube-apiserver picks 30-60 minutes).
  double default_watch_seconds = 1800;
};

class ApiHandler {
 public:
  ApiHandler(api::ApiServer& api, boost::asio::io_context& ioc, ApiHandlerOptions opts);
  ~ApiHandler();

  void handle(const Request& req, Exchange& ex);
  std::size_t open_watches() const { return watches_.size(); }
  // "127.0.0.1:6443": what /api reports in serverAddressByClientCIDRs.
  void set_server_address(std::string a) { opts_.discovery.server_address = std::move(a); }
  // Ends every open watch (server shutdown).
  void close_watches();

 private:
  friend class WatchSession;
  Response handle_nonresource(const Request& req, const RequestInfo& info);
  void handle_resource(const Request& req, const RequestInfo& info, Exchange& ex);
  Response get(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response list(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response create(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response update(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response patch(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response remove(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response evict(const Request& req, const RequestInfo& info);
  Response remove_collection(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  Response scale(const Request& req, const RequestInfo& info, const api::ResourceInfo& res);
  void watch(const Request& req, const RequestInfo& info, const api::ResourceInfo& res, Exchange& ex);

  api::ApiServer& api_;
  boost::asio::io_context& ioc_;
  ApiHandlerOptions opts_;
  std::set<std::shared_ptr<WatchSession>> watches_;
};

// Helpers shared with the watch code and the tests.
Response json_response(int status, const Json& body);
Response status_response(const api::ApiError& e);
// Objects of a list as kube returns them: without apiVersion/kind on the items.
Json list_item(const Json& obj);
// `Warning: 299 - "text"` header value.
std::string warning_header(const std::string& text);

}  // namespace kt::http
