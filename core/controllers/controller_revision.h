// ControllerRevisions as the DaemonSet and StatefulSet controllers keep them
// (pkg/controller/history): one per pod template, named `<owner>-<hash>`, owned by
// the workload, carrying its annotations (its change-cause), holding the template as
// a replace patch of spec.template. Reusing
// an older template moves its revision to the top (what `rollout undo` relies on).
#pragma once

#include <string>

#include "core/api/apiserver.h"

namespace kt::controllers {

// Finds or creates the revision `name` of `owner` for its spec.template, labelled
// controller-revision-hash=`hash_label`. Returns "" or the API error's message.
std::string ensure_controller_revision(api::ApiServer& api, const Json& owner, const std::string& name,
                                       const std::string& hash_label);

}  // namespace kt::controllers
