// A host's in-memory filesystem: directories and regular files under "/", a working
// directory, Linux permission bits and modification times in virtual time. It
// implements kt::term::FileSystem for kubectl and adds what coreutils need (mkdir,
// rm, mv, chmod, stat). Errors are the Linux strerror texts.
//
// Mounts: mount(at, fs, root) makes the directory `root` of another MemoryFs
// appear at `at` (a bind mount), read-write or read-only. A container's root
// filesystem mounts its volumes this way: an emptyDir or hostPath directory of the
// node's own filesystem, an NFS export of the machine serving it, the files the
// kubelet wrote for a configMap. Writes through the mount land in the other
// filesystem, so every container and host that mounts it sees them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sim/time.h"
#include "core/terminal/command_context.h"

namespace kt::term {

class MemoryFs : public FileSystem {
 public:
  using Clock = std::function<sim::Time()>;
  explicit MemoryFs(Clock clock);

  ReadResult read(std::string_view path) const override;
  std::string write(std::string_view path, std::string_view data, bool append) override;
  bool exists(std::string_view path) const override;
  bool is_dir(std::string_view path) const override;
  std::vector<std::string> list(std::string_view dir) const override;
  std::string absolute(std::string_view path) const override;

  struct Stat {
    bool dir = false;
    std::size_t size = 0;
    int mode = 0644;
    sim::Time mtime;
  };
  std::optional<Stat> stat(std::string_view path) const;

  // Each returns "" on success, else the error text ("File exists", "Not a directory", …).
  std::string mkdir(std::string_view path, bool parents) override;
  std::string remove(std::string_view path, bool recursive) override;  // a directory needs recursive
  std::string rename(std::string_view from, std::string_view to);
  std::string chmod(std::string_view path, int mode);
  std::string touch(std::string_view path);

  const std::string& cwd() const { return cwd_; }
  std::string chdir(std::string_view path);

  // Bind-mounts directory `root` of `fs` at `at` (created, with its parents, if
  // missing); a later mount at the same place replaces it. "" or the error text.
  std::string mount(std::string_view at, std::shared_ptr<MemoryFs> fs, std::string_view root, bool read_only);
  bool is_mount_point(std::string_view path) const;

 private:
  struct Mount {
    std::shared_ptr<MemoryFs> fs;
    std::string root;
    bool read_only = false;
  };
  // Where an absolute path lives when it is under a mount: the other filesystem and
  // the path there.
  struct Routed {
    MemoryFs* fs;
    std::string path;
    bool read_only;
  };
  std::optional<Routed> route(const std::string& abs) const;
  // Whether abs is a mount point or contains one (rm -r and mv refuse them).
  bool holds_mount(const std::string& abs) const;

  struct Node {
    bool dir = false;
    std::string data;
    int mode = 0644;
    sim::Time mtime;
  };
  // The parent of an absolute path must exist and be a directory.
  std::string check_parent(const std::string& abs) const;

  Clock clock_;
  std::map<std::string, Node> nodes_;  // absolute path → node; "/" always present
  std::map<std::string, Mount> mounts_;  // mount point → what is mounted there
  std::string cwd_ = "/";
};

// Splits "/a/b/c" into ("/a/b", "c"); "/a" into ("/", "a").
std::string dirname_of(std::string_view abs);
std::string basename_of(std::string_view path);

}  // namespace kt::term
