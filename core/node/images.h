// Simulated container images: a reference parser (docker's normalisation rules) and
// a catalog of the images the tutorials use, as data: which tags exist, how big
// they are, what their default process does and which ports it serves.
//
//   "nginx"                → docker.io/library/nginx:latest
//   "nginx:1.15-alpine"    → docker.io/library/nginx:1.15-alpine
//   "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns:v1.11.3"
//                          → the mirror is kept as the name; the catalog entry is found
//                            by the repository's last path component (mirrors resolve
//                            to the same images).
// An image or tag that is not in the catalog does not exist: pulling it fails with
// containerd's NotFound / access-denied message, as a real registry answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kt::node {

struct ImageRef {
  std::string domain;      // "docker.io", "registry.k8s.io", …
  std::string repository;  // "library/nginx"
  std::string tag;         // "latest" when none is given (and no digest)
  std::string digest;      // "sha256:…" when pinned
  // The fully qualified name containerd reports: "docker.io/library/nginx:1.14.2".
  std::string full() const;
  // The last path component of the repository: "nginx".
  std::string short_name() const;
};

// Parses like docker's reference.ParseNormalizedNamed; nullopt for an invalid
// reference (the kubelet then reports InvalidImageName).
std::optional<ImageRef> parse_image(const std::string& image);

enum class ImageKind {
  Server,  // a long-running daemon (nginx, tomcat, …); SIGTERM ends it at once
  Shell,   // busybox/alpine-like: runs its command; default `sh` exits at once without a TTY
  Perl,    // perl: runs its command; default exits
  Pause,   // the pod sandbox
};

struct ImageInfo {
  ImageRef ref;
  ImageKind kind = ImageKind::Server;
  std::int64_t size_bytes = 0;
  std::vector<int> ports;     // what the default process listens on
  std::string version;        // e.g. nginx's full version for `nginx -v`: "1.15.12"
  std::string digest;         // "sha256:<64 hex>", stable per image and tag
};

// What a pull of `image` finds: the image, or the error message containerd gives
// ("rpc error: code = NotFound desc = failed to pull and unpack image …").
struct PullResult {
  std::optional<ImageInfo> image;
  std::string error;
};
PullResult resolve_image(const std::string& image);

// nginx's full version for a tag ("1.15-alpine" → "1.15.12", "latest" → "1.27.3");
// "" when the tag is not one nginx published.
std::string nginx_version_for_tag(const std::string& tag);

}  // namespace kt::node
