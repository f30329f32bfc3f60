// Job control as bash has it, for commands that keep running (job.h): the job
// table (`cmd &` fills it in exec.cpp), `jobs`, `kill`, `fg`, `bg` and `wait`, and
// the "[1]+  Done                    cmd" lines. Map:
//   1. describing a command, the table's lines, finding a job by its spec
//   2. polling the running jobs
//   3. the builtins
#include <algorithm>
#include <cstdio>

#include "core/sandbox.h"
#include "core/terminal/shell_state.h"

namespace kt::term {

// ---- 1. the table ----------------------------------------------------------------
namespace {

std::string describe_command(const Command& c) {
  std::string out;
  auto add = [&](const std::string& w) { out += (out.empty() ? "" : " ") + w; };
  switch (c.kind) {
    case Command::Kind::Simple:
      for (const auto& a : c.assignments) add(a);
      for (const auto& w : c.words) add(w);
      for (const auto& r : c.redirects) {
        if (r.op == "<<" || r.op == "<<-") add(r.op + " " + r.target);
        else add((r.fd >= 0 && r.fd != 1 && r.op != "<" ? std::to_string(r.fd) : "") + r.op + " " + r.target);
      }
      return out;
    case Command::Kind::Subshell: return "( … )";
    case Command::Kind::Group: return "{ … }";
    case Command::Kind::For:
    case Command::Kind::ArithFor: return "for … done";
    case Command::Kind::While: return "while … done";
    case Command::Kind::Until: return "until … done";
    case Command::Kind::If: return "if … fi";
    default: return "…";
  }
}

}  // namespace

std::string describe(const AndOr& a) {
  std::string out;
  for (std::size_t i = 0; i < a.pipelines.size(); ++i) {
    if (i > 0) out += " " + a.ops[i - 1] + " ";
    const Pipeline& p = a.pipelines[i];
    if (p.negate) out += "! ";
    for (std::size_t k = 0; k < p.commands.size(); ++k) out += (k ? " | " : "") + describe_command(p.commands[k]);
  }
  return out;
}

std::string ShellState::job_line(const BackgroundJob& j, bool with_pid) const {
  char marker = ' ';
  if (!jobs.empty() && &j == &jobs.back()) marker = '+';
  else if (jobs.size() > 1 && &j == &jobs[jobs.size() - 2]) marker = '-';
  std::string status;
  switch (j.state) {
    case BackgroundJob::State::Running: status = "Running"; break;
    case BackgroundJob::State::Done: status = j.exit_code == 0 ? "Done" : "Exit " + std::to_string(j.exit_code); break;
    case BackgroundJob::State::Stopped: status = j.signal_name; break;
  }
  // bash pads the state to 24 columns: "[1]+  Running                 sleep 100 &".
  std::string line = "[" + std::to_string(j.number) + "]" + marker + " ";
  if (with_pid) line += std::to_string(j.pid) + " ";
  else line += " ";
  line += status + std::string(status.size() < 24 ? 24 - status.size() : 1, ' ') + j.command;
  if (j.state == BackgroundJob::State::Running) line += " &";
  return line + "\n";
}

BackgroundJob* ShellState::find_job(const std::string& spec) {
  if (jobs.empty()) return nullptr;
  if (spec.empty() || spec == "%" || spec == "%%" || spec == "%+") return &jobs.back();
  if (spec == "%-") return jobs.size() > 1 ? &jobs[jobs.size() - 2] : &jobs.back();
  std::string s = spec[0] == '%' ? spec.substr(1) : spec;
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) {
    const int n = std::stoi(s);
    for (auto& j : jobs)
      if (j.number == n) return &j;
    return nullptr;
  }
  for (auto& j : jobs)  // %kubectl: the job whose command starts so
    if (j.command.compare(0, s.size(), s) == 0) return &j;
  return nullptr;
}

// ---- 2. polling ------------------------------------------------------------------
std::string ShellState::poll_jobs() {
  std::string out;
  for (auto& j : jobs) {
    if (j.state != BackgroundJob::State::Running || !j.job) continue;
    out += j.job->poll();
    if (j.job->done()) {
      j.state = BackgroundJob::State::Done;
      j.exit_code = j.job->exit_code();
    }
  }
  return out;
}

// ---- 3. builtins -----------------------------------------------------------------
namespace {

// jobs [-l|-p]: the table; the jobs that ended are shown once, then forgotten.
int jobs_cmd(Invocation& inv) {
  bool pids = false, longer = false;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-p") pids = true;
    else if (inv.argv[i] == "-l") longer = true;
    else if (inv.argv[i][0] == '-') return inv.fail("-bash: jobs: " + inv.argv[i] + ": invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n", 2);
  }
  ShellState& sh = inv.sh;
  inv.out(sh.poll_jobs());
  for (const auto& j : sh.jobs) inv.out(pids ? std::to_string(j.pid) + "\n" : sh.job_line(j, longer));
  sh.jobs.erase(std::remove_if(sh.jobs.begin(), sh.jobs.end(),
                               [](const BackgroundJob& j) { return j.state != BackgroundJob::State::Running; }),
                sh.jobs.end());
  return 0;
}

struct Signal {
  const char* name;
  int number;
  const char* text;  // how bash reports a job it ended
};
constexpr Signal kSignals[] = {{"HUP", 1, "Hangup"}, {"INT", 2, "Interrupt"}, {"QUIT", 3, "Quit"},
                               {"KILL", 9, "Killed"}, {"TERM", 15, "Terminated"}};

const Signal* find_signal(std::string s) {
  if (s.rfind("SIG", 0) == 0) s = s.substr(3);
  for (const auto& sig : kSignals)
    if (s == sig.name || s == std::to_string(sig.number)) return &sig;
  return nullptr;
}

// kill [-s SIG | -SIG] %N|PID …: stops background jobs (their resources go with them).
int kill_cmd(Invocation& inv) {
  const Signal* sig = &kSignals[4];
  std::size_t i = 1;
  const std::string usage =
      "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";
  if (i < inv.argv.size() && inv.argv[i] == "-l") {
    std::string out;
    for (const auto& s : kSignals) out += std::to_string(s.number) + ") SIG" + s.name + "\n";
    inv.out(out);
    return 0;
  }
  if (i < inv.argv.size() && (inv.argv[i] == "-s" || inv.argv[i] == "-n")) {
    if (i + 1 >= inv.argv.size()) return inv.fail("-bash: kill: " + inv.argv[i] + ": option requires an argument\n" + usage, 2);
    sig = find_signal(inv.argv[i + 1]);
    if (!sig) return inv.fail("-bash: kill: " + inv.argv[i + 1] + ": invalid signal specification\n");
    i += 2;
  } else if (i < inv.argv.size() && inv.argv[i].size() > 1 && inv.argv[i][0] == '-') {
    sig = find_signal(inv.argv[i].substr(1));
    if (!sig) return inv.fail("-bash: kill: " + inv.argv[i].substr(1) + ": invalid signal specification\n");
    ++i;
  }
  if (i >= inv.argv.size()) return inv.fail(usage, 2);
  ShellState& sh = inv.sh;
  inv.out(sh.poll_jobs());
  int status = 0;
  for (; i < inv.argv.size(); ++i) {
    const std::string& target = inv.argv[i];
    BackgroundJob* j = nullptr;
    if (target[0] == '%') {
      j = sh.find_job(target);
      if (!j) {
        status = inv.fail("-bash: kill: " + target + ": no such job\n");
        continue;
      }
    } else if (target.find_first_not_of("0123456789") != std::string::npos) {
      status = inv.fail("-bash: kill: " + target + ": arguments must be process or job IDs\n");
      continue;
    } else {
      for (auto& job : sh.jobs)
        if (std::to_string(job.pid) == target) j = &job;
    }
    if (!j || j->state != BackgroundJob::State::Running) {
      status = inv.fail("-bash: kill: (" + (j ? std::to_string(j->pid) : target) + ") - No such process\n");
      continue;
    }
    if (j->job) j->job->stop();
    j->state = BackgroundJob::State::Stopped;
    j->signal_name = sig->text;
    j->exit_code = 128 + sig->number;
  }
  return status;
}

// fg [%N]: the job comes back to the foreground (the terminal streams it again).
int fg_cmd(Invocation& inv) {
  ShellState& sh = inv.sh;
  const std::string spec = inv.argv.size() > 1 ? inv.argv[1] : "";
  inv.out(sh.poll_jobs());
  BackgroundJob* j = sh.find_job(spec);
  if (!j) return inv.fail("-bash: fg: " + (spec.empty() ? std::string("current") : spec) + ": no such job\n");
  if (j->state != BackgroundJob::State::Running || !j->job) return inv.fail("-bash: fg: job has terminated\n");
  inv.out(j->command + "\n");
  JobPtr job = j->job;
  sh.jobs.erase(sh.jobs.begin() + (j - sh.jobs.data()));
  return inv.run_job(std::move(job));
}

int bg_cmd(Invocation& inv) {
  ShellState& sh = inv.sh;
  const std::string spec = inv.argv.size() > 1 ? inv.argv[1] : "";
  BackgroundJob* j = sh.find_job(spec);
  if (!j) return inv.fail("-bash: bg: " + (spec.empty() ? std::string("current") : spec) + ": no such job\n");
  if (j->state != BackgroundJob::State::Running) return inv.fail("-bash: bg: job has terminated\n");
  return inv.fail("-bash: bg: job " + std::to_string(j->number) + " already in background\n", 0);
}

// wait [%N|PID]: runs the background jobs to their end (fast-forward, job.h).
int wait_cmd(Invocation& inv) {
  ShellState& sh = inv.sh;
  int status = 0;
  for (auto& j : sh.jobs) {
    if (inv.argv.size() > 1 && sh.find_job(inv.argv[1]) != &j && std::to_string(j.pid) != inv.argv[1]) continue;
    if (j.state == BackgroundJob::State::Running && j.job) {
      JobResult r = run_to_end(sh.sandbox, *j.job);
      inv.out(r.output);
      j.state = BackgroundJob::State::Done;
      j.exit_code = r.exit_code;
    }
    status = j.exit_code;
  }
  return status;
}

}  // namespace

void register_job_commands(CommandTable& t) {
  t["jobs"] = {jobs_cmd, ""};
  t["kill"] = {kill_cmd, ""};
  t["fg"] = {fg_cmd, ""};
  t["bg"] = {bg_cmd, ""};
  t["wait"] = {wait_cmd, ""};
}

}  // namespace kt::term
