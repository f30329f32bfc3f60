// A host's in-memory filesystem: directories and regular files under "/", a working
// directory, Linux permission bits and modification times in virtual time. It
// implements kt::term::FileSystem for kubectl and adds what coreutils need (mkdir,
// rm, mv, chmod, stat). Errors are the Linux strerror texts.
#pragma once

#include <functional>
#include <map>
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
  std::string mkdir(std::string_view path, bool parents);
  std::string remove(std::string_view path, bool recursive);  // a directory needs recursive
  std::string rename(std::string_view from, std::string_view to);
  std::string chmod(std::string_view path, int mode);
  std::string touch(std::string_view path);

  const std::string& cwd() const { return cwd_; }
  std::string chdir(std::string_view path);

 private:
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
  std::string cwd_ = "/";
};

// Splits "/a/b/c" into ("/a/b", "c"); "/a" into ("/", "a").
std::string dirname_of(std::string_view abs);
std::string basename_of(std::string_view path);

}  // namespace kt::term
