// One open watch: an ApiServer watch streamed to a client as chunked JSON, one
// event per line ({"type":"ADDED","object":{...}}), objects or one-row Tables.
// It ends when timeoutSeconds of WALL time pass (virtual time is paced, but a
// client's timeout is in its own seconds), when the client goes away, or when the
// server closes it.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>

#include "core/api/apiserver.h"
#include "native/http/server.h"
#include "native/http/table_json.h"

namespace kt::http {

class ApiHandler;

class WatchSession : public std::enable_shared_from_this<WatchSession> {
 public:
  struct Form {
    bool table = false;
    IncludeObject include = IncludeObject::Metadata;
    std::string meta_version = "v1";
  };

  WatchSession(ApiHandler& owner, const api::ResourceInfo& res, std::shared_ptr<Stream> stream, Form form,
               boost::asio::io_context& ioc);

  // Starts the wall-clock timeout and hooks the stream's close.
  void start(double timeout_seconds);
  void set_watch(api::WatchPtr w) { watch_ = std::move(w); }
  // Writes one event (no-op once finished).
  void send(const api::WatchEvent& ev);
  // Ends the watch: last chunk, connection closed, ApiServer watch stopped.
  void finish();

 private:
  Json event_object(const api::WatchEvent& ev);

  ApiHandler& owner_;
  const api::ResourceInfo& res_;
  std::shared_ptr<Stream> stream_;
  Form form_;
  boost::asio::steady_timer timer_;
  api::WatchPtr watch_;
  bool headers_sent_ = false;
  bool finished_ = false;
};

}  // namespace kt::http
