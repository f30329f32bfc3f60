// What a container's main process does, decided from its image and its
// command/args: how long it runs, how it ends, what it writes to its log. The
// kubelet drives containers by these plans; `kubectl logs` reads the lines.
//
// Understood: an image's default process (servers run until stopped; busybox's `sh`
// and perl's default exit at once without a TTY); `sleep N|infinity`, `echo …`,
// `date`, `seq`, `exit N`, `true`, `false`, `[`/`test`, `perl … bpi(N)`,
// `tail -f …`, and these joined by `;`, `&&`, `||` or newlines in `sh -c` scripts,
// with shell variables (`i=0`, `$i`, `${i}`, `$((i+1))`, `$(seq 1 5)`, `$(date)`)
// and loops: `for i in …; do …; done`, `while COND; do …; done`, `until …`. A loop
// writes its lines at the virtual times its `sleep`s reach (one a second for
// `while true; do echo hello; sleep 1; done`) and the process exits when the loop
// ends. A loop that never ends is planned for its first 6 hours or 10000 lines,
// whichever comes first; it then runs on silently (bounded memory, far below the
// kubelet's 10 MiB log rotation). A binary the image lacks fails to start (exit 128,
// StartError).
//
// FIXME(issue 6): scripts are planned by this small interpreter, not the terminal's
// shell: pipes, if/case, functions and the container's files and environment are
// not seen by the process.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/node/images.h"
#include "core/sim/time.h"

namespace kt::node {

struct LogLine {
  sim::Duration at;  // after the process started
  std::string text;
};

// What the process does to its container's files, and when: `touch /tmp/healthy;
// sleep 30; rm -f /tmp/healthy` (the liveness tutorial), `echo ok > /tmp/ready`.
struct FileEffect {
  enum class Op { Write, Append, Remove, Mkdir };
  sim::Duration at;
  Op op = Op::Write;
  std::string path;
  std::string data;
};

struct ProcessPlan {
  bool runs_forever = false;
  sim::Duration runs_for{};  // when it exits on its own
  int exit_code = 0;
  std::vector<LogLine> logs;
  std::vector<FileEffect> files;
  // PID 1 without a SIGTERM handler (a shell running sleep) ignores SIGTERM: it
  // lives until the grace period ends and is SIGKILLed (exit 137).
  bool ignores_sigterm = false;
  // Set when the runtime cannot start it (exit 128, reason StartError).
  std::string start_error;
  // The memory it uses, and whether that exceeds the container's limit: the kernel's
  // OOM killer ends it (exit 137, reason OOMKilled) as soon as it allocates.
  std::int64_t memory_bytes = 0;
  bool oom_killed = false;
};

// `container` is the pod spec's container; `now` formats `date` output.
ProcessPlan plan_process(const ImageInfo& image, const Json& container, sim::Time started);

}  // namespace kt::node
