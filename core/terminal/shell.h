// The sandbox shell: runs one command line on a simulated host (a cluster machine
// or a workstation) and returns what a Linux terminal would show. Shared by the
// browser terminal, `kubetab shell`, `kubetab run` and the tests.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/terminal/command_context.h"
#include "core/terminal/job.h"

namespace kt {
class Sandbox;

struct CommandResult {
  std::string output;  // stdout and stderr interleaved as a terminal shows them; "\n" line ends
  int exit_code = 0;
  // Set when the line was one command that keeps running (kubectl get -w, logs -f,
  // rollout status, sleep) in an interactive shell: the terminal streams the rest
  // of its output and reports its exit status with foreground_done(). Elsewhere such
  // a command runs to its end in fast-forward (see job.h) and this stays null.
  JobPtr job = nullptr;
  // Set when the command waits for an editor the terminal opens (kubectl edit with
  // vi or nano): what it does once the editor closes. The result may ask for the
  // editor again (kubectl re-opens the file with its errors).
  std::function<CommandResult()> resume = nullptr;
};

// A file to open in the terminal's editor (`vi FILE`, `nano FILE`, kubectl edit).
struct EditRequest {
  std::string path;            // as typed, on Shell::files()
  std::string editor = "vi";   // "vi" or "nano"
  // kubectl edit: runs when the editor closes (CommandResult::resume); null for a
  // plain `vi FILE`.
  std::function<CommandResult()> then = nullptr;
};

class Shell {
 public:
  explicit Shell(Sandbox& sandbox);
  ~Shell();

  // "[root@k8s-master ~]# "
  std::string prompt() const;
  // Runs input to completion (fast-forwarding virtual time if a command blocks,
  // except the interactive whole-line command that streams: CommandResult::job).
  // The input may span lines: a here-document, a for loop, a `\` continuation.
  CommandResult run(std::string_view line);
  // The input so far is an unfinished command (open quote, here-document without its
  // delimiter, `for` without `done`, trailing `|`, `&&` or `\`): the terminal shows
  // the "> " prompt and appends the next line (with "\n") before running it.
  bool needs_more(std::string_view text) const;
  // Tab completion of word: command names in command position, else paths on the
  // current host (directories end in "/"). Sorted.
  std::vector<std::string> complete(std::string_view word, bool command_position) const;
  // A terminal drives this shell: vi opens the editor (see take_edit_request).
  void set_interactive(bool on);
  // Something feeds keys to editors although the shell is not interactive
  // (`kubetab run` turns a script's lines into keystrokes): vi, nano and kubectl
  // edit ask for the editor as in a terminal.
  void set_editors(bool on);
  // The file `vi FILE`, `nano FILE` or kubectl edit asked to edit, once; empty
  // otherwise. The caller opens term::make_editor(req.editor, files(), req.path, …).
  std::optional<EditRequest> take_edit_request();
  // The editor of req closed: runs what waited for it (kubectl edit goes on) and
  // sets $? to its exit status. Its output; it may have asked for the editor again
  // (take_edit_request). An empty result for a request without a continuation.
  CommandResult editor_closed(EditRequest& req);
  // The current host's files.
  term::FileSystem& files();
  // The foreground job of the last line ended (or Ctrl-C stopped it, 130): $?.
  void foreground_done(int exit_code);
  // Background jobs (`cmd &`): what they printed since the last call.
  std::string poll_jobs();
  // Interactive: bash's "[1]+  Done                    cmd" lines for the jobs that
  // ended (each once; a job that ended within the line that started it, a prompt
  // later, as bash reaps it); the terminal prints them before the prompt.
  std::string job_notifications();
  // Set once `exit` or `logout` ran in the login shell.
  bool exit_requested() const;

 private:
  struct Impl;
  Sandbox& sandbox_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kt
