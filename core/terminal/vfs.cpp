// The in-memory filesystem of a simulated host (see vfs.h).
#include "core/terminal/vfs.h"

namespace kt::term {

std::string dirname_of(std::string_view abs) {
  auto slash = abs.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(abs.substr(0, slash));
}

std::string basename_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos || path == "/") return std::string(path);
  return std::string(path.substr(slash + 1));
}

MemoryFs::MemoryFs(Clock clock) : clock_(std::move(clock)) {
  nodes_["/"] = Node{.dir = true, .data = "", .mode = 0555, .mtime = clock_()};
}

std::string MemoryFs::absolute(std::string_view path) const {
  std::string full = !path.empty() && path[0] == '/' ? std::string(path) : cwd_ + "/" + std::string(path);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= full.size()) {
    auto j = full.find('/', i);
    if (j == std::string::npos) j = full.size();
    std::string part = full.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

std::string MemoryFs::check_parent(const std::string& abs) const {
  auto it = nodes_.find(dirname_of(abs));
  if (it == nodes_.end()) return "No such file or directory";
  if (!it->second.dir) return "Not a directory";
  return "";
}

constexpr const char* kReadOnly = "Read-only file system";

std::optional<MemoryFs::Routed> MemoryFs::route(const std::string& abs) const {
  if (mounts_.empty()) return std::nullopt;
  // The longest mount point that is abs or a parent of it.
  for (auto it = mounts_.rbegin(); it != mounts_.rend(); ++it) {
    const std::string& at = it->first;
    if (abs != at && abs.compare(0, at.size() + 1, at + "/") != 0) continue;
    const std::string rest = abs.substr(at.size());  // "" or "/x/y"
    const Mount& m = it->second;
    std::string inner = m.root == "/" ? (rest.empty() ? "/" : rest) : m.root + rest;
    return Routed{m.fs.get(), std::move(inner), m.read_only};
  }
  return std::nullopt;
}

bool MemoryFs::holds_mount(const std::string& abs) const {
  for (const auto& [at, m] : mounts_)
    if (at == abs || at.compare(0, abs.size() + 1, abs == "/" ? "/" : abs + "/") == 0) return true;
  return false;
}

bool MemoryFs::is_mount_point(std::string_view path) const { return mounts_.count(absolute(path)) > 0; }

// `root` may also be a file: it is then bind-mounted over the file `at` (created
// empty when missing), as a hostPath file or a subPath key is.
std::string MemoryFs::mount(std::string_view at, std::shared_ptr<MemoryFs> fs, std::string_view root, bool read_only) {
  const std::string abs = absolute(at);
  if (!fs) return "No such device";
  if (!fs->exists(root)) return "No such file or directory";
  if (!route(abs)) {
    if (fs->is_dir(root)) {
      if (auto err = mkdir(abs, true); !err.empty()) return err;
    } else {
      // A file bind-mounts over a file: the runtime creates an empty one to mount on.
      if (auto err = mkdir(dirname_of(abs), true); !err.empty()) return err;
      if (is_dir(abs)) return "Not a directory";
      if (!exists(abs)) write(abs, "", false);
    }
  }
  mounts_[abs] = Mount{std::move(fs), std::string(root), read_only};
  return "";
}

FileSystem::ReadResult MemoryFs::read(std::string_view path) const {
  if (auto r = route(absolute(path))) return r->fs->read(r->path);
  auto it = nodes_.find(absolute(path));
  if (it == nodes_.end()) return {std::nullopt, "No such file or directory"};
  if (it->second.dir) return {std::nullopt, "Is a directory"};
  return {it->second.data, ""};
}

std::string MemoryFs::write(std::string_view path, std::string_view data, bool append) {
  const std::string abs = absolute(path);
  if (auto r = route(abs)) return r->read_only ? kReadOnly : r->fs->write(r->path, data, append);
  auto it = nodes_.find(abs);
  if (it != nodes_.end()) {
    if (it->second.dir) return "Is a directory";
    if (append) it->second.data.append(data);
    else it->second.data.assign(data);
    it->second.mtime = clock_();
    return "";
  }
  if (auto err = check_parent(abs); !err.empty()) return err;
  nodes_[abs] = Node{.dir = false, .data = std::string(data), .mode = 0644, .mtime = clock_()};
  return "";
}

bool MemoryFs::exists(std::string_view path) const {
  const std::string abs = absolute(path);
  if (auto r = route(abs)) return r->fs->exists(r->path);
  return nodes_.count(abs) > 0;
}

bool MemoryFs::is_dir(std::string_view path) const {
  if (auto r = route(absolute(path))) return r->fs->is_dir(r->path);
  auto it = nodes_.find(absolute(path));
  return it != nodes_.end() && it->second.dir;
}

std::vector<std::string> MemoryFs::list(std::string_view dir) const {
  std::vector<std::string> out;
  const std::string abs = absolute(dir);
  if (auto r = route(abs)) return r->fs->list(r->path);
  auto it = nodes_.find(abs);
  if (it == nodes_.end() || !it->second.dir) return out;
  const std::string prefix = abs == "/" ? "/" : abs + "/";
  for (auto c = nodes_.lower_bound(prefix); c != nodes_.end() && c->first.compare(0, prefix.size(), prefix) == 0; ++c) {
    std::string rest = c->first.substr(prefix.size());
    if (!rest.empty() && rest.find('/') == std::string::npos) out.push_back(rest);
  }
  return out;
}

std::optional<MemoryFs::Stat> MemoryFs::stat(std::string_view path) const {
  if (auto r = route(absolute(path))) return r->fs->stat(r->path);
  auto it = nodes_.find(absolute(path));
  if (it == nodes_.end()) return std::nullopt;
  const Node& n = it->second;
  return Stat{.dir = n.dir, .size = n.dir ? 4096 : n.data.size(), .mode = n.mode, .mtime = n.mtime};
}

std::string MemoryFs::mkdir(std::string_view path, bool parents) {
  const std::string abs = absolute(path);
  if (auto r = route(abs)) {
    if (r->read_only) return r->fs->exists(r->path) ? "File exists" : kReadOnly;
    return r->fs->mkdir(r->path, parents);
  }
  if (auto it = nodes_.find(abs); it != nodes_.end()) {
    if (parents && it->second.dir) return "";
    return "File exists";
  }
  if (parents) {
    std::string parent = dirname_of(abs);
    if (parent != abs) {
      if (auto err = mkdir(parent, true); !err.empty()) return err;
    }
  } else if (auto err = check_parent(abs); !err.empty()) {
    return err;
  }
  auto p = nodes_.find(dirname_of(abs));
  if (p == nodes_.end()) return "No such file or directory";
  if (!p->second.dir) return "Not a directory";
  nodes_[abs] = Node{.dir = true, .data = "", .mode = 0755, .mtime = clock_()};
  return "";
}

std::string MemoryFs::remove(std::string_view path, bool recursive) {
  const std::string abs = absolute(path);
  if (mounts_.count(abs)) return "Device or resource busy";
  if (auto r = route(abs)) return r->read_only ? kReadOnly : r->fs->remove(r->path, recursive);
  if (recursive && holds_mount(abs)) return "Device or resource busy";
  auto it = nodes_.find(abs);
  if (it == nodes_.end()) return "No such file or directory";
  if (it->second.dir && !recursive) return "Is a directory";
  if (abs == "/") return "Device or resource busy";
  if (it->second.dir) {
    const std::string prefix = abs + "/";
    for (auto c = nodes_.lower_bound(prefix); c != nodes_.end() && c->first.compare(0, prefix.size(), prefix) == 0;)
      c = nodes_.erase(c);
  }
  nodes_.erase(abs);
  return "";
}

std::string MemoryFs::rename(std::string_view from, std::string_view to) {
  const std::string src = absolute(from);
  std::string dst = absolute(to);
  if (is_dir(dst)) dst = (dst == "/" ? "" : dst) + "/" + basename_of(src);
  if (mounts_.count(src) || holds_mount(src)) return "Device or resource busy";
  {
    auto rs = route(src), rd = route(dst);
    if (rs || rd) {
      if (!rs || !rd || rs->fs != rd->fs) return "Invalid cross-device link";
      if (rs->read_only || rd->read_only) return kReadOnly;
      return rs->fs->rename(rs->path, rd->path);
    }
  }
  auto it = nodes_.find(src);
  if (it == nodes_.end()) return "No such file or directory";
  if (dst == src) return "";
  if (dst.compare(0, src.size() + 1, src + "/") == 0) return "Invalid argument";
  if (auto err = check_parent(dst); !err.empty()) return err;
  if (auto d = nodes_.find(dst); d != nodes_.end()) {
    if (d->second.dir != it->second.dir) return d->second.dir ? "Is a directory" : "Not a directory";
    remove(dst, true);
  }
  std::vector<std::pair<std::string, Node>> moved;
  const std::string prefix = src + "/";
  for (auto c = nodes_.lower_bound(prefix); c != nodes_.end() && c->first.compare(0, prefix.size(), prefix) == 0;) {
    moved.emplace_back(dst + "/" + c->first.substr(prefix.size()), c->second);
    c = nodes_.erase(c);
  }
  Node n = nodes_[src];
  nodes_.erase(src);
  nodes_[dst] = n;
  for (auto& [p, m] : moved) nodes_[p] = m;
  return "";
}

std::string MemoryFs::chmod(std::string_view path, int mode) {
  if (auto r = route(absolute(path))) return r->read_only ? kReadOnly : r->fs->chmod(r->path, mode);
  auto it = nodes_.find(absolute(path));
  if (it == nodes_.end()) return "No such file or directory";
  it->second.mode = mode;
  return "";
}

std::string MemoryFs::touch(std::string_view path) {
  if (auto r = route(absolute(path))) return r->read_only ? kReadOnly : r->fs->touch(r->path);
  auto it = nodes_.find(absolute(path));
  if (it != nodes_.end()) {
    it->second.mtime = clock_();
    return "";
  }
  return write(path, "", true);
}

std::string MemoryFs::chdir(std::string_view path) {
  const std::string abs = absolute(path);
  if (!exists(abs)) return "No such file or directory";
  if (!is_dir(abs)) return "Not a directory";
  cwd_ = abs;
  return "";
}

}  // namespace kt::term
