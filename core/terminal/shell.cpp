// The sandbox shell's public face (see shell.h): the login session on the
// scenario's login host, the prompt, history, and one entry point for input. The
// grammar lives in lexer.cpp/parser.cpp, expansion in expand.cpp/arith.cpp, the
// interpreter in exec.cpp, the hosts and their files in hosts.cpp/vfs.cpp, the
// commands in builtins.cpp, coreutils_*.cpp, sed.cpp, awk.cpp and simulated.cpp, and
// the editors in editor.cpp (vi), editor_nano.cpp and editor_launch.cpp (the
// Terminal or `kubetab run` opens them when `vi FILE`, `nano FILE` or kubectl edit
// asks).
#include "core/terminal/shell.h"

#include <algorithm>

#include "core/cluster/scenario.h"
#include "core/sandbox.h"
#include "core/terminal/shell_state.h"

namespace kt {

struct Shell::Impl {
  explicit Impl(Sandbox& sb) : state(sb) {}
  term::ShellState state;
};

Shell::Shell(Sandbox& sandbox) : sandbox_(sandbox), impl_(std::make_unique<Impl>(sandbox)) {
  term::ShellState& st = impl_->state;
  term::Host* login = st.hosts.front().get();
  for (auto& h : st.hosts)
    if (h->name == sandbox.scenario().login_host) login = h.get();
  std::string banner;  // the terminal prints its own welcome
  st.login(*login, banner);
}

Shell::~Shell() = default;

bool Shell::exit_requested() const { return impl_->state.exit_requested; }

void Shell::set_interactive(bool on) {
  impl_->state.interactive = on;
  impl_->state.editors = on;
}

void Shell::set_editors(bool on) { impl_->state.editors = on; }

std::optional<EditRequest> Shell::take_edit_request() {
  auto r = std::move(impl_->state.edit_request);
  impl_->state.edit_request.reset();
  return r;
}

CommandResult Shell::editor_closed(EditRequest& req) {
  if (!req.then) return {};
  term::ShellState& st = impl_->state;
  auto then = std::move(req.then);
  req.then = nullptr;
  CommandResult r = then();
  st.session().last_exit = r.exit_code;
  // It asked for the editor again (kubectl edit re-opens the file): it goes on from there.
  if (r.resume && st.edit_request) st.edit_request->then = std::move(r.resume);
  if (!st.jobs.empty()) r.output = st.poll_jobs() + r.output;
  return r;
}

term::FileSystem& Shell::files() { return impl_->state.fs(); }

std::string Shell::prompt() const {
  const term::Session& s = impl_->state.sessions.back();
  if (const auto& c = s.host->container) return c->userland.prompt(s.host->name, s.cwd, s.shell == "bash");
  const std::string home = s.vars.count("HOME") ? s.vars.at("HOME") : "/root";
  if (s.host->os_image.rfind("Ubuntu", 0) == 0)  // Debian's PS1: \u@\h:\w\$
    return "root@" + s.host->name + ":" + (s.cwd == home ? "~" : s.cwd.rfind(home + "/", 0) == 0 ? "~" + s.cwd.substr(home.size()) : s.cwd) + "# ";
  const std::string where = s.cwd == home ? "~" : term::basename_of(s.cwd);
  return "[root@" + s.host->name + " " + where + "]# ";
}

void Shell::foreground_done(int exit_code) { impl_->state.session().last_exit = exit_code; }

std::string Shell::poll_jobs() {
  term::ShellState& st = impl_->state;
  return st.jobs.empty() ? "" : st.poll_jobs();
}

std::string Shell::job_notifications() {
  term::ShellState& st = impl_->state;
  std::string out = poll_jobs();
  auto reported = [](const term::BackgroundJob& j) { return !j.fresh && j.state != term::BackgroundJob::State::Running; };
  for (const auto& j : st.jobs)
    if (reported(j)) out += st.job_line(j, false);
  st.jobs.erase(std::remove_if(st.jobs.begin(), st.jobs.end(), reported), st.jobs.end());
  for (auto& j : st.jobs) j.fresh = false;
  return out;
}

bool Shell::needs_more(std::string_view text) const { return term::parse(text).incomplete; }

std::vector<std::string> Shell::complete(std::string_view word, bool command_position) const {
  const term::ShellState& st = impl_->state;
  std::vector<std::string> out;
  if (command_position && word.find('/') == std::string_view::npos) {
    for (const auto& [name, info] : st.commands)
      if (name.compare(0, word.size(), word) == 0) out.push_back(name);
    return out;
  }
  const term::MemoryFs& fs = *st.sessions.back().host->fs;
  const auto slash = word.rfind('/');
  const std::string dir = slash == std::string_view::npos ? "" : std::string(word.substr(0, slash + 1));
  const std::string stem(slash == std::string_view::npos ? word : word.substr(slash + 1));
  for (const auto& name : fs.list(dir.empty() ? "." : dir)) {
    if (name.compare(0, stem.size(), stem) != 0 || (name[0] == '.' && (stem.empty() || stem[0] != '.'))) continue;
    out.push_back(dir + name + (fs.is_dir(dir + name) ? "/" : ""));
  }
  return out;
}

CommandResult Shell::run(std::string_view line) {
  term::ShellState& st = impl_->state;
  if (line.find_first_not_of(" \t\n") != std::string_view::npos) {
    std::string entry(line);
    while (!entry.empty() && entry.back() == '\n') entry.pop_back();
    st.history.push_back(entry);
  }
  CommandResult r;
  st.terminal = &r.output;
  // Background jobs first: what they printed while the user typed (or the
  // transcript's think time passed).
  if (!st.jobs.empty()) r.output += st.poll_jobs();
  r.exit_code = st.run_text(line, term::Io{nullptr, &r.output, &r.output}, st.interactive || st.editors);
  st.session().last_exit = r.exit_code;
  r.job = std::move(st.started_job);
  st.started_job = nullptr;
  st.terminal = nullptr;
  // Outside a terminal nobody is told that a job ended (as in a bash script).
  if (!st.interactive)
    st.jobs.erase(std::remove_if(st.jobs.begin(), st.jobs.end(),
                                 [](const term::BackgroundJob& j) { return j.state != term::BackgroundJob::State::Running; }),
                  st.jobs.end());
  st.read_offsets.clear();
  st.exiting = false;
  st.returning = false;
  st.loop_control = 0;
  return r;
}

}  // namespace kt
