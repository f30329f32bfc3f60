#include "core/controllers/job/ttl_after_finished.h"

#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

TTLAfterFinishedController::TTLAfterFinishedController(api::ApiServer& api, client::SharedInformerFactory& factory,
                                                       int workers)
    : client::Controller(api.sim(), client::Controller::Options{"ttl-after-finished-controller", workers, {}, nullptr}),
      api_(api), jobs_(factory.informer("batch", "jobs")) {
  client::ResourceEventHandler h;
  h.on_add = [this](const ObjectPtr& j) { enqueue(*j); };
  h.on_update = [this](const ObjectPtr&, const ObjectPtr& j) { enqueue(*j); };
  handler_ = jobs_.add_handler(std::move(h));
}

TTLAfterFinishedController::~TTLAfterFinishedController() { jobs_.remove_handler(handler_); }

SyncResult TTLAfterFinishedController::sync(const std::string& key) {
  ObjectPtr job = jobs_.get(key);
  if (!job || api::meta::being_deleted(*job)) return SyncResult::ok();
  const Json& ttl = api::field(*job, {"spec", "ttlSecondsAfterFinished"});
  if (!ttl.is_number_integer()) return SyncResult::ok();
  std::optional<sim::Time> finished;
  const Json& conds = api::field(*job, {"status", "conditions"});
  if (conds.is_array())
    for (const auto& c : conds)
      if ((c.value("type", "") == "Complete" || c.value("type", "") == "Failed") && c.value("status", "") == "True")
        finished = util::parse_rfc3339(c.value("lastTransitionTime", std::string()));
  if (!finished) return SyncResult::ok();
  const sim::Time expires = *finished + sim::seconds(ttl.get<std::int64_t>());
  const sim::Time now = api_.sim().now();
  if (expires > now) return SyncResult::requeue_after(expires - now);
  api::DeleteOptions opts;
  opts.propagation = api::Propagation::Background;
  opts.precondition_uid = api::meta::uid(*job);
  try {
    api_.remove(api_.resource("batch", "jobs"), api::meta::namespace_of(*job), api::meta::name(*job), opts);
  } catch (const api::ApiError& e) {
    if (e.code() != 404 && e.code() != 409) return SyncResult::retry(e.message());
  }
  return SyncResult::ok();
}

}  // namespace kt::controllers
