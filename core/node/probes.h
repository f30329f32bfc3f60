// One probe of a container, evaluated at this instant against what the container
// really is: exec runs its command against the container's files and programs
// (`cat /tmp/healthy` fails once the process removed the file), httpGet asks the
// image's HTTP server on that port (nginx answers 404 for a missing page), tcpSocket
// succeeds when the process listens there. Failure messages are the kubelet's, as
// the Unhealthy events show them.
#pragma once

#include <string>

#include "core/api/json.h"
#include "core/node/pod_state.h"
#include "core/sim/time.h"

namespace kt::node {

struct ProbeResult {
  bool success = false;
  std::string message;  // why it failed: "HTTP probe failed with statuscode: 404"
};

ProbeResult run_probe(const Json& probe, const ContainerState& c, const std::string& pod_ip,
                      const std::string& hostname, sim::Time now);

// The probe's timing, with the API defaults.
struct ProbeTiming {
  sim::Duration initial_delay, period;
  int success_threshold = 1, failure_threshold = 3;
};
ProbeTiming probe_timing(const Json& probe);

}  // namespace kt::node
