// What is inside an image: the userland a shell in the container finds (which
// programs are on its PATH, which shell answers `sh`) and the files of a fresh
// root filesystem (nginx's /etc/nginx and html pages, /etc/os-release, …). The
// runtime gives each container instance its own copy; a restart starts from the
// image again, as with a real overlay filesystem.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "core/node/images.h"
#include "core/terminal/vfs.h"

namespace kt::node {

struct Userland {
  enum class Shell {
    None,     // distroless: no shell, nothing to exec but the image's own binary
    Busybox,  // busybox, alpine: ash is sh; busybox's applets
    Debian,   // Debian/Ubuntu/CentOS based: bash, and sh
  };
  Shell shell = Shell::None;
  std::set<std::string> programs;  // basenames on $PATH (shell builtins not included)
  std::string busybox_version;     // "1.37.0" for busybox/alpine userlands
  // The prompt an interactive root shell shows: "/ # " (ash), "root@web-0:/# " (bash).
  std::string prompt(const std::string& hostname, const std::string& cwd, bool bash) const;
};

Userland userland_of(const ImageInfo& image);

// A fresh root filesystem for a container of image.
std::shared_ptr<term::MemoryFs> make_rootfs(const ImageInfo& image, term::MemoryFs::Clock clock);

// nginx's html/index.html for a version ("1.15.12"): the page changed in 1.21.
std::string nginx_index_html(const std::string& version);

}  // namespace kt::node
