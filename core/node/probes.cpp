#include "core/node/probes.h"

#include <algorithm>

#include "core/network/http_server.h"
#include "core/node/rootfs.h"

namespace kt::node {
namespace {

std::string base(const std::string& p) {
  const auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char ch : s + " ") {
    if (ch == ' ' || ch == '\t' || ch == ';' || ch == '\n') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else if (ch != '\'' && ch != '"') {
      w += ch;
    }
  }
  return out;
}

std::int64_t port_of(const Json& port, const Json& container) {
  if (port.is_number_integer()) return port.get<std::int64_t>();
  if (port.is_string()) {
    const Json& ports = api::field(container, {"ports"});
    if (ports.is_array())
      for (const auto& p : ports)
        if (p.value("name", std::string()) == port.get<std::string>()) return p.value("containerPort", std::int64_t{0});
  }
  return 0;
}

bool listens(const ContainerState& c, std::int64_t port) {
  if (c.phase != ContainerState::Phase::Running || !c.plan.runs_forever || !c.image) return false;
  const auto& ports = c.image->ports;
  if (std::count(ports.begin(), ports.end(), port)) return true;
  // A container that declares the port runs something there (its own server).
  const Json& declared = api::field(c.spec, {"ports"});
  if (declared.is_array())
    for (const auto& p : declared)
      if (p.value("containerPort", std::int64_t{0}) == port && c.image->kind == ImageKind::Server) return true;
  return false;
}

ProbeResult exec_probe(const std::vector<std::string>& argv_in, const ContainerState& c) {
  std::vector<std::string> argv = argv_in;
  if (argv.empty()) return {false, "exec probe: no command"};
  if (argv.size() >= 3 && (base(argv[0]) == "sh" || base(argv[0]) == "bash") && argv[1] == "-c") argv = words(argv[2]);
  if (argv.empty()) return {true, ""};
  const Userland u = c.image ? userland_of(*c.image) : Userland{};
  const std::string cmd = base(argv[0]);
  const bool busybox = u.shell == Userland::Shell::Busybox;
  if (cmd == "true") return {true, ""};
  if (cmd == "false") return {false, ""};
  if (cmd == "exit") return {argv.size() < 2 || argv[1] == "0", ""};
  // A server image's own tools (calico-node -felix-live, redis-cli, …) are there.
  if (!u.programs.count(cmd) && c.image && c.image->kind == ImageKind::Server) return {true, ""};
  if (!u.programs.count(cmd))
    return {false, "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + argv[0] +
                       "\": executable file not found in $PATH: unknown"};
  if (cmd == "cat" || cmd == "ls" || cmd == "test" || cmd == "[") {
    std::string path;
    for (std::size_t i = 1; i < argv.size(); ++i)
      if (argv[i][0] == '/' || (argv[i][0] != '-' && argv[i] != "]")) path = argv[i];
    if (path.empty()) return {true, ""};
    if (c.fs && c.fs->exists(path)) return {true, ""};
    if (cmd == "cat")
      return {false, busybox ? "cat: can't open '" + path + "': No such file or directory"
                             : "cat: " + path + ": No such file or directory"};
    if (cmd == "ls")
      return {false, busybox ? "ls: " + path + ": No such file or directory"
                             : "ls: cannot access '" + path + "': No such file or directory"};
    return {false, ""};
  }
  return {true, ""};
}

}  // namespace

ProbeTiming probe_timing(const Json& probe) {
  ProbeTiming t;
  t.initial_delay = sim::seconds(probe.value("initialDelaySeconds", std::int64_t{0}));
  t.period = sim::seconds(std::max<std::int64_t>(1, probe.value("periodSeconds", std::int64_t{10})));
  t.success_threshold = static_cast<int>(std::max<std::int64_t>(1, probe.value("successThreshold", std::int64_t{1})));
  t.failure_threshold = static_cast<int>(std::max<std::int64_t>(1, probe.value("failureThreshold", std::int64_t{3})));
  return t;
}

ProbeResult run_probe(const Json& probe, const ContainerState& c, const std::string& pod_ip,
                      const std::string& hostname, sim::Time now) {
  if (probe.contains("exec")) {
    std::vector<std::string> argv;
    const Json& cmd = api::field(probe, {"exec", "command"});
    if (cmd.is_array())
      for (const auto& w : cmd) argv.push_back(w.is_string() ? w.get<std::string>() : "");
    return exec_probe(argv, c);
  }
  if (probe.contains("httpGet")) {
    const Json& h = probe["httpGet"];
    const std::int64_t port = port_of(api::field(h, {"port"}), c.spec);
    const std::string path = h.value("path", "/");
    const std::string scheme = h.value("scheme", "HTTP") == "HTTPS" ? "https" : "http";
    const std::string url = scheme + "://" + pod_ip + ":" + std::to_string(port) + path;
    if (!listens(c, port))
      return {false, "Get \"" + url + "\": dial tcp " + pod_ip + ":" + std::to_string(port) + ": connect: connection refused"};
    network::HttpRequest req;
    req.path = path;
    req.host = pod_ip + ":" + std::to_string(port);
    std::shared_ptr<term::MemoryFs> files = c.fs;
    network::FileReader read = [files](const std::string& p) -> std::optional<std::string> {
      if (!files) return std::nullopt;
      return files->read(p).data;
    };
    const network::HttpResponse r = network::serve_http(*c.image, static_cast<int>(port), hostname, req, now, read,
                                                            network::ServerEnv{pod_ip, c.env});
    if (r.empty_reply) return {false, "Get \"" + url + "\": EOF"};
    if (r.status >= 200 && r.status < 400) return {true, ""};
    return {false, "HTTP probe failed with statuscode: " + std::to_string(r.status)};
  }
  if (probe.contains("tcpSocket")) {
    const std::int64_t port = port_of(api::field(probe, {"tcpSocket", "port"}), c.spec);
    if (listens(c, port)) return {true, ""};
    return {false, "dial tcp " + pod_ip + ":" + std::to_string(port) + ": connect: connection refused"};
  }
  return {true, ""};  // grpc: the sandbox's servers are healthy
}

}  // namespace kt::node
