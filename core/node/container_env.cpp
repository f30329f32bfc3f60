#include "core/node/container_env.h"

#include <algorithm>
#include <cctype>

#include "core/util/base64.h"

namespace kt::node {
namespace {

std::string env_name(const std::string& service) {
  std::string s = service;
  for (char& c : s) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void service_links(std::map<std::string, std::string>& env, const Json& svc) {
  const std::string ip = api::str_field(svc, {"spec", "clusterIP"});
  if (ip.empty() || ip == "None") return;
  const Json& ports = api::field(svc, {"spec", "ports"});
  if (!ports.is_array() || ports.empty()) return;
  const std::string n = env_name(api::meta::name(svc));
  env[n + "_SERVICE_HOST"] = ip;
  env[n + "_SERVICE_PORT"] = std::to_string(ports[0].value("port", 0));
  for (const auto& p : ports) {
    const std::string port = std::to_string(p.value("port", 0));
    std::string proto = p.value("protocol", "TCP");
    if (p.contains("name") && !p["name"].get<std::string>().empty())
      env[n + "_SERVICE_PORT_" + env_name(p["name"].get<std::string>())] = port;
    std::string lower = proto;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string prefix = n + "_PORT_" + port + "_" + proto;
    env[prefix] = lower + "://" + ip + ":" + port;
    env[prefix + "_PROTO"] = lower;
    env[prefix + "_PORT"] = port;
    env[prefix + "_ADDR"] = ip;
  }
  env[n + "_PORT"] = std::string("tcp://") + ip + ":" + std::to_string(ports[0].value("port", 0));
}

std::string field_value(const Json& pod, const std::string& path, const std::string& pod_ip) {
  if (path == "metadata.name") return api::meta::name(pod);
  if (path == "metadata.namespace") return api::meta::namespace_of(pod);
  if (path == "metadata.uid") return api::meta::uid(pod);
  if (path == "spec.nodeName") return api::str_field(pod, {"spec", "nodeName"});
  if (path == "spec.serviceAccountName") return api::str_field(pod, {"spec", "serviceAccountName"});
  if (path == "status.podIP") return pod_ip;
  if (path == "status.hostIP") return api::str_field(pod, {"status", "hostIP"});
  const std::string labels = "metadata.labels['", annotations = "metadata.annotations['";
  for (const auto& [prefix, which] : {std::pair{labels, "labels"}, std::pair{annotations, "annotations"}}) {
    if (path.rfind(prefix, 0) != 0 || path.size() < prefix.size() + 2) continue;
    const std::string key = path.substr(prefix.size(), path.size() - prefix.size() - 2);
    return api::str_field(pod, {"metadata", which, key});
  }
  return "";
}

}  // namespace

std::map<std::string, std::string> container_environment(const api::ApiServer& api, const Json& pod,
                                                         const Json& container, const ImageInfo& image,
                                                         const std::string& pod_ip) {
  std::map<std::string, std::string> env;
  const std::string name = image.ref.short_name();
  env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  if (name == "nginx") {
    env["NGINX_VERSION"] = image.version;
    env["PKG_RELEASE"] = "1";
  }
  env["HOSTNAME"] = api::str_field(pod, {"spec", "hostname"}, api::meta::name(pod));
  env["HOME"] = "/root";
  const std::string ns = api::meta::namespace_of(pod);
  if (api::field(pod, {"spec", "enableServiceLinks"}) != false)
    for (const auto& svc : api.list(api.resource("", "services"), ns).items) service_links(env, *svc);
  if (auto k = api.try_get(api.resource("", "services"), "default", "kubernetes")) service_links(env, *k);
  const Json& from = api::field(container, {"envFrom"});
  if (from.is_array())
    for (const auto& f : from) {
      const std::string prefix = f.value("prefix", "");
      const bool secret = f.contains("secretRef");
      const std::string ref = api::str_field(f, {secret ? "secretRef" : "configMapRef", "name"});
      auto obj = api.try_get(api.resource("", secret ? "secrets" : "configmaps"), ns, ref);
      if (!obj) continue;
      const Json& data = api::field(*obj, {"data"});
      if (!data.is_object()) continue;
      for (auto it = data.begin(); it != data.end(); ++it) {
        std::string v = it.value().is_string() ? it.value().get<std::string>() : "";
        if (secret) v = util::base64_decode(v).value_or(v);
        env[prefix + it.key()] = v;
      }
    }
  const Json& vars = api::field(container, {"env"});
  if (vars.is_array())
    for (const auto& v : vars) {
      const std::string key = v.value("name", "");
      if (key.empty()) continue;
      if (v.contains("value")) {
        env[key] = v["value"].is_string() ? v["value"].get<std::string>() : "";
        continue;
      }
      const Json& src = api::field(v, {"valueFrom"});
      if (src.contains("fieldRef")) {
        env[key] = field_value(pod, api::str_field(src, {"fieldRef", "fieldPath"}), pod_ip);
      } else if (src.contains("configMapKeyRef") || src.contains("secretKeyRef")) {
        const bool secret = src.contains("secretKeyRef");
        const Json& ref = src[secret ? "secretKeyRef" : "configMapKeyRef"];
        auto obj = api.try_get(api.resource("", secret ? "secrets" : "configmaps"), ns, ref.value("name", ""));
        std::string value = obj ? api::str_field(*obj, {"data", ref.value("key", "")}) : "";
        if (secret) value = util::base64_decode(value).value_or(value);
        env[key] = value;
      }
    }
  return env;
}

}  // namespace kt::node
