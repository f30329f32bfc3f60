// Bind mounts in the hosts' in-memory filesystems: what a container sees of its
// volumes (core/terminal/vfs.h).
#include <catch2/catch.hpp>

#include "core/terminal/vfs.h"

using kt::term::MemoryFs;

namespace {
kt::sim::Time zero() { return kt::sim::Time{}; }
}  // namespace

TEST_CASE("a bind mount shows another filesystem's directory; writes land there", "[vfs]") {
  auto node = std::make_shared<MemoryFs>(zero);
  node->mkdir("/data/k8s/web-0", true);
  node->write("/data/k8s/web-0/old.txt", "kept\n", false);
  MemoryFs root(zero);
  REQUIRE(root.mount("/usr/share/nginx/html", node, "/data/k8s/web-0", false) == "");
  CHECK(root.is_dir("/usr/share/nginx/html"));
  CHECK(root.is_mount_point("/usr/share/nginx/html"));
  CHECK(root.read("/usr/share/nginx/html/old.txt").data == std::optional<std::string>("kept\n"));
  REQUIRE(root.write("/usr/share/nginx/html/index.html", "hello web-0\n", false) == "");
  CHECK(node->read("/data/k8s/web-0/index.html").data == std::optional<std::string>("hello web-0\n"));
  CHECK(root.list("/usr/share/nginx/html") == std::vector<std::string>{"index.html", "old.txt"});
  CHECK(root.list("/usr/share/nginx") == std::vector<std::string>{"html"});
  REQUIRE(root.chdir("/usr/share/nginx/html") == "");
  CHECK(root.read("index.html").data == std::optional<std::string>("hello web-0\n"));
  CHECK(root.mkdir("sub", false) == "");
  CHECK(node->is_dir("/data/k8s/web-0/sub"));
}

TEST_CASE("read-only mounts, busy mount points and cross-device renames fail as Linux does", "[vfs]") {
  auto files = std::make_shared<MemoryFs>(zero);
  files->mkdir("/cm", true);
  files->write("/cm/key", "value", false);
  MemoryFs root(zero);
  REQUIRE(root.mount("/etc/config", files, "/cm", true) == "");
  CHECK(root.read("/etc/config/key").data == std::optional<std::string>("value"));
  CHECK(root.write("/etc/config/key", "x", false) == "Read-only file system");
  CHECK(root.remove("/etc/config/key", false) == "Read-only file system");
  CHECK(root.touch("/etc/config/new") == "Read-only file system");
  CHECK(root.remove("/etc/config", true) == "Device or resource busy");
  CHECK(root.remove("/etc", true) == "Device or resource busy");
  root.write("/tmp-file", "t", false);
  CHECK(root.rename("/tmp-file", "/etc/config/moved") == "Invalid cross-device link");
  CHECK(root.mount("/x", files, "/missing", false) == "No such file or directory");
}
