// The shell's insides, shared by the interpreter (exec.cpp) and the command files
// (builtins.cpp, coreutils_*.cpp, sed.cpp, awk.cpp, simulated.cpp): the hosts, the
// stack of login sessions (ssh pushes one, exit pops it), the command table and the
// calling convention of a command.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/node/rootfs.h"
#include "core/sim/time.h"
#include "core/terminal/expand.h"
#include "core/terminal/job.h"
#include "core/terminal/shell.h"
#include "core/terminal/syntax.h"
#include "core/terminal/vfs.h"

namespace kt {
class Sandbox;
}

namespace kt::term {

// One simulated machine: a cluster node's hostname, address and files.
struct Host {
  std::string name;
  std::string ip;
  bool control_plane = false;
  std::string os_image;
  std::string kernel;
  std::shared_ptr<MemoryFs> fs;  // the machine's disk (node::Disks), or a container's root
  std::optional<sim::Time> last_login;  // what sshd's "Last login:" line reports
  std::string last_login_from;

  // Set when the host is a container (kubectl exec/run): its pod, its image's
  // userland (which programs exist) and the environment the kubelet gave it.
  struct Container {
    std::string ns, pod, name, container_id;
    node::Userland userland;
    std::map<std::string, std::string> env;
  };
  std::optional<Container> container;
};

// A login shell on a host: its variables, working directory and $?.
struct Session {
  Host* host = nullptr;
  std::map<std::string, std::string> vars;
  std::map<std::string, std::vector<std::string>> arrays;  // NAME=(a b c)
  std::map<std::string, std::string> aliases;              // alias k=kubectl
  std::map<std::string, std::shared_ptr<const List>> functions;
  std::vector<std::string> positional;                     // $1 $2 …
  std::string arg0 = "-bash";                              // $0
  std::set<std::string> exported;
  std::string cwd = "/root";
  int last_exit = 0;
  int pid = 0;
  // The shell program: "-bash" (a login shell on a machine); in a container "bash",
  // "ash" (busybox) or "dash" (Debian's sh). Its error messages follow it.
  std::string shell = "-bash";
  // An interactive shell in a container (kubectl exec -it/run -it): what `exit`
  // prints once the session ends.
  std::function<std::string(int)> on_exit;
  bool container_session = false;
};

// Where a command reads and writes. out and err may be the same string (the
// terminal, or after 2>&1); in is null when stdin is the terminal (no data).
struct Io {
  const std::string* in = nullptr;
  std::string* out = nullptr;
  std::string* err = nullptr;
};

class ShellState;

struct Invocation {
  ShellState& sh;
  std::vector<std::string> argv;
  Io io;
  std::map<std::string, std::string> env;  // exported variables plus `VAR=v cmd` ones

  void out(std::string_view s) { io.out->append(s); }
  void err(std::string_view s) { io.err->append(s); }
  bool has_stdin() const { return io.in != nullptr; }
  // stdout is the terminal (ls lays names out in columns there, one per line elsewhere).
  bool to_terminal() const;
  const std::string& input() const;
  MemoryFs& fs();
  // A command that keeps running hands its job here: the terminal streams it when this
  // command is the whole interactive line (or `cmd &` makes it a background job),
  // else it runs to its end in fast-forward (job.h). The command's exit status.
  int run_job(JobPtr job);
  // err(msg) and return code: `return inv.fail("cat: x: No such file or directory\n");`
  int fail(std::string_view msg, int code = 1) {
    err(msg);
    return code;
  }
};

// A job started with `cmd &`, as bash's job table keeps it.
struct BackgroundJob {
  enum class State { Running, Done, Stopped };  // Stopped: killed by a signal
  int number = 0;        // %1
  int pid = 0;
  std::string command;   // the command as typed (roughly: words joined by spaces)
  JobPtr job;            // null: the command ended while it was started
  State state = State::Running;
  int exit_code = 0;
  std::string signal_name;  // "Terminated", "Killed", "Interrupt", "Hangup"
  bool fresh = true;        // started by the line just run: bash reports its end a prompt later
};

using CommandFn = int (*)(Invocation&);
struct CommandInfo {
  CommandFn fn = nullptr;
  std::string path;        // "/usr/bin/grep"; empty for shell builtins
  bool simulated = true;   // false: it only says that the sandbox does not simulate it
};
using CommandTable = std::map<std::string, CommandInfo, std::less<>>;

class ShellState {
 public:
  explicit ShellState(Sandbox& sandbox);

  Sandbox& sandbox;
  std::vector<std::unique_ptr<Host>> hosts;
  std::vector<Session> sessions;  // back(): the active shell; front(): the login shell
  CommandTable commands;
  std::vector<std::string> history;
  bool exit_requested = false;  // the login shell ran exit
  bool exiting = false;         // exit ran: the rest of the input is skipped
  int subshell_depth = 0;       // >0: exit ends a subshell, not the login
  int loop_control = 0;         // >0 break, <0 continue (pending for the innermost loop)
  bool returning = false;       // return ran: the rest of the function is skipped
  std::string* terminal = nullptr;  // the output string of the line being run (the screen)
  bool interactive = false;               // a Terminal drives this shell (vi can open)
  bool editors = false;                   // keys reach editors (a terminal, or kubetab run's script)
  // The simple command running now is the whole line, its output on the terminal
  // (a terminal's or kubetab run's line): kubectl edit may wait for vi or nano.
  bool at_prompt = false;
  const Command* line_command = nullptr;  // the line's one simple command (a terminal's or kubetab run's)
  // kubectl edit at the prompt is running its editor: vi and nano may open although
  // their output goes to kubectl.
  bool editor_launch = false;
  // How much of a stdin buffer `read` has consumed (a while-read loop's input).
  std::map<const std::string*, std::size_t> read_offsets;
  std::optional<EditRequest> edit_request;  // vi, nano or kubectl edit ran: the file to open
  // Streaming (job.h): the simple command that may hand its job over instead of
  // running it to the end (the interactive whole line, or a `cmd &`), whether the
  // command running now is that one with its output on the terminal, and the job
  // it handed over.
  const Command* streamable = nullptr;
  bool stream_allowed = false;
  JobPtr started_job;
  std::vector<BackgroundJob> jobs;  // in start order; numbers rise

  Session& session() { return sessions.back(); }
  MemoryFs& fs() { return *session().host->fs; }
  sim::Time now() const;

  // Parses and runs text with the given stdio; the exit status. whole_line: the
  // text is a terminal's (or kubetab run's) line, whose one simple command may
  // stream (interactive) or wait for an editor (at_prompt).
  int run_text(std::string_view text, Io io, bool whole_line = false);
  int exec_list(const List& list, Io io);
  // $(…), bash FILE, ssh HOST CMD: variable changes, cd and exit stay inside.
  int run_subshell(std::string_view text, Io io);
  int in_subshell(const std::function<int()>& body);
  // Runs body with $0 and $1… set (a script, a function, source), restoring them.
  int with_arguments(const std::string& arg0, std::vector<std::string> args, const std::function<int()>& body);

  std::optional<std::string> var(const std::string& name);
  void set_var(const std::string& name, const std::string& value);
  std::map<std::string, std::string> environment();

  // A hostname (as /etc/hosts on the current host lists it) or an address.
  Host* resolve(const std::string& name_or_ip);
  // Background jobs: polls each running one (its output), marks those that ended.
  std::string poll_jobs();
  // "[1]+  Done                    cmd" (jobs, notifications): marker '+' for the
  // current (newest) job, '-' for the one before.
  std::string job_line(const BackgroundJob& j, bool with_pid) const;
  BackgroundJob* find_job(const std::string& spec);
  int new_pid() {
    const int pid = next_pid_;
    next_pid_ += 17;
    return pid;
  }  // "%1", "%+", "%-", "%%"; null if none
  // ssh: opens a login shell on host (prints sshd's "Last login" line into out).
  void login(Host& host, std::string& out);
  // exit in an ssh session: back to the shell that ran ssh.
  void logout();

  // kubectl exec/run -i -t: runs req in its container (containers.cpp). An
  // interactive shell (-i -t, a shell, typed at the terminal) opens a session on the
  // container that takes the next lines until `exit`.
  ExecOutcome exec_in_container(const ExecRequest& req, const std::string* stdin_data);
  // exit in a container session: back to the shell that ran kubectl; what to print.
  std::string leave_container(int code);
  // "-bash: x: command not found", "sh: x: not found", … for the current shell.
  std::string not_found(const std::string& name) const;
  // A redirection that cannot open its file: "-bash: f: Permission denied",
  // busybox's "sh: can't create f: …", dash's "sh: 1: cannot create f: …".
  std::string redirect_error(const std::string& target, const std::string& error) const;
  // busybox applets say "can't open 'f': …" where GNU tools say "f: …".
  bool busybox_userland() const;

 private:
  int exec_and_or(const AndOr& a, Io io);
  int run_background(const AndOr& a, Io io);
  int exec_pipeline(const Pipeline& p, Io io);
  int exec_command(const Command& c, Io io);
  int exec_simple(const Command& c, Io io);
  int exec_loop(const Command& c, Io io);
  ExpandEnv expand_env(const Io& io, int* subst_status);
  int call(std::vector<std::string> argv, std::map<std::string, std::string> env, Io io);
  int next_pid_ = 1830;
  Host* container_host(const ExecRequest& req, std::string& error);
  std::map<std::string, std::unique_ptr<Host>> containers_;  // by container id
};

// Command sets, each in its own file.
void register_builtins(CommandTable& t);
void register_file_commands(CommandTable& t);
void register_text_commands(CommandTable& t);
void register_sed(CommandTable& t);
void register_awk(CommandTable& t);
void register_simulated(CommandTable& t);
void register_network(CommandTable& t);        // net_commands.cpp
void register_node_commands(CommandTable& t);  // node_commands.cpp
void register_image_programs(CommandTable& t); // image_programs.cpp
void register_job_commands(CommandTable& t);   // jobs.cpp: jobs, kill, fg, bg, wait
void register_editors(CommandTable& t);        // editor_launch.cpp: vi, vim, nano
// kubectl edit's editor (editor_launch.cpp): runs args + path (or, via_shell, the
// $SHELL -c line of args.back() + the Go-quoted path) on the current host. at_prompt:
// the kubectl command is the whole line, so vi or nano may open in the terminal
// (Status::Interactive, the edit request left in edit_request).
EditorOutcome run_editor(ShellState& sh, const std::vector<std::string>& args, bool via_shell,
                         const std::string& path, bool at_prompt);
// The text bash shows for a background command ("kubectl get pods -w").
std::string describe(const AndOr& a);

// Hosts of the sandbox's scenario, each with a fresh Linux file tree.
std::vector<std::unique_ptr<Host>> make_hosts(Sandbox& sandbox);

// Reads each file (or stdin for none or "-"), calling fn(name, data); a missing file
// prints "cmd: name: No such file or directory". Returns 1 if any failed, else 0.
int for_each_input(Invocation& inv, const std::vector<std::string>& files,
                   const std::function<void(const std::string&, const std::string&)>& fn);
// Splits text into lines without their "\n"; a last line without "\n" counts.
std::vector<std::string> split_lines(std::string_view text);
// "Wed Jan 15 09:12:00 UTC 2025" (date) or without the zone (sshd's Last login).
std::string ctime_string(sim::Time t, bool with_zone);
// The regular expression grammars of grep/sed/awk mapped onto std::regex (ECMAScript).
std::string bre_to_ecma(std::string_view bre);
std::string ere_to_ecma(std::string_view ere);

}  // namespace kt::term
