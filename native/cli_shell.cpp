// `kubetab shell`: the interactive terminal. On a TTY, keys go raw into the same
// Terminal class the browser uses, and virtual time follows wall time (a Pacer);
// from a pipe, lines are read and echoed like a plain shell (a command that keeps
// running, such as kubectl get -w, then runs in fast-forward: core/terminal/job.h).
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "core/sim/pacer.h"
#include "core/terminal/terminal.h"
#include "native/cli.h"

namespace kt::cli {
namespace {

class RawMode {
 public:
  RawMode() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0;
  }
  ~RawMode() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }

 private:
  termios saved_{};
  bool active_ = false;
};

int interactive(Sandbox& sandbox) {
  RawMode raw;
  Terminal term(sandbox, [](std::string_view s) {
    std::cout.write(s.data(), static_cast<std::streamsize>(s.size()));
    std::cout.flush();
  });
  sim::Pacer pacer(sandbox.sim());
  auto last = std::chrono::steady_clock::now();
  term.start();
  char buf[256];
  while (!term.closed()) {
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    const int ready = poll(&pfd, 1, 100);
    auto now = std::chrono::steady_clock::now();
    pacer.on_wall_elapsed(std::chrono::duration<double>(now - last).count());
    last = now;
    term.tick();  // a running command's new output (kubectl get -w, logs -f, ...)
    if (ready <= 0) continue;
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) break;
    if (n == 1 && buf[0] == '\x04') break;  // Ctrl-D
    term.input(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  std::cout << "\r\n";
  return 0;
}

int piped(Sandbox& sandbox) {
  Shell shell(sandbox);
  std::string line, input;
  std::cout << shell.prompt() << std::flush;
  while (std::getline(std::cin, line)) {
    input += input.empty() ? line : "\n" + line;
    if (shell.needs_more(input)) {
      std::cout << "> " << std::flush;
      continue;
    }
    CommandResult r = shell.run(input);
    input.clear();
    std::cout << r.output;
    if (shell.exit_requested()) return r.exit_code;
    std::cout << shell.prompt() << std::flush;
  }
  std::cout << "\n";
  return 0;
}

}  // namespace

int shell(const Options& opts) {
  Sandbox sandbox(opts.sandbox);
  return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) ? interactive(sandbox) : piped(sandbox);
}

}  // namespace kt::cli
