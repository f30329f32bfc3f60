// What a command sees of the simulated host it runs on: that host's files, its
// standard input and its environment. The shell builds one per command; kubectl and
// the coreutils read `-f file`, `-f -`, `$KUBECONFIG`, … through it, so the same
// command behaves the same in the browser, the CLI and the tests.
#pragma once

#include <functional>
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
  // Creates a directory (and its parents); "" or the error text.
  virtual std::string mkdir(std::string_view path, bool parents) = 0;
  // Deletes a file (a directory needs recursive); "" or the error text.
  virtual std::string remove(std::string_view path, bool recursive) = 0;
};

// A command to run in a container (kubectl exec, run -i/-t, attach).
struct ExecRequest {
  std::string ns, pod, container;
  std::vector<std::string> argv;
  bool with_stdin = false;  // -i: the command reads the caller's standard input (not `stdin`: a libc macro)
  bool tty = false;    // -t
  // Set: the command's standard input is this text rather than the caller's
  // (kubectl cp streams a file into the container).
  std::optional<std::string> input;
  // Printed before an interactive shell's first prompt ("If you don't see a command
  // prompt, try pressing enter.").
  std::string banner;
  // Run when an interactive session ends (exit): what it returns is printed
  // ("Session ended, resume using …", `pod "x" deleted` for --rm).
  std::function<std::string(int exit_code)> on_exit;
};

struct ExecOutcome {
  std::string output;  // what the command wrote (stdout and stderr as the terminal shows them)
  int exit_code = 0;
  bool session_opened = false;  // an interactive shell now takes the terminal's lines
  std::string error;            // the runtime could not run it (kubectl prints it and exits 1)
};

// What running the user's editor on a file came to (kubectl edit, see
// CommandContext::launch_editor).
struct EditorOutcome {
  enum class Status {
    Exited,       // the editor ran and exited with exit_code; the file is as it left it
    NotFound,     // the program does not exist (kubectl: "unable to launch the editor")
    Interactive,  // vi/nano opened in the terminal: the command resumes when it closes
  };
  Status status = Status::Exited;
  int exit_code = 0;
  std::string output;  // what the editor printed (a sed error, ...)
};

struct CommandContext {
  FileSystem* fs = nullptr;                         // null: the command sees no files
  std::optional<std::string> stdin_data;            // set when stdin is a pipe, file or here-doc
  std::map<std::string, std::string> env;           // exported variables
  std::string host;                                 // the machine's hostname
  // Runs a command in a container on the shell that runs kubectl; null where there
  // is no shell (the HTTP façade, unit tests of kubectl alone).
  std::function<ExecOutcome(const ExecRequest&)> exec;
  // Runs the user's editor on path, as kubectl's editor package starts it: args is
  // the program and its arguments (path is appended), or with via_shell the
  // $SHELL -c line (path is appended, Go-quoted). Null where there is no shell.
  std::function<EditorOutcome(const std::vector<std::string>& args, bool via_shell, const std::string& path)>
      launch_editor;
};

}  // namespace kt::term
