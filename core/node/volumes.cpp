#include "core/node/volumes.h"

#include <algorithm>
#include <vector>

#include "core/network/dns.h"
#include "core/util/base64.h"

namespace kt::node {
namespace {

std::string pod_dir(const std::string& uid) { return "/var/lib/kubelet/pods/" + uid; }

std::string failed(const std::string& volume, const std::string& why) {
  return "MountVolume.SetUp failed for volume \"" + volume + "\" : " + why;
}

int file_mode(const Json& item, const Json& source) {
  if (item.is_object() && item.contains("mode") && item["mode"].is_number_integer()) return item["mode"].get<int>();
  if (source.contains("defaultMode") && source["defaultMode"].is_number_integer()) return source["defaultMode"].get<int>();
  return 0644;
}

// Writes data[key] (or the items' keys at their paths) into dir.
std::string project_keys(term::MemoryFs& fs, const std::string& dir, const Json& data, const Json& source,
                         const std::string& what, const std::string& volume, bool decode) {
  auto write = [&](const std::string& key, const std::string& path, int mode) -> std::string {
    std::string value = data.contains(key) && data[key].is_string() ? data[key].get<std::string>() : "";
    if (decode) {
      auto plain = util::base64_decode(value);
      value = plain ? *plain : value;
    }
    const std::string target = dir + "/" + path;
    fs.mkdir(term::dirname_of(target), true);
    fs.write(target, value, false);
    fs.chmod(target, mode);
    return "";
  };
  const Json& items = api::field(source, {"items"});
  const bool optional = source.value("optional", false);
  if (items.is_array() && !items.empty()) {
    for (const auto& item : items) {
      const std::string key = item.value("key", "");
      if (!data.contains(key)) {
        if (optional) continue;
        return failed(volume, what + " references non-existent config key: " + key);
      }
      write(key, item.value("path", key), file_mode(item, source));
    }
    return "";
  }
  if (data.is_object())
    for (auto it = data.begin(); it != data.end(); ++it) write(it.key(), it.key(), file_mode(Json(), source));
  return "";
}

// `key="value"` lines, sorted by key, as the downward API formats a map.
std::string format_map(const Json& m) {
  std::vector<std::string> lines;
  if (m.is_object())
    for (auto it = m.begin(); it != m.end(); ++it)
      lines.push_back(it.key() + "=\"" + (it.value().is_string() ? it.value().get<std::string>() : "") + "\"");
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::string field_ref(const Json& pod, const std::string& path, const std::string& pod_ip) {
  if (path == "metadata.name") return api::meta::name(pod);
  if (path == "metadata.namespace") return api::meta::namespace_of(pod);
  if (path == "metadata.uid") return api::meta::uid(pod);
  if (path == "metadata.labels") return format_map(api::meta::labels(pod));
  if (path == "metadata.annotations") return format_map(api::meta::annotations(pod));
  if (path == "spec.nodeName") return api::str_field(pod, {"spec", "nodeName"});
  if (path == "spec.serviceAccountName") return api::str_field(pod, {"spec", "serviceAccountName"});
  if (path == "status.podIP") return pod_ip;
  if (path == "status.hostIP") return api::str_field(pod, {"status", "hostIP"});
  return "";
}

void project_downward(term::MemoryFs& fs, const std::string& dir, const Json& pod, const Json& source,
                      const std::string& pod_ip) {
  const Json& items = api::field(source, {"items"});
  if (!items.is_array()) return;
  for (const auto& item : items) {
    const std::string path = item.value("path", "");
    if (path.empty()) continue;
    std::string value;
    if (item.contains("fieldRef")) value = field_ref(pod, api::str_field(item, {"fieldRef", "fieldPath"}), pod_ip);
    const std::string target = dir + "/" + path;
    fs.mkdir(term::dirname_of(target), true);
    fs.write(target, value, false);
    fs.chmod(target, file_mode(item, source));
  }
}

// A service account token: a JWT whose claims name the pod and its account; the
// sandbox's API server does not check signatures.
std::string token_for(const Json& pod, std::int64_t expiration) {
  const std::string ns = api::meta::namespace_of(pod), sa = api::str_field(pod, {"spec", "serviceAccountName"}, "default");
  Json claims;
  claims["aud"] = Json::array({"https://kubernetes.default.svc.cluster.local"});
  claims["exp"] = expiration;
  claims["iss"] = "https://kubernetes.default.svc.cluster.local";
  Json k8s;
  k8s["namespace"] = ns;
  k8s["pod"] = Json{{"name", api::meta::name(pod)}, {"uid", api::meta::uid(pod)}};
  k8s["serviceaccount"] = Json{{"name", sa}};
  claims["kubernetes.io"] = k8s;
  claims["sub"] = "system:serviceaccount:" + ns + ":" + sa;
  return util::base64url_encode(R"({"alg":"RS256","kid":"kubetab-sandbox"})") + "." +
         util::base64url_encode(claims.dump()) + "." + util::base64url_encode("simulated signature");
}

// The hostPath plugin's checkType: "" when `path` on the node is what `type` asks
// for (creating it for the …OrCreate types), else the error the kubelet reports.
std::string check_host_path(term::MemoryFs& fs, const std::string& path, const std::string& type) {
  const std::string special = Disks::special_file_type(path);
  const bool is_file = fs.exists(path) && !fs.is_dir(path) && special.empty();
  auto not_a = [&](const std::string& what) { return "hostPath type check failed: " + path + " is not a " + what; };
  if (type.empty()) return "";
  if (type == "DirectoryOrCreate" || type == "Directory") {
    if (type == "DirectoryOrCreate" && !fs.exists(path))
      return fs.mkdir(path, true).empty() ? "" : "mkdir " + path + ": not a directory";
    return fs.is_dir(path) ? "" : not_a("directory");
  }
  if (type == "FileOrCreate" || type == "File") {
    if (type == "FileOrCreate" && !fs.exists(path)) {
      // os.OpenFile(O_CREATE): the directory must already be there.
      if (!fs.is_dir(term::dirname_of(path))) return "open " + path + ": no such file or directory";
      fs.write(path, "", false);
      fs.chmod(path, 0644);
      return "";
    }
    return is_file ? "" : not_a("file");
  }
  if (type == "Socket") return special == "Socket" && fs.exists(path) ? "" : not_a("socket file");
  if (type == "CharDevice") return special == "CharDevice" && fs.exists(path) ? "" : not_a("character device");
  if (type == "BlockDevice") return special == "BlockDevice" && fs.exists(path) ? "" : not_a("block device");
  return type + " is an invalid volume type";
}

std::string setup_one(api::ApiServer& api, Disks& disks, const std::string& node, const Json& pod,
                      const std::string& pod_ip, const Json& vol, VolumeSource& out) {
  const std::string name = vol.value("name", "");
  const std::string ns = api::meta::namespace_of(pod);
  auto node_fs = disks.machine(node);
  const std::string base = pod_dir(api::meta::uid(pod)) + "/volumes/";
  auto pod_owned = [&](const std::string& plugin) {
    out.fs = node_fs;
    out.root = base + plugin + "/" + name;
    node_fs->mkdir(out.root, true);
  };
  if (vol.contains("hostPath")) {
    const std::string path = api::str_field(vol, {"hostPath", "path"});
    const std::string type = api::str_field(vol, {"hostPath", "type"});
    if (auto err = check_host_path(*node_fs, path, type); !err.empty()) return failed(name, err);
    if (!node_fs->exists(path)) node_fs->mkdir(path, true);  // no type: the runtime creates a directory
    out.fs = node_fs;
    out.root = path;  // a directory, or a single file mounted over a file
    return "";
  }
  if (vol.contains("nfs")) {
    out.fs = disks.nfs_server(api::str_field(vol, {"nfs", "server"}));
    out.root = api::str_field(vol, {"nfs", "path"}, "/");
    out.read_only = api::field(vol, {"nfs", "readOnly"}) == true;
    out.fs->mkdir(out.root, true);
    return "";
  }
  if (vol.contains("configMap")) {
    const Json& src = vol["configMap"];
    const std::string cm_name = src.value("name", "");
    auto cm = api.try_get(api.resource("", "configmaps"), ns, cm_name);
    if (!cm && !src.value("optional", false)) return failed(name, "configmap \"" + cm_name + "\" not found");
    pod_owned("kubernetes.io~configmap");
    out.read_only = true;
    return cm ? project_keys(*node_fs, out.root, api::field(*cm, {"data"}), src, "configmap", name, false) : "";
  }
  if (vol.contains("secret")) {
    const Json& src = vol["secret"];
    const std::string secret_name = src.value("secretName", "");
    auto secret = api.try_get(api.resource("", "secrets"), ns, secret_name);
    if (!secret && !src.value("optional", false)) return failed(name, "secret \"" + secret_name + "\" not found");
    pod_owned("kubernetes.io~secret");
    out.read_only = true;
    return secret ? project_keys(*node_fs, out.root, api::field(*secret, {"data"}), src, "secret", name, true) : "";
  }
  if (vol.contains("downwardAPI")) {
    pod_owned("kubernetes.io~downward-api");
    out.read_only = true;
    project_downward(*node_fs, out.root, pod, vol["downwardAPI"], pod_ip);
    return "";
  }
  if (vol.contains("projected")) {
    pod_owned("kubernetes.io~projected");
    out.read_only = true;
    const Json& sources = api::field(vol, {"projected", "sources"});
    if (!sources.is_array()) return "";
    for (const auto& s : sources) {
      if (s.contains("serviceAccountToken")) {
        const std::string path = api::str_field(s, {"serviceAccountToken", "path"}, "token");
        const std::int64_t ttl = api::int_field(s, {"serviceAccountToken", "expirationSeconds"}, 3607);
        const std::int64_t now = api.sim().now().unix_seconds();
        node_fs->write(out.root + "/" + path, token_for(pod, now + ttl), false);
      } else if (s.contains("configMap")) {
        auto cm = api.try_get(api.resource("", "configmaps"), ns, api::str_field(s, {"configMap", "name"}));
        if (!cm && !s["configMap"].value("optional", false))
          return failed(name, "configmap \"" + api::str_field(s, {"configMap", "name"}) + "\" not found");
        if (cm) project_keys(*node_fs, out.root, api::field(*cm, {"data"}), s["configMap"], "configmap", name, false);
      } else if (s.contains("secret")) {
        auto secret = api.try_get(api.resource("", "secrets"), ns, api::str_field(s, {"secret", "name"}));
        if (!secret && !s["secret"].value("optional", false))
          return failed(name, "secret \"" + api::str_field(s, {"secret", "name"}) + "\" not found");
        if (secret) project_keys(*node_fs, out.root, api::field(*secret, {"data"}), s["secret"], "secret", name, true);
      } else if (s.contains("downwardAPI")) {
        project_downward(*node_fs, out.root, pod, s["downwardAPI"], pod_ip);
      }
    }
    return "";
  }
  if (vol.contains("persistentVolumeClaim")) {
    const std::string claim = api::str_field(vol, {"persistentVolumeClaim", "claimName"});
    auto pvc = api.try_get(api.resource("", "persistentvolumeclaims"), ns, claim);
    if (!pvc) return failed(name, "persistentvolumeclaim \"" + claim + "\" not found");
    const std::string pv_name = api::str_field(*pvc, {"spec", "volumeName"});
    auto pv = pv_name.empty() ? nullptr : api.try_get(api.resource("", "persistentvolumes"), "", pv_name);
    if (!pv) return failed(name, "PVC " + ns + "/" + claim + " is not bound");
    out.read_only = api::field(vol, {"persistentVolumeClaim", "readOnly"}) == true;
    const Json& spec = api::field(*pv, {"spec"});
    if (spec.contains("nfs")) {
      out.fs = disks.nfs_server(api::str_field(spec, {"nfs", "server"}));
      out.root = api::str_field(spec, {"nfs", "path"}, "/");
    } else if (spec.contains("hostPath") || spec.contains("local")) {
      out.fs = node_fs;
      out.root = spec.contains("hostPath") ? api::str_field(spec, {"hostPath", "path"}) : api::str_field(spec, {"local", "path"});
    } else {
      out.fs = disks.detached(pv_name);
      out.root = "/";
    }
    out.fs->mkdir(out.root, true);
    return "";
  }
  pod_owned(vol.contains("emptyDir") ? "kubernetes.io~empty-dir" : "kubernetes.io~other");
  return "";
}

std::string etc_hosts(const Json& pod, const std::string& ip) {
  std::string s =
      "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
      "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
  const std::string hostname = api::str_field(pod, {"spec", "hostname"}, api::meta::name(pod));
  const std::string subdomain = api::str_field(pod, {"spec", "subdomain"});
  if (!subdomain.empty())
    s += ip + "\t" + hostname + "." + subdomain + "." + api::meta::namespace_of(pod) + ".svc." +
         network::kClusterDomain + "\t" + hostname + "\n";
  else
    s += ip + "\t" + hostname + "\n";
  const Json& aliases = api::field(pod, {"spec", "hostAliases"});
  if (aliases.is_array() && !aliases.empty()) {
    s += "\n# Entries added by HostAliases.\n";
    for (const auto& a : aliases) {
      s += a.value("ip", "");
      if (a.contains("hostnames") && a["hostnames"].is_array())
        for (const auto& h : a["hostnames"]) s += "\t" + (h.is_string() ? h.get<std::string>() : "");
      s += "\n";
    }
  }
  return s;
}

std::string resolv_conf(const Json& pod) {
  const std::string policy = api::str_field(pod, {"spec", "dnsPolicy"}, "ClusterFirst");
  const bool host_net = api::field(pod, {"spec", "hostNetwork"}) == true;
  if (policy == "Default" || (host_net && policy == "ClusterFirst"))
    return "nameserver 172.31.0.2\nsearch localdomain\n";
  std::string search;
  for (const auto& d : network::search_path(api::meta::namespace_of(pod))) search += (search.empty() ? "" : " ") + d;
  return "search " + search + "\nnameserver " + std::string(network::kDnsServiceIP) + "\noptions ndots:5\n";
}

}  // namespace

std::string setup_volumes(api::ApiServer& api, Disks& disks, const std::string& node, const Json& pod,
                          const std::string& pod_ip, PodVolumes& out) {
  if (!disks.machine(node)) return "";
  const Json& vols = api::field(pod, {"spec", "volumes"});
  if (!vols.is_array()) return "";
  for (const auto& v : vols) {
    const std::string name = v.value("name", "");
    if (out.count(name)) continue;
    VolumeSource src;
    if (auto err = setup_one(api, disks, node, pod, pod_ip, v, src); !err.empty()) return err;
    out[name] = std::move(src);
  }
  return "";
}

void teardown_volumes(Disks& disks, const std::string& node, const std::string& pod_uid) {
  if (auto fs = disks.machine(node)) fs->remove(pod_dir(pod_uid), true);
}

void assemble_container_fs(term::MemoryFs& rootfs, const Json& pod, const Json& container, const std::string& pod_ip,
                           const PodVolumes& volumes) {
  rootfs.mkdir("/etc", true);
  rootfs.write("/etc/hosts", etc_hosts(pod, pod_ip), false);
  rootfs.write("/etc/hostname", api::str_field(pod, {"spec", "hostname"}, api::meta::name(pod)) + "\n", false);
  rootfs.write("/etc/resolv.conf", resolv_conf(pod), false);
  const Json& mounts = api::field(container, {"volumeMounts"});
  if (!mounts.is_array()) return;
  for (const auto& m : mounts) {
    auto it = volumes.find(m.value("name", ""));
    if (it == volumes.end() || !it->second.fs) continue;
    const VolumeSource& v = it->second;
    std::string root = v.root;
    const std::string sub = m.value("subPath", "");
    if (!sub.empty()) {
      // A subPath names a file (a configMap key mounted over one file, the tutorials'
      // nginx.conf) or a directory, created when missing.
      root = (root == "/" ? "" : root) + "/" + sub;
      if (!v.fs->exists(root)) v.fs->mkdir(root, true);
    }
    rootfs.mount(m.value("mountPath", "/"), v.fs, root, v.read_only || m.value("readOnly", false));
  }
}

}  // namespace kt::node
