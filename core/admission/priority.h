// Priority (plugin/pkg/admission/priority): resolves a new pod's priority.
//   - a pod naming spec.priorityClassName gets the class's value and preemptionPolicy;
//     an unknown class is refused (403 `no PriorityClass with name x was found`);
//   - a pod naming none gets the globalDefault class (the lowest value when several
//     claim it), else priority 0 and PreemptLowerPriority;
//   - a priority or preemptionPolicy the client set that differs from the computed
//     one is refused ("the integer value of priority (5) must not be provided in pod
//     spec; priority admission controller computed 0 from the given PriorityClass name");
//   - on update the stored pod's values carry over when the new object omits them.
// Validating half: only one PriorityClass may be globalDefault ("PriorityClass x is
// already marked as default. Only one default can exist").
#pragma once

#include "core/api/admission.h"

namespace kt::admission {

class PriorityAdmission : public api::AdmissionPlugin {
 public:
  std::string name() const override { return "Priority"; }
  void admit(api::AdmissionRequest& req, api::ApiServer& api) override;
  void validate(const api::AdmissionRequest& req, api::ApiServer& api) override;
};

}  // namespace kt::admission
