// What a command sees of the simulated host it runs on: that host's files, its
// standard input and its environment. The shell builds one per command; kubectl and
// the coreutils read `-f file`, `-f -`, `$KUBECONFIG`, … through it, so the same
// command behaves the same in the browser, the CLI and the tests.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kt::term {

// A host's filesystem. Paths are absolute or relative to the host's working
// directory; errors are reported as the Linux error text ("No such file or
// directory", "Is a directory", …) so callers can print `cmd: path: <text>`.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  struct ReadResult {
    std::optional<std::string> data;  // set on success
    std::string error;                // "No such file or directory", "Is a directory"
  };
  virtual ReadResult read(std::string_view path) const = 0;
  // Creates or replaces (append = false) the file; "" on success, else the error text.
  virtual std::string write(std::string_view path, std::string_view data, bool append) = 0;
  virtual bool exists(std::string_view path) const = 0;
  virtual bool is_dir(std::string_view path) const = 0;
  // Entry names of a directory, sorted; empty when it is not one.
  virtual std::vector<std::string> list(std::string_view dir) const = 0;
  // The absolute, normalised form of path ("a/../b" from /root → "/root/b").
  virtual std::string absolute(std::string_view path) const = 0;
};

struct CommandContext {
  FileSystem* fs = nullptr;                         // null: the command sees no files
  std::optional<std::string> stdin_data;            // set when stdin is a pipe, file or here-doc
  std::map<std::string, std::string> env;           // exported variables
  std::string host;                                 // the machine's hostname
};

}  // namespace kt::term
