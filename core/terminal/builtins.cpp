// Shell builtins and the host commands that talk to the shell itself: cd, pwd, echo,
// printf, export, unset, exit/logout, history, help, which/type, env, test/[, true,
// false, clear, hostname, date, sleep, ssh, bash/sh, sudo, break/continue, uname,
// whoami, id, source, alias/unalias, read, shift, return.
#include <algorithm>
#include <cstring>

#include "core/cluster/cluster.h"
#include "core/cluster/scenario.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"
#include "core/terminal/shell_state.h"
#include "core/util/timefmt.h"

namespace kt::term {
namespace {

using Args = std::vector<std::string>;

// Backslash escapes of echo -e and printf. Sets stop at "\c" (no further output).
std::string c_escapes(std::string_view s, bool& stop) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case 'c': stop = true; return out;
      case '0': {
        int v = 0, n = 0;
        while (n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') v = v * 8 + (s[++i] - '0'), ++n;
        out += static_cast<char>(v);
        break;
      }
      default: out += '\\'; out += c;
    }
  }
  return out;
}

int echo(Invocation& inv) {
  bool newline = true, escapes = false;
  std::size_t i = 1;
  for (; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a.size() < 2 || a[0] != '-' || a.find_first_not_of("neE", 1) != std::string::npos) break;
    for (char c : a.substr(1)) {
      if (c == 'n') newline = false;
      else if (c == 'e') escapes = true;
      else escapes = false;
    }
  }
  std::string out;
  bool stop = false;
  for (std::size_t k = i; k < inv.argv.size() && !stop; ++k) {
    if (k > i) out += ' ';
    out += escapes ? c_escapes(inv.argv[k], stop) : inv.argv[k];
  }
  if (newline && !stop) out += '\n';
  inv.out(out);
  return 0;
}

// printf FORMAT [ARG]...: the format is reused until the arguments run out.
int printf_cmd(Invocation& inv) {
  if (inv.argv.size() < 2) return inv.fail("printf: usage: printf [-v var] format [arguments]\n", 2);
  const std::string& fmt = inv.argv[1];
  std::size_t next = 2;
  int status = 0;
  std::string out;
  bool stop = false;
  do {
    bool consumed = false;
    for (std::size_t i = 0; i < fmt.size() && !stop; ++i) {
      if (fmt[i] == '\\') {
        std::size_t j = i + 1;
        if (j < fmt.size() && fmt[j] == '0') while (j + 1 < fmt.size() && j - i < 4 && fmt[j + 1] >= '0' && fmt[j + 1] <= '7') ++j;
        out += c_escapes(fmt.substr(i, j - i + 1), stop);
        i = j;
        continue;
      }
      if (fmt[i] != '%') {
        out += fmt[i];
        continue;
      }
      std::size_t j = i + 1;
      while (j < fmt.size() && std::strchr("-+ #0123456789.", fmt[j])) ++j;
      if (j >= fmt.size()) {
        out += fmt.substr(i);
        break;
      }
      const std::string spec = fmt.substr(i, j - i);
      const char conv = fmt[j];
      i = j;
      if (conv == '%') {
        out += '%';
        continue;
      }
      const std::string arg = next < inv.argv.size() ? inv.argv[next++] : "";
      consumed = true;
      char buf[512];
      if (conv == 's' || conv == 'b') {
        std::string v = conv == 'b' ? c_escapes(arg, stop) : arg;
        std::snprintf(buf, sizeof buf, (spec + "s").c_str(), v.c_str());
        out += v.size() < 400 ? std::string(buf) : v;
      } else if (conv == 'c') {
        if (!arg.empty()) out += arg[0];
      } else if (std::strchr("diouxX", conv)) {
        long long v = 0;
        if (!arg.empty()) {
          char* end = nullptr;
          v = std::strtoll(arg.c_str(), &end, 0);
          if (*end) {
            inv.err("-bash: printf: " + arg + ": invalid number\n");
            status = 1;
          }
        }
        std::snprintf(buf, sizeof buf, (spec + "ll" + conv).c_str(), v);
        out += buf;
      } else if (std::strchr("feEgG", conv)) {
        std::snprintf(buf, sizeof buf, (spec + conv).c_str(), arg.empty() ? 0.0 : std::strtod(arg.c_str(), nullptr));
        out += buf;
      } else {
        inv.out(out);
        return inv.fail(std::string("-bash: printf: `") + conv + "': invalid format character\n");
      }
    }
    if (!consumed) break;
  } while (next < inv.argv.size() && !stop);
  inv.out(out);
  return status;
}

int cd(Invocation& inv) {
  Session& s = inv.sh.session();
  if (inv.argv.size() > 2) return inv.fail("-bash: cd: too many arguments\n");
  std::string target = inv.argv.size() < 2 ? s.vars["HOME"] : inv.argv[1];
  if (target == "-") {
    auto old = s.vars.find("OLDPWD");
    if (old == s.vars.end()) return inv.fail("-bash: cd: OLDPWD not set\n");
    target = old->second;
    inv.out(target + "\n");
  }
  const std::string before = s.cwd;
  if (auto err = inv.fs().chdir(target); !err.empty()) return inv.fail("-bash: cd: " + target + ": " + err + "\n");
  s.cwd = inv.fs().cwd();
  s.vars["OLDPWD"] = before;
  return 0;
}

int pwd(Invocation& inv) {
  inv.out(inv.sh.session().cwd + "\n");
  return 0;
}

bool valid_name(const std::string& n) {
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

int export_cmd(Invocation& inv) {
  Session& s = inv.sh.session();
  int status = 0;
  std::size_t i = 1;
  if (i < inv.argv.size() && inv.argv[i] == "-p") ++i;
  if (i >= inv.argv.size()) {
    for (const auto& [k, v] : inv.sh.environment()) inv.out("declare -x " + k + "=\"" + v + "\"\n");
    return 0;
  }
  for (; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    auto eq = a.find('=');
    const std::string name = a.substr(0, eq);
    if (!valid_name(name)) {
      inv.err("-bash: export: `" + a + "': not a valid identifier\n");
      status = 1;
      continue;
    }
    if (eq != std::string::npos) s.vars[name] = a.substr(eq + 1);
    s.exported.insert(name);
  }
  return status;
}

int unset_cmd(Invocation& inv) {
  Session& s = inv.sh.session();
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-v" || inv.argv[i] == "-f") continue;
    s.vars.erase(inv.argv[i]);
    s.arrays.erase(inv.argv[i]);
    s.exported.erase(inv.argv[i]);
  }
  return 0;
}

int env_cmd(Invocation& inv) {
  if (inv.argv.size() > 1) {
    // env NAME=value... command: run the command with those variables.
    std::size_t i = 1;
    auto env = inv.env;
    for (; i < inv.argv.size() && inv.argv[i].find('=') != std::string::npos; ++i) {
      auto eq = inv.argv[i].find('=');
      env[inv.argv[i].substr(0, eq)] = inv.argv[i].substr(eq + 1);
    }
    if (i < inv.argv.size()) {
      auto it = inv.sh.commands.find(inv.argv[i]);
      if (it == inv.sh.commands.end())
        return inv.fail("env: '" + inv.argv[i] + "': No such file or directory\n", 127);
      Invocation sub{inv.sh, Args(inv.argv.begin() + static_cast<long>(i), inv.argv.end()), inv.io, env};
      return it->second.fn(sub);
    }
    for (const auto& [k, v] : env) inv.out(k + "=" + v + "\n");
    return 0;
  }
  for (const auto& [k, v] : inv.env) inv.out(k + "=" + v + "\n");
  return 0;
}

int exit_cmd(Invocation& inv) {
  ShellState& sh = inv.sh;
  int code = sh.session().last_exit;
  const bool login = sh.subshell_depth == 0;  // only a login shell says "logout"
  if (login && sh.session().container_session) {
    // An interactive shell in a container: bash says "exit"; the session ends.
    if (inv.argv.size() > 1) code = static_cast<int>(std::strtol(inv.argv[1].c_str(), nullptr, 10) & 0xff);
    if (sh.session().shell == "bash") inv.out("exit\n");
    sh.exiting = true;
    inv.out(sh.leave_container(code));
    return code;
  }
  if (login) inv.out("logout\n");
  if (inv.argv.size() > 1) {
    char* end = nullptr;
    long v = std::strtol(inv.argv[1].c_str(), &end, 10);
    if (*end || inv.argv[1].empty()) {
      inv.err("-bash: exit: " + inv.argv[1] + ": numeric argument required\n");
      code = 2;
    } else {
      code = static_cast<int>(v & 0xff);
    }
  }
  sh.exiting = true;
  if (!login) return code;
  if (sh.sessions.size() == 1) {
    sh.exit_requested = true;
    return code;
  }
  const std::string name = sh.session().host->name;
  sh.logout();
  inv.out("Connection to " + name + " closed.\n");
  return code;
}

int history(Invocation& inv) {
  const auto& h = inv.sh.history;
  std::size_t from = 0;
  if (inv.argv.size() > 1) {
    if (inv.argv[1] == "-c") {
      inv.sh.history.clear();
      return 0;
    }
    char* end = nullptr;
    long n = std::strtol(inv.argv[1].c_str(), &end, 10);
    if (*end || n < 0) return inv.fail("-bash: history: " + inv.argv[1] + ": numeric argument required\n");
    from = h.size() > static_cast<std::size_t>(n) ? h.size() - static_cast<std::size_t>(n) : 0;
  }
  char num[32];
  for (std::size_t i = from; i < h.size(); ++i) {
    std::snprintf(num, sizeof num, "%5zu  ", i + 1);
    inv.out(num + h[i] + "\n");
  }
  return 0;
}

int help(Invocation& inv) {
  std::string builtins, programs, absent;
  for (const auto& [name, info] : inv.sh.commands)
    (!info.simulated ? absent : info.path.empty() ? builtins : programs) += " " + name;
  inv.out("This is a simulated Kubernetes " + inv.sh.sandbox.scenario().kubernetes_version +
          " cluster (kubetab): every machine is a simulated host with its own files.\n"
          "  kubectl ...   the Kubernetes command-line tool\n"
          "  ssh <node>    a shell on another machine of the cluster (exit comes back)\n"
          "  kubetab-fault faults with no shell equivalent (sandbox only): a network partition,\n"
          "                a killed container, a slow registry; run it alone for its usage\n"
          "Shell builtins:" + builtins + "\nCommands:" + programs + "\nNot simulated (they say so):" + absent + "\n"
          "Pipes, redirections, here-documents (cat > f <<EOF), $VAR, $(...), for/while/if work as in bash.\n"
          "Ctrl-C stops a running command (kubectl get -w, logs -f); cmd &, jobs, kill %1 and fg as in bash.\n");
  return 0;
}

int which(Invocation& inv) {
  int status = 0;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    auto it = inv.sh.commands.find(inv.argv[i]);
    if (it != inv.sh.commands.end() && !it->second.path.empty()) {
      inv.out(it->second.path + "\n");
    } else {
      inv.err("/usr/bin/which: no " + inv.argv[i] + " in (" + inv.env["PATH"] + ")\n");
      status = 1;
    }
  }
  return status;
}

int type(Invocation& inv) {
  int status = 0;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& n = inv.argv[i];
    auto it = inv.sh.commands.find(n);
    if (auto a = inv.sh.session().aliases.find(n); a != inv.sh.session().aliases.end()) {
      inv.out(n + " is aliased to `" + a->second + "'\n");
    } else if (it == inv.sh.commands.end()) {
      inv.err("-bash: type: " + n + ": not found\n");
      status = 1;
    } else if (it->second.path.empty()) {
      inv.out(n + " is a shell builtin\n");
    } else {
      inv.out(n + " is " + it->second.path + "\n");
    }
  }
  return status;
}

// test EXPR / [ EXPR ]: file tests, string and integer comparisons, !.
int test_cmd(Invocation& inv) {
  Args a(inv.argv.begin() + 1, inv.argv.end());
  if (inv.argv[0] == "[") {
    if (a.empty() || a.back() != "]") return inv.fail("-bash: [: missing `]'\n", 2);
    a.pop_back();
  }
  bool negate = false;
  if (!a.empty() && a[0] == "!") {
    negate = true;
    a.erase(a.begin());
  }
  auto integer = [&](const std::string& s, long long& v) {
    char* end = nullptr;
    v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end) {
      inv.err("-bash: " + inv.argv[0] + ": " + s + ": integer expression expected\n");
      return false;
    }
    return true;
  };
  bool r = false;
  if (a.empty()) {
    r = false;
  } else if (a.size() == 1) {
    r = !a[0].empty();
  } else if (a.size() == 2) {
    const std::string& op = a[0];
    auto st = inv.fs().stat(a[1]);
    if (op == "-z") r = a[1].empty();
    else if (op == "-n") r = !a[1].empty();
    else if (op == "-e") r = st.has_value();
    else if (op == "-f") r = st && !st->dir;
    else if (op == "-d") r = st && st->dir;
    else if (op == "-s") r = st && st->size > 0;
    else if (op == "-x") r = st && (st->mode & 0111);
    else if (op == "-r" || op == "-w") r = st.has_value();
    else return inv.fail("-bash: " + inv.argv[0] + ": " + op + ": unary operator expected\n", 2);
  } else if (a.size() == 3) {
    const std::string& op = a[1];
    long long x = 0, y = 0;
    if (op == "=" || op == "==") r = a[0] == a[2];
    else if (op == "!=") r = a[0] != a[2];
    else if (op == "-eq" || op == "-ne" || op == "-lt" || op == "-le" || op == "-gt" || op == "-ge") {
      if (!integer(a[0], x) || !integer(a[2], y)) return 2;
      r = op == "-eq" ? x == y : op == "-ne" ? x != y : op == "-lt" ? x < y : op == "-le" ? x <= y : op == "-gt" ? x > y : x >= y;
    } else {
      return inv.fail("-bash: " + inv.argv[0] + ": " + op + ": binary operator expected\n", 2);
    }
  } else {
    return inv.fail("-bash: " + inv.argv[0] + ": too many arguments\n", 2);
  }
  return (r != negate) ? 0 : 1;
}

int true_cmd(Invocation&) { return 0; }
int false_cmd(Invocation&) { return 1; }
int colon(Invocation&) { return 0; }

int clear(Invocation& inv) {
  inv.out("\x1b[H\x1b[2J\x1b[3J");
  return 0;
}

int hostname(Invocation& inv) {
  const Host& h = *inv.sh.session().host;
  if (inv.argv.size() > 1 && (inv.argv[1] == "-i" || inv.argv[1] == "-I")) {
    inv.out(h.ip + (inv.argv[1] == "-I" ? " \n" : "\n"));
    return 0;
  }
  if (inv.argv.size() > 1) return inv.fail("hostname: you must be root to change the host name\n");
  inv.out(h.name + "\n");
  return 0;
}

// date [+FORMAT]: virtual time, in UTC.
int date(Invocation& inv) {
  const sim::Time now = inv.sh.now();
  if (inv.argv.size() < 2) {
    inv.out(ctime_string(now, true) + "\n");
    return 0;
  }
  const std::string& f = inv.argv[1];
  if (f[0] != '+') return inv.fail("date: invalid date '" + f + "'\n");
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const util::CivilTime c = util::civil_from_time(now);
  std::string out;
  char buf[32];
  for (std::size_t i = 1; i < f.size(); ++i) {
    if (f[i] != '%' || i + 1 >= f.size()) {
      out += f[i];
      continue;
    }
    switch (f[++i]) {
      case 'Y': std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(c.year)); break;
      case 'y': std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(c.year % 100)); break;
      case 'm': std::snprintf(buf, sizeof buf, "%02d", c.month); break;
      case 'd': std::snprintf(buf, sizeof buf, "%02d", c.day); break;
      case 'e': std::snprintf(buf, sizeof buf, "%2d", c.day); break;
      case 'H': std::snprintf(buf, sizeof buf, "%02d", c.hour); break;
      case 'M': std::snprintf(buf, sizeof buf, "%02d", c.minute); break;
      case 'S': std::snprintf(buf, sizeof buf, "%02d", c.second); break;
      case 's': std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(now.unix_seconds())); break;
      case 'F': std::snprintf(buf, sizeof buf, "%lld-%02d-%02d", static_cast<long long>(c.year), c.month, c.day); break;
      case 'T': std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", c.hour, c.minute, c.second); break;
      case 'a': std::snprintf(buf, sizeof buf, "%s", days[c.weekday]); break;
      case 'b': std::snprintf(buf, sizeof buf, "%s", months[c.month - 1]); break;
      case 'Z': std::snprintf(buf, sizeof buf, "UTC"); break;
      case 'z': std::snprintf(buf, sizeof buf, "+0000"); break;
      case 'N': std::snprintf(buf, sizeof buf, "%09lld", static_cast<long long>(now.us % 1000000) * 1000); break;
      case '%': std::snprintf(buf, sizeof buf, "%%"); break;
      default: std::snprintf(buf, sizeof buf, "%%%c", f[i]);
    }
    out += buf;
  }
  inv.out(out + "\n");
  return 0;
}

// Sleeping is a job (job.h): in the terminal it keeps the prompt away while virtual
// time passes, and Ctrl-C ends it; elsewhere time fast-forwards by its length.
class SleepJob : public Job {
 public:
  SleepJob(Sandbox& sb, sim::Duration d) : sb_(sb), end_(sb.sim().now() + d), length_(d) {}
  std::string poll() override { return ""; }
  bool done() const override { return stopped_ || sb_.sim().now() >= end_; }
  void stop() override { stopped_ = true; }
  sim::Duration batch_limit() const override { return length_; }

 private:
  Sandbox& sb_;
  sim::Time end_;
  sim::Duration length_;
  bool stopped_ = false;
};

// sleep NUMBER[SUFFIX]...: virtual time passes; the cluster keeps running.
int sleep_cmd(Invocation& inv) {
  if (inv.argv.size() < 2) return inv.fail("sleep: missing operand\nTry 'sleep --help' for more information.\n");
  double total = 0;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& s = inv.argv[i];
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    const std::string suffix = end ? std::string(end) : "";
    const double mult = suffix.empty() || suffix == "s" ? 1 : suffix == "m" ? 60 : suffix == "h" ? 3600 : suffix == "d" ? 86400 : -1;
    if (end == s.c_str() || mult < 0 || v < 0)
      return inv.fail("sleep: invalid time interval '" + s + "'\nTry 'sleep --help' for more information.\n");
    total += v * mult;
  }
  return inv.run_job(std::make_shared<SleepJob>(inv.sh.sandbox, sim::Duration{static_cast<sim::Micros>(total * 1e6)}));
}

// ssh [-p port] [user@]host [command...]
int ssh(Invocation& inv) {
  std::size_t i = 1;
  while (i < inv.argv.size() && inv.argv[i].size() > 1 && inv.argv[i][0] == '-') {
    const std::string& o = inv.argv[i];
    i += (o == "-p" || o == "-i" || o == "-l" || o == "-o") ? 2 : 1;
  }
  if (i >= inv.argv.size())
    return inv.fail(
        "usage: ssh [-1246AaCfGgKkMNnqsTtVvXxYy] [-b bind_address] [-c cipher_spec]\n"
        "           [-D [bind_address:]port] [-E log_file] [-e escape_char]\n"
        "           [-F configfile] [-I pkcs11] [-i identity_file]\n"
        "           [-J [user@]host[:port]] [-L address] [-l login_name] [-m mac_spec]\n"
        "           [-O ctl_cmd] [-o option] [-p port] [-Q query_option] [-R address]\n"
        "           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n"
        "           [user@]hostname [command]\n",
        255);
  std::string target = inv.argv[i];
  if (auto at = target.find('@'); at != std::string::npos) target = target.substr(at + 1);
  Host* host = inv.sh.resolve(target);
  if (!host) {
    const bool numeric = !target.empty() && target.find_first_not_of("0123456789.") == std::string::npos;
    if (numeric) return inv.fail("ssh: connect to host " + target + " port 22: Connection timed out\n", 255);
    return inv.fail("ssh: Could not resolve hostname " + target + ": Name or service not known\n", 255);
  }
  // A machine that is off (or cut off) does not answer on port 22.
  if (const node::Kubelet* k = inv.sh.sandbox.cluster().kubelet(host->name); k && (!k->powered() || k->partitioned())) {
    inv.sh.sandbox.advance(sim::seconds(3));
    return inv.fail("ssh: connect to host " + target + " port 22: No route to host\n", 255);
  }
  std::string banner;
  if (i + 1 < inv.argv.size()) {
    // ssh host command: runs it there and comes back.
    std::string cmd;
    for (std::size_t k = i + 1; k < inv.argv.size(); ++k) cmd += (k > i + 1 ? " " : "") + inv.argv[k];
    const std::size_t depth = inv.sh.sessions.size();
    inv.sh.login(*host, banner);
    const int status = inv.sh.run_subshell(cmd, inv.io);
    while (inv.sh.sessions.size() > depth) inv.sh.logout();
    return status;
  }
  inv.sh.login(*host, banner);
  inv.out(banner);
  return 0;
}

// bash FILE / sh FILE / ./script / bash -c CMD: a subshell runs it.
int bash(Invocation& inv) {
  std::size_t i = 1;
  if (i < inv.argv.size() && inv.argv[i] == "-c") {
    if (i + 1 >= inv.argv.size()) return inv.fail("-bash: -c: option requires an argument\n", 2);
    return inv.sh.run_subshell(inv.argv[i + 1], inv.io);
  }
  if (i >= inv.argv.size()) {
    if (inv.has_stdin()) return inv.sh.run_subshell(inv.input(), inv.io);
    if (inv.sh.session().host->container) return 0;  // no terminal: it reads EOF and exits
    return inv.fail(inv.argv[0] + ": an interactive nested shell is not available in this sandbox; exit returns from ssh\n");
  }
  auto rd = inv.fs().read(inv.argv[i]);
  if (!rd.data) return inv.fail(inv.argv[0] + ": " + inv.argv[i] + ": " + rd.error + "\n", 127);
  const std::vector<std::string> args(inv.argv.begin() + static_cast<long>(i) + 1, inv.argv.end());
  return inv.sh.in_subshell([&] { return inv.sh.with_arguments(inv.argv[i], args, [&] { return inv.sh.run_text(*rd.data, inv.io); }); });
}

// source FILE / . FILE: the file's commands in this shell (its variables stay).
int source(Invocation& inv) {
  if (inv.argv.size() < 2)
    return inv.fail("-bash: " + inv.argv[0] + ": filename argument required\n" + inv.argv[0] + ": usage: " + inv.argv[0] +
                        " filename [arguments]\n",
                    2);
  auto rd = inv.fs().read(inv.argv[1]);
  if (!rd.data) return inv.fail("-bash: " + inv.argv[1] + ": " + rd.error + "\n");
  if (inv.argv.size() == 2) return inv.sh.run_text(*rd.data, inv.io);
  return inv.sh.with_arguments(inv.sh.session().arg0, std::vector<std::string>(inv.argv.begin() + 2, inv.argv.end()),
                               [&] { return inv.sh.run_text(*rd.data, inv.io); });
}

int shift(Invocation& inv) {
  auto& pos = inv.sh.session().positional;
  const long n = inv.argv.size() > 1 ? std::strtol(inv.argv[1].c_str(), nullptr, 10) : 1;
  if (n < 0 || static_cast<std::size_t>(n) > pos.size()) return 1;
  pos.erase(pos.begin(), pos.begin() + n);
  return 0;
}

// return [N]: leaves the function with N (default: the last status).
int return_cmd(Invocation& inv) {
  const int code = inv.argv.size() > 1 ? static_cast<int>(std::strtol(inv.argv[1].c_str(), nullptr, 10) & 0xff)
                                       : inv.sh.session().last_exit;
  inv.sh.returning = true;
  inv.sh.session().last_exit = code;
  return code;
}

int sudo(Invocation& inv) {
  if (inv.argv.size() < 2) return inv.fail("usage: sudo -h | -K | -k | -V\n");
  auto it = inv.sh.commands.find(inv.argv[1]);
  if (it == inv.sh.commands.end()) return inv.fail("sudo: " + inv.argv[1] + ": command not found\n");
  Invocation sub{inv.sh, Args(inv.argv.begin() + 1, inv.argv.end()), inv.io, inv.env};
  return it->second.fn(sub);
}

// alias [NAME[=VALUE]...]: lists as `alias k='kubectl'`; defines; prints one.
int alias(Invocation& inv) {
  auto& aliases = inv.sh.session().aliases;
  auto show = [&](const std::string& name, const std::string& value) { inv.out("alias " + name + "='" + value + "'\n"); };
  if (inv.argv.size() < 2 || inv.argv[1] == "-p") {
    for (const auto& [k, v] : aliases) show(k, v);
    return 0;
  }
  int status = 0;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    auto eq = a.find('=');
    if (eq != std::string::npos) {
      aliases[a.substr(0, eq)] = a.substr(eq + 1);
    } else if (auto it = aliases.find(a); it != aliases.end()) {
      show(a, it->second);
    } else {
      inv.err("-bash: alias: " + a + ": not found\n");
      status = 1;
    }
  }
  return status;
}

int unalias(Invocation& inv) {
  int status = 0;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-a") inv.sh.session().aliases.clear();
    else if (!inv.sh.session().aliases.erase(inv.argv[i])) {
      inv.err("-bash: unalias: " + inv.argv[i] + ": not found\n");
      status = 1;
    }
  }
  return status;
}

// read [-r] [-p PROMPT] [NAME...]: one line of stdin split into the names (the
// last takes the rest; REPLY without names). Status 1 at end of input; the
// terminal is not read (stdin-consuming interaction is not simulated).
int read_cmd(Invocation& inv) {
  bool raw = false;
  std::vector<std::string> names;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-r") raw = true;
    else if (inv.argv[i] == "-p" && i + 1 < inv.argv.size()) ++i;
    else names.push_back(inv.argv[i]);
  }
  if (names.empty()) names.push_back("REPLY");
  if (!inv.has_stdin()) return 1;
  std::size_t& pos = inv.sh.read_offsets[inv.io.in];
  const std::string& in = *inv.io.in;
  if (pos >= in.size()) return 1;
  std::string line;
  bool complete = false;
  while (pos < in.size()) {
    const char c = in[pos++];
    if (c == '\\' && !raw && pos < in.size()) {
      if (in[pos] != '\n') line += in[pos];
      ++pos;
      continue;
    }
    if (c == '\n') {
      complete = true;
      break;
    }
    line += c;
  }
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  std::size_t i = 0;
  for (std::size_t n = 0; n < names.size(); ++n) {
    while (i < line.size() && blank(line[i])) ++i;
    std::string value;
    if (n + 1 == names.size()) {
      value = line.substr(std::min(i, line.size()));
      while (!value.empty() && blank(value.back())) value.pop_back();
    } else {
      const std::size_t start = i;
      while (i < line.size() && !blank(line[i])) ++i;
      value = line.substr(start, i - start);
    }
    inv.sh.set_var(names[n], value);
  }
  return complete ? 0 : 1;
}

int break_cmd(Invocation& inv) {
  inv.sh.loop_control = 1;
  return 0;
}

int continue_cmd(Invocation& inv) {
  inv.sh.loop_control = -1;
  return 0;
}

int uname(Invocation& inv) {
  const Host& h = *inv.sh.session().host;
  const std::string flag = inv.argv.size() > 1 ? inv.argv[1] : "-s";
  if (flag == "-a")
    inv.out("Linux " + h.name + " " + h.kernel + " #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux\n");
  else if (flag == "-r") inv.out(h.kernel + "\n");
  else if (flag == "-n") inv.out(h.name + "\n");
  else if (flag == "-m" || flag == "-p" || flag == "-i") inv.out("x86_64\n");
  else inv.out("Linux\n");
  return 0;
}

int whoami(Invocation& inv) {
  inv.out("root\n");
  return 0;
}

int id(Invocation& inv) {
  const std::string flag = inv.argv.size() > 1 ? inv.argv[1] : "";
  if (flag == "-u" || flag == "-g") inv.out("0\n");
  else if (flag == "-un" || flag == "-gn") inv.out("root\n");
  else inv.out("uid=0(root) gid=0(root) groups=0(root)\n");
  return 0;
}

}  // namespace

void register_builtins(CommandTable& t) {
  for (auto [name, fn] : std::initializer_list<std::pair<const char*, CommandFn>>{
           {"cd", cd}, {"pwd", pwd}, {"echo", echo}, {"printf", printf_cmd}, {"export", export_cmd},
           {"unset", unset_cmd}, {"exit", exit_cmd}, {"logout", exit_cmd}, {"history", history}, {"help", help},
           {"type", type}, {"test", test_cmd}, {"[", test_cmd}, {"true", true_cmd}, {"false", false_cmd},
           {":", colon}, {"source", source}, {".", source}, {"alias", alias}, {"unalias", unalias}, {"read", read_cmd}, {"shift", shift}, {"return", return_cmd}, {"break", break_cmd}, {"continue", continue_cmd}})
    t[name] = {fn, ""};
  for (auto [name, fn, path] : std::initializer_list<std::tuple<const char*, CommandFn, const char*>>{
           {"which", which, "/usr/bin/which"}, {"env", env_cmd, "/usr/bin/env"}, {"clear", clear, "/usr/bin/clear"},
           {"hostname", hostname, "/usr/bin/hostname"}, {"date", date, "/usr/bin/date"},
           {"sleep", sleep_cmd, "/usr/bin/sleep"}, {"ssh", ssh, "/usr/bin/ssh"}, {"bash", bash, "/usr/bin/bash"},
           {"sh", bash, "/usr/bin/sh"}, {"sudo", sudo, "/usr/bin/sudo"}, {"uname", uname, "/usr/bin/uname"},
           {"whoami", whoami, "/usr/bin/whoami"}, {"id", id, "/usr/bin/id"}})
    t[name] = {fn, path};
}

}  // namespace kt::term
