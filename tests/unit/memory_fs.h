// A kt::term::FileSystem in memory for kubectl tests: files by the path as given,
// directories implied by the files under them plus those named in `dirs`.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/terminal/command_context.h"

namespace kt::testing {

class MemoryFs : public term::FileSystem {
 public:
  std::map<std::string, std::string> files;
  std::set<std::string, std::less<>> dirs;

  ReadResult read(std::string_view path) const override {
    auto it = files.find(std::string(path));
    if (it == files.end()) return {std::nullopt, "No such file or directory"};
    return {it->second, ""};
  }
  std::string write(std::string_view path, std::string_view data, bool append) override {
    files[std::string(path)] = (append ? files[std::string(path)] : "") + std::string(data);
    return "";
  }
  bool exists(std::string_view path) const override { return files.count(std::string(path)) || is_dir(path); }
  bool is_dir(std::string_view path) const override {
    if (dirs.count(path)) return true;
    const std::string prefix = std::string(path) + "/";
    for (const auto& entry : files)
      if (entry.first.rfind(prefix, 0) == 0) return true;
    return false;
  }
  std::vector<std::string> list(std::string_view dir) const override {
    std::vector<std::string> out;
    const std::string prefix = std::string(dir) + "/";
    for (const auto& entry : files) {
      const std::string& p = entry.first;
      if (p.rfind(prefix, 0) != 0) continue;
      std::string name = p.substr(prefix.size(), p.find('/', prefix.size()) - prefix.size());
      if (out.empty() || out.back() != name) out.push_back(name);
    }
    return out;
  }
  std::string absolute(std::string_view path) const override { return std::string(path); }
  std::string mkdir(std::string_view path, bool) override {
    dirs.insert(std::string(path));
    return "";
  }
  std::string remove(std::string_view path, bool) override {
    return files.erase(std::string(path)) ? "" : "No such file or directory";
  }
};

}  // namespace kt::testing
