// `kubectl port-forward (POD | TYPE/NAME) [LOCAL_PORT:]REMOTE_PORT...`: connections
// to localhost:LOCAL_PORT on the host kubectl runs on reach the pod's port
// (core/network/dataplane.h) for as long as the command runs: in the foreground
// until Ctrl-C, or as a background job (`&`) until `kill %N`. It prints kubectl's
// "Forwarding from" lines, then "Handling connection for N" for each connection.
// TYPE/NAME picks a pod of the workload; svc/NAME maps the Service's port to its
// targetPort.
#include <cstdlib>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/pod_target.h"
#include "core/network/dataplane.h"
#include "core/sandbox.h"
#include "core/terminal/job.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct PortPair {
  std::int64_t local = 0, remote = 0;
  std::string remote_name;  // a named port, resolved against the pod
  std::string text;         // as given
};

class ForwardJob : public Job {
 public:
  ForwardJob(Sandbox& sb, std::vector<std::pair<int, std::int64_t>> forwards, std::string ns, std::string pod)
      : sb_(sb), forwards_(std::move(forwards)), ns_(std::move(ns)), pod_(std::move(pod)) {
    for (std::size_t i = 0; i < forwards_.size(); ++i) seen_.push_back(0);
  }
  ~ForwardJob() override { stop(); }

  std::string poll() override {
    std::string out;
    for (std::size_t i = 0; i < forwards_.size(); ++i) {
      const std::size_t n = sb_.network().forward_connections(forwards_[i].first);
      for (; seen_[i] < n; ++seen_[i]) out += "Handling connection for " + std::to_string(forwards_[i].second) + "\n";
    }
    if (!done_ && !sb_.api().try_get(sb_.api().resource("", "pods"), ns_, pod_)) {
      out += "error: lost connection to pod\n";
      done_ = true;
      stop();
    }
    return out;
  }
  bool done() const override { return done_; }
  int exit_code() const override { return done_ ? 1 : 0; }
  void stop() override {
    for (const auto& f : forwards_) sb_.network().remove_forward(f.first);
    forwards_.clear();
  }
  sim::Duration batch_limit() const override { return sim::seconds(60); }

 private:
  Sandbox& sb_;
  std::vector<std::pair<int, std::int64_t>> forwards_;  // dataplane id, local port
  std::vector<std::size_t> seen_;
  std::string ns_, pod_;
  bool done_ = false;
};

bool parse_port(const std::string& s, std::int64_t& out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::atoll(s.c_str());
  return out >= 0 && out <= 65535;
}

// A container port of the pod by name or number.
std::int64_t container_port(const Json& pod, const std::string& name) {
  const Json& cs = api::field(pod, {"spec", "containers"});
  if (cs.is_array())
    for (const auto& c : cs)
      if (c.contains("ports") && c["ports"].is_array())
        for (const auto& p : c["ports"])
          if (p.value("name", std::string()) == name) return p.value("containerPort", std::int64_t{0});
  return 0;
}

CommandResult run_port_forward(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.size() < 2)
    return fail("error: TYPE/NAME and list of ports are required for port-forward\n"
                "See 'kubectl port-forward -h' for help and examples\n");
  for (const auto& addr : a.list("address"))
    if (addr != "localhost" && addr != "127.0.0.1")
      return fail("error: kubectl port-forward --address " + addr + " is not available in this sandbox yet\n");
  auto& api = inv.sb.api();
  const std::string target = a.positional[0];
  std::vector<PortPair> ports;
  for (std::size_t i = 1; i < a.positional.size(); ++i) {
    PortPair p;
    p.text = a.positional[i];
    const auto colon = p.text.find(':');
    const std::string local = colon == std::string::npos ? p.text : p.text.substr(0, colon);
    const std::string remote = colon == std::string::npos ? p.text : p.text.substr(colon + 1);
    if (!parse_port(remote, p.remote)) p.remote_name = remote;
    if (colon != std::string::npos && !local.empty() && !parse_port(local, p.local))
      return fail("error: Error parsing local port '" + local + "': strconv.ParseUint: parsing \"" + local +
                  "\": invalid syntax\n");
    if (local.empty() || (colon == std::string::npos && !p.remote_name.empty())) p.local = 0;
    else if (colon == std::string::npos) p.local = p.remote;
    ports.push_back(p);
  }
  // svc/NAME: the Service's port maps to its targetPort on the chosen pod.
  api::ObjectPtr svc;
  if (auto slash = target.find('/'); slash != std::string::npos) {
    const api::ResourceInfo* res = api.registry().resolve(target.substr(0, slash));
    if (res && res->plural == "services") svc = api.try_get(*res, inv.ns(), target.substr(slash + 1));
  }
  PodTarget t = find_pod_target(inv, target, "");
  if (!t.error.empty()) return fail(t.error);
  const std::string phase = api::str_field(*t.pod, {"status", "phase"});
  if (phase != "Running")
    return fail("error: unable to forward port because pod is not running. Current status=" + phase + "\n");
  for (auto& p : ports) {
    if (svc && p.remote_name.empty()) {
      const Json& sports = api::field(*svc, {"spec", "ports"});
      if (sports.is_array())
        for (const auto& sp : sports)
          if (sp.value("port", std::int64_t{0}) == p.remote) {
            const Json& tp = api::field(sp, {"targetPort"});
            if (tp.is_number_integer()) p.remote = tp.get<std::int64_t>();
            else if (tp.is_string()) p.remote_name = tp.get<std::string>();
          }
    }
    if (!p.remote_name.empty()) {
      p.remote = container_port(*t.pod, p.remote_name);
      if (p.remote == 0)
        return fail("error: Pod '" + api::meta::name(*t.pod) + "' does not have a named port '" + p.remote_name + "'\n");
      if (p.local == 0) p.local = p.remote;
    }
  }
  std::vector<std::pair<int, std::int64_t>> forwards;
  std::string out;
  auto& net = inv.sb.network();
  for (const auto& p : ports) {
    const int id = net.add_forward(inv.ctx.host, p.local, api::meta::namespace_of(*t.pod), api::meta::name(*t.pod), p.remote);
    if (id == 0) {
      for (const auto& f : forwards) net.remove_forward(f.first);
      const std::string lp = std::to_string(p.local);
      return fail(out + "Unable to listen on port " + lp + ": Listeners failed to create with the following errors: "
                  "[unable to create listener: Error listen tcp4 127.0.0.1:" + lp + ": bind: address already in use "
                  "unable to create listener: Error listen tcp6 [::1]:" + lp + ": bind: address already in use]\n"
                  "error: unable to listen on any of the requested ports: [{" + lp + " " + std::to_string(p.remote) + "}]\n");
    }
    forwards.emplace_back(id, p.local);
    out += "Forwarding from 127.0.0.1:" + std::to_string(p.local) + " -> " + std::to_string(p.remote) + "\n";
    out += "Forwarding from [::1]:" + std::to_string(p.local) + " -> " + std::to_string(p.remote) + "\n";
  }
  CommandResult r;
  r.output = out;
  r.job = std::make_shared<ForwardJob>(inv.sb, std::move(forwards), api::meta::namespace_of(*t.pod), api::meta::name(*t.pod));
  return r;
}

}  // namespace

Command port_forward_command() {
  return {"port-forward",
          {{"address", 0, K::StringList, "[localhost]"}, {"pod-running-timeout", 0, K::String, "1m0s"}},
          run_port_forward,
          {}};
}

}  // namespace kt::kubectl
