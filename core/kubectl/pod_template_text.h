// describe.DescribePodTemplate (kubectl/pkg/describe/describe.go) as `kubectl rollout
// history --revision=N` prints it: no tabwriter, so the tabs stay in the text.
//   Pod Template:
//     Labels:\tapp=nginx
//   \tpod-template-hash=6c9764bb69
//     Containers:
//      nginx:
//       Image:\tnginx:1.15-alpine
//       Port:\t80/TCP
//       ...
// Covers labels, annotations, service account, (init) containers with command, args,
// resources, probes, env, mounts; volumes of the common kinds (emptyDir, hostPath,
// configMap, secret, persistentVolumeClaim), priority class, node selectors and
// tolerations.
// FIXME: other volume kinds print only their name; topology spread constraints are
// not printed. (kubectl describe has the same template block: share it once both exist.)
#pragma once

#include <string>

#include "core/api/json.h"

namespace kt::kubectl {

std::string describe_pod_template(const Json& tmpl);

}  // namespace kt::kubectl
