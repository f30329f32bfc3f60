#include "core/node/process.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <cstdlib>
#include <optional>
#include <set>

#include "core/api/object.h"
#include "core/node/pi.h"
#include "core/node/process_shell.h"
#include "core/node/rootfs.h"
#include "core/util/quantity.h"
#include "core/util/timefmt.h"

namespace kt::node {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// `date` in a container (UTC): "Wed Jan 15 09:12:00 UTC 2025".
std::string date_line(sim::Time t) {
  const util::CivilTime c = util::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %s %2d %02d:%02d:%02d UTC %lld", kDays[c.weekday], kMonths[c.month - 1], c.day,
                c.hour, c.minute, c.second, static_cast<long long>(c.year));
  return buf;
}

std::vector<std::string> strings_of(const Json& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& s : v)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

// One simple command of a script, with how it is joined to the previous one.
struct Statement {
  std::string joiner;  // "", ";", "&&", "||"
  std::vector<std::string> words;
};

// Splits a script into statements on ; && || and newlines, honouring quotes.
std::vector<Statement> split_script(const std::string& script) {
  std::vector<Statement> out;
  Statement cur;
  std::string word;
  bool in_word = false;
  std::string next_joiner;
  auto end_word = [&] {
    if (in_word) cur.words.push_back(word);
    word.clear();
    in_word = false;
  };
  auto end_statement = [&](std::string joiner) {
    end_word();
    if (!cur.words.empty()) out.push_back(cur);
    cur = Statement{};
    cur.joiner = std::move(joiner);
  };
  for (std::size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    if (c == '\'' || c == '"') {
      const auto close = script.find(c, i + 1);
      word += script.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
      in_word = true;
      if (close == std::string::npos) break;
      i = close;
    } else if (c == '\\' && i + 1 < script.size()) {
      word += script[++i];
      in_word = true;
    } else if (c == '$' && i + 1 < script.size() && script[i + 1] == '(') {
      // $(…) and $((…)) stay one word, spaces and all.
      int depth = 0;
      std::size_t j = i + 1;
      for (; j < script.size(); ++j) {
        if (script[j] == '(') ++depth;
        if (script[j] == ')' && --depth == 0) break;
      }
      word += script.substr(i, j + 1 - i);
      in_word = true;
      i = j;
    } else if (c == ';' || c == '\n') {
      end_statement(";");
    } else if ((c == '&' || c == '|') && i + 1 < script.size() && script[i + 1] == c) {
      end_statement(c == '&' ? "&&" : "||");
      ++i;
    } else if (c == ' ' || c == '\t') {
      end_word();
    } else {
      word += c;
      in_word = true;
    }
  }
  end_statement("");
  // `do` starts a loop's body: keep it a statement of its own, so that a loop
  // opening right after it (`do for y in …`) is seen as one.
  std::vector<Statement> split;
  for (auto& st : out) {
    if (st.words.size() > 1 && st.words[0] == "do") {
      split.push_back(Statement{st.joiner, {"do"}});
      st.words.erase(st.words.begin());
      st.joiner = ";";
    }
    split.push_back(std::move(st));
  }
  return split;
}

std::optional<sim::Duration> parse_sleep(const std::string& arg) {
  if (arg == "infinity" || arg == "inf") return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(arg.c_str(), &end);
  double mult = 1;
  if (*end == 'm') mult = 60;
  else if (*end == 'h') mult = 3600;
  else if (*end == 'd') mult = 86400;
  return sim::millis(static_cast<std::int64_t>(v * mult * 1000));
}

// bpi(N) inside a perl -e/-le program.
std::optional<int> bpi_digits(const std::vector<std::string>& argv) {
  for (const auto& a : argv) {
    const auto at = a.find("bpi(");
    if (at == std::string::npos) continue;
    return std::atoi(a.c_str() + at + 4);
  }
  return std::nullopt;
}

bool is_shell(const std::string& cmd) {
  return cmd == "sh" || cmd == "/bin/sh" || cmd == "bash" || cmd == "/bin/bash" || cmd == "ash";
}

std::string basename(const std::string& p) {
  const auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// stress's sizes: "250M", "1G", "512k", bytes.
std::int64_t parse_size(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  std::int64_t unit = 1;
  if (end && *end) {
    switch (*end) {
      case 'k': case 'K': unit = 1ll << 10; break;
      case 'm': case 'M': unit = 1ll << 20; break;
      case 'g': case 'G': unit = 1ll << 30; break;
      default: break;
    }
  }
  return static_cast<std::int64_t>(v * static_cast<double>(unit));
}

// A loop that never ends (`while true; do echo hello; sleep 1; done`) is planned
// up to this much virtual time or this many log lines, whichever comes first; the
// process then runs on without writing more (the kubelet keeps a container log of
// at most 10 MiB; these caps keep a plan well under that).
constexpr sim::Duration kLoopHorizon = sim::hours(6);
constexpr std::size_t kMaxPlannedLines = 10000;
constexpr int kMaxIterations = 100000;

bool valid_name(const std::string& n) {
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  for (char c : n)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// The first word of each statement that opens or closes a loop.
bool opens_loop(const Statement& st) {
  return !st.words.empty() && (st.words[0] == "while" || st.words[0] == "until" || st.words[0] == "for");
}
bool closes_loop(const Statement& st) { return !st.words.empty() && st.words[0] == "done"; }

class Runner {
 public:
  Runner(ProcessPlan& plan, sim::Time started, bool server_image, std::set<std::string> programs)
      : plan_(plan), started_(started), server_image_(server_image), programs_(std::move(programs)) {}

  // Runs one statement; returns its exit status; sets done_ when the process ends.
  int run(const std::vector<std::string>& w, bool in_shell) {
    const std::string cmd = basename(w[0]);
    if (cmd == "sleep") {
      if (w.size() < 2) return usage("sleep");
      auto d = parse_sleep(w[1]);
      if (!d) return forever();
      t_ = t_ + *d;
      return 0;
    }
    if (cmd == "echo") {
      std::string line;
      std::size_t i = 1;
      const bool newline = !(i < w.size() && w[i] == "-n");
      if (!newline) ++i;
      std::string target;
      bool append = false;
      for (std::size_t first = i; i < w.size(); ++i) {
        if ((w[i] == ">" || w[i] == ">>") && i + 1 < w.size()) {
          append = w[i] == ">>";
          target = w[++i];
          continue;
        }
        line += (i == first || line.empty() ? "" : " ") + w[i];
      }
      if (target.empty()) log(line);
      else file(append ? FileEffect::Op::Append : FileEffect::Op::Write, target, line + (newline ? "\n" : ""));
      return 0;
    }
    if (cmd == "touch") {
      for (std::size_t i = 1; i < w.size(); ++i)
        if (w[i][0] != '-') file(FileEffect::Op::Append, w[i], "");
      return 0;
    }
    if (cmd == "rm") {
      for (std::size_t i = 1; i < w.size(); ++i)
        if (w[i][0] != '-') file(FileEffect::Op::Remove, w[i], "");
      return 0;
    }
    if (cmd == "mkdir") {
      for (std::size_t i = 1; i < w.size(); ++i)
        if (w[i][0] != '-') file(FileEffect::Op::Mkdir, w[i], "");
      return 0;
    }
    if (cmd == "date") {
      log(date_line(started_ + t_));
      return 0;
    }
    if (cmd == "true" || cmd == ":") return 0;
    if (cmd == "false") return 1;
    if (cmd == "exit") {
      plan_.exit_code = w.size() > 1 ? std::atoi(w[1].c_str()) : last_;
      done_ = true;
      return plan_.exit_code;
    }
    if (cmd == "tail" || cmd == "nginx" || cmd == "httpd" || cmd == "catalina.sh") return forever();
    if (cmd == "while" || cmd == "until") return forever();
    if (cmd == "stress") {
      // stress --vm N --vm-bytes SIZE [--vm-hang S] [--timeout S]
      std::int64_t bytes = 256ll << 20, workers = 0;
      std::optional<sim::Duration> timeout;
      for (std::size_t i = 1; i + 1 < w.size(); ++i) {
        if (w[i] == "--vm-bytes") bytes = parse_size(w[i + 1]);
        if (w[i] == "--vm" || w[i] == "-m") workers = std::atoll(w[i + 1].c_str());
        if (w[i] == "--timeout" || w[i] == "-t") timeout = parse_sleep(w[i + 1]);
      }
      log("stress: info: [1] dispatching hogs: 0 cpu, 0 io, " + std::to_string(workers) + " vm, 0 hdd");
      plan_.memory_bytes += workers * bytes;
      if (!timeout) return forever();
      t_ = t_ + *timeout;
      log("stress: info: [1] successful run completed in " + std::to_string(timeout->us / 1000000) + "s");
      return 0;
    }
    if (cmd.rfind("perl", 0) == 0) {
      if (auto n = bpi_digits(w)) {
        t_ = t_ + sim::millis(4000 + *n * 2);
        log(pi_digits(*n));
      }
      return 0;
    }
    if (is_shell(w[0])) {
      if (w.size() >= 3 && w[1] == "-c") return script(w[2]);
      return 0;  // an interactive shell without a TTY reads EOF and exits
    }
    // A server image's own binary (nginx, etcd, kube-apiserver, …) is its daemon.
    if (server_image_) return forever();
    // Another program of the image's userland: it runs and ends without output here.
    if (programs_.count(cmd)) return 0;
    if (in_shell) {
      log("sh: " + w[0] + ": not found");
      return 127;
    }
    plan_.start_error =
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: "
        "unable to start container process: exec: \"" + w[0] + "\": executable file not found in $PATH: unknown";
    plan_.exit_code = 128;
    done_ = true;
    return 128;
  }

  int script(const std::string& text) {
    const std::vector<Statement> sts = split_script(text);
    return block(sts, 0, sts.size());
  }

  sim::Duration elapsed() const { return t_; }
  bool done() const { return done_; }

 private:
  // Statements [begin, end) of a script: `a; b && c || d`, loops, assignments.
  int block(const std::vector<Statement>& sts, std::size_t begin, std::size_t end) {
    int status = 0;
    for (std::size_t i = begin; i < end && !done_;) {
      const Statement& st = sts[i];
      std::size_t next = i + 1;
      std::size_t close = end;
      if (opens_loop(st)) {
        close = matching_done(sts, i, end);
        if (close < end) next = close + 1;
      }
      const bool skip = (st.joiner == "&&" && status != 0) || (st.joiner == "||" && status == 0);
      if (!skip) {
        if (opens_loop(st) && close < end) status = loop(sts, i, close);
        else status = simple(st.words);
        last_ = status;
      }
      i = next;
    }
    return status;
  }

  // The `done` that closes the loop opened at `open`, or `end` when there is none.
  static std::size_t matching_done(const std::vector<Statement>& sts, std::size_t open, std::size_t end) {
    int depth = 0;
    for (std::size_t i = open; i < end; ++i) {
      if (opens_loop(sts[i])) ++depth;
      if (closes_loop(sts[i]) && --depth == 0) return i;
    }
    return end;
  }

  // while/until COND; do BODY; done — and for VAR in WORDS; do BODY; done.
  int loop(const std::vector<Statement>& sts, std::size_t open, std::size_t close) {
    const std::vector<std::string>& head = sts[open].words;
    // The body: statements after the header, the first one's leading `do` dropped.
    std::vector<Statement> body(sts.begin() + static_cast<std::ptrdiff_t>(open) + 1,
                                sts.begin() + static_cast<std::ptrdiff_t>(close));
    if (!body.empty() && !body[0].words.empty() && body[0].words[0] == "do") {
      body[0].words.erase(body[0].words.begin());
      if (body[0].words.empty()) body.erase(body.begin());
    }
    // A `do` that stayed on the header line: `while true do` is not valid sh, but
    // `for i in 1 2; do` splits the `do` into the body already.
    int status = 0;
    auto over_budget = [&] { return t_ > kLoopHorizon || plan_.logs.size() > kMaxPlannedLines; };
    if (head[0] == "for") {
      if (head.size() < 2 || !valid_name(head[1])) return syntax_error();
      std::vector<std::string> items;
      if (head.size() > 2 && head[2] == "in") items = expand_words({head.begin() + 3, head.end()});
      for (const auto& item : items) {
        vars_[head[1]] = item;
        status = block(body, 0, body.size());
        if (done_) return status;
        if (over_budget()) return forever();
      }
      return status;
    }
    const std::vector<std::string> cond(head.begin() + 1, head.end());
    for (int n = 0; n < kMaxIterations; ++n) {
      const int c = simple(cond);
      if (done_) return c;
      if ((head[0] == "while") != (c == 0)) return status;
      status = block(body, 0, body.size());
      if (done_) return status;
      if (over_budget()) return forever();
    }
    return forever();  // spins without sleeping: it never ends
  }

  int syntax_error() {
    log("sh: syntax error: unexpected word");
    plan_.exit_code = 2;
    done_ = true;
    return 2;
  }

  // One simple command after expansion; VAR=value assigns.
  int simple(const std::vector<std::string>& raw) {
    std::vector<std::string> w = expand_words(raw);
    if (w.empty()) return 0;
    const auto eq = w[0].find('=');
    if (w.size() == 1 && eq != std::string::npos && valid_name(w[0].substr(0, eq))) {
      vars_[w[0].substr(0, eq)] = w[0].substr(eq + 1);
      return 0;
    }
    const std::string cmd = basename(w[0]);
    if (cmd == "[" || cmd == "test") {
      std::string error;
      const int status = shell_test(w, error);
      if (!error.empty()) log(error);
      return status;
    }
    if (cmd == "seq") {
      for (const auto& n : shell_seq(w, kMaxPlannedLines)) log(n);
      return 0;
    }
    return run(w, true);
  }

  // $VAR, ${VAR}, $((arithmetic)) in each word; $(seq …) and $(date) substituted and
  // split into words.
  std::vector<std::string> expand_words(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      if (w.size() > 3 && w.rfind("$(", 0) == 0 && w.rfind("$((", 0) != 0 && w.back() == ')') {
        // An unquoted command substitution: its output is split into words.
        std::vector<std::string> inner;
        const std::string text = w.substr(2, w.size() - 3);
        for (std::size_t p = 0; p < text.size();) {
          const auto sp = text.find(' ', p);
          if (sp != p) inner.push_back(text.substr(p, sp == std::string::npos ? std::string::npos : sp - p));
          if (sp == std::string::npos) break;
          p = sp + 1;
        }
        inner = expand_words(inner);
        if (inner.empty()) continue;
        if (basename(inner[0]) == "seq") {
          for (auto& n : shell_seq(inner, kMaxPlannedLines)) out.push_back(std::move(n));
        } else if (basename(inner[0]) == "date") {
          std::string d = date_line(started_ + t_);
          for (std::size_t at = 0; at < d.size();) {
            const auto sp = d.find(' ', at);
            if (sp != at) out.push_back(d.substr(at, sp == std::string::npos ? std::string::npos : sp - at));
            if (sp == std::string::npos) break;
            at = sp + 1;
          }
        } else if (basename(inner[0]) == "hostname") {
          out.push_back(shell_expand("$HOSTNAME", vars_, last_));
        }
        continue;
      }
      out.push_back(shell_expand(substitute(words[i]), vars_, last_));
    }
    return out;
  }

  // "$(date)", "$(hostname)" and "$(seq …)" inside a word (a quoted "$i: $(date)").
  std::string substitute(const std::string& w) {
    std::string out;
    std::size_t i = 0;
    while (i < w.size()) {
      const auto at = w.find("$(", i);
      if (at == std::string::npos || w.compare(at, 3, "$((") == 0) {
        const std::size_t stop = at == std::string::npos ? w.size() : at + 3;
        out += w.substr(i, stop - i);
        i = stop;
        continue;
      }
      const auto close = w.find(')', at);
      if (close == std::string::npos) {
        out += w.substr(i);
        break;
      }
      out += w.substr(i, at - i);
      std::vector<std::string> inner;
      const std::string text = w.substr(at + 2, close - at - 2);
      for (std::size_t p = 0; p < text.size();) {
        const auto sp = text.find(' ', p);
        if (sp != p) inner.push_back(text.substr(p, sp == std::string::npos ? std::string::npos : sp - p));
        if (sp == std::string::npos) break;
        p = sp + 1;
      }
      inner = expand_words(inner);
      if (!inner.empty() && basename(inner[0]) == "date") {
        out += date_line(started_ + t_);
      } else if (!inner.empty() && basename(inner[0]) == "hostname") {
        out += shell_expand("$HOSTNAME", vars_, last_);
      } else if (!inner.empty() && basename(inner[0]) == "seq") {
        std::string joined;
        for (const auto& n : shell_seq(inner, kMaxPlannedLines)) joined += (joined.empty() ? "" : "\n") + n;
        out += joined;
      }
      i = close + 1;
    }
    return out;
  }

  int forever() {
    plan_.runs_forever = true;
    done_ = true;
    return 0;
  }
  int usage(const std::string& cmd) {
    log("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: " + cmd);
    return 1;
  }
  void log(std::string text) { plan_.logs.push_back({t_, std::move(text)}); }
  void file(FileEffect::Op op, const std::string& path, std::string data) {
    plan_.files.push_back(FileEffect{t_, op, path, std::move(data)});
  }

  ProcessPlan& plan_;
  sim::Time started_;
  bool server_image_;
  std::set<std::string> programs_;
  sim::Duration t_{};
  int last_ = 0;
  bool done_ = false;
  ShellVars vars_;  // the script's shell variables
};

}  // namespace

namespace {

// Over its memory limit, a process is OOM-killed moments after it starts.
void apply_memory_limit(ProcessPlan& plan, const Json& container) {
  const std::string limit_text = api::str_field(container, {"resources", "limits", "memory"});
  if (limit_text.empty() || plan.memory_bytes == 0) return;
  const auto limit = util::Quantity::try_parse(limit_text);
  if (!limit || plan.memory_bytes <= limit->value()) return;
  plan.oom_killed = true;
  plan.runs_forever = false;
  plan.runs_for = sim::millis(700);
  plan.exit_code = 137;
}

}  // namespace

ProcessPlan plan_process(const ImageInfo& image, const Json& container, sim::Time started) {
  ProcessPlan plan;
  std::vector<std::string> command = strings_of(api::field(container, {"command"}));
  const std::vector<std::string> args = strings_of(api::field(container, {"args"}));
  if (command.empty() && (image.kind == ImageKind::Server || image.kind == ImageKind::Pause)) {
    plan.runs_forever = true;  // the image's daemon, whatever its arguments
    return plan;
  }
  std::vector<std::string> argv = command;
  argv.insert(argv.end(), args.begin(), args.end());
  // stdin: true (kubectl run -i): the process waits for whoever attaches; the
  // attached session ends it (Kubelet::main_process_exited).
  if (api::field(container, {"stdin"}) == true) {
    plan.runs_forever = true;
    plan.ignores_sigterm = true;
    return plan;
  }
  if (argv.empty()) {
    // busybox/alpine `sh`, perl's `perl -de0`: with no TTY they read EOF and exit 0.
    plan.runs_for = sim::millis(50);
    return plan;
  }
  Runner r(plan, started, image.kind == ImageKind::Server, userland_of(image).programs);
  const bool via_shell = is_shell(argv[0]);
  const int status = r.run(argv, false);
  if (!plan.runs_forever && plan.start_error.empty()) {
    if (!r.done()) plan.exit_code = status;
    plan.runs_for = r.elapsed() + sim::millis(20);
  }
  // A shell waiting in `sleep` does not forward SIGTERM; servers handle it.
  plan.ignores_sigterm = via_shell || basename(argv[0]) == "sleep";
  apply_memory_limit(plan, container);
  return plan;
}

}  // namespace kt::node
