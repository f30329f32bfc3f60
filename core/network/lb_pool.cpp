#include "core/network/lb_pool.h"

#include <algorithm>
#include <cstdio>

#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::network {
namespace {

bool parse_ip(const std::string& s, std::uint32_t& out) {
  unsigned a, b, c, d;
  char tail;
  if (std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 || c > 255 || d > 255)
    return false;
  out = (a << 24) | (b << 16) | (c << 8) | d;
  return true;
}

std::string format_ip(std::uint32_t ip) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
  return buf;
}

}  // namespace

std::vector<std::string> expand_pool(const std::string& spec) {
  std::vector<std::string> out;
  std::uint32_t first = 0, last = 0;
  if (auto dash = spec.find('-'); dash != std::string::npos) {
    if (!parse_ip(spec.substr(0, dash), first) || !parse_ip(spec.substr(dash + 1), last)) return out;
  } else if (auto slash = spec.find('/'); slash != std::string::npos) {
    const int bits = std::atoi(spec.c_str() + slash + 1);
    if (!parse_ip(spec.substr(0, slash), first) || bits < 16 || bits > 32) return out;
    const std::uint32_t size = 1u << (32 - bits);
    first &= ~(size - 1);
    last = first + size - 1;
  } else {
    return out;
  }
  for (std::uint32_t ip = first; ip <= last && out.size() < 4096; ++ip) out.push_back(format_ip(ip));
  return out;
}

LoadBalancerPool::LoadBalancerPool(api::ApiServer& api, std::vector<std::string> addresses)
    : api_(api), addresses_(std::move(addresses)) {}

LoadBalancerPool::~LoadBalancerPool() { stop(); }

void LoadBalancerPool::start() {
  recorder_ = std::make_unique<client::EventRecorder>(api_, "metallb-controller");
  services_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "services"));
  services_->add_handler({[this](const api::ObjectPtr& s) { sync(s); },
                          [this](const api::ObjectPtr&, const api::ObjectPtr& s) { sync(s); },
                          [this](const api::ObjectPtr& s) { release(api::meta::key(*s)); }});
  services_->start();
}

void LoadBalancerPool::stop() {
  if (services_) services_->stop();
}

// An address returns to the pool: Services still waiting for one get a new try, in
// the informer's order, as the provider's controller re-syncs them.
void LoadBalancerPool::release(const std::string& key) {
  if (assigned_.erase(key) == 0 || !services_) return;
  for (const auto& svc : services_->list()) {
    if (api::str_field(*svc, {"spec", "type"}) != "LoadBalancer") continue;
    const Json& ingress = api::field(*svc, {"status", "loadBalancer", "ingress"});
    if (ingress.is_array() && !ingress.empty()) continue;
    if (api::meta::key(*svc) == key) continue;
    sync(svc);
    if (assigned_.size() >= addresses_.size()) break;
  }
}

void LoadBalancerPool::sync(const api::ObjectPtr& svc) {
  const std::string key = api::meta::key(*svc);
  const auto& services = api_.resource("", "services");
  if (api::str_field(*svc, {"spec", "type"}) != "LoadBalancer") {
    release(key);
    return;
  }
  const Json& ingress = api::field(*svc, {"status", "loadBalancer", "ingress"});
  if (ingress.is_array() && !ingress.empty()) {
    assigned_[key] = ingress[0].value("ip", "");  // already has one (e.g. after a restart)
    return;
  }
  if (addresses_.empty()) return;  // no provider: <pending> for ever
  const std::string wanted = api::str_field(*svc, {"spec", "loadBalancerIP"});
  auto taken = [&](const std::string& ip) {
    for (const auto& [k, a] : assigned_)
      if (a == ip && k != key) return true;
    return false;
  };
  std::string ip;
  if (!wanted.empty()) {
    if (std::find(addresses_.begin(), addresses_.end(), wanted) != addresses_.end() && !taken(wanted)) ip = wanted;
  } else {
    for (const auto& a : addresses_)
      if (!taken(a)) {
        ip = a;
        break;
      }
  }
  if (ip.empty()) {
    recorder_->event(*svc, client::EventType::Warning, "AllocationFailed",
                     "Failed to allocate IP for \"" + key + "\": no available IPs");
    return;
  }
  Json updated = *svc;
  updated["status"]["loadBalancer"]["ingress"] = Json::array({Json{{"ip", ip}, {"ipMode", "VIP"}}});
  api::WriteOptions opts;
  opts.subresource = "status";
  const std::string ns = api::meta::namespace_of(*svc);
  try {
    api_.update(services, ns, std::move(updated), opts);
  } catch (const api::ApiError&) {
    return;  // the next update of the Service brings it back here
  }
  assigned_[key] = ip;
  recorder_->event(*svc, client::EventType::Normal, "IPAllocated", "Assigned IP [\"" + ip + "\"]");
}

}  // namespace kt::network
