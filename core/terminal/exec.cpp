// The interpreter: runs the syntax tree on the active session. Map:
//   1. state: variables, environment, hosts, ssh sessions
//   2. lists, and-or lists, pipelines (each stage's output is the next one's input)
//   3. compound commands: for, for ((…)), while/until, if, { … }, ( … ), (( … )), functions
//   4. simple commands: expansion, assignments, redirections, lookup
#include <list>
#include <utility>

#include "core/sandbox.h"
#include "core/terminal/expand.h"
#include "core/terminal/shell_state.h"
#include "core/util/timefmt.h"

namespace kt::term {
namespace {

constexpr int kLoopLimit = 10000;  // a runaway loop stops instead of hanging the tab

}  // namespace

std::string ctime_string(sim::Time t, bool with_zone) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const util::CivilTime c = util::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %s %2d %02d:%02d:%02d %s%lld", days[c.weekday], months[c.month - 1], c.day, c.hour,
                c.minute, c.second, with_zone ? "UTC " : "", static_cast<long long>(c.year));
  return buf;
}

// ---- 1. state --------------------------------------------------------------------
const std::string& Invocation::input() const {
  static const std::string empty;
  return io.in ? *io.in : empty;
}

MemoryFs& Invocation::fs() { return sh.fs(); }

bool Invocation::to_terminal() const { return io.out == sh.terminal; }

int Invocation::run_job(JobPtr job) {
  if (sh.stream_allowed) {
    sh.stream_allowed = false;
    sh.started_job = std::move(job);
    return 0;
  }
  JobResult r = run_to_end(sh.sandbox, *job);
  if (r.exit_code == 0) out(r.output);
  else err(r.output);
  return r.exit_code;
}

ShellState::ShellState(Sandbox& sb) : sandbox(sb), hosts(make_hosts(sb)) {
  register_builtins(commands);
  register_file_commands(commands);
  register_text_commands(commands);
  register_sed(commands);
  register_awk(commands);
  register_simulated(commands);
  register_editors(commands);
  register_network(commands);
  register_node_commands(commands);
  register_image_programs(commands);
  register_job_commands(commands);
}

sim::Time ShellState::now() const { return sandbox.sim().now(); }

std::optional<std::string> ShellState::var(const std::string& name) {
  Session& s = session();
  if (name == "?") return std::to_string(s.last_exit);
  if (name == "$") return std::to_string(s.pid);
  if (name == "#") return std::to_string(s.positional.size());
  if (name == "0") return s.arg0;
  if (name == "@" || name == "*") {
    std::string joined;
    for (std::size_t i = 0; i < s.positional.size(); ++i) joined += (i ? " " : "") + s.positional[i];
    return joined;
  }
  if (name.size() == 1 && name[0] >= '1' && name[0] <= '9') {
    const std::size_t i = static_cast<std::size_t>(name[0] - '1');
    if (i < s.positional.size()) return s.positional[i];
    return std::nullopt;
  }
  if (name == "PWD") return s.cwd;
  if (name == "RANDOM") return std::to_string(sandbox.sim().now().us / 1000 % 32768);
  auto it = s.vars.find(name);
  if (it == s.vars.end()) return std::nullopt;
  return it->second;
}

void ShellState::set_var(const std::string& name, const std::string& value) { session().vars[name] = value; }

std::map<std::string, std::string> ShellState::environment() {
  std::map<std::string, std::string> env;
  for (const auto& name : session().exported)
    if (auto v = var(name)) env[name] = *v;
  return env;
}

Host* ShellState::resolve(const std::string& target) {
  std::string ip = target;
  auto hosts_file = fs().read("/etc/hosts");
  if (hosts_file.data) {
    for (const auto& line : split_lines(*hosts_file.data)) {
      std::vector<std::string> f;
      std::size_t i = 0;
      while (i < line.size() && line[i] != '#') {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '#') ++j;
        if (j > i) f.push_back(line.substr(i, j - i));
        i = j;
      }
      for (std::size_t k = 1; k < f.size(); ++k)
        if (f[k] == target) ip = f[0];
    }
  }
  if (ip == "127.0.0.1" || ip == "::1") return session().host;
  for (auto& h : hosts)
    if (h->ip == ip) return h.get();
  return nullptr;
}

void ShellState::login(Host& host, std::string& out) {
  if (host.last_login)
    out += "Last login: " + ctime_string(*host.last_login, false) + " from " + host.last_login_from + "\n";
  host.last_login = now();
  host.last_login_from = sessions.empty() ? host.ip : session().host->ip;
  Session s;
  s.host = &host;
  s.pid = next_pid_;
  next_pid_ += 17;
  s.vars = {{"HOME", "/root"},
            {"USER", "root"},
            {"LOGNAME", "root"},
            {"SHELL", "/bin/bash"},
            {"HOSTNAME", host.name},
            {"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin"},
            {"TERM", "xterm-256color"},
            {"LANG", "en_US.UTF-8"},
            {"HISTSIZE", "1000"}};
  for (const auto& [k, v] : s.vars) s.exported.insert(k);
  s.exported.insert("PWD");
  sessions.push_back(std::move(s));
  host.fs->chdir("/root");
}

void ShellState::logout() {
  sessions.pop_back();
  fs().chdir(session().cwd);
}

// ---- 2. lists and pipelines --------------------------------------------------------
namespace {

// The line's command when the whole line is one simple command (no list, no
// pipeline, no `&`): the one an interactive terminal lets stream.
const Command* single_simple(const List& list) {
  if (list.items.size() != 1) return nullptr;
  const AndOr& a = list.items[0];
  if (a.background || a.pipelines.size() != 1) return nullptr;
  const Pipeline& p = a.pipelines[0];
  if (p.negate || p.commands.size() != 1 || p.commands[0].kind != Command::Kind::Simple) return nullptr;
  return &p.commands[0];
}

}  // namespace

int ShellState::run_text(std::string_view text, Io io, bool whole_line) {
  ParseResult p = parse(text);
  if (p.incomplete) {
    if (!p.open_quote.empty()) io.err->append("-bash: unexpected EOF while looking for matching `" + p.open_quote + "'\n");
    io.err->append("-bash: syntax error: unexpected end of file\n");
    return session().last_exit = 2;
  }
  if (!p.error.empty()) {
    io.err->append("-bash: " + p.error + "\n");
    return session().last_exit = 2;
  }
  if (!whole_line) return exec_list(p.list, io);
  line_command = single_simple(p.list);
  if (interactive) streamable = line_command;
  const int status = exec_list(p.list, io);
  streamable = nullptr;
  line_command = nullptr;
  return status;
}

int ShellState::run_subshell(std::string_view text, Io io) {
  return in_subshell([&] { return run_text(text, io); });
}

int ShellState::in_subshell(const std::function<int()>& body) {
  const Session saved = session();
  const std::size_t depth = sessions.size();
  ++subshell_depth;
  const int status = body();
  --subshell_depth;
  while (sessions.size() > depth) logout();
  exiting = false;
  loop_control = 0;
  session() = saved;
  fs().chdir(saved.cwd);
  return status;
}

int ShellState::with_arguments(const std::string& arg0, std::vector<std::string> args, const std::function<int()>& body) {
  std::string saved0 = std::exchange(session().arg0, arg0);
  std::vector<std::string> saved = std::exchange(session().positional, std::move(args));
  const int status = body();
  session().arg0 = std::move(saved0);
  session().positional = std::move(saved);
  return status;
}

int ShellState::exec_list(const List& list, Io io) {
  int status = session().last_exit;
  for (const auto& item : list.items) {
    if (exiting || loop_control || returning) break;
    status = item.background ? run_background(item, io) : exec_and_or(item, io);
  }
  return status;
}

// `cmd &`: bash prints "[N] PID" (interactive shells only) and goes on at once. A
// simple command that keeps running (job.h) becomes a background job; anything else
// runs now, in fast-forward, and is reported Done at the next prompt.
int ShellState::run_background(const AndOr& a, Io io) {
  BackgroundJob j;
  j.number = jobs.empty() ? 1 : jobs.back().number + 1;
  j.pid = new_pid();
  j.command = describe(a);
  if (interactive) io.err->append("[" + std::to_string(j.number) + "] " + std::to_string(j.pid) + "\n");
  const Command* saved_streamable = std::exchange(streamable, nullptr);
  JobPtr saved_job = std::move(started_job);
  started_job = nullptr;
  if (a.pipelines.size() == 1 && a.pipelines[0].commands.size() == 1 && !a.pipelines[0].negate &&
      a.pipelines[0].commands[0].kind == Command::Kind::Simple)
    streamable = &a.pipelines[0].commands[0];
  const int status = exec_and_or(a, io);
  streamable = saved_streamable;
  j.job = std::move(started_job);
  started_job = std::move(saved_job);
  if (!j.job) {
    j.state = BackgroundJob::State::Done;
    j.exit_code = status;
  }
  jobs.push_back(std::move(j));
  set_var("!", std::to_string(jobs.back().pid));
  return session().last_exit = 0;
}

int ShellState::exec_and_or(const AndOr& a, Io io) {
  int status = exec_pipeline(a.pipelines[0], io);
  for (std::size_t i = 1; i < a.pipelines.size(); ++i) {
    if (exiting || loop_control || returning) break;
    const bool run = a.ops[i - 1] == "&&" ? status == 0 : status != 0;
    if (run) status = exec_pipeline(a.pipelines[i], io);
  }
  return status;
}

int ShellState::exec_pipeline(const Pipeline& p, Io io) {
  std::vector<std::string> pipes(p.commands.size());
  int status = 0;
  for (std::size_t i = 0; i < p.commands.size(); ++i) {
    Io stage = io;
    if (i > 0) stage.in = &pipes[i - 1];
    if (i + 1 < p.commands.size()) stage.out = &pipes[i];
    status = exec_command(p.commands[i], stage);
    if (exiting) break;
  }
  for (const auto& buffer : pipes) read_offsets.erase(&buffer);
  if (p.negate) status = status == 0 ? 1 : 0;
  session().last_exit = status;
  return status;
}

// ---- 3. compound commands -----------------------------------------------------------
namespace {

// Redirections open in order, so `>f 2>&1` sends both to f and `2>&1 >f` only
// stdout. Files written to are flushed by close().
class Redirections {
 public:
  Redirections(ShellState& sh, ExpandEnv& env) : sh_(sh), env_(env) {}

  // false: an error was printed to err and the command must not run.
  bool open(const std::vector<Redirect>& rs, Io& io) {
    for (const auto& r : rs) {
      if (r.op == "<<" || r.op == "<<-") {
        io.in = &buffers_.emplace_back(r.heredoc_quoted ? r.heredoc : expand_heredoc(env_, r.heredoc));
        continue;
      }
      const std::string target = expand_word(env_, r.target);
      if (r.op == "<<<") {
        io.in = &buffers_.emplace_back(target + "\n");
      } else if (r.op == ">&" || r.op == "<&") {
        if (target != "1" && target != "2" && target != "0") {
          if (!open_file(r.fd == 1 ? "&>" : ">", target, io)) return false;
          continue;
        }
        std::string* dst = target == "1" ? io.out : io.err;
        if (r.fd == 2) io.err = dst;
        else if (r.fd == 1) io.out = dst;
      } else if (r.op == "<") {
        if (target == "/dev/null") {
          io.in = &buffers_.emplace_back();
          continue;
        }
        auto rd = sh_.fs().read(target);
        if (!rd.data) return fail(io, target, rd.error);
        io.in = &buffers_.emplace_back(*rd.data);
      } else if (!open_file(r.op, target, io, r.fd)) {
        return false;
      }
    }
    return true;
  }

  void close() {
    for (auto& f : files_) sh_.fs().write(f.path, *f.buffer, true);
    files_.clear();
    for (const auto& b : buffers_) sh_.read_offsets.erase(&b);
  }

 private:
  bool fail(Io& io, const std::string& target, const std::string& error) {
    io.err->append(sh_.redirect_error(target, error));
    return false;
  }

  bool open_file(const std::string& op, const std::string& target, Io& io, int fd = 1) {
    std::string* sink = &buffers_.emplace_back();
    if (target != "/dev/null") {
      const bool append = op == ">>" || op == "&>>";
      if (target.empty()) return fail(io, target, "ambiguous redirect");
      std::string error = append ? sh_.fs().write(target, "", true) : sh_.fs().write(target, "", false);
      if (!error.empty()) return fail(io, target, error);
      files_.push_back({target, sink});
    }
    if (op == "&>" || op == "&>>") io.out = io.err = sink;
    else if (fd == 2) io.err = sink;
    else io.out = sink;
    return true;
  }

  struct OpenFile {
    std::string path;
    std::string* buffer;
  };
  ShellState& sh_;
  ExpandEnv& env_;
  std::list<std::string> buffers_;  // stable addresses
  std::vector<OpenFile> files_;
};

}  // namespace

// Expansion on the active session; $(…) runs as a subshell with stderr on io's,
// its status stored in *subst_status.
ExpandEnv ShellState::expand_env(const Io& io, int* subst_status) {
  ExpandEnv env;
  env.get = [this](const std::string& n) { return var(n); };
  env.set = [this](const std::string& n, const std::string& v) { set_var(n, v); };
  std::string* err = io.err;
  env.run = [this, err, subst_status](const std::string& cmd) {
    std::string out;
    const int status = run_subshell(cmd, Io{nullptr, &out, err});
    if (subst_status) *subst_status = status;
    return out;
  };
  env.fs = &fs();
  env.array = [this](const std::string& n) -> const std::vector<std::string>* {
    if (n == "@") return &session().positional;
    auto it = session().arrays.find(n);
    return it == session().arrays.end() ? nullptr : &it->second;
  };
  return env;
}

int ShellState::exec_command(const Command& c, Io io) {
  if (c.kind == Command::Kind::Simple) return exec_simple(c, io);
  ExpandEnv env = expand_env(io, nullptr);
  Redirections redirs(*this, env);
  if (!redirs.open(c.redirects, io)) return 1;
  int status = 0;
  switch (c.kind) {
    case Command::Kind::Group: status = exec_list(c.bodies[0], io); break;
    case Command::Kind::Function:
      session().functions[c.var] = std::make_shared<const List>(c.bodies[0]);
      status = 0;
      break;
    case Command::Kind::Subshell: status = in_subshell([&] { return exec_list(c.bodies[0], io); }); break;
    case Command::Kind::Arith: {
      long long v = eval_arith(env, c.arith[0]);
      if (!env.error.empty()) {
        io.err->append("-bash: " + env.error + "\n");
        status = 1;
      } else {
        status = v != 0 ? 0 : 1;
      }
      break;
    }
    case Command::Kind::If: {
      status = 0;
      bool taken = false;
      for (std::size_t i = 0; i < c.conditions.size() && !taken; ++i) {
        if (exec_list(c.conditions[i], io) == 0) {
          status = exec_list(c.bodies[i], io);
          taken = true;
        }
      }
      if (!taken && c.bodies.size() > c.conditions.size()) status = exec_list(c.bodies.back(), io);
      break;
    }
    default: status = exec_loop(c, io);
  }
  redirs.close();
  return status;
}

int ShellState::exec_loop(const Command& c, Io io) {
  ExpandEnv env = expand_env(io, nullptr);
  int status = 0;
  int iterations = 0;
  auto body = [&]() -> bool {  // false: leave the loop
    if (++iterations > kLoopLimit) {
      io.err->append("-bash: loop stopped after " + std::to_string(kLoopLimit) + " iterations (sandbox limit)\n");
      status = 1;
      return false;
    }
    status = exec_list(c.bodies[0], io);
    if (loop_control > 0) {
      loop_control = 0;
      return false;
    }
    loop_control = 0;
    return !exiting;
  };
  auto arith_ok = [&](const std::string& e) {
    eval_arith(env, e);
    if (env.error.empty()) return true;
    io.err->append("-bash: ((: " + env.error + "\n");
    status = 1;
    return false;
  };
  switch (c.kind) {
    case Command::Kind::For: {
      std::vector<std::string> items = expand_words(env, c.words);
      if (!env.error.empty()) {
        io.err->append("-bash: " + env.error + "\n");
        return 1;
      }
      for (const auto& item : items) {
        set_var(c.var, item);
        if (!body()) break;
      }
      break;
    }
    case Command::Kind::ArithFor: {
      if (!c.arith[0].empty() && !arith_ok(c.arith[0])) break;
      for (;;) {
        if (!c.arith[1].empty()) {
          long long v = eval_arith(env, c.arith[1]);
          if (!env.error.empty()) {
            io.err->append("-bash: ((: " + env.error + "\n");
            return 1;
          }
          if (v == 0) break;
        }
        if (!body()) break;
        if (!c.arith[2].empty() && !arith_ok(c.arith[2])) break;
      }
      break;
    }
    default: {
      const bool until = c.kind == Command::Kind::Until;
      for (;;) {
        const int cond = exec_list(c.conditions[0], io);
        if (exiting || ((cond == 0) == until)) break;
        if (!body()) break;
      }
    }
  }
  return status;
}

// ---- 4. simple commands ---------------------------------------------------------------
int ShellState::exec_simple(const Command& c, Io io) {
  int subst_status = -1;
  ExpandEnv env = expand_env(io, &subst_status);

  std::vector<std::string> raw_words = c.words;
  // An alias replaces the command word (once, so `alias ls='ls -l'` does not loop).
  if (!raw_words.empty()) {
    if (auto a = session().aliases.find(raw_words[0]); a != session().aliases.end()) {
      std::vector<std::string> words;
      for (const auto& t : lex(a->second).tokens)
        if (t.kind == Token::Kind::Word) words.push_back(t.text);
      raw_words.erase(raw_words.begin());
      raw_words.insert(raw_words.begin(), words.begin(), words.end());
    }
  }
  std::vector<std::string> argv = expand_words(env, raw_words);
  std::map<std::string, std::string> assigns;
  for (const auto& a : c.assignments) {
    auto eq = a.find('=');
    const std::string name = a.substr(0, eq);
    if (a.size() > eq + 1 && a[eq + 1] == '(' && a.back() == ')') {  // NAME=(a b c)
      std::vector<std::string> words;
      for (const auto& t : lex(std::string_view(a).substr(eq + 2, a.size() - eq - 3)).tokens)
        if (t.kind == Token::Kind::Word) words.push_back(t.text);
      auto values = expand_words(env, words);
      session().arrays[name] = values;
      set_var(name, values.empty() ? "" : values[0]);
      continue;
    }
    assigns[name] = expand_word(env, std::string_view(a).substr(eq + 1));
  }
  if (!env.error.empty()) {
    io.err->append("-bash: " + env.error + "\n");
    return 1;
  }
  Redirections redirs(*this, env);
  if (!redirs.open(c.redirects, io)) {
    redirs.close();
    return 1;
  }
  int status = 0;
  if (argv.empty()) {
    for (const auto& [k, v] : assigns) set_var(k, v);
    status = subst_status >= 0 ? subst_status : 0;
  } else {
    std::map<std::string, std::string> cmd_env = environment();
    for (const auto& [k, v] : assigns) cmd_env[k] = v;
    const bool on_terminal = terminal && io.out == terminal && io.err == terminal;
    at_prompt = &c == line_command && on_terminal;
    stream_allowed = &c == streamable && on_terminal;
    status = call(std::move(argv), std::move(cmd_env), io);
    stream_allowed = false;
    at_prompt = false;
  }
  redirs.close();
  // Background jobs print as time passes (a sleep, a fast-forwarded wait).
  if (terminal && !jobs.empty()) terminal->append(poll_jobs());
  return status;
}

int ShellState::call(std::vector<std::string> argv, std::map<std::string, std::string> env, Io io) {
  const std::string name = argv[0];
  if (auto fn = session().functions.find(name); fn != session().functions.end()) {
    const std::shared_ptr<const List> body = fn->second;  // stays alive if the function redefines itself
    const int status = with_arguments(session().arg0, std::vector<std::string>(argv.begin() + 1, argv.end()),
                                      [&] { return exec_list(*body, io); });
    const bool returned = std::exchange(returning, false);
    return returned ? session().last_exit : status;
  }
  const CommandInfo* info = nullptr;
  if (const auto& c = session().host->container) {
    // A container has its image's programs and the shell's builtins, nothing else.
    const std::string program = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
    auto it = commands.find(program);
    if (it == commands.end() || (!it->second.path.empty() && !c->userland.programs.count(program))) {
      io.err->append(not_found(name));
      return 127;
    }
    info = &it->second;
  } else if (auto it = commands.find(name); it != commands.end()) {
    info = &it->second;
  } else if (name.find('/') != std::string::npos) {
    for (const auto& [n, ci] : commands)
      if (!ci.path.empty() && ci.path == fs().absolute(name)) info = &ci;
    if (!info) {
      auto st = fs().stat(name);
      if (!st) {
        io.err->append("-bash: " + name + ": No such file or directory\n");
        return 127;
      }
      if (st->dir) {
        io.err->append("-bash: " + name + ": Is a directory\n");
        return 126;
      }
      if (!(st->mode & 0100)) {
        io.err->append("-bash: " + name + ": Permission denied\n");
        return 126;
      }
      // An executable file is a shell script.
      argv.insert(argv.begin(), "bash");
      info = &commands.at("bash");
    }
  }
  if (!info) {
    io.err->append(not_found(name));
    return 127;
  }
  Invocation inv{*this, std::move(argv), io, std::move(env)};
  return info->fn(inv);
}

}  // namespace kt::term
