// `kubetab serve`: one io_context on one thread runs the HTTP server and a steady
// timer that paces the simulation (virtual time = wall time × speed), so every API
// call and every simulated component run on the same thread, without locks.
#include "native/serve.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/api/apiserver.h"
#include "core/cluster/scenario.h"
#include "core/sandbox.h"
#include "core/sim/pacer.h"
#include "native/http/api_handler.h"
#include "native/http/protobuf.h"
#include "native/http/server.h"

namespace kt::cli {

namespace net = boost::asio;

namespace {

// How often the pacer advances the simulation (wall time).
constexpr auto kTick = std::chrono::milliseconds(50);

class Ticker {
 public:
  Ticker(net::io_context& ioc, sim::Pacer& pacer) : timer_(ioc), pacer_(pacer), last_(std::chrono::steady_clock::now()) {}
  void start() { arm(); }
  void stop() { timer_.cancel(); }

 private:
  void arm() {
    timer_.expires_after(kTick);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      auto now = std::chrono::steady_clock::now();
      double wall = std::chrono::duration<double>(now - last_).count();
      last_ = now;
      pacer_.on_wall_elapsed(wall);
      arm();
    });
  }
  net::steady_timer timer_;
  sim::Pacer& pacer_;
  std::chrono::steady_clock::time_point last_;
};

bool is_loopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost" || address.rfind("127.", 0) == 0;
}

}  // namespace

int serve(const ServeOptions& opts) {
  if (!is_loopback(opts.address))
    std::cerr << "kubetab: WARNING: serving on " << opts.address
              << ": the sandbox API has no authentication; anyone who can reach this address can use it\n";
  Sandbox sandbox(opts.sandbox);
  sim::Pacer pacer(sandbox.sim());
  pacer.set_speed(opts.speed);

  net::io_context ioc(1);
  http::ApiHandlerOptions hopts;
  hopts.discovery.git_version = sandbox.scenario().kubernetes_version;
  hopts.flush = [&sandbox] { sandbox.sim().run_until(sandbox.sim().now()); };
  http::ApiHandler handler(sandbox.api(), ioc, hopts);
  // KUBETAB_SERVE_TRACE=1 logs every request (and its body) to stderr.
  const bool trace = std::getenv("KUBETAB_SERVE_TRACE") != nullptr;
  http::Server server(ioc, [&handler, trace](const http::Request& req, http::Exchange& ex) {
    if (trace) {
      std::cerr << "> " << req.method << " " << req.target << " [" << req.header("content-type") << "] ["
                << req.header("accept") << "]\n";
      if (req.header("content-type") == "application/vnd.kubernetes.protobuf") {
        try {
          std::cerr << "  (protobuf) " << http::protobuf::decode_object(req.body).dump() << "\n";
        } catch (const std::exception& e) {
          std::cerr << "  (protobuf) " << e.what() << "\n";
        }
      } else if (!req.body.empty()) {
        std::string b = req.body;
        for (auto& c : b)
          if (static_cast<unsigned char>(c) < 32 && c != '\n') c = '.';
        std::cerr << "  " << b.substr(0, 4000) << "\n";
      }
    }
    handler.handle(req, ex);
  });

  unsigned short port = 0;
  try {
    port = server.listen(opts.address == "localhost" ? "127.0.0.1" : opts.address, opts.port);
  } catch (const std::exception& e) {
    std::cerr << "kubetab: " << e.what() << "\n";
    return 1;
  }
  const std::string host = opts.address.find(':') != std::string::npos ? "[" + opts.address + "]" : opts.address;
  handler.set_server_address(host + ":" + std::to_string(port));

  Ticker ticker(ioc, pacer);
  ticker.start();

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    handler.close_watches();
    server.stop();
    ticker.stop();
    ioc.stop();
  });

  if (!opts.quiet) {
    std::cout << "kubetab serve: scenario \"" << opts.sandbox.scenario << "\", seed " << opts.sandbox.seed << ", speed "
              << opts.speed << "x\n"
              << "Kubernetes API (" << sandbox.scenario().kubernetes_version << ") on http://" << host << ":" << port
              << "\n"
              << "  kubectl --server=http://" << host << ":" << port << " get nodes\n"
              << "Ctrl-C stops it.\n"
              << std::flush;
  } else {
    std::cout << "http://" << host << ":" << port << "\n" << std::flush;
  }
  ioc.run();
  return 0;
}

}  // namespace kt::cli
