// The line kubectl v1.32 writes when cobra itself rejects a command line (a required
// flag missing): klog's error header with the time and process id, then
// `"command failed" err="…"`, and exit status 1.
#include <cstdio>

#include "core/kubectl/command.h"
#include "core/sandbox.h"
#include "core/util/go_quote.h"
#include "core/util/timefmt.h"

namespace kt::kubectl {

std::string command_failed(Sandbox& sb, const std::string& err) {
  const sim::Time now = sb.sim().now();
  const util::CivilTime c = util::civil_from_time(now);
  const auto micros = static_cast<int>(((now.us % 1000000) + 1000000) % 1000000);
  // Each kubectl run is a new process: a plausible, deterministic pid.
  const int pid = 20000 + static_cast<int>((now.us / 1000) % 40000);
  char head[64];
  std::snprintf(head, sizeof head, "E%02d%02d %02d:%02d:%02d.%06d %7d ", c.month, c.day, c.hour, c.minute, c.second,
                micros, pid);
  return std::string(head) + "run.go:72] \"command failed\" err=" + util::go_quote(err) + "\n";
}

}  // namespace kt::kubectl
