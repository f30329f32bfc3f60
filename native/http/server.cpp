// Beast plumbing for http::Server. Map of this file:
//   1. URL helpers
//   2. Session: read a request, hand it to the handler, write the answer (whole or
//      chunked), repeat while keep-alive
//   3. Listener: accept loop
#include "native/http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <iostream>
#include <stdexcept>

namespace kt::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// ---- 1. URL helpers ------------------------------------------------------------------

std::string percent_decode(std::string_view s, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    if (eq == std::string_view::npos) out.emplace_back(percent_decode(part, true), "");
    else out.emplace_back(percent_decode(part.substr(0, eq), true), percent_decode(part.substr(eq + 1), true));
  }
  return out;
}

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

// ---- 2. Session ------------------------------------------------------------------------

namespace {

constexpr std::size_t kBodyLimit = 64 * 1024 * 1024;
const auto kIdleTimeout = std::chrono::minutes(5);

std::string reason_phrase(int status) {
  return std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(status)));
}

class Session : public std::enable_shared_from_this<Session>, public Exchange {
 public:
  Session(tcp::socket socket, Handler& handler) : stream_(std::move(socket)), handler_(handler) {}

  void start() { do_read(); }

  // Exchange
  void respond(Response r) override {
    answered_ = true;
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), 11);
    res->set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->insert(k, v);
    res->keep_alive(keep_alive_);
    res->body() = std::move(r.body);
    res->prepare_payload();
    auto self = shared_from_this();
    bhttp::async_write(stream_, *res, [self, res](beast::error_code ec, std::size_t) {
      if (ec || !self->keep_alive_) return self->close();
      self->do_read();
    });
  }

  std::shared_ptr<Stream> stream(int status, std::string content_type,
                                 std::vector<std::pair<std::string, std::string>> headers) override {
    answered_ = true;
    stream_.expires_never();
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    head += "Content-Type: " + content_type + "\r\n";
    for (auto& [k, v] : headers) head += k + ": " + v + "\r\n";
    head += "Transfer-Encoding: chunked\r\n\r\n";
    auto s = std::make_shared<ChunkStream>(shared_from_this());
    chunk_stream_ = s;
    enqueue(std::move(head));
    watch_for_disconnect();
    return s;
  }

 private:
  class ChunkStream : public Stream {
   public:
    explicit ChunkStream(std::shared_ptr<Session> s) : session_(std::move(s)) {}
    void write(std::string data) override {
      if (closed_ || data.empty()) return;
      char size[20];
      std::snprintf(size, sizeof size, "%zx\r\n", data.size());
      session_->enqueue(std::string(size) + data + "\r\n");
    }
    void finish() override {
      if (closed_) return;
      session_->enqueue("0\r\n\r\n");
      session_->close_after_writes_ = true;
      session_->maybe_close_after_writes();
      mark_closed();
    }
    bool closed() const override { return closed_; }
    void on_close(std::function<void()> fn) override {
      if (closed_) {
        if (fn) fn();
        return;
      }
      callbacks_.push_back(std::move(fn));
    }
    void mark_closed() {
      if (closed_) return;
      closed_ = true;
      auto cbs = std::move(callbacks_);
      for (auto& cb : cbs)
        if (cb) cb();
    }

   private:
    std::shared_ptr<Session> session_;
    bool closed_ = false;
    std::vector<std::function<void()>> callbacks_;
  };

  void do_read() {
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(kIdleTimeout);
    auto self = shared_from_this();
    bhttp::async_read(stream_, buffer_, *parser_, [self](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return close();
    auto msg = parser_->release();
    keep_alive_ = msg.keep_alive();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    std::string_view target = req.target;
    auto qm = target.find('?');
    req.path = percent_decode(target.substr(0, qm), false);
    if (qm != std::string_view::npos) req.query = parse_query(target.substr(qm + 1));
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto& slot = req.headers[name];
      slot = slot.empty() ? std::string(f.value()) : slot + "," + std::string(f.value());
    }
    req.body = std::move(msg.body());
    answered_ = false;
    try {
      handler_(req, *this);
    } catch (const std::exception& e) {
      if (!answered_) respond({500, "text/plain", {}, std::string("internal error: ") + e.what() + "\n"});
      return;
    }
    if (!answered_) respond({500, "text/plain", {}, "internal error: no response\n"});
  }

  void enqueue(std::string data) {
    if (dead_) return;
    queue_.push_back(std::move(data));
    if (!writing_) write_next();
  }

  void write_next() {
    if (queue_.empty() || dead_) {
      writing_ = false;
      maybe_close_after_writes();
      return;
    }
    writing_ = true;
    auto self = shared_from_this();
    net::async_write(stream_.socket(), net::buffer(queue_.front()), [self](beast::error_code ec, std::size_t) {
      self->queue_.pop_front();
      if (ec) return self->close();
      self->write_next();
    });
  }

  void maybe_close_after_writes() {
    if (close_after_writes_ && !writing_ && queue_.empty()) close();
  }

  // While a chunked response streams, the client sends nothing more; a read that
  // completes means it closed the connection (or broke the protocol).
  void watch_for_disconnect() {
    auto self = shared_from_this();
    stream_.socket().async_read_some(net::buffer(probe_), [self](beast::error_code ec, std::size_t) {
      (void)ec;
      self->close();
    });
  }

  void close() {
    if (dead_) return;
    dead_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    if (auto s = chunk_stream_.lock()) static_cast<ChunkStream&>(*s).mark_closed();
  }

  beast::tcp_stream stream_;
  Handler& handler_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool keep_alive_ = true;
  bool answered_ = false;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool close_after_writes_ = false;
  bool dead_ = false;
  char probe_[256];
  std::weak_ptr<Stream> chunk_stream_;
};

}  // namespace

// ---- 3. Listener -----------------------------------------------------------------------

struct Server::Impl {
  Impl(net::io_context& ioc, Handler h) : ioc(ioc), handler(std::move(h)), acceptor(ioc) {}

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted) return;
      } else {
        std::make_shared<Session>(std::move(socket), handler)->start();
      }
      accept();
    });
  }

  net::io_context& ioc;
  Handler handler;
  tcp::acceptor acceptor;
};

Server::Server(net::io_context& ioc, Handler handler) : impl_(std::make_unique<Impl>(ioc, std::move(handler))) {}
Server::~Server() = default;

unsigned short Server::listen(const std::string& address, unsigned short port) {
  beast::error_code ec;
  auto addr = net::ip::make_address(address, ec);
  if (ec) throw std::runtime_error("invalid address \"" + address + "\": " + ec.message());
  tcp::endpoint ep{addr, port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message());
  impl_->accept();
  return a.local_endpoint().port();
}

void Server::stop() {
  beast::error_code ignored;
  impl_->acceptor.close(ignored);
}

}  // namespace kt::http
