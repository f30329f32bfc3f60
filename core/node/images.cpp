#include "core/node/images.h"

#include <cstdio>
#include <functional>
#include <regex>

#include "core/util/names.h"

namespace kt::node {
namespace {

bool is_domain(const std::string& first) {
  return first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost";
}

// nginx minor versions and the last patch release of each (the tag "1.15" and
// "1.15-alpine" were last rebuilt from 1.15.12).
struct NginxMinor {
  int minor;
  int last_patch;
};
constexpr NginxMinor kNginx[] = {{9, 15},  {10, 3}, {11, 13}, {12, 2}, {13, 12}, {14, 2}, {15, 12},
                                 {16, 1},  {17, 10}, {18, 0}, {19, 10}, {20, 2}, {21, 6}, {22, 1},
                                 {23, 4},  {24, 0}, {25, 5}, {26, 3}, {27, 3}};
constexpr const char* kNginxLatest = "1.27.3";  // mainline at the scenarios' date (January 2025)
constexpr const char* kNginxStable = "1.26.3";

bool matches(const std::string& tag, const char* pattern) { return std::regex_match(tag, std::regex(pattern)); }

struct CatalogEntry {
  const char* name;  // repository's last path component
  ImageKind kind;
  std::int64_t size;
  std::vector<int> ports;
  std::function<bool(const std::string& tag)> has_tag;
};

const std::vector<CatalogEntry>& catalog() {
  static const std::vector<CatalogEntry> entries = {
      {"nginx", ImageKind::Server, 72188133, {80}, [](const std::string& t) { return !nginx_version_for_tag(t).empty(); }},
      {"busybox", ImageKind::Shell, 2155906, {},
       [](const std::string& t) {
         return t == "latest" || t == "stable" || t == "musl" || t == "glibc" || t == "uclibc" ||
                matches(t, R"(1\.(2[0-9]|3[0-7])(\.[0-9]+)?(-(musl|glibc|uclibc))?)");
       }},
      // polinux/stress: the memory-limit tutorial's allocator.
      {"stress", ImageKind::Shell, 4424406, {}, [](const std::string& t) { return t == "latest" || t == "1.0.4"; }},
      {"alpine", ImageKind::Shell, 3653068, {},
       [](const std::string& t) { return t == "latest" || matches(t, R"(3\.([0-9]|1[0-9]|2[01])(\.[0-9]+)?)"); }},
      {"perl", ImageKind::Perl, 336312084, {},
       [](const std::string& t) {
         return t == "latest" || t == "slim" || matches(t, R"(5(\.(8|[1-4][0-9])(\.[0-9]+)?)?(-slim)?(-[a-z]+)?)");
       }},
      {"tomcat", ImageKind::Server, 178935011, {8080},
       [](const std::string& t) { return t == "latest" || matches(t, R"((7|8|9|10|11)(\.[0-9]+){0,2}(-[a-z0-9.]+)*)"); }},
      {"elasticsearch", ImageKind::Server, 640323870, {9200, 9300},
       [](const std::string& t) { return matches(t, R"([5-8]\.[0-9]+\.[0-9]+)"); }},
      {"httpd", ImageKind::Server, 58312133, {80},
       [](const std::string& t) { return t == "latest" || matches(t, R"(2(\.[24](\.[0-9]+)?)?(-alpine)?)"); }},
      {"redis", ImageKind::Server, 45172841, {6379},
       [](const std::string& t) { return t == "latest" || t == "alpine" || matches(t, R"([3-7](\.[0-9]+){0,2}(-alpine)?)"); }},
      {"hello-app", ImageKind::Server, 10328415, {8080},
       [](const std::string& t) { return t == "1.0" || t == "2.0"; }},
      {"echo-server", ImageKind::Server, 7419023, {8080}, [](const std::string&) { return true; }},
      {"pause", ImageKind::Pause, 320368, {}, [](const std::string& t) { return matches(t, R"(3\.[0-9]+(\.[0-9]+)?)"); }},
      // Cluster components: every published tag of theirs resolves.
      {"etcd", ImageKind::Server, 57680541, {2379, 2380, 2381}, [](const std::string& t) { return matches(t, R"(v?3\..*)"); }},
      {"kube-apiserver", ImageKind::Server, 28672012, {6443}, [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"kube-controller-manager", ImageKind::Server, 26264830, {10257},
       [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"kube-scheduler", ImageKind::Server, 20658889, {10259}, [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"kube-proxy", ImageKind::Server, 30908470, {10249}, [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"coredns", ImageKind::Server, 18562039, {53, 8080, 8181, 9153}, [](const std::string& t) { return t.rfind("v1.", 0) == 0 || t.rfind("1.", 0) == 0; }},
      {"node", ImageKind::Server, 142391412, {}, [](const std::string& t) { return t.rfind("v3.", 0) == 0; }},  // calico/node
      {"cni", ImageKind::Server, 94537418, {}, [](const std::string& t) { return t.rfind("v3.", 0) == 0; }},
      {"kube-controllers", ImageKind::Server, 35080116, {}, [](const std::string& t) { return t.rfind("v3.", 0) == 0; }},
      {"controller", ImageKind::Server, 105367183, {80, 443}, [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"kube-webhook-certgen", ImageKind::Shell, 21587093, {}, [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"dashboard", ImageKind::Server, 75006224, {8443, 9090}, [](const std::string& t) { return t.rfind("v2.", 0) == 0; }},
      {"metrics-scraper", ImageKind::Server, 19746404, {8000}, [](const std::string& t) { return t.rfind("v1.", 0) == 0; }},
      {"nfs-client-provisioner", ImageKind::Server, 17823514, {}, [](const std::string&) { return true; }},
      {"nfs-subdir-external-provisioner", ImageKind::Server, 18244839, {}, [](const std::string& t) { return t.rfind("v4.", 0) == 0; }},
      {"local-path-provisioner", ImageKind::Server, 19582316, {}, [](const std::string& t) { return t.rfind("v0.", 0) == 0; }},
      {"filebeat", ImageKind::Server, 122548379, {}, [](const std::string& t) { return matches(t, R"([5-8]\.[0-9]+\.[0-9]+)"); }},
      {"node-exporter", ImageKind::Server, 11815934, {9100}, [](const std::string& t) { return t.rfind("v", 0) == 0 || t == "latest"; }},
      {"metrics-server", ImageKind::Server, 19085440, {10250}, [](const std::string& t) { return t.rfind("v0.", 0) == 0; }},
  };
  return entries;
}

std::string digest_of(const std::string& full) {
  static const char* hex = "0123456789abcdef";
  std::string out = "sha256:";
  std::uint32_t h = util::fnv32a(full);
  for (int i = 0; i < 8; ++i) {
    h = util::fnv32a(full, h ^ static_cast<std::uint32_t>(i * 2654435761u));
    for (int k = 0; k < 8; ++k) out += hex[(h >> (k * 4)) & 0xf];
  }
  return out;
}

}  // namespace

std::string ImageRef::full() const {
  std::string out = domain + "/" + repository;
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

std::string ImageRef::short_name() const {
  const auto slash = repository.rfind('/');
  return slash == std::string::npos ? repository : repository.substr(slash + 1);
}

std::optional<ImageRef> parse_image(const std::string& image) {
  static const std::regex component(R"([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)");
  static const std::regex tag_re(R"([\w][\w.-]{0,127})");
  if (image.empty() || image != std::string(image.c_str())) return std::nullopt;
  ImageRef ref;
  std::string rest = image;
  if (auto at = rest.find('@'); at != std::string::npos) {
    ref.digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
    if (!std::regex_match(ref.digest, std::regex(R"(sha256:[0-9a-f]{64})"))) return std::nullopt;
  }
  // A tag is after the last ':' that follows the last '/'.
  const auto last_slash = rest.rfind('/');
  const auto colon = rest.rfind(':');
  if (colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash)) {
    ref.tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (!std::regex_match(ref.tag, tag_re)) return std::nullopt;
  }
  const auto first_slash = rest.find('/');
  if (first_slash != std::string::npos && is_domain(rest.substr(0, first_slash))) {
    ref.domain = rest.substr(0, first_slash);
    ref.repository = rest.substr(first_slash + 1);
  } else {
    ref.domain = "docker.io";
    ref.repository = rest;
  }
  if (ref.domain == "index.docker.io") ref.domain = "docker.io";
  if (ref.domain == "docker.io" && ref.repository.find('/') == std::string::npos)
    ref.repository = "library/" + ref.repository;
  if (ref.repository.empty()) return std::nullopt;
  std::size_t start = 0;
  while (start <= ref.repository.size()) {
    const auto end = ref.repository.find('/', start);
    const std::string part = ref.repository.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!std::regex_match(part, component)) return std::nullopt;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  return ref;
}

std::string nginx_version_for_tag(const std::string& tag) {
  std::string t = tag;
  for (const char* suffix : {"-alpine-slim", "-alpine-perl", "-alpine", "-perl", "-bookworm"}) {
    const std::string s = suffix;
    if (t.size() > s.size() && t.compare(t.size() - s.size(), s.size(), s) == 0) {
      t = t.substr(0, t.size() - s.size());
      break;
    }
  }
  if (t == "latest" || t == "mainline" || t == "alpine" || t == "perl") return kNginxLatest;
  if (t == "stable") return kNginxStable;
  int major = 0, minor = 0, patch = -1;
  char tail = 0;
  const int n = std::sscanf(t.c_str(), "%d.%d.%d%c", &major, &minor, &patch, &tail);
  if (major != 1 || n < 2 || n == 4) return "";
  if (n == 2 && t != "1." + std::to_string(minor)) return "";
  for (const auto& m : kNginx) {
    if (m.minor != minor) continue;
    if (n == 2) return "1." + std::to_string(minor) + "." + std::to_string(m.last_patch);
    if (patch >= 0 && patch <= m.last_patch && t == "1." + std::to_string(minor) + "." + std::to_string(patch))
      return t;
    return "";
  }
  return "";
}

PullResult resolve_image(const std::string& image) {
  PullResult r;
  auto ref = parse_image(image);
  if (!ref) {
    r.error = "couldn't parse image name \"" + image + "\": invalid reference format";
    return r;
  }
  const std::string name = ref->short_name();
  const std::string shown = ref->full();
  for (const auto& e : catalog()) {
    if (name != e.name) continue;
    if (!ref->digest.empty() || e.has_tag(ref->tag)) {
      ImageInfo info;
      info.ref = *ref;
      info.kind = e.kind;
      info.size_bytes = e.size;
      info.ports = e.ports;
      info.digest = ref->digest.empty() ? digest_of(shown) : ref->digest;
      if (name == "nginx") info.version = nginx_version_for_tag(ref->tag);
      r.image = info;
      return r;
    }
    r.error = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + shown +
              "\": failed to resolve reference \"" + shown + "\": " + shown + ": not found";
    return r;
  }
  r.error = "failed to pull and unpack image \"" + shown + "\": failed to resolve reference \"" + shown +
            "\": pull access denied, repository does not exist or may require authorization: server message: "
            "insufficient_scope: authorization failed";
  return r;
}

}  // namespace kt::node
