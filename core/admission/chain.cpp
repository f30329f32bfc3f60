#include "core/admission/chain.h"

#include <memory>

#include "core/admission/default_storage_class.h"
#include "core/admission/default_toleration_seconds.h"
#include "core/admission/limit_ranger.h"
#include "core/admission/namespace_lifecycle.h"
#include "core/admission/priority.h"
#include "core/admission/resource_quota.h"
#include "core/admission/service_account.h"
#include "core/api/apiserver.h"
#include "core/sim/random.h"

namespace kt::admission {

void install_default_admission(api::ApiServer& api, std::uint64_t seed) {
  const sim::Random root(seed);
  api.add_admission(std::make_unique<NamespaceLifecycle>());
  api.add_admission(std::make_unique<LimitRanger>());
  api.add_admission(std::make_unique<ServiceAccountAdmission>(root.fork("admission/serviceaccount")));
  api.add_admission(std::make_unique<PriorityAdmission>());
  api.add_admission(std::make_unique<DefaultTolerationSeconds>());
  api.add_admission(std::make_unique<DefaultStorageClass>());
  api.add_admission(std::make_unique<ResourceQuotaAdmission>());
}

}  // namespace kt::admission
