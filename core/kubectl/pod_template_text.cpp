#include "core/kubectl/pod_template_text.h"

#include <algorithm>
#include <vector>

#include "core/util/quantity.h"

namespace kt::kubectl {
namespace {

constexpr std::size_t kMaxAnnotationLen = 140;

std::string str(const Json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
}

std::string num(const Json& o, const char* key, std::int64_t dflt = 0) {
  return std::to_string(o.is_object() && o.contains(key) && o[key].is_number_integer() ? o[key].get<std::int64_t>()
                                                                                       : dflt);
}

std::string intstr(const Json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return v.is_string() ? v.get<std::string>() : "";
}

std::vector<std::string> sorted_keys(const Json& m) {
  std::vector<std::string> keys;
  if (m.is_object())
    for (auto it = m.begin(); it != m.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    auto nl = s.find('\n', pos);
    out.push_back(s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (nl == std::string::npos) return out;
    pos = nl + 1;
  }
}

// printLabelsMultiline: "title:\tk=v\n" then "\tk=v\n" for each further label.
void labels_block(std::string& out, const std::string& title, const Json& labels) {
  out += title + ":\t";
  const auto keys = sorted_keys(labels);
  if (keys.empty()) {
    out += "<none>\n";
    return;
  }
  for (std::size_t i = 0; i < keys.size(); ++i)
    out += (i ? "\t" : "") + keys[i] + "=" + str(labels, keys[i].c_str()) + "\n";
}

// printAnnotationsMultiline: last-applied-configuration skipped; long or multi-line
// values go below their key, each line cut at 138 characters with "...".
void annotations_block(std::string& out, const std::string& title, const Json& annotations) {
  out += title + ":\t";
  std::vector<std::string> keys;
  for (const auto& k : sorted_keys(annotations))
    if (k != "kubectl.kubernetes.io/last-applied-configuration") keys.push_back(k);
  if (keys.empty()) {
    out += "<none>\n";
    return;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) out += "\t";
    std::string value = str(annotations, keys[i].c_str());
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + keys[i].size() + 2 > kMaxAnnotationLen || value.find('\n') != std::string::npos) {
      out += keys[i] + ":\n";
      for (const auto& line : split_lines(value))
        out += "\t  " + (line.size() > kMaxAnnotationLen - 2 ? line.substr(0, kMaxAnnotationLen - 2) + "..." : line) + "\n";
    } else {
      out += keys[i] + ": " + value + "\n";
    }
  }
}

std::string quantity_text(const Json& v) {
  const std::string s = v.is_string() ? v.get<std::string>() : intstr(v);
  auto q = util::Quantity::try_parse(s);
  return q ? q->to_string() : s;
}

std::string probe_text(const Json& p) {
  const std::string attrs = "delay=" + num(p, "initialDelaySeconds") + "s timeout=" + num(p, "timeoutSeconds", 1) +
                            "s period=" + num(p, "periodSeconds", 10) + "s #success=" + num(p, "successThreshold", 1) +
                            " #failure=" + num(p, "failureThreshold", 3);
  if (p.contains("exec")) {
    std::string cmd = "[";
    const Json& c = p["exec"].value("command", Json::array());
    for (std::size_t i = 0; i < c.size(); ++i) cmd += (i ? " " : "") + (c[i].is_string() ? c[i].get<std::string>() : "");
    return "exec " + cmd + "] " + attrs;
  }
  if (p.contains("httpGet")) {
    const Json& h = p["httpGet"];
    std::string scheme = str(h, "scheme");
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string port = h.contains("port") ? intstr(h["port"]) : "";
    std::string url = scheme.empty() ? "//" : scheme + "://";
    url += port.empty() ? str(h, "host") : str(h, "host") + ":" + port;
    url += str(h, "path");
    return "http-get " + url + " " + attrs;
  }
  if (p.contains("tcpSocket"))
    return "tcp-socket " + str(p["tcpSocket"], "host") + ":" + intstr(p["tcpSocket"].value("port", Json())) + " " + attrs;
  if (p.contains("grpc"))
    return "grpc <pod>:" + num(p["grpc"], "port") + " " + str(p["grpc"], "service") + " " + attrs;
  return "unknown " + attrs;
}

void containers_block(std::string& out, const char* label, const Json& containers) {
  out += std::string("  ") + label + ":" + (containers.is_array() && !containers.empty() ? "" : " <none>") + "\n";
  if (!containers.is_array()) return;
  for (const auto& c : containers) {
    out += "   " + str(c, "name") + ":\n";
    out += "    Image:\t" + str(c, "image") + "\n";
    std::string ports, host_ports;
    for (const auto& p : c.value("ports", Json::array())) {
      const std::string proto = str(p, "protocol").empty() ? "TCP" : str(p, "protocol");
      ports += (ports.empty() ? "" : ", ") + num(p, "containerPort") + "/" + proto;
      host_ports += (host_ports.empty() ? "" : ", ") + num(p, "hostPort") + "/" + proto;
    }
    out += ports.find(',') != std::string::npos ? "    Ports:\t" + ports + "\n"
                                                : "    Port:\t" + (ports.empty() ? "<none>" : ports) + "\n";
    out += host_ports.find(',') != std::string::npos ? "    Host Ports:\t" + host_ports + "\n"
                                                     : "    Host Port:\t" + (host_ports.empty() ? "<none>" : host_ports) + "\n";
    for (const char* field : {"command", "args"}) {
      const Json& list = c.value(field, Json::array());
      if (!list.is_array() || list.empty()) continue;
      out += std::string("    ") + (field[0] == 'c' ? "Command" : "Args") + ":\n";
      for (const auto& item : list)
        for (const auto& line : split_lines(item.is_string() ? item.get<std::string>() : "")) out += "      " + line + "\n";
    }
    const Json& res = c.value("resources", Json::object());
    for (const char* kind : {"limits", "requests"}) {
      const Json& m = res.is_object() ? res.value(kind, Json::object()) : Json::object();
      const auto keys = sorted_keys(m);
      if (keys.empty()) continue;
      out += std::string("    ") + (kind[0] == 'l' ? "Limits" : "Requests") + ":\n";
      for (const auto& k : keys) out += "      " + k + ":\t" + quantity_text(m[k]) + "\n";
    }
    for (const auto& [field, title] : {std::pair{"livenessProbe", "Liveness"}, std::pair{"readinessProbe", "Readiness"},
                                       std::pair{"startupProbe", "Startup"}})
      if (c.contains(field) && c[field].is_object()) out += std::string("    ") + title + ":\t" + probe_text(c[field]) + "\n";
    const Json& env_from = c.value("envFrom", Json::array());
    if (env_from.is_array() && !env_from.empty()) {
      out += "    Environment Variables from:\n";
      for (const auto& e : env_from) {
        const bool cm = e.contains("configMapRef");
        const Json& ref = cm ? e["configMapRef"] : e.value("secretRef", Json::object());
        const std::string optional = ref.value("optional", false) ? "true" : "false";
        const std::string from = cm ? "ConfigMap" : "Secret";
        const std::string prefix = str(e, "prefix");
        out += "      " + str(ref, "name") + "\t" + from + (prefix.empty() ? "" : " with prefix '" + prefix + "'") +
               "\tOptional: " + optional + "\n";
      }
    }
    const Json& env = c.value("env", Json::array());
    out += std::string("    Environment:") + (env.is_array() && !env.empty() ? "" : "\t<none>") + "\n";
    for (const auto& e : env.is_array() ? env : Json::array()) {
      if (!e.contains("valueFrom")) {
        const auto lines = split_lines(str(e, "value"));
        for (std::size_t i = 0; i < lines.size(); ++i) out += "      " + (i ? std::string() : str(e, "name") + ":") + "\t" + lines[i] + "\n";
        continue;
      }
      const Json& vf = e["valueFrom"];
      if (vf.contains("fieldRef")) {
        out += "      " + str(e, "name") + ":\t (" + str(vf["fieldRef"], "apiVersion") + ":" + str(vf["fieldRef"], "fieldPath") + ")\n";
      } else if (vf.contains("resourceFieldRef")) {
        out += "      " + str(e, "name") + ":\t (" + str(vf["resourceFieldRef"], "resource") + ")\n";
      } else if (vf.contains("secretKeyRef")) {
        const Json& r = vf["secretKeyRef"];
        out += "      " + str(e, "name") + ":\t<set to the key '" + str(r, "key") + "' in secret '" + str(r, "name") +
               "'>\tOptional: " + (r.value("optional", false) ? "true" : "false") + "\n";
      } else if (vf.contains("configMapKeyRef")) {
        const Json& r = vf["configMapKeyRef"];
        out += "      " + str(e, "name") + ":\t<set to the key '" + str(r, "key") + "' of config map '" + str(r, "name") +
               "'>\tOptional: " + (r.value("optional", false) ? "true" : "false") + "\n";
      }
    }
    Json mounts = c.value("volumeMounts", Json::array());
    out += std::string("    Mounts:") + (mounts.is_array() && !mounts.empty() ? "" : "\t<none>") + "\n";
    std::vector<Json> sorted(mounts.is_array() ? mounts.begin() : mounts.end(), mounts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Json& a, const Json& b) { return str(a, "mountPath") < str(b, "mountPath"); });
    for (const auto& m : sorted) {
      std::string flags = m.value("readOnly", false) ? "ro" : "rw";
      if (!str(m, "subPath").empty()) flags += ",path=\"" + str(m, "subPath") + "\"";
      out += "      " + str(m, "mountPath") + " from " + str(m, "name") + " (" + flags + ")\n";
    }
  }
}

void volumes_block(std::string& out, const Json& volumes) {
  if (!volumes.is_array() || volumes.empty()) {
    out += "  Volumes:\t<none>\n";
    return;
  }
  out += "  Volumes:\n";
  for (const auto& v : volumes) {
    out += "   " + str(v, "name") + ":\n";
    if (v.contains("hostPath")) {
      const std::string type = str(v["hostPath"], "type");
      out += "    Type:\tHostPath (bare host directory volume)\n    Path:\t" + str(v["hostPath"], "path") +
             "\n    HostPathType:\t" + (type.empty() ? "<none>" : type) + "\n";
    } else if (v.contains("emptyDir")) {
      const Json& e = v["emptyDir"];
      std::string limit = "<unset>";
      if (e.is_object() && e.contains("sizeLimit")) {
        auto q = util::Quantity::try_parse(intstr(e["sizeLimit"]));
        if (q && q->to_string() != "0") limit = q->to_string();
      }
      out += "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" + str(e, "medium") +
             "\n    SizeLimit:\t" + limit + "\n";
    } else if (v.contains("configMap")) {
      out += "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + str(v["configMap"], "name") +
             "\n    Optional:\t" + (v["configMap"].value("optional", false) ? "true" : "false") + "\n";
    } else if (v.contains("secret")) {
      out += "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" + str(v["secret"], "secretName") +
             "\n    Optional:\t" + (v["secret"].value("optional", false) ? "true" : "false") + "\n";
    } else if (v.contains("persistentVolumeClaim")) {
      out += "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
             "    ClaimName:\t" + str(v["persistentVolumeClaim"], "claimName") + "\n    ReadOnly:\t" +
             (v["persistentVolumeClaim"].value("readOnly", false) ? "true" : "false") + "\n";
    }
  }
}

// printPodTolerationsMultiline, sorted by key.
void tolerations_block(std::string& out, const Json& tolerations) {
  out += "  Tolerations:\t";
  if (!tolerations.is_array() || tolerations.empty()) {
    out += "<none>\n";
    return;
  }
  std::vector<Json> sorted(tolerations.begin(), tolerations.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) { return str(a, "key") < str(b, "key"); });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Json& t = sorted[i];
    if (i) out += "\t";
    out += str(t, "key");
    if (!str(t, "value").empty()) out += "=" + str(t, "value");
    if (!str(t, "effect").empty()) out += ":" + str(t, "effect");
    if (str(t, "operator") == "Exists" && str(t, "value").empty())
      out += str(t, "key").empty() && str(t, "effect").empty() ? "op=Exists" : " op=Exists";
    if (t.contains("tolerationSeconds") && t["tolerationSeconds"].is_number_integer())
      out += " for " + std::to_string(t["tolerationSeconds"].get<std::int64_t>()) + "s";
    out += "\n";
  }
}

}  // namespace

std::string describe_pod_template(const Json& tmpl) {
  std::string out = "Pod Template:\n";
  const Json& meta = tmpl.is_object() ? tmpl.value("metadata", Json::object()) : Json::object();
  const Json& spec = tmpl.is_object() ? tmpl.value("spec", Json::object()) : Json::object();
  labels_block(out, "  Labels", meta.value("labels", Json::object()));
  const Json& annotations = meta.value("annotations", Json::object());
  if (annotations.is_object() && !annotations.empty()) annotations_block(out, "  Annotations", annotations);
  if (!str(spec, "serviceAccountName").empty()) out += "  Service Account:\t" + str(spec, "serviceAccountName") + "\n";
  const Json& init = spec.value("initContainers", Json::array());
  if (init.is_array() && !init.empty()) containers_block(out, "Init Containers", init);
  containers_block(out, "Containers", spec.value("containers", Json::array()));
  volumes_block(out, spec.value("volumes", Json::array()));
  if (!str(spec, "priorityClassName").empty()) out += "  Priority Class Name:\t" + str(spec, "priorityClassName") + "\n";
  labels_block(out, "  Node-Selectors", spec.value("nodeSelector", Json::object()));
  tolerations_block(out, spec.value("tolerations", Json::array()));
  return out;
}

}  // namespace kt::kubectl
