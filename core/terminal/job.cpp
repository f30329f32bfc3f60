// run_to_end: a job driven in fast-forward (see job.h).
#include "core/terminal/job.h"

#include <algorithm>

#include "core/sandbox.h"

namespace kt {

JobResult run_to_end(Sandbox& sandbox, Job& job) {
  JobResult r;
  r.output = job.poll();
  const sim::Time end = sandbox.sim().now() + job.batch_limit();
  while (!job.done() && sandbox.sim().now() < end) {
    sandbox.advance(std::min(sim::seconds(1), end - sandbox.sim().now()));
    r.output += job.poll();
  }
  if (job.done()) {
    r.exit_code = job.exit_code();
  } else {
    job.stop();
    r.output += job.on_batch_timeout(r.exit_code);
  }
  return r;
}

}  // namespace kt
