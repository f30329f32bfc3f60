// A small HTTP/1.1 server on Boost.Beast for `kubetab serve`: one io_context, one
// thread, async sessions with keep-alive. Handlers run synchronously on the
// io_context thread (the same thread that advances the simulation), so they may use
// the ApiServer without locks.
//
// A handler answers each request exactly once through its Exchange: either a whole
// Response, or a chunked stream (watches) that it feeds until it finishes it or the
// client goes away.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace kt::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/api/v1/pods?limit=500"
  std::string path;    // percent-decoded path: "/api/v1/pods"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;               // lower-case names
  std::string body;

  std::string header(const std::string& lower_name) const;
  // The first value of a query parameter.
  std::optional<std::string> param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// A chunked response body in progress (Transfer-Encoding: chunked).
class Stream {
 public:
  virtual ~Stream() = default;
  // Queues one chunk; ignored once closed.
  virtual void write(std::string data) = 0;
  // Sends the last chunk and closes the connection.
  virtual void finish() = 0;
  // True once finished or once the client went away.
  virtual bool closed() const = 0;
  // Called once, when the stream closes for either reason.
  virtual void on_close(std::function<void()> fn) = 0;
};

class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual void respond(Response r) = 0;
  virtual std::shared_ptr<Stream> stream(int status, std::string content_type,
                                         std::vector<std::pair<std::string, std::string>> headers) = 0;
};

using Handler = std::function<void(const Request&, Exchange&)>;

class Server {
 public:
  Server(boost::asio::io_context& ioc, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts accepting; returns the bound port (useful with port 0).
  // Throws std::runtime_error when the address cannot be bound.
  unsigned short listen(const std::string& address, unsigned short port);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Percent-decoding; `plus_is_space` for query strings (Go's url.QueryUnescape).
std::string percent_decode(std::string_view s, bool plus_is_space);
// "a=1&b=x%20y" → {{"a","1"},{"b","x y"}}.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q);

}  // namespace kt::http
