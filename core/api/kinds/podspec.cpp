// PodSpec validation (pkg/apis/core/validation ValidatePodSpec and friends), the QoS
// class and the spec diff. Defaulting lives in podspec_defaults.cpp.
//
// Map of this file:
//   1. volumes    ValidateVolumes and the volume sources learners use
//   2. containers validateContainerCommon, ports, env, mounts, resources, probes
//   3. the spec   ValidatePodSpec: scheduling fields, tolerations, affinity, DNS
//   4. validation entry points
//   5. QoS class and the spec diff
#include "core/api/kinds/podspec.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "core/api/kinds/common.h"
#include "core/api/kinds/members.h"
#include "core/api/kinds/quantity_ops.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"
#include "core/util/quantity.h"

namespace kt::api::kinds {
namespace {

constexpr std::int64_t kMaxInt32 = 2147483647;

// ---- 1. volumes ----------------------------------------------------------------------

const std::string kFileModeError = "must be a number between 0 and 0777 (octal), both inclusive";

void validate_file_mode(const Json& mode, const std::string& path, FieldErrors& errs) {
  if (mode.is_number_integer()) {
    auto m = mode.get<std::int64_t>();
    if (m < 0 || m > 0777) errs.push_back(FieldError::invalid(path, m, kFileModeError));
  }
}

// validateLocalDescendingPath: relative and without '..' elements.
void validate_local_descending_path(const std::string& p, const std::string& path, FieldErrors& errs) {
  if (!p.empty() && p.front() == '/') errs.push_back(FieldError::invalid(path, p, "must be a relative path"));
  // validatePathNoBacksteps
  std::size_t start = 0;
  while (start <= p.size()) {
    auto slash = p.find('/', start);
    std::string part = p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      errs.push_back(FieldError::invalid(path, p, "must not contain '..'"));
      break;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
}

void validate_key_to_paths(const Json& items, const std::string& path, FieldErrors& errs) {
  if (!items.is_array()) return;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string ip = index(path, i);
    if (str(items[i], "key").empty()) errs.push_back(FieldError::required(child(ip, "key"), ""));
    if (str(items[i], "path").empty())
      errs.push_back(FieldError::required(child(ip, "path"), ""));
    else
      validate_local_descending_path(str(items[i], "path"), child(ip, "path"), errs);
    validate_file_mode(get(items[i], "mode"), child(ip, "mode"), errs);
  }
}

void validate_volume_source_fields(const std::string& k, const Json& src, const std::string& p, FieldErrors& errs) {
  if (k == "hostPath") {
    if (str(src, "path").empty()) {
      errs.push_back(FieldError::required(child(p, "path"), ""));
      return;
    }
    std::string hp = str(src, "path");
    std::size_t start = 0;
    while (start <= hp.size()) {
      auto slash = hp.find('/', start);
      if (hp.substr(start, slash == std::string::npos ? std::string::npos : slash - start) == "..") {
        errs.push_back(FieldError::invalid(child(p, "path"), hp, "must not contain '..'"));
        break;
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    static const std::vector<std::string> types = {
        "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"};
    const Json& t = get(src, "type");
    if (t.is_string() && std::find(types.begin(), types.end(), t.get<std::string>()) == types.end())
      errs.push_back(FieldError::unsupported(child(p, "type"), t, types));
  } else if (k == "secret") {
    if (str(src, "secretName").empty()) errs.push_back(FieldError::required(child(p, "secretName"), ""));
    validate_file_mode(get(src, "defaultMode"), child(p, "defaultMode"), errs);
    validate_key_to_paths(get(src, "items"), child(p, "items"), errs);
  } else if (k == "configMap") {
    if (str(src, "name").empty()) errs.push_back(FieldError::required(child(p, "name"), ""));
    validate_file_mode(get(src, "defaultMode"), child(p, "defaultMode"), errs);
    validate_key_to_paths(get(src, "items"), child(p, "items"), errs);
  } else if (k == "persistentVolumeClaim") {
    if (str(src, "claimName").empty()) errs.push_back(FieldError::required(child(p, "claimName"), ""));
  } else if (k == "nfs") {
    if (str(src, "server").empty()) errs.push_back(FieldError::required(child(p, "server"), ""));
    if (str(src, "path").empty())
      errs.push_back(FieldError::required(child(p, "path"), ""));
    else if (str(src, "path").front() != '/')
      errs.push_back(FieldError::invalid(child(p, "path"), str(src, "path"), "must be an absolute path"));
  } else if (k == "csi") {
    if (str(src, "driver").empty()) errs.push_back(FieldError::required(child(p, "driver"), ""));
  } else if (k == "gitRepo") {
    if (str(src, "repository").empty()) errs.push_back(FieldError::required(child(p, "repository"), ""));
  } else if (k == "downwardAPI") {
    validate_file_mode(get(src, "defaultMode"), child(p, "defaultMode"), errs);
  } else if (k == "projected") {
    validate_file_mode(get(src, "defaultMode"), child(p, "defaultMode"), errs);
  } else if (k == "emptyDir") {
    const Json& limit = get(src, "sizeLimit");
    auto sign = quantity_sign(limit);
    if (sign && *sign < 0)
      errs.push_back(FieldError::forbidden(child(p, "sizeLimit"), "SizeLimit field must be a valid resource quantity"));
  }
}

// ValidateVolumes: the names of the volumes that validated (what mounts may refer to).
std::set<std::string> validate_volumes(const Json& volumes, const std::string& path, FieldErrors& errs) {
  std::set<std::string> names;
  if (!volumes.is_array()) return names;
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    const Json& vol = volumes[i];
    const std::string vp = index(path, i);
    FieldErrors el;
    int count = 0;
    for (const auto& k : volume_source_keys()) {
      if (!has(vol, k)) continue;
      // validateVolumeSource reports gcePersistentDisk under "persistentDisk" and cephfs as "cephFS".
      std::string shown = k == "cephfs" ? "cephFS" : k == "downwardAPI" ? "downwarAPI" : k;
      if (count > 0) {
        el.push_back(FieldError::forbidden(child(vp, shown), "may not specify more than 1 volume type"));
        continue;
      }
      ++count;
      validate_volume_source_fields(k, get(vol, k), child(vp, k), el);
    }
    if (count == 0) el.push_back(FieldError::required(vp, "must specify a volume type"));
    const std::string name = str(vol, "name");
    if (name.empty())
      el.push_back(FieldError::required(child(vp, "name"), ""));
    else
      validate_dns_label(name, child(vp, "name"), el);
    if (names.count(name)) el.push_back(FieldError::duplicate(child(vp, "name"), name));
    if (el.empty())
      names.insert(name);
    else
      append(errs, std::move(el));
  }
  return names;
}

// ---- 2. containers ---------------------------------------------------------------------

const std::vector<std::string> kProtocols = {"SCTP", "TCP", "UDP"};

void validate_container_ports(const Json& ports, const std::string& path, FieldErrors& errs) {
  if (!ports.is_array()) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const Json& port = ports[i];
    auto at = [&](std::string_view f) { return child(index(path, i), f); };
    const std::string name = str(port, "name");
    if (!name.empty()) {
      auto msgs = is_valid_port_name(name);
      if (!msgs.empty()) {
        for (auto& m : msgs) errs.push_back(FieldError::invalid(at("name"), name, m));
      } else if (names.count(name)) {
        errs.push_back(FieldError::duplicate(at("name"), name));
      } else {
        names.insert(name);
      }
    }
    auto cp = integer(port, "containerPort").value_or(0);
    if (cp == 0)
      errs.push_back(FieldError::required(at("containerPort"), ""));
    else
      for (auto& m : is_valid_port_num(cp)) errs.push_back(FieldError::invalid(at("containerPort"), cp, m));
    auto hp = integer(port, "hostPort").value_or(0);
    if (hp != 0)
      for (auto& m : is_valid_port_num(hp)) errs.push_back(FieldError::invalid(at("hostPort"), hp, m));
    const std::string proto = str(port, "protocol");
    if (proto.empty())
      errs.push_back(FieldError::required(at("protocol"), ""));
    else if (std::find(kProtocols.begin(), kProtocols.end(), proto) == kProtocols.end())
      errs.push_back(FieldError::unsupported(at("protocol"), proto, kProtocols));
  }
}

const std::vector<std::string> kEnvFieldPaths = {
    "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
    "status.hostIP", "status.hostIPs",     "status.podIP", "status.podIPs"};
const std::vector<std::string> kResourceFieldPaths = {"limits.cpu",   "limits.ephemeral-storage",   "limits.memory",
                                                      "requests.cpu", "requests.ephemeral-storage", "requests.memory"};

void validate_object_field_selector(const Json& fs, const std::string& path, FieldErrors& errs) {
  if (str(fs, "apiVersion").empty()) {
    errs.push_back(FieldError::required(child(path, "apiVersion"), ""));
    return;
  }
  const std::string fp = str(fs, "fieldPath");
  if (fp.empty()) {
    errs.push_back(FieldError::required(child(path, "fieldPath"), ""));
    return;
  }
  // metadata.labels['x'] / metadata.annotations['x'] subscripts.
  auto bracket = fp.find('[');
  if (bracket != std::string::npos && fp.size() > bracket + 3 && fp.back() == ']') {
    std::string base = fp.substr(0, bracket);
    std::string sub = fp.substr(bracket + 2, fp.size() - bracket - 4);
    if (base == "metadata.annotations") {
      std::string lowered = sub;
      for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      validate_qualified_name(lowered, path, errs);
    } else if (base == "metadata.labels") {
      validate_qualified_name(sub, path, errs);
    } else {
      errs.push_back(FieldError::invalid(path, base, "does not support subscript"));
    }
    return;
  }
  if (std::find(kEnvFieldPaths.begin(), kEnvFieldPaths.end(), fp) == kEnvFieldPaths.end() && fp != "metadata.labels" &&
      fp != "metadata.annotations")
    errs.push_back(FieldError::unsupported(child(path, "fieldPath"), fp, kEnvFieldPaths));
}

void validate_key_selector(const Json& s, const std::string& path, FieldErrors& errs) {
  const std::string name = str(s, "name");
  for (auto& m : is_dns1123_subdomain(name)) errs.push_back(FieldError::invalid(child(path, "name"), name, m));
  const std::string k = str(s, "key");
  if (k.empty())
    errs.push_back(FieldError::required(child(path, "key"), ""));
  else
    for (auto& m : is_config_map_key(k)) errs.push_back(FieldError::invalid(child(path, "key"), k, m));
}

void validate_env(const Json& env, const std::string& path, FieldErrors& errs) {
  if (!env.is_array()) return;
  for (std::size_t i = 0; i < env.size(); ++i) {
    const Json& ev = env[i];
    const std::string ip = index(path, i);
    const std::string name = str(ev, "name");
    if (name.empty())
      errs.push_back(FieldError::required(child(ip, "name"), ""));
    else
      for (auto& m : is_relaxed_env_var_name(name)) errs.push_back(FieldError::invalid(child(ip, "name"), name, m));
    const Json& from = get(ev, "valueFrom");
    if (!from.is_object()) continue;
    const std::string fp = child(ip, "valueFrom");
    int sources = 0;
    if (has(from, "fieldRef")) {
      ++sources;
      validate_object_field_selector(get(from, "fieldRef"), child(fp, "fieldRef"), errs);
    }
    if (has(from, "resourceFieldRef")) {
      ++sources;
      const Json& rf = get(from, "resourceFieldRef");
      const std::string r = str(rf, "resource");
      const std::string rp = child(fp, "resourceFieldRef");
      if (r.empty())
        errs.push_back(FieldError::required(child(rp, "resource"), ""));
      else if (std::find(kResourceFieldPaths.begin(), kResourceFieldPaths.end(), r) == kResourceFieldPaths.end() &&
               r.rfind("requests.hugepages-", 0) != 0 && r.rfind("limits.hugepages-", 0) != 0)
        errs.push_back(FieldError::unsupported(child(rp, "resource"), r, kResourceFieldPaths));
    }
    if (has(from, "configMapKeyRef")) {
      ++sources;
      validate_key_selector(get(from, "configMapKeyRef"), child(fp, "configMapKeyRef"), errs);
    }
    if (has(from, "secretKeyRef")) {
      ++sources;
      validate_key_selector(get(from, "secretKeyRef"), child(fp, "secretKeyRef"), errs);
    }
    if (sources == 0)
      errs.push_back(FieldError::invalid(
          fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    else if (!str(ev, "value").empty())
      errs.push_back(FieldError::invalid(fp, "", "may not be specified when `value` is not empty"));
    else if (sources > 1)
      errs.push_back(FieldError::invalid(fp, "", "may not have more than one field specified at a time"));
  }
}

void validate_env_from(const Json& env_from, const std::string& path, FieldErrors& errs) {
  if (!env_from.is_array()) return;
  for (std::size_t i = 0; i < env_from.size(); ++i) {
    const Json& ev = env_from[i];
    const std::string ip = index(path, i);
    const std::string prefix = str(ev, "prefix");
    if (!prefix.empty())
      for (auto& m : is_relaxed_env_var_name(prefix))
        errs.push_back(FieldError::invalid(child(ip, "prefix"), prefix, m));
    int sources = 0;
    for (const char* k : {"configMapRef", "secretRef"}) {
      if (!has(ev, k)) continue;
      ++sources;
      const std::string name = str(get(ev, k), "name");
      const std::string np = child(child(ip, k), "name");
      if (name.empty()) {
        errs.push_back(FieldError::required(np, ""));
      } else {
        // NameIsDNSSubdomain with prefix=true: a trailing '-' is allowed.
        std::string checked = name;
        if (!checked.empty() && checked.back() == '-') checked += "a";
        for (auto& m : is_dns1123_subdomain(checked)) errs.push_back(FieldError::invalid(np, name, m));
      }
    }
    if (sources == 0)
      errs.push_back(FieldError::invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1)
      errs.push_back(FieldError::invalid(path, "", "may not have more than one field specified at a time"));
  }
}

void validate_volume_mounts(const Json& mounts, const std::set<std::string>& volumes, const std::string& path,
                            FieldErrors& errs) {
  if (!mounts.is_array()) return;
  std::set<std::string> mountpoints;
  for (std::size_t i = 0; i < mounts.size(); ++i) {
    const Json& m = mounts[i];
    const std::string ip = index(path, i);
    const std::string name = str(m, "name");
    const std::string mp = str(m, "mountPath");
    if (name.empty()) errs.push_back(FieldError::required(child(ip, "name"), ""));
    if (!volumes.count(name)) errs.push_back(FieldError::not_found(child(ip, "name"), name));
    if (mp.empty()) errs.push_back(FieldError::required(child(ip, "mountPath"), ""));
    if (mountpoints.count(mp)) errs.push_back(FieldError::invalid(child(ip, "mountPath"), mp, "must be unique"));
    mountpoints.insert(mp);
    // Kube reports subPath problems at the list's path, not the item's.
    const std::string sub = str(m, "subPath");
    if (!sub.empty()) validate_local_descending_path(sub, child(path, "subPath"), errs);
    const std::string sub_expr = str(m, "subPathExpr");
    if (!sub_expr.empty()) {
      if (!sub.empty())
        errs.push_back(
            FieldError::invalid(child(ip, "subPathExpr"), sub_expr, "subPathExpr and subPath are mutually exclusive"));
      validate_local_descending_path(sub_expr, child(path, "subPathExpr"), errs);
    }
    const Json& prop = get(m, "mountPropagation");
    if (prop.is_string()) {
      static const std::vector<std::string> modes = {"Bidirectional", "HostToContainer", "None"};
      if (std::find(modes.begin(), modes.end(), prop.get<std::string>()) == modes.end())
        errs.push_back(FieldError::unsupported(child(path, "mountPropagation"), prop, modes));
    }
  }
}

// IsOvercommitAllowed: only native, non-hugepage resources may have requests below limits.
bool overcommit_allowed(const std::string& n) { return is_native_resource_name(n) && n.rfind("hugepages-", 0) != 0; }

void validate_container_resource_name(const std::string& n, const std::string& path, FieldErrors& errs) {
  auto msgs = is_qualified_name(n);
  for (auto& m : msgs) errs.push_back(FieldError::invalid(path, n, m));
  if (!msgs.empty()) return;
  if (n.find('/') == std::string::npos) {
    if (!is_standard_resource_name(n))
      errs.push_back(FieldError::invalid(path, n, "must be a standard resource type or fully qualified"));
    if (!is_standard_container_resource_name(n))
      errs.push_back(FieldError::invalid(path, n, "must be a standard resource for containers"));
  } else if (!is_native_resource_name(n) && !is_extended_resource_name(n)) {
    errs.push_back(FieldError::invalid(path, n, "doesn't follow extended resource name standard"));
  }
}

void validate_quantity_value(const std::string& n, const Json& q, const std::string& path, FieldErrors& errs) {
  auto sign = quantity_sign(q);
  if (sign && *sign < 0)
    errs.push_back(FieldError::invalid(path, quantity_string(q).value_or(""), std::string(kNegative)));
  if (is_integer_resource_name(n)) {
    auto whole = quantity_is_integer(q);
    if (whole && !*whole) errs.push_back(invalid_raw(path, quantity_string(q).value_or(""), "must be an integer"));
  }
}

void validate_resource_requirements(const Json& res, const std::string& path, FieldErrors& errs) {
  const Json& limits = get(res, "limits");
  const Json& requests = get(res, "requests");
  // Paths are built only for resources that list something (most containers: none).
  const std::string lim_path = limits.is_object() || requests.is_object() ? child(path, "limits") : std::string();
  const std::string req_path = requests.is_object() ? child(path, "requests") : std::string();
  bool lim_cpu_mem = false, req_cpu_mem = false, lim_huge = false, req_huge = false;
  if (limits.is_object()) {
    for (auto it = limits.begin(); it != limits.end(); ++it) {
      const std::string fp = key(lim_path, it.key());
      validate_container_resource_name(it.key(), fp, errs);
      validate_quantity_value(it.key(), *it, fp, errs);
      if (it.key().rfind("hugepages-", 0) == 0) lim_huge = true;
      if (it.key() == "cpu" || it.key() == "memory") lim_cpu_mem = true;
    }
  }
  if (requests.is_object()) {
    for (auto it = requests.begin(); it != requests.end(); ++it) {
      const std::string fp = key(req_path, it.key());
      validate_container_resource_name(it.key(), fp, errs);
      validate_quantity_value(it.key(), *it, fp, errs);
      const Json& limit = get(limits, it.key());
      const std::string qs = quantity_string(*it).value_or("");
      if (!limit.is_null()) {
        auto c = quantity_cmp(*it, limit);
        const std::string ls = quantity_string(limit).value_or("");
        if (c && *c != 0 && !overcommit_allowed(it.key()))
          errs.push_back(FieldError::invalid(req_path, qs, "must be equal to " + it.key() + " limit of " + ls));
        else if (c && *c > 0)
          errs.push_back(
              FieldError::invalid(req_path, qs, "must be less than or equal to " + it.key() + " limit of " + ls));
      } else if (!overcommit_allowed(it.key())) {
        errs.push_back(FieldError::required(lim_path, "Limit must be set for non overcommitable resources"));
      }
      if (it.key().rfind("hugepages-", 0) == 0) req_huge = true;
      if (it.key() == "cpu" || it.key() == "memory") req_cpu_mem = true;
    }
  }
  if (!lim_cpu_mem && !req_cpu_mem && (req_huge || lim_huge))
    errs.push_back(FieldError::forbidden(path, "HugePages require cpu or memory"));
}

const std::vector<std::string> kSchemes = {"HTTP", "HTTPS"};

void validate_handler(const Json& h, bool lifecycle, std::int64_t grace, bool has_grace, const std::string& path,
                      FieldErrors& errs) {
  int handlers = 0;
  auto one = [&](const char* k) {
    if (!has(h, k)) return false;
    if (handlers > 0) {
      errs.push_back(FieldError::forbidden(child(path, k), "may not specify more than 1 handler type"));
      return false;
    }
    ++handlers;
    return true;
  };
  if (one("exec")) {
    if (len(get(get(h, "exec"), "command")) == 0) errs.push_back(FieldError::required(child(path, "exec.command"), ""));
  }
  if (one("httpGet")) {
    const Json& http = get(h, "httpGet");
    const std::string hp = child(path, "httpGet");
    if (str(http, "path").empty()) errs.push_back(FieldError::required(child(hp, "path"), ""));
    validate_port_num_or_name(get(http, "port"), child(hp, "port"), errs);
    const std::string scheme = str(http, "scheme");
    if (std::find(kSchemes.begin(), kSchemes.end(), scheme) == kSchemes.end())
      errs.push_back(FieldError::unsupported(child(hp, "scheme"), scheme, kSchemes));
  }
  if (one("tcpSocket"))
    validate_port_num_or_name(get(get(h, "tcpSocket"), "port"), child(path, "tcpSocket.port"), errs);
  if (!lifecycle && one("grpc")) {
    auto port = integer(get(h, "grpc"), "port").value_or(0);
    for (auto& m : is_valid_port_num(port)) errs.push_back(FieldError::invalid(child(path, "grpc.port"), port, m));
  }
  if (lifecycle && one("sleep")) {
    auto secs = integer(get(h, "sleep"), "seconds").value_or(0);
    if (has_grace && (secs <= 0 || secs > grace))
      errs.push_back(FieldError::invalid(
          child(path, "sleep"), secs,
          "must be greater than 0 and less than terminationGracePeriodSeconds (" + std::to_string(grace) +
              "). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."));
  }
  if (handlers == 0) errs.push_back(FieldError::required(path, "must specify a handler type"));
}

enum class ProbeKind { Liveness, Readiness, Startup };

void validate_probe(const Json& probe, ProbeKind kind, std::int64_t grace, bool has_grace, const std::string& path,
                    FieldErrors& errs) {
  if (!probe.is_object()) return;
  validate_handler(probe, false, grace, has_grace, path, errs);
  for (const char* f :
       {"initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"})
    validate_nonnegative(get(probe, f), child(path, f), errs);
  const Json& tgps = get(probe, "terminationGracePeriodSeconds");
  if (tgps.is_number_integer() && tgps.get<std::int64_t>() <= 0)
    errs.push_back(FieldError::invalid(child(path, "terminationGracePeriodSeconds"), tgps, "must be greater than 0"));
  if (kind == ProbeKind::Readiness) {
    if (!tgps.is_null())
      errs.push_back(FieldError::invalid(child(path, "terminationGracePeriodSeconds"), tgps,
                                         "must not be set for readinessProbes"));
  } else {
    auto st = integer(probe, "successThreshold").value_or(0);
    if (st != 1) errs.push_back(FieldError::invalid(child(path, "successThreshold"), st, "must be 1"));
  }
}

void validate_lifecycle(const Json& lc, std::int64_t grace, bool has_grace, const std::string& path,
                        FieldErrors& errs) {
  for (const char* h : {"postStart", "preStop"})
    if (has(lc, h)) validate_handler(get(lc, h), true, grace, has_grace, child(path, h), errs);
}

void validate_security_context(const Json& sc, const std::string& path, FieldErrors& errs) {
  if (!sc.is_object()) return;
  for (const char* f : {"runAsUser", "runAsGroup"}) {
    auto id = integer(sc, f);
    if (id && (*id < 0 || *id > kMaxInt32))
      errs.push_back(FieldError::invalid(child(path, f), *id, "must be between 0 and 2147483647, inclusive"));
  }
  const Json& pm = get(sc, "procMount");
  if (pm.is_string() && pm != "Default" && pm != "Unmasked")
    errs.push_back(FieldError::unsupported(child(path, "procMount"), pm, {"Default", "Unmasked"}));
}

const std::vector<std::string> kPullPolicies = {"Always", "IfNotPresent", "Never"};
const std::vector<std::string> kTerminationMessagePolicies = {"File", "FallbackToLogsOnError"};

// The Container members validation reads (sorted).
constexpr std::array<std::string_view, 15> kContainerMembers = {
    "env",           "envFrom",         "image",        "imagePullPolicy",          "lifecycle",
    "livenessProbe", "name",            "ports",        "readinessProbe",           "resources",
    "restartPolicy", "securityContext", "startupProbe", "terminationMessagePolicy", "volumeMounts"};
using ContainerMembers = Members<kContainerMembers>;

void validate_container_common(const ContainerMembers& c, const std::set<std::string>& volumes,
                               const std::string& path, FieldErrors& errs) {
  const std::string name = string_of(c.get<"name">());
  if (name.empty())
    errs.push_back(FieldError::required(child(path, "name"), ""));
  else
    for (auto& m : is_dns1123_label(name)) errs.push_back(FieldError::invalid(child(path, "name"), name, m));
  if (string_of(c.get<"image">()).empty()) errs.push_back(FieldError::required(child(path, "image"), ""));
  const std::string tmp = string_of(c.get<"terminationMessagePolicy">());
  if (tmp.empty())
    errs.push_back(FieldError::required(child(path, "terminationMessagePolicy"), ""));
  else if (std::find(kTerminationMessagePolicies.begin(), kTerminationMessagePolicies.end(), tmp) ==
           kTerminationMessagePolicies.end())
    errs.push_back(FieldError::unsupported(child(path, "terminationMessagePolicy"), tmp, kTerminationMessagePolicies));
  // Each validator below ignores a member that is not a list/object: skip building
  // its path then (this runs for every container of every pod written).
  if (const Json& ports = c.get<"ports">(); ports.is_array())
    validate_container_ports(ports, child(path, "ports"), errs);
  if (const Json& env = c.get<"env">(); env.is_array()) validate_env(env, child(path, "env"), errs);
  if (const Json& ef = c.get<"envFrom">(); ef.is_array()) validate_env_from(ef, child(path, "envFrom"), errs);
  if (const Json& vm = c.get<"volumeMounts">(); vm.is_array())
    validate_volume_mounts(vm, volumes, child(path, "volumeMounts"), errs);
  const std::string pull = string_of(c.get<"imagePullPolicy">());
  if (pull.empty())
    errs.push_back(FieldError::required(child(path, "imagePullPolicy"), ""));
  else if (std::find(kPullPolicies.begin(), kPullPolicies.end(), pull) == kPullPolicies.end())
    errs.push_back(FieldError::unsupported(child(path, "imagePullPolicy"), pull, kPullPolicies));
  validate_resource_requirements(c.get<"resources">(), child(path, "resources"), errs);
  if (const Json& sc = c.get<"securityContext">(); sc.is_object())
    validate_security_context(sc, child(path, "securityContext"), errs);
}

// AccumulateUniqueHostPorts over `containers`.
void check_host_port_conflicts(const Json& containers, const std::string& path, FieldErrors& errs,
                               std::size_t only = std::string::npos) {
  std::set<std::string> seen;
  for (std::size_t ci = 0; ci < containers.size(); ++ci) {
    if (only != std::string::npos && ci != only) continue;
    const Json& ports = get(containers[ci], "ports");
    if (!ports.is_array()) continue;
    for (std::size_t pi = 0; pi < ports.size(); ++pi) {
      auto hp = integer(ports[pi], "hostPort").value_or(0);
      if (hp == 0) continue;
      std::string k = str(ports[pi], "protocol") + "/" + str(ports[pi], "hostIP") + "/" + std::to_string(hp);
      if (seen.count(k))
        errs.push_back(FieldError::duplicate(child(index(child(index(path, ci), "ports"), pi), "hostPort"), k));
      else
        seen.insert(k);
    }
  }
}

void validate_containers(const Json& containers, const std::set<std::string>& volumes, std::int64_t grace,
                         bool has_grace, const std::string& path, FieldErrors& errs) {
  if (len(containers) == 0 || !containers.is_array()) {
    errs.push_back(FieldError::required(path, ""));
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < containers.size(); ++i) {
    const ContainerMembers c(containers[i]);
    const std::string p = index(path, i);
    validate_container_common(c, volumes, p, errs);
    const std::string name = string_of(c.get<"name">());
    if (names.count(name))
      errs.push_back(FieldError::duplicate(child(p, "name"), name));
    else
      names.insert(name);
    if (const Json& lc = c.get<"lifecycle">(); !lc.is_null())
      validate_lifecycle(lc, grace, has_grace, child(p, "lifecycle"), errs);
    // validate_probe ignores a probe that is not an object.
    if (const Json& lp = c.get<"livenessProbe">(); lp.is_object())
      validate_probe(lp, ProbeKind::Liveness, grace, has_grace, child(p, "livenessProbe"), errs);
    if (const Json& rp = c.get<"readinessProbe">(); rp.is_object())
      validate_probe(rp, ProbeKind::Readiness, grace, has_grace, child(p, "readinessProbe"), errs);
    if (const Json& sp = c.get<"startupProbe">(); sp.is_object())
      validate_probe(sp, ProbeKind::Startup, grace, has_grace, child(p, "startupProbe"), errs);
    if (!c.get<"restartPolicy">().is_null())
      errs.push_back(FieldError::forbidden(child(p, "restartPolicy"), "may not be set for non-init containers"));
  }
  check_host_port_conflicts(containers, path, errs);
}

void validate_init_containers(const Json& inits, const Json& regular, const std::set<std::string>& volumes,
                              std::int64_t grace, bool has_grace, const std::string& path, FieldErrors& errs) {
  if (!inits.is_array()) return;
  std::set<std::string> names;
  if (regular.is_array())
    for (const auto& c : regular) names.insert(str(c, "name"));
  for (std::size_t i = 0; i < inits.size(); ++i) {
    const ContainerMembers c(inits[i]);
    const std::string p = index(path, i);
    validate_container_common(c, volumes, p, errs);
    bool restart_always = false;
    const Json& rp = c.get<"restartPolicy">();
    if (!rp.is_null()) {
      if (rp != "Always") errs.push_back(FieldError::unsupported(child(p, "restartPolicy"), rp, {"Always"}));
      restart_always = rp == "Always";
    }
    const std::string name = string_of(c.get<"name">());
    if (names.count(name))
      errs.push_back(FieldError::duplicate(child(p, "name"), name));
    else if (!name.empty())
      names.insert(name);
    check_host_port_conflicts(inits, path, errs, i);
    if (restart_always) {
      if (const Json& lc = c.get<"lifecycle">(); !lc.is_null())
        validate_lifecycle(lc, grace, has_grace, child(p, "lifecycle"), errs);
      validate_probe(c.get<"livenessProbe">(), ProbeKind::Liveness, grace, has_grace, child(p, "livenessProbe"), errs);
      validate_probe(c.get<"readinessProbe">(), ProbeKind::Readiness, grace, has_grace, child(p, "readinessProbe"),
                     errs);
      validate_probe(c.get<"startupProbe">(), ProbeKind::Startup, grace, has_grace, child(p, "startupProbe"), errs);
    } else {
      const std::pair<const char*, const Json*> handlers[] = {{"lifecycle", &c.get<"lifecycle">()},
                                                             {"livenessProbe", &c.get<"livenessProbe">()},
                                                             {"readinessProbe", &c.get<"readinessProbe">()},
                                                             {"startupProbe", &c.get<"startupProbe">()}};
      for (const auto& [f, v] : handlers)
        if (!v->is_null())
          errs.push_back(
              FieldError::forbidden(child(p, f), "may not be set for init containers without restartPolicy=Always"));
    }
  }
}

// ---- 3. the spec -------------------------------------------------------------------

const std::vector<std::string> kRestartPolicies = {"Always", "OnFailure", "Never"};
const std::vector<std::string> kDNSPolicies = {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"};
const std::vector<std::string> kTaintEffects = {"NoSchedule", "PreferNoSchedule", "NoExecute"};

void validate_tolerations(const Json& tols, const std::string& path, FieldErrors& errs) {
  if (!tols.is_array()) return;
  for (std::size_t i = 0; i < tols.size(); ++i) {
    const Json& t = tols[i];
    const std::string p = index(path, i);
    const std::string k = str(t, "key");
    const std::string op = str(t, "operator");
    const std::string effect = str(t, "effect");
    if (!k.empty()) append(errs, validate_label_name(k, child(p, "key")));
    if (k.empty() && op != "Exists")
      errs.push_back(FieldError::invalid(
          child(p, "operator"), op,
          "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (has(t, "tolerationSeconds") && effect != "NoExecute")
      errs.push_back(FieldError::invalid(child(p, "effect"), effect,
                                         "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    const std::string value = str(t, "value");
    if (op == "Equal" || op.empty()) {
      auto msgs = is_valid_label_value(value);
      if (!msgs.empty()) {
        std::string joined;
        for (std::size_t j = 0; j < msgs.size(); ++j) joined += (j ? ";" : "") + msgs[j];
        errs.push_back(FieldError::invalid(child(p, "operator"), value, joined));
      }
    } else if (op == "Exists") {
      if (!value.empty())
        errs.push_back(
            FieldError::invalid(child(p, "operator"), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push_back(FieldError::unsupported(child(p, "operator"), op, {"Equal", "Exists"}));
    }
    if (!effect.empty() && std::find(kTaintEffects.begin(), kTaintEffects.end(), effect) == kTaintEffects.end())
      errs.push_back(FieldError::unsupported(child(p, "effect"), effect, kTaintEffects));
  }
}

void validate_node_selector_requirement(const Json& rq, const std::string& path, FieldErrors& errs) {
  const std::string op = str(rq, "operator");
  const std::size_t nvalues = len(get(rq, "values"));
  if (op == "In" || op == "NotIn") {
    if (nvalues == 0)
      errs.push_back(
          FieldError::required(child(path, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op == "Exists" || op == "DoesNotExist") {
    if (nvalues > 0)
      errs.push_back(FieldError::forbidden(child(path, "values"),
                                           "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (op == "Gt" || op == "Lt") {
    if (nvalues != 1)
      errs.push_back(FieldError::required(child(path, "values"),
                                          "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push_back(FieldError::invalid(child(path, "operator"), op, "not a valid selector operator"));
  }
  append(errs, validate_label_name(str(rq, "key"), child(path, "key")));
}

void validate_node_selector_term(const Json& term, const std::string& path, FieldErrors& errs) {
  const Json& exprs = get(term, "matchExpressions");
  if (exprs.is_array())
    for (std::size_t j = 0; j < exprs.size(); ++j)
      validate_node_selector_requirement(exprs[j], index(child(path, "matchExpressions"), j), errs);
  const Json& fields = get(term, "matchFields");
  if (fields.is_array()) {
    for (std::size_t j = 0; j < fields.size(); ++j) {
      const std::string fp = index(child(path, "matchFields"), j);
      const std::string op = str(fields[j], "operator");
      if (op != "In" && op != "NotIn")
        errs.push_back(FieldError::invalid(child(fp, "operator"), op, "not a valid selector operator"));
      else if (len(get(fields[j], "values")) != 1)
        errs.push_back(FieldError::required(
            child(fp, "values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      if (str(fields[j], "key") != "metadata.name")
        errs.push_back(FieldError::invalid(child(fp, "key"), str(fields[j], "key"), "not a valid field selector key"));
    }
  }
}

void validate_pod_affinity_term(const Json& term, const std::string& path, FieldErrors& errs) {
  append(errs, validate_label_selector(get(term, "labelSelector"), child(path, "labelSelector")));
  append(errs, validate_label_selector(get(term, "namespaceSelector"), child(path, "namespaceSelector")));
  const Json& nss = get(term, "namespaces");
  if (nss.is_array())
    for (const auto& ns : nss) {
      std::string n = ns.is_string() ? ns.get<std::string>() : "";
      for (auto& m : is_dns1123_label(n)) errs.push_back(FieldError::invalid(child(path, "namespace"), n, m));
    }
  const std::string tk = str(term, "topologyKey");
  if (tk.empty())
    errs.push_back(FieldError::required(child(path, "topologyKey"), "can not be empty"));
  else
    append(errs, validate_label_name(tk, child(path, "topologyKey")));
}

void validate_weight(const Json& term, const std::string& path, FieldErrors& errs) {
  auto w = integer(term, "weight").value_or(0);
  if (w <= 0 || w > 100) errs.push_back(FieldError::invalid(child(path, "weight"), w, "must be in the range 1-100"));
}

void validate_pod_affinity(const Json& a, const std::string& path, FieldErrors& errs) {
  const Json& req = get(a, "requiredDuringSchedulingIgnoredDuringExecution");
  if (req.is_array())
    for (std::size_t i = 0; i < req.size(); ++i)
      validate_pod_affinity_term(req[i], index(child(path, "requiredDuringSchedulingIgnoredDuringExecution"), i), errs);
  const Json& pref = get(a, "preferredDuringSchedulingIgnoredDuringExecution");
  if (pref.is_array())
    for (std::size_t i = 0; i < pref.size(); ++i) {
      const std::string p = index(child(path, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      validate_weight(pref[i], p, errs);
      validate_pod_affinity_term(get(pref[i], "podAffinityTerm"), child(p, "podAffinityTerm"), errs);
    }
}

void validate_affinity(const Json& aff, const std::string& path, FieldErrors& errs) {
  if (!aff.is_object()) return;
  if (has(aff, "nodeAffinity")) {
    const Json& na = get(aff, "nodeAffinity");
    const std::string np = child(path, "nodeAffinity");
    if (has(na, "requiredDuringSchedulingIgnoredDuringExecution")) {
      const std::string rp = child(np, "requiredDuringSchedulingIgnoredDuringExecution");
      const Json& terms = get(get(na, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms");
      if (len(terms) == 0) {
        errs.push_back(
            FieldError::required(child(rp, "nodeSelectorTerms"), "must have at least one node selector term"));
      } else {
        for (std::size_t i = 0; i < terms.size(); ++i)
          validate_node_selector_term(terms[i], index(child(rp, "nodeSelectorTerms"), i), errs);
      }
    }
    const Json& pref = get(na, "preferredDuringSchedulingIgnoredDuringExecution");
    if (pref.is_array())
      for (std::size_t i = 0; i < pref.size(); ++i) {
        const std::string p = index(child(np, "preferredDuringSchedulingIgnoredDuringExecution"), i);
        validate_weight(pref[i], p, errs);
        validate_node_selector_term(get(pref[i], "preference"), child(p, "preference"), errs);
      }
  }
  if (has(aff, "podAffinity")) validate_pod_affinity(get(aff, "podAffinity"), child(path, "podAffinity"), errs);
  if (has(aff, "podAntiAffinity"))
    validate_pod_affinity(get(aff, "podAntiAffinity"), child(path, "podAntiAffinity"), errs);
}

void validate_dns_config(const Json& cfg, const std::string& policy, const std::string& path, FieldErrors& errs) {
  if (policy == "None") {
    if (!cfg.is_object()) {
      errs.push_back(FieldError::required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
      return;
    }
    if (len(get(cfg, "nameservers")) == 0) {
      errs.push_back(FieldError::required(child(path, "nameservers"),
                                          "must provide at least one DNS nameserver when `dnsPolicy` is None"));
      return;
    }
  }
  if (!cfg.is_object()) return;
  const Json& ns = get(cfg, "nameservers");
  if (len(ns) > 3)
    errs.push_back(
        invalid_raw(child(path, "nameservers"), go_string_slice(ns), "must not have more than 3 nameservers"));
  if (ns.is_array())
    for (std::size_t i = 0; i < ns.size(); ++i) {
      std::string ip = ns[i].is_string() ? ns[i].get<std::string>() : "";
      for (auto& m : is_valid_ip(ip)) errs.push_back(FieldError::invalid(index(child(path, "nameservers"), i), ip, m));
    }
  const Json& searches = get(cfg, "searches");
  if (len(searches) > 32)
    errs.push_back(
        invalid_raw(child(path, "searches"), go_string_slice(searches), "must not have more than 32 search paths"));
  if (searches.is_array())
    for (std::size_t i = 0; i < searches.size(); ++i) {
      std::string s = searches[i].is_string() ? searches[i].get<std::string>() : "";
      if (s == ".") continue;  // RelaxedDNSSearchValidation (beta in v1.32)
      if (!s.empty() && s.back() == '.') s.pop_back();
      std::string checked = s;
      for (auto& c : checked)
        if (c == '_') c = 'a';  // ValidateDNS1123SubdomainWithUnderScore
      for (auto& m : is_dns1123_subdomain(checked))
        errs.push_back(FieldError::invalid(index(child(path, "searches"), i), s, m));
    }
  const Json& opts = get(cfg, "options");
  if (opts.is_array())
    for (std::size_t i = 0; i < opts.size(); ++i)
      if (str(opts[i], "name").empty())
        errs.push_back(FieldError::required(index(child(path, "options"), i), "must not be empty"));
}

void validate_topology_spread(const Json& tscs, const std::string& path, FieldErrors& errs) {
  if (!tscs.is_array()) return;
  for (std::size_t i = 0; i < tscs.size(); ++i) {
    const Json& c = tscs[i];
    const std::string p = index(path, i);
    auto skew = integer(c, "maxSkew").value_or(0);
    if (skew <= 0) errs.push_back(FieldError::invalid(child(p, "maxSkew"), skew, "must be greater than zero"));
    if (str(c, "topologyKey").empty())
      errs.push_back(FieldError::required(child(p, "topologyKey"), "can not be empty"));
    const std::string wu = str(c, "whenUnsatisfiable");
    if (wu != "DoNotSchedule" && wu != "ScheduleAnyway")
      errs.push_back(FieldError::unsupported(child(p, "whenUnsatisfiable"), wu, {"DoNotSchedule", "ScheduleAnyway"}));
    for (std::size_t j = i + 1; j < tscs.size(); ++j) {
      if (str(tscs[j], "topologyKey") == str(c, "topologyKey") && str(tscs[j], "whenUnsatisfiable") == wu) {
        errs.push_back(FieldError::duplicate(child(p, "{topologyKey, whenUnsatisfiable}"),
                                             "{" + str(c, "topologyKey") + ", " + wu + "}"));
        break;
      }
    }
    append(errs, validate_label_selector(get(c, "labelSelector"), child(p, "labelSelector")));
  }
}

void validate_host_network_deps(const Json& host_network, const Json& containers, const std::string& path,
                                bool resource_is_pod, FieldErrors& errs) {
  if (!host_network.is_boolean() || !host_network.get<bool>()) return;
  if (!containers.is_array()) return;
  for (std::size_t i = 0; i < containers.size(); ++i) {
    const Json& ports = get(containers[i], "ports");
    if (!ports.is_array()) continue;
    for (std::size_t j = 0; j < ports.size(); ++j) {
      auto hp = integer(ports[j], "hostPort").value_or(0);
      auto cp = integer(ports[j], "containerPort").value_or(0);
      if ((resource_is_pod || hp != 0) && hp != cp)
        errs.push_back(
            FieldError::invalid(child(index(child(index(child(path, "containers"), i), "ports"), j), "hostPort"), hp,
                                "must match `containerPort` when `hostNetwork` is true"));
    }
  }
}

// The PodSpec members validate_pod_spec reads (sorted).
constexpr std::array<std::string_view, 26> kPodSpecMembers = {
    "activeDeadlineSeconds", "affinity",          "containers",        "dnsConfig",
    "dnsPolicy",             "hostAliases",       "hostNetwork",       "hostPID",
    "hostname",              "initContainers",    "nodeName",          "nodeSelector",
    "os",                    "preemptionPolicy",  "priorityClassName", "readinessGates",
    "restartPolicy",         "runtimeClassName",  "schedulingGates",   "securityContext",
    "serviceAccountName",    "subdomain",         "terminationGracePeriodSeconds",
    "tolerations",           "topologySpreadConstraints", "volumes"};

}  // namespace

// ---- 4. validation entry points ---------------------------------------------------------------

void validate_pod_spec(const Json& spec_obj, const std::string& path, bool resource_is_pod, FieldErrors& errs) {
  const Members<kPodSpecMembers> spec(spec_obj);
  const Json& tgps = spec.get<"terminationGracePeriodSeconds">();
  if (tgps.is_null()) errs.push_back(FieldError::required(child(path, "terminationGracePeriodSeconds"), ""));
  const bool has_grace = tgps.is_number_integer();
  const std::int64_t grace = has_grace ? tgps.get<std::int64_t>() : 0;

  // The validators of lists and objects ignore absent members: their paths are
  // built only for members that are there.
  const Json& vols = spec.get<"volumes">();
  auto volumes = vols.is_array() ? validate_volumes(vols, child(path, "volumes"), errs) : std::set<std::string>();
  validate_containers(spec.get<"containers">(), volumes, grace, has_grace, child(path, "containers"), errs);
  if (const Json& inits = spec.get<"initContainers">(); inits.is_array())
    validate_init_containers(inits, spec.get<"containers">(), volumes, grace, has_grace, child(path, "initContainers"),
                             errs);
  validate_host_network_deps(spec.get<"hostNetwork">(), spec.get<"containers">(), path, resource_is_pod, errs);

  const std::string restart = string_of(spec.get<"restartPolicy">());
  if (restart.empty())
    errs.push_back(FieldError::required(child(path, "restartPolicy"), ""));
  else if (std::find(kRestartPolicies.begin(), kRestartPolicies.end(), restart) == kRestartPolicies.end())
    errs.push_back(FieldError::unsupported(child(path, "restartPolicy"), restart, kRestartPolicies));
  const std::string dns = string_of(spec.get<"dnsPolicy">());
  if (dns.empty())
    errs.push_back(FieldError::required(child(path, "dnsPolicy"), ""));
  else if (std::find(kDNSPolicies.begin(), kDNSPolicies.end(), dns) == kDNSPolicies.end())
    errs.push_back(FieldError::unsupported(child(path, "dnsPolicy"), dns, kDNSPolicies));
  if (const Json& ns = spec.get<"nodeSelector">(); ns.is_object())
    append(errs, validate_labels(ns, child(path, "nodeSelector")));

  const Json& psc = spec.get<"securityContext">();
  if (psc.is_object()) {
    const std::string sp = child(path, "securityContext");
    for (const char* f : {"fsGroup", "runAsUser", "runAsGroup"}) {
      auto id = integer(psc, f);
      if (id && (*id < 0 || *id > kMaxInt32))
        errs.push_back(FieldError::invalid(child(sp, f), *id, "must be between 0 and 2147483647, inclusive"));
    }
    const Json& groups = get(psc, "supplementalGroups");
    if (groups.is_array())
      for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].is_number_integer() &&
            (groups[i].get<std::int64_t>() < 0 || groups[i].get<std::int64_t>() > kMaxInt32))
          errs.push_back(FieldError::invalid(index(child(sp, "supplementalGroups"), i), groups[i],
                                             "must be between 0 and 2147483647, inclusive"));
    if (get(psc, "shareProcessNamespace") == true && spec.get<"hostPID">() == true)
      errs.push_back(FieldError::invalid(child(sp, "shareProcessNamespace"), true,
                                         "ShareProcessNamespace and HostPID cannot both be enabled"));
  }
  if (const Json& aff = spec.get<"affinity">(); aff.is_object()) validate_affinity(aff, child(path, "affinity"), errs);
  validate_dns_config(spec.get<"dnsConfig">(), dns, child(path, "dnsConfig"), errs);
  const Json& gates = spec.get<"readinessGates">();
  if (gates.is_array())
    for (std::size_t i = 0; i < gates.size(); ++i)
      validate_qualified_name(str(gates[i], "conditionType"),
                              child(index(child(path, "readinessGates"), i), "conditionType"), errs);
  const Json& sgates = spec.get<"schedulingGates">();
  if (sgates.is_array()) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < sgates.size(); ++i) {
      std::string n = str(sgates[i], "name");
      validate_qualified_name(n, index(child(path, "schedulingGates"), i), errs);
      if (seen.count(n)) errs.push_back(FieldError::duplicate(index(child(path, "schedulingGates"), i), n));
      seen.insert(n);
    }
  }
  if (const Json& tsc = spec.get<"topologySpreadConstraints">(); tsc.is_array())
    validate_topology_spread(tsc, child(path, "topologySpreadConstraints"), errs);

  const std::string sa = string_of(spec.get<"serviceAccountName">());
  if (!sa.empty())
    for (auto& m : is_dns1123_subdomain(sa))
      errs.push_back(FieldError::invalid(child(path, "serviceAccountName"), sa, m));
  const std::string node = string_of(spec.get<"nodeName">());
  if (!node.empty())
    for (auto& m : is_dns1123_subdomain(node)) errs.push_back(FieldError::invalid(child(path, "nodeName"), node, m));
  auto ads = integer_of(spec.get<"activeDeadlineSeconds">());
  if (ads && (*ads < 1 || *ads > kMaxInt32))
    errs.push_back(
        FieldError::invalid(child(path, "activeDeadlineSeconds"), *ads, "must be between 1 and 2147483647, inclusive"));
  const std::string hostname = string_of(spec.get<"hostname">());
  if (!hostname.empty()) validate_dns_label(hostname, child(path, "hostname"), errs);
  const std::string subdomain = string_of(spec.get<"subdomain">());
  if (!subdomain.empty()) validate_dns_label(subdomain, child(path, "subdomain"), errs);
  if (const Json& tols = spec.get<"tolerations">(); tols.is_array())
    validate_tolerations(tols, child(path, "tolerations"), errs);
  const Json& aliases = spec.get<"hostAliases">();
  if (aliases.is_array())
    for (std::size_t i = 0; i < aliases.size(); ++i) {
      const std::string ap = index(child(path, "hostAliases"), i);
      std::string ip = str(aliases[i], "ip");
      for (auto& m : is_valid_ip(ip)) errs.push_back(FieldError::invalid(child(ap, "ip"), ip, m));
      const Json& names = get(aliases[i], "hostnames");
      if (names.is_array())
        for (std::size_t j = 0; j < names.size(); ++j)
          validate_dns_subdomain(names[j].is_string() ? names[j].get<std::string>() : "",
                                 index(child(ap, "hostnames"), j), errs);
    }
  const std::string pcn = string_of(spec.get<"priorityClassName">());
  if (!pcn.empty())
    for (auto& m : is_dns1123_subdomain(pcn))
      errs.push_back(FieldError::invalid(child(path, "priorityClassName"), pcn, m));
  if (!spec.get<"runtimeClassName">().is_null())
    validate_dns_subdomain(string_of(spec.get<"runtimeClassName">()), child(path, "runtimeClassName"), errs);
  const Json& pp = spec.get<"preemptionPolicy">();
  if (pp.is_string()) {
    if (pp.get<std::string>().empty())
      errs.push_back(FieldError::required(child(path, "preemptionPolicy"), ""));
    else if (pp != "PreemptLowerPriority" && pp != "Never")
      errs.push_back(FieldError::unsupported(child(path, "preemptionPolicy"), pp, {"PreemptLowerPriority", "Never"}));
  }
  const Json& os = spec.get<"os">();
  if (os.is_object()) {
    const std::string osname = str(os, "name");
    if (osname.empty())
      errs.push_back(FieldError::required(child(path, "os.name"), "cannot be empty"));
    else if (osname != "linux" && osname != "windows")
      errs.push_back(FieldError::unsupported(child(path, "os"), osname, {"linux", "windows"}));
  }
}

void validate_pod_template_spec(const Json& tmpl, const std::string& path, FieldErrors& errs) {
  const Json& meta = get(tmpl, "metadata");
  append(errs, validate_labels(get(meta, "labels"), child(path, "labels")));
  append(errs, validate_annotations(get(meta, "annotations"), child(path, "annotations")));
  const Json& spec = get(tmpl, "spec");
  validate_pod_spec(spec, child(path, "spec"), false, errs);
  if (len(get(spec, "ephemeralContainers")) > 0)
    errs.push_back(FieldError::forbidden(child(path, "spec.ephemeralContainers"),
                                         "ephemeral containers not allowed in pod template"));
}

void validate_containers_only_for_pod(const Json& spec, FieldErrors& errs) {
  for (const char* list : {"containers", "initContainers"}) {
    const Json& cs = get(spec, list);
    if (!cs.is_array()) continue;
    for (std::size_t i = 0; i < cs.size(); ++i) {
      std::string image = str(cs[i], "image");
      if (!image.empty() && (std::isspace(static_cast<unsigned char>(image.front())) ||
                             std::isspace(static_cast<unsigned char>(image.back()))))
        errs.push_back(FieldError::invalid(child(index(child("spec", list), i), "image"), image,
                                           "must not have leading or trailing whitespace"));
    }
  }
}

// ---- 5. QoS and diff --------------------------------------------------------------------

std::string pod_qos_class(const Json& spec) {
  // qos.ComputePodQOS: sum the non-zero cpu/memory requests and limits of the regular
  // and init containers; Guaranteed when every container limits both and the sums of
  // requests equal the sums of limits, BestEffort when nothing is set at all.
  std::map<std::string, util::Quantity> requests, limits;
  bool guaranteed = true;
  auto visit = [&](const Json& cs) {
    if (!cs.is_array()) return;
    for (const auto& c : cs) {
      const Json& res = get(c, "resources");
      std::set<std::string> qos_limits;
      for (const char* which : {"requests", "limits"}) {
        const Json& list = get(res, which);
        if (!list.is_object()) continue;
        const bool is_limit = std::string(which) == "limits";
        for (auto it = list.begin(); it != list.end(); ++it) {
          if (it.key() != "cpu" && it.key() != "memory") continue;
          auto q =
              it->is_string() ? util::Quantity::try_parse(it->get<std::string>()) : std::optional<util::Quantity>();
          if (!q && it->is_number()) q = util::Quantity::from_json(*it);
          if (!q || q->is_zero()) continue;
          if (is_limit) qos_limits.insert(it.key());
          auto& total = is_limit ? limits : requests;
          total[it.key()] += *q;
        }
      }
      if (qos_limits.size() != 2) guaranteed = false;
    }
  };
  visit(get(spec, "containers"));
  visit(get(spec, "initContainers"));
  if (requests.empty() && limits.empty()) return "BestEffort";
  if (guaranteed) {
    for (const auto& [name, req] : requests) {
      auto lim = limits.find(name);
      if (lim == limits.end() || lim->second.compare(req) != 0) guaranteed = false;
    }
  }
  if (guaranteed && requests.size() == limits.size()) return "Guaranteed";
  return "Burstable";
}

namespace {

std::string go_field_name(const std::string& json_name) {
  static const std::map<std::string, std::string> special = {{"dnsPolicy", "DNSPolicy"},
                                                             {"dnsConfig", "DNSConfig"},
                                                             {"hostPID", "HostPID"},
                                                             {"hostIPC", "HostIPC"},
                                                             {"os", "OS"},
                                                             {"nodeName", "NodeName"},
                                                             {"serviceAccountName", "ServiceAccountName"}};
  if (auto it = special.find(json_name); it != special.end()) return it->second;
  std::string out = json_name;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string compact(const Json& v) {
  if (v.is_null()) return "nil";
  if (v.is_string()) return go_quote(v.get<std::string>());
  return v.dump();
}

}  // namespace

std::string spec_diff(const Json& before, const Json& after, const std::string& type_name) {
  std::string out = "  " + type_name + "{\n";
  std::set<std::string> fields;
  if (before.is_object())
    for (auto it = before.begin(); it != before.end(); ++it) fields.insert(it.key());
  if (after.is_object())
    for (auto it = after.begin(); it != after.end(); ++it) fields.insert(it.key());
  std::size_t same = 0;
  for (const auto& f : fields) {
    const Json& a = get(before, f);
    const Json& b = get(after, f);
    if (a == b) {
      ++same;
      continue;
    }
    if (same) out += "  \t... // " + std::to_string(same) + " identical fields\n";
    same = 0;
    out += "- \t" + go_field_name(f) + ": " + compact(a) + ",\n";
    out += "+ \t" + go_field_name(f) + ": " + compact(b) + ",\n";
  }
  if (same) out += "  \t... // " + std::to_string(same) + " identical fields\n";
  return out + "  }\n";
}

}  // namespace kt::api::kinds
