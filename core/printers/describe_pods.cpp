// Pods: describePod, describeContainers and DescribePodTemplate (shared by every
// workload describer). Volumes are in describe_volumes.cpp.
#include <algorithm>

#include "core/api/kinds/podspec.h"
#include "core/api/labels.h"
#include "core/printers/describe_util.h"
#include "core/util/quantity.h"

namespace kt::printers::describe_detail {
namespace {

std::string ports_of(const Json& ports, const char* field) {
  std::vector<std::string> out;
  if (ports.is_array())
    for (const auto& p : ports) out.push_back(i64(p, {field}) + "/" + s(p, {"protocol"}));
  return join_strings(out, ", ");
}

std::string describe_probe(const Json& p) {
  std::string attrs = "delay=" + i64(p, {"initialDelaySeconds"}) + "s timeout=" + i64(p, {"timeoutSeconds"}) +
                      "s period=" + i64(p, {"periodSeconds"}) + "s #success=" + i64(p, {"successThreshold"}) +
                      " #failure=" + i64(p, {"failureThreshold"});
  if (has(p, {"exec"})) return "exec " + go_list(api::field(p, {"exec", "command"})) + " " + attrs;
  if (has(p, {"httpGet"})) {
    const Json& h = api::field(p, {"httpGet"});
    std::string scheme = s(h, {"scheme"});
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), ::tolower);
    std::string host = s(h, {"host"}), port = intstr(api::field(h, {"port"}));
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    std::string url = scheme.empty() ? "" : scheme + ":";
    url += "//" + host + (port.empty() ? "" : ":" + port);
    std::string path = s(h, {"path"});
    if (!path.empty() && path[0] != '/') path = "/" + path;
    return "http-get " + url + path + " " + attrs;
  }
  if (has(p, {"tcpSocket"}))
    return "tcp-socket " + s(p, {"tcpSocket", "host"}) + ":" + intstr(api::field(p, {"tcpSocket", "port"})) + " " +
           attrs;
  if (has(p, {"grpc"}))
    return "grpc <pod>:" + i64(p, {"grpc", "port"}) + " " + s(p, {"grpc", "service"}) + " " + attrs;
  return "unknown " + attrs;
}

void describe_state(PrefixWriter& w, const std::string& name, const Json& state) {
  if (state.contains("running")) {
    w.write(L2, name + ":\tRunning\n");
    w.write(L3, "Started:\t" + rfc1123z(s(state, {"running", "startedAt"})) + "\n");
  } else if (state.contains("waiting")) {
    w.write(L2, name + ":\tWaiting\n");
    if (!s(state, {"waiting", "reason"}).empty()) w.write(L3, "Reason:\t" + s(state, {"waiting", "reason"}) + "\n");
  } else if (state.contains("terminated")) {
    const Json& t = state["terminated"];
    w.write(L2, name + ":\tTerminated\n");
    if (!s(t, {"reason"}).empty()) w.write(L3, "Reason:\t" + s(t, {"reason"}) + "\n");
    if (!s(t, {"message"}).empty()) w.write(L3, "Message:\t" + s(t, {"message"}) + "\n");
    w.write(L3, "Exit Code:\t" + i64(t, {"exitCode"}) + "\n");
    if (api::int_field(t, {"signal"}, 0) > 0) w.write(L3, "Signal:\t" + i64(t, {"signal"}) + "\n");
    w.write(L3, "Started:\t" + rfc1123z(s(t, {"startedAt"})) + "\n");
    w.write(L3, "Finished:\t" + rfc1123z(s(t, {"finishedAt"})) + "\n");
  } else {
    w.write(L2, name + ":\tWaiting\n");
  }
}

// fieldpath.ExtractFieldPathAsString for the paths a downward-API env var may name.
std::string field_ref_value(const Json& pod, const std::string& path) {
  if (path == "metadata.name") return api::meta::name(pod);
  if (path == "metadata.namespace") return api::meta::namespace_of(pod);
  if (path == "metadata.uid") return api::meta::uid(pod);
  if (path == "spec.nodeName") return s(pod, {"spec", "nodeName"});
  if (path == "spec.serviceAccountName") return s(pod, {"spec", "serviceAccountName"});
  if (path == "status.hostIP") return s(pod, {"status", "hostIP"});
  if (path == "status.podIP") return s(pod, {"status", "podIP"});
  for (const char* m : {"labels", "annotations"}) {
    std::string prefix = std::string("metadata.") + m + "['";
    if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size() + 2) {
      std::string key = path.substr(prefix.size(), path.size() - prefix.size() - 2);
      const Json& map = api::field(pod, {"metadata", m});
      return map.is_object() && map.contains(key) ? map[key].get<std::string>() : "";
    }
  }
  return "";
}

// resourcehelper.ExtractContainerResourceValue with the default divisor.
std::string resource_field_value(const Json& c, const std::string& resource) {
  auto dot = resource.find('.');
  if (dot == std::string::npos) return "";
  const Json& q = api::field(c, {"resources", resource.substr(0, dot), resource.substr(dot + 1)});
  util::Quantity v = util::Quantity::from_json(q);
  if (resource.substr(dot + 1) == "cpu") return std::to_string((v.milli_value() + 999) / 1000);
  return std::to_string(v.value());
}

void describe_env(PrefixWriter& w, const Json& c, const Json* pod) {
  const Json& env = api::field(c, {"env"});
  w.write(L2, std::string("Environment:") + (env.is_array() && !env.empty() ? "" : "\t<none>") + "\n");
  if (!env.is_array()) return;
  for (const auto& e : env) {
    const std::string name = s(e, {"name"});
    if (!e.contains("valueFrom")) {
      const std::string value = s(e, {"value"});
      std::size_t start = 0;
      bool first = true;
      while (true) {
        auto nl = value.find('\n', start);
        std::string part = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        w.write(L3, (first ? name + ":\t" : std::string("\t")) + part + "\n");
        first = false;
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      continue;
    }
    const Json& vf = e["valueFrom"];
    if (vf.contains("fieldRef")) {
      std::string value = pod ? field_ref_value(*pod, s(vf, {"fieldRef", "fieldPath"})) : "";
      w.write(L3, name + ":\t" + value + " (" + s(vf, {"fieldRef", "apiVersion"}) + ":" +
                      s(vf, {"fieldRef", "fieldPath"}) + ")\n");
    } else if (vf.contains("resourceFieldRef")) {
      std::string resource = s(vf, {"resourceFieldRef", "resource"});
      std::string value = resource_field_value(c, resource);
      if (value == "0" && (resource == "limits.cpu" || resource == "limits.memory")) value = "node allocatable";
      w.write(L3, name + ":\t" + value + " (" + resource + ")\n");
    } else if (vf.contains("secretKeyRef")) {
      bool optional = api::field(vf, {"secretKeyRef", "optional"}) == Json(true);
      w.write(L3, name + ":\t<set to the key '" + s(vf, {"secretKeyRef", "key"}) + "' in secret '" +
                      s(vf, {"secretKeyRef", "name"}) + "'>\tOptional: " + (optional ? "true" : "false") + "\n");
    } else if (vf.contains("configMapKeyRef")) {
      bool optional = api::field(vf, {"configMapKeyRef", "optional"}) == Json(true);
      w.write(L3, name + ":\t<set to the key '" + s(vf, {"configMapKeyRef", "key"}) + "' of config map '" +
                      s(vf, {"configMapKeyRef", "name"}) + "'>\tOptional: " + (optional ? "true" : "false") + "\n");
    }
  }
}

void describe_env_from(PrefixWriter& w, const Json& c) {
  const Json& from = api::field(c, {"envFrom"});
  if (!from.is_array() || from.empty()) return;
  w.write(L2, "Environment Variables from:\n");
  for (const auto& e : from) {
    std::string kind, name;
    bool optional = false;
    if (e.contains("configMapRef")) {
      kind = "ConfigMap";
      name = s(e, {"configMapRef", "name"});
      optional = api::field(e, {"configMapRef", "optional"}) == Json(true);
    } else if (e.contains("secretRef")) {
      kind = "Secret";
      name = s(e, {"secretRef", "name"});
      optional = api::field(e, {"secretRef", "optional"}) == Json(true);
    }
    const std::string prefix = s(e, {"prefix"});
    std::string what = prefix.empty() ? kind : kind + " with prefix '" + prefix + "'";
    w.write(L3, name + "\t" + what + "\tOptional: " + (optional ? "true" : "false") + "\n");
  }
}

void describe_mounts(PrefixWriter& w, const Json& c) {
  const Json& mounts = api::field(c, {"volumeMounts"});
  const bool none = !mounts.is_array() || mounts.empty();
  w.write(L2, std::string("Mounts:") + (none ? "\t<none>" : "") + "\n");
  if (!none) {
    std::vector<Json> list(mounts.begin(), mounts.end());
    std::stable_sort(list.begin(), list.end(),
                     [](const Json& a, const Json& b) { return s(a, {"mountPath"}) < s(b, {"mountPath"}); });
    for (const auto& m : list) {
      std::string flags = api::field(m, {"readOnly"}) == Json(true) ? "ro" : "rw";
      if (!s(m, {"subPath"}).empty()) flags += ",path=\"" + s(m, {"subPath"}) + "\"";
      w.write(L3, s(m, {"mountPath"}) + " from " + s(m, {"name"}) + " (" + flags + ")\n");
    }
  }
  const Json& devices = api::field(c, {"volumeDevices"});
  if (devices.is_array() && !devices.empty()) {
    w.write(L2, std::string("Devices:") + (none ? "\t<none>" : "") + "\n");
    std::vector<Json> list(devices.begin(), devices.end());
    std::stable_sort(list.begin(), list.end(),
                     [](const Json& a, const Json& b) { return s(a, {"devicePath"}) < s(b, {"devicePath"}); });
    for (const auto& d : list) w.write(L3, s(d, {"devicePath"}) + " from " + s(d, {"name"}) + "\n");
  }
}

void describe_topology_spread(PrefixWriter& w, const Json& tscs, const std::string& space) {
  if (!tscs.is_array() || tscs.empty()) return;
  std::vector<Json> list(tscs.begin(), tscs.end());
  std::stable_sort(list.begin(), list.end(),
                   [](const Json& a, const Json& b) { return s(a, {"topologyKey"}) < s(b, {"topologyKey"}); });
  w.write(L0, space + "Topology Spread Constraints:\t");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& t = list[i];
    if (i) w.write(L0, space + "\t");
    std::string text = s(t, {"topologyKey"}) + ":" + s(t, {"whenUnsatisfiable"}) + " when max skew " +
                       i64(t, {"maxSkew"}) + " is exceeded";
    if (has(t, {"labelSelector"})) text += " for selector " + api::format_label_selector(t["labelSelector"]);
    w.write(L0, text + "\n");
  }
}

}  // namespace

void describe_resources(PrefixWriter& w, const Json& resources, int level) {
  for (const char* kind : {"limits", "requests"}) {
    const Json& list = api::field(resources, {kind});
    if (!list.is_object() || list.empty()) continue;
    w.write(level, std::string(kind[0] == 'l' ? "Limits" : "Requests") + ":\n");
    std::vector<std::string> names;
    for (auto it = list.begin(); it != list.end(); ++it) names.push_back(it.key());
    std::sort(names.begin(), names.end());
    for (const auto& n : names) w.write(level + 1, n + ":\t" + qty(list[n]) + "\n");
  }
}

void describe_containers(PrefixWriter& w, const std::string& label, const Json& containers, const Json& statuses,
                         const Json* pod, const std::string& space) {
  const bool none = !containers.is_array() || containers.empty();
  w.write(L0, space + label + ":" + (none ? " <none>" : "") + "\n");
  if (none) return;
  const std::string name_indent = space.empty() ? "" : " ";
  for (const auto& c : containers) {
    const Json* status = nullptr;
    if (statuses.is_array())
      for (const auto& st : statuses)
        if (s(st, {"name"}) == s(c, {"name"})) status = &st;
    w.write(L1, name_indent + s(c, {"name"}) + ":\n");
    if (status) w.write(L2, "Container ID:\t" + s(*status, {"containerID"}) + "\n");
    w.write(L2, "Image:\t" + s(c, {"image"}) + "\n");
    if (status) w.write(L2, "Image ID:\t" + s(*status, {"imageID"}) + "\n");
    const std::string ports = ports_of(api::field(c, {"ports"}), "containerPort");
    if (ports.find(',') != std::string::npos) w.write(L2, "Ports:\t" + ports + "\n");
    else w.write(L2, "Port:\t" + or_none(ports) + "\n");
    const std::string host_ports = ports_of(api::field(c, {"ports"}), "hostPort");
    if (host_ports.find(',') != std::string::npos) w.write(L2, "Host Ports:\t" + host_ports + "\n");
    else w.write(L2, "Host Port:\t" + or_none(host_ports) + "\n");
    const Json& seccomp = api::field(c, {"securityContext", "seccompProfile"});
    if (seccomp.is_object()) {
      w.write(L2, "SeccompProfile:\t" + s(seccomp, {"type"}) + "\n");
      if (s(seccomp, {"type"}) == "Localhost") w.write(L3, "LocalhostProfile:\t" + s(seccomp, {"localhostProfile"}) + "\n");
    }
    for (const char* part : {"command", "args"}) {
      const Json& list = api::field(c, {part});
      if (!list.is_array() || list.empty()) continue;
      w.write(L2, std::string(part[0] == 'c' ? "Command" : "Args") + ":\n");
      for (const auto& item : list) {
        const std::string text = item.get<std::string>();
        std::size_t start = 0;
        while (true) {
          auto nl = text.find('\n', start);
          w.write(L3, text.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n");
          if (nl == std::string::npos) break;
          start = nl + 1;
        }
      }
    }
    if (status) {
      describe_state(w, "State", api::field(*status, {"state"}));
      if (api::field(*status, {"lastState", "terminated"}).is_object())
        describe_state(w, "Last State", api::field(*status, {"lastState"}));
      w.write(L2, "Ready:\t" + go_bool_title(api::field(*status, {"ready"}) == Json(true)) + "\n");
      w.write(L2, "Restart Count:\t" + i64(*status, {"restartCount"}) + "\n");
    }
    describe_resources(w, api::field(c, {"resources"}), L2);
    if (has(c, {"livenessProbe"})) w.write(L2, "Liveness:\t" + describe_probe(c["livenessProbe"]) + "\n");
    if (has(c, {"readinessProbe"})) w.write(L2, "Readiness:\t" + describe_probe(c["readinessProbe"]) + "\n");
    if (has(c, {"startupProbe"})) w.write(L2, "Startup:\t" + describe_probe(c["startupProbe"]) + "\n");
    describe_env_from(w, c);
    describe_env(w, c, pod);
    describe_mounts(w, c);
  }
}

void describe_pod_template(const DescribeContext& ctx, PrefixWriter& w, const Json& tmpl) {
  w.write(L0, "Pod Template:\n");
  if (!tmpl.is_object()) {
    w.write(L1, "<unset>");
    return;
  }
  labels_multiline(w, "  Labels", api::field(tmpl, {"metadata", "labels"}));
  const Json& ann = api::field(tmpl, {"metadata", "annotations"});
  if (ann.is_object() && !ann.empty()) annotations_multiline(w, "  Annotations", ann);
  const Json& spec = api::field(tmpl, {"spec"});
  if (!s(spec, {"serviceAccountName"}).empty()) w.write(L1, "Service Account:\t" + s(spec, {"serviceAccountName"}) + "\n");
  const Json& init = api::field(spec, {"initContainers"});
  if (init.is_array() && !init.empty()) describe_containers(w, "Init Containers", init, Json(), nullptr, "  ");
  describe_containers(w, "Containers", api::field(spec, {"containers"}), Json(), nullptr, "  ");
  describe_volumes(w, api::field(spec, {"volumes"}), "  ");
  describe_topology_spread(w, api::field(spec, {"topologySpreadConstraints"}), "  ");
  if (!s(spec, {"priorityClassName"}).empty())
    w.write(L1, "Priority Class Name:\t" + s(spec, {"priorityClassName"}) + "\n");
  labels_multiline(w, "  Node-Selectors", api::field(spec, {"nodeSelector"}));
  tolerations_multiline(w, "  Tolerations", api::field(spec, {"tolerations"}));
  (void)ctx;
}

std::string describe_pod(const DescribeContext& ctx, const Json& pod) {
  PrefixWriter w;
  const Json& spec = api::field(pod, {"spec"});
  const Json& status = api::field(pod, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(pod) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(pod) + "\n");
  if (has(spec, {"priority"})) w.write(L0, "Priority:\t" + i64(spec, {"priority"}) + "\n");
  if (!s(spec, {"priorityClassName"}).empty())
    w.write(L0, "Priority Class Name:\t" + s(spec, {"priorityClassName"}) + "\n");
  if (!s(spec, {"runtimeClassName"}).empty())
    w.write(L0, "Runtime Class Name:\t" + s(spec, {"runtimeClassName"}) + "\n");
  if (!s(spec, {"serviceAccountName"}).empty())
    w.write(L0, "Service Account:\t" + s(spec, {"serviceAccountName"}) + "\n");
  if (s(spec, {"nodeName"}).empty()) w.write(L0, "Node:\t<none>\n");
  else w.write(L0, "Node:\t" + s(spec, {"nodeName"}) + "/" + s(status, {"hostIP"}) + "\n");
  if (has(status, {"startTime"})) w.write(L0, "Start Time:\t" + rfc1123z(s(status, {"startTime"})) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(pod));
  annotations_multiline(w, "Annotations", api::meta::annotations(pod));
  const std::string phase = s(status, {"phase"});
  if (api::meta::being_deleted(pod) && phase != "Failed" && phase != "Succeeded") {
    w.write(L0, "Status:\tTerminating (lasts " + since(ctx, s(pod, {"metadata", "deletionTimestamp"})) + ")\n");
    w.write(L0, "Termination Grace Period:\t" + i64(pod, {"metadata", "deletionGracePeriodSeconds"}) + "s\n");
  } else {
    w.write(L0, "Status:\t" + phase + "\n");
  }
  if (!s(status, {"reason"}).empty()) w.write(L0, "Reason:\t" + s(status, {"reason"}) + "\n");
  if (!s(status, {"message"}).empty()) w.write(L0, "Message:\t" + s(status, {"message"}) + "\n");
  const Json& seccomp = api::field(spec, {"securityContext", "seccompProfile"});
  if (seccomp.is_object()) {
    w.write(L0, "SeccompProfile:\t" + s(seccomp, {"type"}) + "\n");
    if (s(seccomp, {"type"}) == "Localhost") w.write(L0, "LocalhostProfile:\t" + s(seccomp, {"localhostProfile"}) + "\n");
  }
  w.write(L0, "IP:\t" + s(status, {"podIP"}) + "\n");
  const Json& ips = api::field(status, {"podIPs"});
  if (!ips.is_array() || ips.empty()) {
    w.write(L0, "IPs:\t<none>\n");
  } else {
    w.write(L0, "IPs:\n");
    for (const auto& ip : ips) w.write(L1, "IP:\t" + s(ip, {"ip"}) + "\n");
  }
  if (const std::string c = controlled_by(pod); !c.empty()) w.write(L0, "Controlled By:\t" + c + "\n");
  if (!s(status, {"nominatedNodeName"}).empty())
    w.write(L0, "NominatedNodeName:\t" + s(status, {"nominatedNodeName"}) + "\n");
  if (has(spec, {"resources"})) {
    w.write(L0, "Resources:\n");
    describe_resources(w, spec["resources"], L1);
  }
  const Json& init = api::field(spec, {"initContainers"});
  if (init.is_array() && !init.empty())
    describe_containers(w, "Init Containers", init, api::field(status, {"initContainerStatuses"}), &pod, "");
  describe_containers(w, "Containers", api::field(spec, {"containers"}), api::field(status, {"containerStatuses"}), &pod,
                      "");
  const Json& eph = api::field(spec, {"ephemeralContainers"});
  if (eph.is_array() && !eph.empty())
    describe_containers(w, "Ephemeral Containers", eph, api::field(status, {"ephemeralContainerStatuses"}), &pod, "");
  const Json& conditions = api::field(status, {"conditions"});
  const Json& gates = api::field(spec, {"readinessGates"});
  if (gates.is_array() && !gates.empty()) {
    w.write(L0, "Readiness Gates:\n  Type\tStatus\n");
    for (const auto& g : gates) {
      std::string st = "<none>";
      if (conditions.is_array())
        for (const auto& c : conditions)
          if (s(c, {"type"}) == s(g, {"conditionType"})) {
            st = s(c, {"status"});
            break;
          }
      w.write(L1, s(g, {"conditionType"}) + " \t" + st + " \n");
    }
  }
  if (conditions.is_array() && !conditions.empty()) {
    w.write(L0, "Conditions:\n  Type\tStatus\n");
    for (const auto& c : conditions) w.write(L1, s(c, {"type"}) + " \t" + s(c, {"status"}) + " \n");
  }
  describe_volumes(w, api::field(spec, {"volumes"}), "");
  std::string qos = s(status, {"qosClass"});
  if (qos.empty()) qos = api::kinds::pod_qos_class(spec);
  w.write(L0, "QoS Class:\t" + qos + "\n");
  labels_multiline(w, "Node-Selectors", api::field(spec, {"nodeSelector"}));
  tolerations_multiline(w, "Tolerations", api::field(spec, {"tolerations"}));
  describe_topology_spread(w, api::field(spec, {"topologySpreadConstraints"}), "");
  if (ctx.show_events) {
    std::string uid = api::meta::uid(pod);
    const Json& mirror = api::field(pod, {"metadata", "annotations", "kubernetes.io/config.mirror"});
    if (mirror.is_string()) uid = mirror.get<std::string>();
    describe_events(ctx, w, search_events(ctx, api::meta::namespace_of(pod), api::meta::name(pod), "", uid));
  }
  return w.finish();
}

}  // namespace kt::printers::describe_detail
